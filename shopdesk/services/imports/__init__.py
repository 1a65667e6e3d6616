"""Importing platform exports: one file, one transaction, one undoable batch.

Used by ``shopdesk import`` and by the GUI's import dialog (which first runs
the same import as a dry run — rolled back — to preview the exact counts).
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, select, text

from shopdesk import i18n
from shopdesk.db.models import ColumnAlias, StatusMap
from shopdesk.domain import statuses
from shopdesk.i18n import _
from shopdesk.importers.errors import ImportRefused
from shopdesk.importers.orders.common import Context
from shopdesk.importers.rows import RowsData
from shopdesk.services import categories, test_orders
from shopdesk.services.database import Database, ensure_salt_conn
from shopdesk.services.imports.orders_writer import Counts, write_orders
from shopdesk.services.imports.reading import ParsedSheet, Reject, parse_file
from shopdesk.services.imports.rows_writer import link_traffic_to_listings, upsert_rows, write_listings
from shopdesk.services.imports.same_file import PreviousImport, find_same_import, rules_hash
from shopdesk.services.imports.shops import resolve_shop
from shopdesk.tasks.progress import NO_PROGRESS, Cancelled, Progress

log = logging.getLogger(__name__)


@dataclass
class FileResult:
    file: str
    platform: str | None = None
    kind: str | None = None
    status: str = "loaded"  # loaded | refused
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    batch_id: int | None = None
    message: str = ""
    code: str | None = None
    label: str | None = None
    shop: str | None = None
    rejects: list[Reject] = field(default_factory=list)
    unknown_statuses: dict[str, int] = field(default_factory=dict)
    unknown_categories: dict[str, int] = field(default_factory=dict)  # platform category → listings
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        keys = (
            "file",
            "platform",
            "kind",
            "status",
            "added",
            "updated",
            "unchanged",
            "rejected",
            "batch_id",
            "message",
        )
        return {k: getattr(self, k) for k in keys}


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


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


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
    real import would give.
    """
    with db.engine.connect() as conn, conn.begin() as transaction:
        result = _import_on(conn, path, platform=platform, shop=shop, password=password, progress=progress)
        if dry_run:
            transaction.rollback()
            result.batch_id = None
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
        self.conn = self.db.engine.connect()
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
    try:
        if not path.is_file():
            raise ImportRefused("missing", _("{path} does not exist or is not a file.", path=path))
        digest = _sha256(path)
        salt = ensure_salt_conn(conn)
        rules = rules_hash(conn)
        previous = find_same_import(conn, digest, rules, shop)
        if previous is not None:
            _record_same_file(conn, path, digest, rules, previous, result)
            return result
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
            _write(conn, path, digest, rules, parsed, result, shop, salt, progress)
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


def _record_same_file(
    conn: Connection, path: Path, digest: str, rules: str, previous: PreviousImport, result: FileResult
) -> None:
    """The file is one imported before: keep a batch for the history, change nothing."""
    result.platform, result.kind, result.shop = previous.platform, previous.kind, previous.shop
    result.unchanged, result.rejects = previous.records, previous.rejects
    result.rejected = len(previous.rejects)
    result.message = _(
        "The same file as import #{batch}: {unchanged} unchanged, {rejected} rejected, nothing to change.",
        batch=previous.batch_id,
        unchanged=result.unchanged,
        rejected=result.rejected,
    )
    now = _now().strftime("%Y-%m-%d %H:%M:%S")
    result.batch_id = conn.execute(
        text(
            "INSERT INTO import_batch (file_name, sha256, platform, kind, shop_id, source, added, updated, "
            "unchanged, rejected, started_at, finished_at, message, rules_hash) "
            "VALUES (:f, :h, :p, :k, :s, 'file', 0, 0, :c, :r, :t, :t, :m, :rules) RETURNING id"
        ),
        {
            "f": path.name,
            "h": digest,
            "p": previous.platform,
            "k": previous.kind,
            "s": previous.shop_id,
            "c": result.unchanged,
            "r": result.rejected,
            "t": now,
            "m": result.message,
            "rules": rules,
        },
    ).scalar_one()
    conn.execute(
        text(
            "INSERT INTO import_reject (batch_id, row_number, raw, reason) "
            "SELECT :new, row_number, raw, reason FROM import_reject WHERE batch_id = :old"
        ),
        {"new": result.batch_id, "old": previous.batch_id},
    )


