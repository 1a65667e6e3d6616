"""The main window's way to 《跨平台运营数据简报》: 报表 → 周报… (Ctrl+R).

It asks for the week and the file (:class:`WeeklyReportDialog`), runs
:func:`generate_weekly` in a background :class:`Task` (progress dialog,
cancel), then offers to open the workbook or its folder. The last folder is
remembered in ``Settings.extra`` so next Monday's report lands beside this
one. Failures are shown as the service words them (a file open in Excel, a
missing folder), never as a traceback.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from shopdesk.services.database import Database
from shopdesk.services.reports.weekly import WeeklyResult, generate_weekly
from shopdesk.services.reports.xlsx import ReportWriteError
from shopdesk.settings import Settings
from shopdesk.tasks.progress import Progress
from shopdesk.tasks.runner import Task
from shopdesk.ui.reports.weekly_dialog import WeeklyReportDialog

log = logging.getLogger(__name__)
LAST_FOLDER_KEY = "last_report_folder"


class ReportController(QObject):
    written = Signal(object)  # Path of the finished workbook
    failed = Signal(str)  # the message shown

    def __init__(self, window: QWidget, settings: Settings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.database: Database | None = None
        self.dialog: WeeklyReportDialog | None = None
        self.task: Task | None = None
        self.message_box: QMessageBox | None = None

    def set_database(self, database: Database | None) -> None:
        self.database = database

    @property
    def last_folder(self) -> Path:
        folder = self.settings.extra.get(LAST_FOLDER_KEY)
        if isinstance(folder, str) and Path(folder).is_dir():
            return Path(folder)
        return Path.home()

    def weekly_report(self) -> WeeklyReportDialog | None:
        """Show the week-and-file dialog; the report starts when it is accepted."""
        if self.database is None:
            self._show(QMessageBox.Icon.Information, self.tr("Open a database first."))
            return None
        if self.task is not None and self.task.is_running:
            return None
        dialog = WeeklyReportDialog(self.last_folder, parent=self.window)
        dialog.accepted.connect(lambda: self._start(dialog))
        dialog.open()
        self.dialog = dialog
        return dialog

    def _start(self, dialog: WeeklyReportDialog) -> None:
        week, path = dialog.week(), dialog.path()
        if week is None or path is None or self.database is None:
            return
        self.settings.extra[LAST_FOLDER_KEY] = str(path.parent)
        self.settings.save()
        database = self.database

        def job(progress: Progress) -> WeeklyResult:
            return generate_weekly(database, week, path, progress)

        title = self.tr("Writing the weekly report {week}…").format(week=week)
        task = Task(job, title=title, parent=self.window)
        task.finished.connect(self._written)
        task.failed.connect(self._failed)
        self.task = task.start()

    def _written(self, result: WeeklyResult) -> None:
        text = self.tr("The weekly report {week} was written to\n{path}").format(
            week=result.data.week.label, path=result.path
        )
        if not result.data.has_sales:
            empty = self.tr("There are no orders in that week or the week before: import orders first.")
            text += "\n\n" + empty
        box = self._show(QMessageBox.Icon.Information, text, ok=False)
        open_file = box.addButton(self.tr("Open file"), QMessageBox.ButtonRole.AcceptRole)
        open_folder = box.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(open_file)
        open_file.clicked.connect(lambda: _open(result.path))
        open_folder.clicked.connect(lambda: _open(result.path.parent))
        box.open()
        self.written.emit(result.path)

    def _failed(self, error: object) -> None:
        if isinstance(error, ReportWriteError):
            message = str(error)
        else:
            message = self.tr("The weekly report could not be written: {error}").format(error=error)
        self._show(QMessageBox.Icon.Warning, message).open()
        self.failed.emit(message)

    def _show(self, icon: QMessageBox.Icon, text: str, ok: bool = True) -> QMessageBox:
        buttons = QMessageBox.StandardButton.Ok if ok else QMessageBox.StandardButton.NoButton
        box = QMessageBox(icon, self.tr("Weekly report"), text, buttons, self.window)
        box.setObjectName("weeklyReportMessage")
        if ok and icon is QMessageBox.Icon.Information:
            box.open()
        self.message_box = box
        return box

    def cancel(self) -> None:
        if self.task is not None and self.task.is_running:
            self.task.cancel()


def _open(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
