"""The screen a workbench shows when it has nothing to show yet.

An empty tab must still tell the user what the workbench is for and what to do
next, with buttons that actually do it. The texts are set (and reset after a
language switch) by the owning view, which has the translation context.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

ICON_SIZE = QSize(72, 72)


class EmptyState(QWidget):
    def __init__(self, icon: QIcon | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon_label = QLabel(self)
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if icon is not None:
            self.icon_label.setPixmap(icon.pixmap(ICON_SIZE))
        self.title_label = QLabel(self)
        self.title_label.setObjectName("emptyStateTitle")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        self.text_label = QLabel(self)
        self.text_label.setObjectName("emptyStateText")
        self.text_label.setWordWrap(True)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setMaximumWidth(680)
        self.text_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("emptyStateHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint_label.setMaximumWidth(680)
        self.hint_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted, theme-aware
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(12)
        self._buttons.addStretch(1)
        self._buttons.addStretch(1)
        self.buttons: list[QPushButton] = []
        self._build_layout()

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(14)
        layout.addStretch(2)
        layout.addWidget(self.icon_label)
        layout.addWidget(self.title_label)
        for label in (self.text_label, self.hint_label):
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(label, 10)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addSpacing(8)
        layout.addLayout(self._buttons)
        layout.addStretch(3)

    def add_button(
        self, callback: Callable[[], object], *, primary: bool = False, object_name: str = ""
    ) -> QPushButton:
        """Add a button (its text comes from :meth:`set_texts`)."""
        button = QPushButton(self)
        button.setMinimumHeight(34)
        button.setMinimumWidth(140)
        button.setDefault(primary)
        if object_name:
            button.setObjectName(object_name)
        button.clicked.connect(lambda _checked=False: callback())
        self._buttons.insertWidget(self._buttons.count() - 1, button)
        self.buttons.append(button)
        return button

    def set_texts(self, title: str, text: str, hint: str = "", buttons: list[str] | None = None) -> None:
        self.title_label.setText(title)
        self.text_label.setText(text)
        self.hint_label.setText(hint)
        self.hint_label.setVisible(bool(hint))
        for button, label in zip(self.buttons, buttons or [], strict=False):
            button.setText(label)
