"""A workbench tab that is not built yet: it shows an honest empty state.

The tab says what the workbench will do and offers what the user *can* do now
(open the demo data, open another database). Subclasses provide the icon and the
texts in their own translation context through :meth:`texts`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from shopdesk.ui.icons import icon
from shopdesk.ui.widgets.empty_state import EmptyState


class PlaceholderView(QWidget):
    open_demo_requested = Signal()
    open_database_requested = Signal()

    icon_name = "shopdesk"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_state = EmptyState(icon(self.icon_name), self)
        self.empty_state.add_button(self.open_demo_requested.emit, primary=True, object_name="openDemo")
        self.empty_state.add_button(self.open_database_requested.emit, object_name="openDatabase")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_state)
        self.retranslate_ui()

    def texts(self) -> tuple[str, str]:
        """(title, what this workbench will do) — overridden per tab."""
        raise NotImplementedError

    def set_database(self, database: object | None) -> None:
        """Tabs that are not built yet do not read the database."""

    def retranslate_ui(self) -> None:
        title, text = self.texts()
        hint = self.tr(
            "This workbench is still being built. Meanwhile you can open the demo data to look "
            "around, or open another database; the Dashboard tab shows what a database contains."
        )
        self.empty_state.set_texts(title, text, hint, [self.tr("Open demo data"), self.tr("Open database…")])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
