"""Open a database (or create the demo one) off the GUI thread, with progress.

The start-up path (``shopdesk``, ``shopdesk --demo``) and the menu/empty-state
buttons all come through here, so "open the demo data" behaves the same from the
command line and from a button. Migrations can take a while, so ``open_database``
always runs in a :class:`~shopdesk.tasks.runner.Task`; errors become a Chinese
(or English) message box with the technical details folded away.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from shopdesk import paths
from shopdesk.db.migrate import MigrationError
from shopdesk.services.database import Database, open_database
from shopdesk.tasks.progress import Progress
from shopdesk.tasks.runner import Task

log = logging.getLogger(__name__)


def remove_sqlite_file(path: Path) -> None:
    """Remove a half-written SQLite file and its WAL side files."""
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        candidate.unlink(missing_ok=True)


class DatabaseOpener(QObject):
    opened = Signal(object)  # Database
    failed = Signal(str)  # the message shown to the user
    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self.task: Task | None = None
        self.message_box: QMessageBox | None = None

    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.is_running

    def choose_file(self) -> None:
        """Ask for a .sqlite3/.db file and open it."""
        start = str(paths.data_dir())
        filename, _filter = QFileDialog.getOpenFileName(
            self._window,
            self.tr("Open database"),
            start,
            self.tr("shopdesk databases (*.sqlite3 *.db);;All files (*)"),
        )
        if filename:
            self.open_location(filename)

    def open_location(self, location: str | Path) -> None:
        """Migrate and open ``location`` (a path or URL) on a worker thread."""
        if self.busy:
            return
        task = Task(
            lambda progress: _open(location, progress),
            title=self.tr("Opening the database…"),
            parent=self._window,
        )
        task.finished.connect(self.opened.emit)
        task.failed.connect(lambda error: self._show_open_error(str(location), error))
        self._run(task)

    def open_demo(self) -> None:
        """Open the demo database, generating it first when it does not exist."""
        path = paths.demo_db_path()
        if path.exists():
            self.open_location(path)
            return
        if self.busy:
            return
        try:
            from shopdesk.services.demo import generate
        except ImportError as exc:
            self._show_error(self.tr("The demo data generator is not available in this version."), exc)
            return
        task = Task(
            lambda progress: generate(path, progress=progress),
            title=self.tr("Writing demo data…"),
            parent=self._window,
        )
        task.finished.connect(lambda _summary: self._after_demo(path))
        task.failed.connect(lambda error: self._demo_failed(path, error))
        task.cancelled.connect(lambda: remove_sqlite_file(path))
        self._run(task)

    def _after_demo(self, path: Path) -> None:
        self.task = None
        self.open_location(path)

    def _demo_failed(self, path: Path, error: BaseException) -> None:
        if not isinstance(error, FileExistsError):
            remove_sqlite_file(path)
        self._show_error(self.tr("The demo data could not be written."), error)

    def _run(self, task: Task) -> None:
        self.task = task
        self.busy_changed.emit(True)
        task.done.connect(lambda: self.busy_changed.emit(self.busy))
        task.start()

    def _show_open_error(self, location: str, error: BaseException) -> None:
        if isinstance(error, MigrationError):
            message = str(error)
        else:
            message = self.tr("Cannot open the database {location}.\n\n{reason}").format(
                location=location, reason=error
            )
        self._show_error(message, error)

    def _show_error(self, message: str, error: BaseException) -> None:
        """A non-blocking error box; the details hold the traceback for support."""
        log.error("%s", message)
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("shopdesk"),
            message,
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.setDetailedText("".join(traceback.format_exception(error)))
        box.open()
        self.message_box = box
        self.failed.emit(message)


def _open(location: str | Path, progress: Progress) -> Database:
    progress.step(0, 0)
    return open_database(location)
