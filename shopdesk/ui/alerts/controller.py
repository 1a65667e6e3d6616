"""The main window's way into alerts: 设置 → 预警规则…, and a notice when an import raised alerts.

The notice is non-modal: the import finished fine, the alerts are news, not
something to click away before working on.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from shopdesk.services.alerts.events import AlertView
from shopdesk.services.database import Database
from shopdesk.ui.alerts.rules_dialog import RulesDialog

MAX_LISTED = 5


class AlertsController(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.database: Database | None = None
        self.rules_dialog: RulesDialog | None = None
        self.notice: QMessageBox | None = None

    def set_database(self, database: Database | None) -> None:
        if database is self.database:
            return
        self.database = database
        if self.rules_dialog is not None:
            self.rules_dialog.close()
            self.rules_dialog = None

    def show_rules(self) -> RulesDialog | None:
        if self.database is None:
            QMessageBox.information(
                self.window, self.tr("Alert rules"), self.tr("Open or create a database first.")
            )
            return None
        self.rules_dialog = RulesDialog(self.database, self.window)
        self.rules_dialog.open()
        return self.rules_dialog

    def show_notice(self, views: list[AlertView]) -> QMessageBox | None:
        """Tell the user, without blocking, that the import raised ``views``."""
        if not views:
            return None
        lines = [f"• {v.rule}：{(v.lines() or [''])[0]}" for v in views[:MAX_LISTED]]
        if len(views) > MAX_LISTED:
            lines.append(self.tr("… and {n} more").format(n=len(views) - MAX_LISTED))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("New alerts"), "", QMessageBox.StandardButton.Ok)
        box.setParent(self.window, box.windowFlags())
        box.setObjectName("newAlertsNotice")
        box.setText(self.tr("The import raised {n} new alerts:").format(n=len(views)))
        box.setInformativeText("\n".join(lines))
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        self.notice = box
        return box
