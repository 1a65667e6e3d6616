"""Importing platform exports: one file, one transaction, one undoable batch.

Used by ``shopdesk import`` and by the GUI's import dialog (which first runs
the same import as a dry run — rolled back — to preview the exact counts).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from sqlalchemy import Connection, select

from shopdesk.db import staging
from shopdesk.db.models import ColumnAlias, StatusMap
from shopdesk.domain import statuses
from shopdesk.i18n import _
from shopdesk.importers.errors import ImportRefused
from shopdesk.importers.orders.common import Context
from shopdesk.memory import cycles_collected_after
from shopdesk.services import alerts, test_orders
from shopdesk.services.database import Database, ensure_salt_conn
from shopdesk.services.imports.reading import Reject, parse_file
from shopdesk.services.imports.result import FileResult, summary_message
from shopdesk.services.imports.same_file import could_be_same, find_same_import, rules_hash
from shopdesk.services.imports.writing import record_same_file, write_file

__all__ = ["FileResult", "PreviewSession", "Reject", "import_file", "summary_message"]
from shopdesk.tasks.background import Spare, started, started_idle
from shopdesk.tasks.progress import NO_PROGRESS, Cancelled, Progress

log = logging.getLogger(__name__)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _status_map(conn: Connection, platform: str) -> dict[str, tuple[str, str | None]]:
    mapping = statuses.default_map(platform)
    rows = conn.execute(
        select(StatusMap.platform_status, StatusMap.status, StatusMap.flag).where(
            StatusMap.platform == platform
        )
    )
    for raw, status, flag in rows:
        mapping[statuses.normalize_status(raw)] = (status, flag)
    return mapping


def _aliases(conn: Connection) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for platform, alias, canonical in conn.execute(
        select(ColumnAlias.platform, ColumnAlias.alias, ColumnAlias.canonical)
    ):
        out.setdefault(platform, {})[alias] = canonical
    return out


# An import writes with foreign keys off: every link it writes it made itself (the
# lines' order ids, reserved before the insert), it deletes nothing, and SQLite
# copies staged rows whole only without them (see db.staging). The WAL of a big
# import is copied into the database by a thread of its own, once it is committed
# (see db.checkpoint): the user no longer waits for that second write.
WRITE = {"write": True, "foreign_keys": False, "checkpoint_later": True}
WARM_BYTES = 4 << 20  # a file this big likely has rows enough for staging files (db.staging)


def import_file(
    db: Database,
    path: Path,
    *,
    platform: str | None = None,
    shop: str | None = None,
    password: str | None = None,
    progress: Progress = NO_PROGRESS,
    dry_run: bool = False,
) -> FileResult:
    """Import one file in one transaction. A refused file changes nothing.

    ``dry_run`` does everything and rolls back: the counts are exactly what the
    real import would give. Once a real import has committed new data, the alert
    rules are evaluated (``result.alerts`` lists what they raised).
    """
    with (
        cycles_collected_after(),
        db.engine.connect().execution_options(**WRITE) as conn,
        conn.begin() as transaction,
    ):
        result = _import_on(conn, path, platform=platform, shop=shop, password=password, progress=progress)
        if dry_run:
            transaction.rollback()
            result.batch_id = None
    if not dry_run and result.status == "loaded" and (result.added or result.updated):
        # committed: evaluate the alert rules on the new data (never fails the import)
        result.alerts = alerts.after_import(db)
    return result


class PreviewSession:
    """Dry runs of several files in one transaction rolled back at the end, so each
    file's preview sees the files before it — Taobao's order and item files, an
    export and its re-export — just as the real import of the list will.

        with PreviewSession(db) as session:
            results = [session.preview(path) for path in paths]
    """

    def __init__(self, db: Database) -> None:
        self.db = db

    def __enter__(self) -> PreviewSession:
        self.conn = self.db.engine.connect().execution_options(**WRITE)  # it writes, then rolls back
        self.transaction = self.conn.begin()
        return self

    def preview(
        self,
        path: Path,
        *,
        platform: str | None = None,
        shop: str | None = None,
        password: str | None = None,
        progress: Progress = NO_PROGRESS,
    ) -> FileResult:
        savepoint = self.conn.begin_nested()
        try:
            result = _import_on(
                self.conn, path, platform=platform, shop=shop, password=password, progress=progress
            )
        except BaseException:
            savepoint.rollback()
            raise
        if result.status == "refused":
            savepoint.rollback()
        else:
            savepoint.commit()
        result.batch_id = None
        return result

    def __exit__(self, *exc: object) -> None:
        self.transaction.rollback()
        self.conn.close()


def _import_on(
    conn: Connection,
    path: Path,
    *,
    platform: str | None,
    shop: str | None,
    password: str | None,
    progress: Progress,
) -> FileResult:
    """The import itself, inside the caller's transaction (a refusal raises
    before anything is written, so the caller's rollback is only for errors)."""
    result = FileResult(file=str(path))
    digest: str | Spare[str]  # spare work: the record written last asks for it
    try:
        if not path.is_file():
            raise ImportRefused("missing", _("{path} does not exist or is not a file.", path=path))
        salt = ensure_salt_conn(conn)
        rules = rules_hash(conn)
        if could_be_same(conn, rules):
            digest = _sha256(path)
            previous = find_same_import(conn, digest, rules, shop)
            if previous is not None:
                record_same_file(conn, path, digest, rules, previous, result)
                return result
        else:  # nothing to recognise the file by: its digest is made on a spare core,
            # and taken when the import's record is written
            digest = started_idle("shopdesk-sha256", _sha256, path)
        if path.stat().st_size >= WARM_BYTES:  # a big file's rows go through staging files:
            started("shopdesk-warm", staging.available)  # their driver loaded while it is read (0.1 s)
        maps: dict[str, Context] = {}

        def context_for(p: str) -> Context:
            if p not in maps:
                maps[p] = Context(p, salt, _status_map(conn, p), test_orders.words_conn(conn))
            return maps[p]

        progress.step(0, 100, _("Reading {name}", name=path.name))
        parsed = parse_file(
            path, platform=platform, context_for=context_for, aliases=_aliases(conn), password=password
        )
        progress.step(40, 100, _("Writing to the database"))
        with conn.begin_nested():  # a refusal found while writing (which shop?) undoes the partial batch
            write_file(conn, path, digest, rules, parsed, result, shop, salt, progress)
    except ImportRefused as refused:
        _refused(result, refused.code, refused.message)  # keeps what is known: platform, kind, label
        log.info("refused %s: %s", path.name, refused.code)
    except Cancelled:
        raise
    except Exception as exc:  # a file we did not foresee: refuse it, keep the details in the log
        log.exception("import of %s failed", path.name)
        failed = _(
            "{name} could not be read ({error}). Nothing from it was imported; the log has the details.",
            name=path.name,
            error=type(exc).__name__,
        )
        _refused(result, "unexpected", failed)
    return result


def _refused(result: FileResult, code: str, message: str) -> None:
    """Nothing of the file was written: no counts, no batch, no rejects to show."""
    result.status, result.code, result.message = "refused", code, message
    result.added = result.updated = result.unchanged = result.rejected = 0
    result.batch_id = None
    result.rejects, result.notes = [], []
    result.unknown_statuses, result.unknown_categories = {}, {}
