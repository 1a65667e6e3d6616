"""The import dialog's dry runs and real imports, on the task runner.

The import dialog lists files and asks the questions; this object runs them:
it owns the one :class:`~shopdesk.tasks.runner.Task` at a time, moves the files
through their states (checking, importing, ready, refused…), turns each
:class:`~shopdesk.ui.imports.jobs.RunOutcome` back into them and words the
summary of an import. It tells the dialog by signal when to show the change, so
neither the dialog nor this module needs the other's insides.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from shopdesk.services.database import Database
from shopdesk.tasks.runner import Task
from shopdesk.ui.imports import files_model as fm
from shopdesk.ui.imports.files_model import FileEntry
from shopdesk.ui.imports.jobs import RunOutcome, run_files


class FileRuns(QObject):
    applied = Signal()  # a run's outcome is in the files' states: show it
    checked = Signal()  # a round of dry runs is applied
    imported = Signal(object, object)  # RunOutcome, the files it was asked to import (applied already)
    failed = Signal(object)  # the job itself broke (not one file); its files are marked failed

    def __init__(self, database: Database, entries: list[FileEntry], parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self.database = database
        self.entries = entries  # the dialog's list, shared
        self.task: Task | None = None

    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.is_running

    def check_pending(self) -> bool:
        """Dry-run every file waiting for it (one task for all); whether a task started."""
        if self.busy:
            return False
        waiting = [e for e in self.entries if e.state == fm.PENDING]
        if not waiting:
            return False
        for entry in waiting:
            entry.state = fm.CHECKING
        jobs = [e.job() for e in waiting]
        database = self.database
        task = Task(
            lambda progress: run_files(database, jobs, progress, dry_run=True),
            title=self.tr("Checking the files…"),
            parent=self._window,
        )
        task.finished.connect(self._checked)
        task.failed.connect(lambda error: self._failed(error, fm.CHECKING))
        self.task = task.start()
        return True

    def import_files(self, targets: list[FileEntry]) -> None:
        """Import ``targets`` for real (the caller made sure nothing else runs)."""
        # order files before item files, so a Taobao item file finds its orders
        targets.sort(key=lambda e: e.result is not None and e.result.kind != "orders")
        for entry in targets:
            entry.state = fm.IMPORTING
        jobs = [e.job() for e in targets]
        database = self.database
        task = Task(
            lambda progress: run_files(database, jobs, progress, dry_run=False),
            title=self.tr("Importing…"),
            parent=self._window,
        )
        task.finished.connect(lambda outcome: self._imported(outcome, targets))
        task.failed.connect(lambda error: self._failed(error, fm.IMPORTING))
        self.task = task.start()

    def cancel(self) -> None:
        if self.busy and self.task is not None:
            self.task.cancel()  # a cancelled import rolls back the file being written

    def _checked(self, outcome: RunOutcome) -> None:
        self.task = None
        self._apply(outcome, stopped_state=fm.STOPPED)
        self.checked.emit()

    def _imported(self, outcome: RunOutcome, targets: list[FileEntry]) -> None:
        self.task = None
        self._apply(outcome, stopped_state=fm.READY, imported=True)
        self.imported.emit(outcome, targets)

    def _apply(self, outcome: RunOutcome, *, stopped_state: str, imported: bool = False) -> None:
        by_key = {e.key: e for e in self.entries}
        for done in outcome.done:
            entry = by_key.get(done.key)
            if entry is None:
                continue  # removed meanwhile
            entry.result, entry.shops, entry.error = done.result, done.shops, done.error
            if done.error is not None or done.result is None:
                entry.state = fm.FAILED
            elif done.result.status == "refused":
                entry.state = fm.REFUSED
            else:
                entry.state = fm.IMPORTED if imported else fm.READY
        for key in (
            [outcome.cancelled_key] if outcome.cancelled_key is not None else []
        ) + outcome.not_started:
            if key in by_key:
                by_key[key].state = stopped_state
        self.applied.emit()

    def _failed(self, error: BaseException, state: str) -> None:
        """Leave the files of the broken job re-checkable."""
        self.task = None
        for entry in self.entries:
            if entry.state == state:
                entry.state, entry.error = fm.FAILED, str(error)
        self.failed.emit(error)

    def summary_text(self, outcome: RunOutcome, targets: list[FileEntry]) -> tuple[str, bool]:
        """(the text, whether every file made it)."""
        names = {e.key: e.path.name for e in targets}
        lines, complete = [], True
        for done in outcome.done:
            result = done.result
            if result is not None and result.status == "loaded":
                lines.append(
                    self.tr(
                        "✓ {name}: {added} added, {updated} updated, {unchanged} unchanged, "
                        "{rejected} rejected"
                    ).format(
                        name=names[done.key],
                        added=result.added,
                        updated=result.updated,
                        unchanged=result.unchanged,
                        rejected=result.rejected,
                    )
                )
            else:
                complete = False
                reason = done.error if result is None else result.message
                lines.append(
                    self.tr("✗ {name}: not imported — {reason}").format(name=names[done.key], reason=reason)
                )
        if outcome.cancelled_key is not None:
            complete = False
            lines.append(
                self.tr("✗ {name}: not imported — cancelled, nothing of it was written").format(
                    name=names[outcome.cancelled_key]
                )
            )
        for key in outcome.not_started:
            complete = False
            lines.append(
                self.tr("✗ {name}: not imported — cancelled before it started").format(name=names[key])
            )
        return "\n".join(lines), complete
