"""The import history and undoing a batch.

Undo deletes the rows the batch added (they carry its id) and puts back the
values it overwrote (kept in ``import_change``). A later import that changed
the same rows must be undone first, or its own undo record would be wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, text

from shopdesk.db import bulk
from shopdesk.i18n import _
from shopdesk.services.database import Database
from shopdesk.services.kpi import aggregates

# Tables whose rows carry the batch that created them, children first.
IMPORTED_TABLES = ("order_line", "orders", "traffic_daily", "keyword_stat", "review", "inquiry", "listing")


# ``import_change.old_values`` of a row the batch created outside the tables above.
CREATED = {"__created__": True}
# Listing fields whose changes are kept in ``listing_revision``.
REVISED_FIELDS = ("title", "short_title", "selling_points", "main_images", "price_fen", "stock", "status")


def _revise_listing(conn: Connection, listing_id: int, restored: dict, now: str) -> None:
    """Undoing a listing change is a change too: record it, so the revision
    history keeps telling what the listing said when."""
    fields = [f for f in REVISED_FIELDS if f in restored]
    if not fields:
        return
    current = conn.execute(
        text(f"SELECT {', '.join(fields)} FROM listing WHERE id = :i"), {"i": listing_id}
    ).first()
    if current is None:
        return
    for field, now_value in zip(fields, current, strict=True):
        if now_value != restored[field]:
            conn.execute(
                text(
                    "INSERT INTO listing_revision (listing_id, field, old_value, new_value, source, "
                    "changed_at) VALUES (:l, :f, :o, :n, 'undo', :t)"
                ),
                {
                    "l": listing_id,
                    "f": field,
                    "o": _as_text(now_value),
                    "n": _as_text(restored[field]),
                    "t": now,
                },
            )


def _as_text(value: object) -> str | None:
    return None if value is None else str(value)


class UndoRefused(Exception):
    """The batch cannot be undone (unknown, already undone, or later imports depend on it)."""


@dataclass
class BatchInfo:
    id: int
    file_name: str
    platform: str | None
    kind: str | None
    shop: str | None
    added: int
    updated: int
    unchanged: int
    rejected: int
    started_at: str
    undone_at: str | None
    message: str | None

    def to_json(self) -> dict:
        return dict(self.__dict__)


def list_batches(db: Database, limit: int = 500) -> list[BatchInfo]:
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT b.id, b.file_name, b.platform, b.kind, s.name, b.added, b.updated, b.unchanged, "
                "b.rejected, b.started_at, b.undone_at, b.message FROM import_batch b "
                "LEFT JOIN shop s ON s.id = b.shop_id ORDER BY b.id DESC LIMIT :n"
            ),
            {"n": limit},
        ).all()
    return [BatchInfo(*[str(v) if isinstance(v, datetime) else v for v in row]) for row in rows]


def _dependent_batches(conn: Connection, batch_id: int) -> list[int]:
    """Later, still active batches that changed rows this batch added or changed,
    or added lines under its orders: undoing this one first would lose their work."""
    added_by_x = " OR ".join(
        f"(c.table_name = '{t}' AND c.row_id IN (SELECT id FROM \"{t}\" WHERE batch_id = :x))"
        for t in IMPORTED_TABLES
    )
    sql = text(
        f"""
        SELECT DISTINCT c.batch_id FROM import_change c JOIN import_batch b ON b.id = c.batch_id
        WHERE c.batch_id > :x AND b.undone_at IS NULL AND (
            {added_by_x}
         OR EXISTS (SELECT 1 FROM import_change c2 WHERE c2.batch_id = :x
                    AND c2.table_name = c.table_name AND c2.row_id = c.row_id))
        UNION
        SELECT DISTINCT l.batch_id FROM order_line l JOIN import_batch b ON b.id = l.batch_id
        WHERE l.batch_id > :x AND b.undone_at IS NULL
          AND l.order_id IN (SELECT id FROM orders WHERE batch_id = :x)
        """
    )
    return sorted(r[0] for r in conn.execute(sql, {"x": batch_id}))


def undo_import(db: Database, batch_id: int) -> BatchInfo:
    """Undo batch ``batch_id`` in one transaction; raises UndoRefused."""
    with db.writing() as conn:
        row = conn.execute(text("SELECT undone_at FROM import_batch WHERE id = :b"), {"b": batch_id}).first()
        if row is None:
            raise UndoRefused(_("There is no import #{batch}.", batch=batch_id))
        if row[0] is not None:
            raise UndoRefused(_("Import #{batch} was already undone.", batch=batch_id))
        later = _dependent_batches(conn, batch_id)
        if later:
            raise UndoRefused(
                _(
                    "Import #{batch} cannot be undone yet: later imports ({later}) changed the same "
                    "orders. Undo those first, newest first.",
                    batch=batch_id,
                    later="、".join(f"#{b}" for b in later),
                )
            )
        touched = aggregates.batch_order_ids(conn, batch_id)  # before the rows go
        if _left_after(conn, batch_id) <= len(touched):
            # most of the orders go or change (a shop's only big file): summing what is
            # left from scratch is the lesser work (a million lines: 14 s as a delta)
            changes = _restore(conn, batch_id)
            aggregates.rebuild(conn)
        else:  # what is left of them replaces what they were, where a figure moved
            with aggregates.Delta(conn) as delta, aggregates.Before(conn, touched) as before:
                changes = _restore(conn, batch_id)
                delta.replace(before)
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
        conn.execute(text("UPDATE import_batch SET undone_at = :t WHERE id = :b"), {"t": now, "b": batch_id})
        conn.execute(
            text(
                "INSERT INTO audit_log (at, action, entity, entity_id, old_value, new_value) "
                "VALUES (:t, 'undo_import', 'import_batch', :b, NULL, :n)"
            ),
            {"t": now, "b": str(batch_id), "n": f"{changes} restored"},
        )
    return next(b for b in list_batches(db) if b.id == batch_id)


def _left_after(conn: Connection, batch_id: int) -> int:
    """How many orders the database keeps once batch ``batch_id`` is undone."""
    return int(
        conn.execute(
            text("SELECT COUNT(*) - COUNT(CASE WHEN batch_id = :b THEN 1 END) FROM orders"), {"b": batch_id}
        ).scalar_one()
    )


def _restore(conn: Connection, batch_id: int) -> int:
    """Put back what the batch overwrote and delete what it added; returns the
    number of restored rows."""
    changes = conn.execute(
        text("SELECT table_name, row_id, old_values FROM import_change WHERE batch_id = :b ORDER BY id DESC"),
        {"b": batch_id},
    ).all()
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    created: list[tuple[str, int]] = []
    # Each row's values as they were before the batch: its changes taken newest
    # first, an older one overwriting a newer, as applying them one by one would.
    restored: dict[tuple[str, int], dict] = {}
    for table_name, row_id, old_values in changes:
        values = json.loads(old_values)
        if values == CREATED:
            created.append((table_name, row_id))
            continue
        restored.setdefault((table_name, row_id), {}).update(values)
    # then written a statement per table and set of columns: a later export changes a
    # hundred thousand orders and lines, and a statement each took 15 s to undo
    updates: dict[tuple[str, tuple[str, ...]], list[tuple]] = {}
    for (table_name, row_id), values in restored.items():
        if table_name == "listing":
            _revise_listing(conn, row_id, values, now)
        updates.setdefault((table_name, tuple(values)), []).append((*values.values(), row_id))
    for (table_name, columns), rows in updates.items():
        assignments = ", ".join(f'"{name}" = ?' for name in columns)
        bulk.executemany(conn, f'UPDATE "{table_name}" SET {assignments} WHERE id = ?', rows)
    for table_name in IMPORTED_TABLES:
        conn.execute(text(f'DELETE FROM "{table_name}" WHERE batch_id = :b'), {"b": batch_id})
    for table_name, row_id in created:  # e.g. products made for listings of this batch
        if table_name == "product":
            conn.execute(
                text(
                    "DELETE FROM product WHERE id = :i AND NOT EXISTS "
                    "(SELECT 1 FROM listing WHERE product_id = :i) AND NOT EXISTS "
                    "(SELECT 1 FROM sku WHERE product_id = :i)"
                ),
                {"i": row_id},
            )
    return len(changes)
