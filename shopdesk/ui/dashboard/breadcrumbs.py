"""Where the drill-down is (全部 › 淘宝/天猫 › 商品名), a way back, and whether a load is running.

Every crumb but the last is a link to its level; the back button and the view's
Backspace / Alt+← shortcuts go up one level. The loading text lives here
because this bar is always visible while the figures under it are replaced.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from shopdesk.ui.dashboard import formats


class Breadcrumbs(QWidget):
    level_chosen = Signal(int)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back = QToolButton(self)
        self.back.setObjectName("dashboardBack")
        self.back.setAutoRaise(True)
        self.back.clicked.connect(self.back_requested.emit)
        self.trail = QLabel(self)
        self.trail.setObjectName("breadcrumbs")
        self.trail.linkActivated.connect(lambda href: self.level_chosen.emit(int(href)))
        self.loading = QLabel(self)
        self.loading.setObjectName("dashboardLoading")
        self.loading.setStyleSheet(f"color: {formats.GREY};")
        self.loading.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 0, 12, 0)
        layout.addWidget(self.back)
        layout.addWidget(self.trail)
        layout.addStretch(1)
        layout.addWidget(self.loading)
        self.crumbs: list[str] = []
        self.retranslate_ui()

    def set_crumbs(self, crumbs: list[str]) -> None:
        """``crumbs[0]`` is the overview; the last one is where the user is."""
        self.crumbs = crumbs
        parts = [
            f"<a href='{i}' style='text-decoration:none'>{escape(c)}</a>" for i, c in enumerate(crumbs[:-1])
        ]
        parts.append(f"<b>{escape(crumbs[-1])}</b>")
        self.trail.setText(" › ".join(parts))
        self.back.setEnabled(len(crumbs) > 1)

    def set_loading(self, loading: bool) -> None:
        self.loading.setVisible(loading)

    def retranslate_ui(self) -> None:
        self.back.setText(self.tr("◀ Back"))
        self.back.setToolTip(self.tr("Up one level (Backspace or Alt+←)"))
        self.loading.setText(self.tr("Loading…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
