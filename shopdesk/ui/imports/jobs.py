"""The background jobs of the import dialog: dry runs and real imports of a list of files.

Plain functions over the Qt-free services, run by :class:`~shopdesk.tasks.runner.Task`.
They never touch widgets or the :class:`FileEntry` objects the dialog owns: they
take a snapshot of what to do and return what happened, which the dialog applies
on the GUI thread. A cancel stops at the current file; its transaction is rolled
back by the service, the files before it stay imported.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from shopdesk.services.database import Database
from shopdesk.services.imports import FileResult, PreviewSession, import_file
from shopdesk.services.mappings import list_shops
from shopdesk.tasks.progress import Cancelled, Progress

log = logging.getLogger(__name__)

ACCEPTED_SUFFIXES = (".csv", ".xlsx", ".xls", ".zip", ".txt")


def accepted(path: Path) -> bool:
    return path.suffix.lower() in ACCEPTED_SUFFIXES


@dataclass(frozen=True)
class FileJob:
    """What to do with one file: the dialog's choices for it at the time of the run."""

    key: int
    path: Path
    shop: str | None = None
    password: str | None = field(default=None, repr=False)  # kept in memory only, never logged


@dataclass
class FileOutcome:
    key: int
    result: FileResult | None = None
    shops: list[str] = field(default_factory=list)  # filled when the user must pick a shop
    error: str | None = None  # an unexpected failure (a bug or a broken database), not a refusal


@dataclass
class RunOutcome:
    done: list[FileOutcome] = field(default_factory=list)
    cancelled_key: int | None = None  # the file that was being read when the user cancelled
    not_started: list[int] = field(default_factory=list)


class FileProgress(Progress):
    """One file's 0…total as its share of the whole run (file ``index`` of ``count``)."""

    def __init__(self, outer: Progress, index: int, count: int, name: str) -> None:
        super().__init__()
        self._outer, self._index, self._count, self._name = outer, index, count, name

    def cancel(self) -> None:
        self._outer.cancel()

    @property
    def cancelled(self) -> bool:
        return self._outer.cancelled

    def check(self) -> None:
        self._outer.check()

    def step(self, done: int, total: int, text: str = "") -> None:
        share = (done * 100 // total) if total > 0 else 0
        label = f"{self._name}（{self._index + 1}/{self._count}）" + (f"\n{text}" if text else "")
        self._outer.step(self._index * 100 + min(share, 100), self._count * 100, label)


def run_files(db: Database, jobs: list[FileJob], progress: Progress, *, dry_run: bool) -> RunOutcome:
    """Import (or dry-run) ``jobs`` one after the other; stop cleanly on cancel.

    Dry runs share one rolled-back transaction, so each preview sees the files
    before it in the list (Taobao's item file after its order file, a re-export
    after its export) — the counts are those the real import of the list gives.
    """
    if not dry_run:
        return _run(
            db,
            jobs,
            progress,
            lambda job, p: import_file(
                db, job.path, shop=job.shop, password=job.password, progress=p, dry_run=False
            ),
        )
    with PreviewSession(db) as session:
        return _run(
            db,
            jobs,
            progress,
            lambda job, p: session.preview(job.path, shop=job.shop, password=job.password, progress=p),
        )


def _run(
    db: Database, jobs: list[FileJob], progress: Progress, run: Callable[[FileJob, Progress], FileResult]
) -> RunOutcome:
    outcome = RunOutcome()
    for index, job in enumerate(jobs):
        file_progress = FileProgress(progress, index, len(jobs), job.path.name)
        try:
            file_progress.step(0, 100)
            result = run(job, file_progress)
        except Cancelled:
            outcome.cancelled_key = job.key
            outcome.not_started = [j.key for j in jobs[index + 1 :]]
            return outcome
        except Exception as exc:  # shown on the file's row; the other files go on
            log.exception("import of %s failed", job.path.name)
            outcome.done.append(FileOutcome(job.key, error=f"{type(exc).__name__}: {exc}"))
            continue
        shops = list_shops(db, result.platform) if result.code == "which_shop" and result.platform else []
        outcome.done.append(FileOutcome(job.key, result, shops))
    progress.step(len(jobs) * 100, len(jobs) * 100)
    return outcome