def _write(
    conn: Connection,
    path: Path,
    digest: str,
    rules: str,
    parsed: list[ParsedSheet],
    result: FileResult,
    shop: str | None,
    salt: str,
    progress: Progress,
) -> None:
    first = parsed[0]
    result.platform = first.spec.platform
    result.kind = "orders" if any(p.spec.kind == "orders" for p in parsed) else str(first.spec.kind)
    result.label = " + ".join(p.spec.label for p in parsed)
    names = sorted({n for p in parsed for n in p.data.shop_names})
    shop_id = resolve_shop(conn, result.platform, shop, names)
    result.shop = conn.execute(text("SELECT name FROM shop WHERE id = :i"), {"i": shop_id}).scalar()
    started = _now()
    batch_id = conn.execute(
        text(
            "INSERT INTO import_batch (file_name, sha256, platform, kind, shop_id, source, added, "
            "updated, unchanged, rejected, started_at, rules_hash) "
            "VALUES (:f, :h, :p, :k, :s, 'file', 0, 0, 0, 0, :t, :rules) RETURNING id"
        ),
        {
            "f": path.name,
            "h": digest,
            "p": result.platform,
            "k": result.kind,
            "s": shop_id,
            "rules": rules,
            "t": started.strftime("%Y-%m-%d %H:%M:%S"),
        },
    ).scalar_one()
    total = Counts()
    # order files before item files, so items find their orders
    for index, sheet in enumerate(sorted(parsed, key=lambda p: p.spec.kind != "orders")):
        data = sheet.data
        if isinstance(data, RowsData):
            if data.kind == "listings":
                counts = write_listings(conn, shop_id, batch_id, data, progress)
                result.unknown_categories = categories.unmapped(conn, shop_id)
            else:
                counts = upsert_rows(conn, shop_id, batch_id, data, progress)[0]
                if data.table == "traffic_daily":
                    link_traffic_to_listings(conn, shop_id)
        else:
            counts = write_orders(conn, shop_id, batch_id, data, salt, progress)
        if sheet.spec.kind == "orders" or result.kind != "orders":
            total.added += counts.added
            total.updated += counts.updated
            total.unchanged += counts.unchanged
        result.rejects.extend(sheet.rejects)
        for status, n in getattr(sheet.data, "unknown_statuses", {}).items():
            result.unknown_statuses[status] = result.unknown_statuses.get(status, 0) + n
        result.notes.extend(sheet.data.notes)
        progress.step(40 + 55 * (index + 1) // len(parsed), 100, _("Writing to the database"))
    if result.rejects:
        conn.execute(
            text("INSERT INTO import_reject (batch_id, row_number, raw, reason) VALUES (:b, :n, :r, :why)"),
            [
                {
                    "b": batch_id,
                    "n": r.row_number,
                    "r": json.dumps(r.raw, ensure_ascii=False),
                    "why": r.reason,
                }
                for r in result.rejects
            ],
        )
    result.added, result.updated, result.unchanged = total.added, total.updated, total.unchanged
    result.rejected = len(result.rejects)
    result.batch_id = batch_id
    result.message = summary_message(result)
    conn.execute(
        text(
            "UPDATE import_batch SET added = :a, updated = :u, unchanged = :c, rejected = :r, "
            "finished_at = :t, message = :m WHERE id = :b"
        ),
        {
            "a": result.added,
            "u": result.updated,
            "c": result.unchanged,
            "r": result.rejected,
            "t": _now().strftime("%Y-%m-%d %H:%M:%S"),
            "m": result.message,
            "b": batch_id,
        },
    )


def summary_message(result: FileResult) -> str:
    parts = [
        _(
            "{added} added, {updated} updated, {unchanged} unchanged, {rejected} rejected",
            added=result.added,
            updated=result.updated,
            unchanged=result.unchanged,
            rejected=result.rejected,
        )
    ]
    if result.unknown_statuses:
        listed = "、".join(f"{k}（{v}）" for k, v in result.unknown_statuses.items())
        parts.append(_("unknown statuses: {statuses}", statuses=listed))
    if result.unknown_categories:
        parts.append(
            _(
                "{n} platform categories are not mapped to your categories yet (Settings → Category mapping)",
                n=len(result.unknown_categories),
            )
        )
    parts.extend(result.notes)
    return ("；" if i18n.language().startswith("zh") else "; ").join(parts)
