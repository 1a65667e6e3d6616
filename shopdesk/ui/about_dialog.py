"""关于 shopdesk: versions and where the data is — what support asks for first."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

import shopdesk
from shopdesk import paths


class AboutDialog(QDialog):
    def __init__(self, database_location: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About shopdesk"))
        self.label = QLabel(self)
        self.label.setObjectName("aboutText")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setWordWrap(True)
        self.label.setText(self.text(database_location))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def text(self, database_location: str | None) -> str:
        rows = [
            (self.tr("Version"), shopdesk.__version__),
            (self.tr("Qt / PySide6"), f"{qVersion()} / {PySide6.__version__}"),
            (self.tr("Python"), platform.python_version()),
            (self.tr("Database"), database_location or self.tr("none open")),
            (self.tr("Data folder"), str(paths.home())),
        ]
        cells = "".join(
            f"<tr><td style='padding-right:12px'><b>{k}</b></td><td>{_escape(v)}</td></tr>" for k, v in rows
        )
        intro = self.tr("One desk for Taobao/Tmall, JD, Pinduoduo and Douyin operations.")
        return f"<h2>shopdesk {shopdesk.__version__}</h2><p>{intro}</p><table>{cells}</table>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
