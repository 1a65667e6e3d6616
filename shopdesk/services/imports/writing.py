"""Writing a parsed file into the database: the batch record, the rows of each
sheet (orders before Taobao's item file), the rejected rows, the summary."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, text

from shopdesk.db import bulk
from shopdesk.i18n import _
from shopdesk.importers.rows import RowsData
from shopdesk.memory import give_back_memory
from shopdesk.services import categories
from shopdesk.services.imports.orders_writer import Counts, write_orders
from shopdesk.services.imports.reading import ParsedSheet
from shopdesk.services.imports.result import FileResult, summary_message
from shopdesk.services.imports.rows_writer import link_traffic_to_listings, upsert_rows, write_listings
from shopdesk.services.imports.same_file import PreviousImport
from shopdesk.services.imports.shops import resolve_shop
from shopdesk.services.kpi import aggregates
from shopdesk.tasks.background import Spare
from shopdesk.tasks.progress import Progress


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def record_same_file(
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


def write_file(
    conn: Connection,
    path: Path,
    digest: str | Spare[str],
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
    batch = {
        "f": path.name,
        "p": result.platform,
        "k": result.kind,
        "s": shop_id,
        "rules": rules,
        "t": _now().strftime("%Y-%m-%d %H:%M:%S"),
    }
    # Where foreign keys allow it (SQLite's imports), the batch's row is written
    # last, under an id taken now: a page written first and changed again at the
    # end had been spilled to the WAL by then, and SQLite then reads the whole
    # WAL back at commit to redo its checksums (400 MB, 0.25 s, for a million lines).
    last = not bulk.foreign_keys_on(conn)
    if last:
        batch_id = bulk.reserve_ids(conn, "import_batch", 1)[0].as_py()
    else:
        batch["h"] = _resolved(digest)
        batch_id = conn.execute(
            text(
                "INSERT INTO import_batch (file_name, sha256, platform, kind, shop_id, source, added, "
                "updated, unchanged, rejected, started_at, rules_hash) "
                "VALUES (:f, :h, :p, :k, :s, 'file', 0, 0, 0, 0, :t, :rules) RETURNING id"
            ),
            batch,
        ).scalar_one()
    total = Counts()
    with aggregates.Delta(conn) as delta:  # the KPI aggregates follow the orders written
        _write_sheets(conn, parsed, result, shop_id, batch_id, salt, progress, delta, total)
    if result.kind not in ("orders", "order_items"):
        aggregates.bump_data_version(conn)  # traffic feeds conversion
    if result.rejects:
        dumps = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every row
        bulk.executemany(
            conn,
            "INSERT INTO import_reject (batch_id, row_number, raw, reason) VALUES (?, ?, ?, ?)",
            ((batch_id, r.row_number, dumps(r.raw), r.reason) for r in result.rejects),
        )
    result.added, result.updated, result.unchanged = total.added, total.updated, total.unchanged
    result.rejected = len(result.rejects)
    result.batch_id = batch_id
    result.message = summary_message(result)
    done = {
        "a": result.added,
        "u": result.updated,
        "c": result.unchanged,
        "r": result.rejected,
        "done": _now().strftime("%Y-%m-%d %H:%M:%S"),
        "m": result.message,
        "b": batch_id,
    }
    if last:
        batch["h"] = _resolved(digest)  # a file's digest, made meanwhile on a spare core
        conn.execute(
            text(
                "INSERT INTO import_batch (id, file_name, sha256, platform, kind, shop_id, source, added, "
                "updated, unchanged, rejected, started_at, finished_at, message, rules_hash) "
                "VALUES (:b, :f, :h, :p, :k, :s, 'file', :a, :u, :c, :r, :t, :done, :m, :rules)"
            ),
            {**batch, **done},
        )
    else:
        conn.execute(
            text(
                "UPDATE import_batch SET added = :a, updated = :u, unchanged = :c, rejected = :r, "
                "finished_at = :done, message = :m WHERE id = :b"
            ),
            done,
        )


def _resolved(digest: str | Spare[str]) -> str:
    return digest if isinstance(digest, str) else digest.result()


def _write_sheets(
    conn: Connection,
    parsed: list[ParsedSheet],
    result: FileResult,
    shop_id: int,
    batch_id: int,
    salt: str,
    progress: Progress,
    delta: aggregates.Delta,
    total: Counts,
) -> None:
    """Each sheet of the file, order files before item files (so items find their orders)."""
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
            counts = write_orders(conn, shop_id, batch_id, data, salt, progress, delta)
            # written: let the columns go before the aggregates are brought up to date
            data.orders = data.orders.schema.empty_table()  # (a slice would keep the buffers)
            data.lines = None if data.lines is None else data.lines.schema.empty_table()
            give_back_memory()  # and their memory back to the system
        if sheet.spec.kind == "orders" or result.kind != "orders":
            total.added += counts.added
            total.updated += counts.updated
            total.unchanged += counts.unchanged
        result.rejects.extend(sheet.rejects)
        for status, n in getattr(sheet.data, "unknown_statuses", {}).items():
            result.unknown_statuses[status] = result.unknown_statuses.get(status, 0) + n
        result.notes.extend(sheet.data.notes)
        progress.step(40 + 55 * (index + 1) // len(parsed), 100, _("Writing to the database"))
