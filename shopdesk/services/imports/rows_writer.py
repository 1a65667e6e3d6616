"""Upserting traffic, keyword, review and listing rows of one shop.

The same contract as orders: match by natural key within the shop, insert what
is new (carrying the batch id), update what changed (old values to
``import_change``), count what is the same.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pyarrow as pa
from sqlalchemy import Connection, Table, select, text

from shopdesk.db import bulk
from shopdesk.db.base import Base
from shopdesk.importers.hashing import canonical
from shopdesk.importers.rows import RowsData
from shopdesk.services.categories import apply_mappings
from shopdesk.services.imports.orders_writer import Counts, record_changes
from shopdesk.tasks.progress import Progress


def _existing(conn: Connection, table: Table, shop_id: int, columns: list[str], schema: pa.Schema):
    """Stored rows of the shop: ids, keys and values in the import's own types."""
    rows = conn.execute(
        select(table.c.id, *[table.c[c] for c in columns]).where(table.c.shop_id == shop_id)
    ).all()
    ids = [r[0] for r in rows]
    stored = pa.Table.from_pylist([dict(zip(columns, r[1:], strict=True)) for r in rows], schema=schema)
    return ids, stored


def upsert_rows(
    conn: Connection,
    shop_id: int,
    batch_id: int,
    data: RowsData,
    progress: Progress,
    values: pa.Table | None = None,
) -> tuple[Counts, list[int], list[int]]:
    """Returns counts, the ids of inserted rows' positions in ``data.rows`` that
    were new, and (position, id) of changed rows — the listing writer needs them."""
    table: Table = Base.metadata.tables[data.table]
    rows = values if values is not None else data.rows
    columns = rows.column_names
    ids, stored = _existing(conn, table, shop_id, columns, rows.schema)
    progress.check()
    key_of = lambda t: canonical(t.select(list(data.key))).to_pylist()  # noqa: E731
    stored_index = {k: i for i, k in enumerate(key_of(stored))}
    stored_canon = canonical(stored).to_pylist()
    incoming_canon = canonical(rows).to_pylist()
    counts = Counts()
    new_pos, changed_pos, changed_ids = [], [], []
    for pos, (key, canon) in enumerate(zip(key_of(rows), incoming_canon, strict=True)):
        at = stored_index.get(key)
        if at is None:
            new_pos.append(pos)
        elif stored_canon[at] != canon:
            changed_pos.append(pos)
            changed_ids.append(ids[at])
        else:
            counts.unchanged += 1
    if new_pos:
        counts.added = bulk.insert_arrow(
            conn,
            data.table,
            rows.take(pa.array(new_pos, pa.int64())),
            {"shop_id": shop_id, "batch_id": batch_id},
        )
    if changed_pos:
        value_names = [c for c in columns if c not in data.key]
        record_changes(conn, batch_id, data.table, changed_ids, value_names)
        changed = rows.take(pa.array(changed_pos, pa.int64())).select(value_names)
        counts.updated = bulk.update_arrow(conn, data.table, changed_ids, changed)
    return counts, new_pos, list(zip(changed_pos, changed_ids, strict=True))


def write_listings(
    conn: Connection, shop_id: int, batch_id: int, data: RowsData, progress: Progress
) -> Counts:
    """Listings also link to the merchant's product by 商家编码 (creating the
    product on first sight) and keep a ``listing_revision`` of every change."""
    rows = data.rows
    outer_ids = rows["outer_id"].to_pylist()
    titles = rows["title"].to_pylist()
    products = dict(conn.execute(text("SELECT outer_id, id FROM product")).all())
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
    created = []
    for outer_id, title in zip(outer_ids, titles, strict=True):
        if outer_id and outer_id not in products:
            products[outer_id] = conn.execute(
                text(
                    "INSERT INTO product (outer_id, name, created_at, updated_at) "
                    "VALUES (:o, :n, :t, :t) RETURNING id"
                ),
                {"o": outer_id, "n": (title or outer_id)[:200], "t": now},
            ).scalar_one()
            created.append(products[outer_id])
    if created:  # so that undoing this import removes them again
        conn.execute(
            text(
                "INSERT INTO import_change (batch_id, table_name, row_id, old_values) "
                "VALUES (:b, 'product', :i, :v)"
            ),
            [{"b": batch_id, "i": i, "v": '{"__created__": true}'} for i in created],
        )
    product_ids = pa.array([products.get(o) if o else None for o in outer_ids], pa.int64())
    values = rows.drop_columns(["outer_id"]).append_column("product_id", product_ids)
    table = Base.metadata.tables["listing"]
    watched = ["title", "short_title", "selling_points", "main_images", "price_fen", "stock", "status"]
    before = {
        r[0]: r[1:]
        for r in conn.execute(
            select(table.c.id, *[table.c[c] for c in watched]).where(table.c.shop_id == shop_id)
        ).all()
    }
    counts, _new, changed = upsert_rows(conn, shop_id, batch_id, data, progress, values)
    platform = conn.execute(text("SELECT platform FROM shop WHERE id = :s"), {"s": shop_id}).scalar_one()
    apply_mappings(conn, platform, shop_id)
    link_traffic_to_listings(conn, shop_id)
    revisions = []
    for pos, row_id in changed:
        new_values = [values[c][pos].as_py() for c in watched]
        for field, old, new in zip(watched, before[row_id], new_values, strict=True):
            if old != new:
                revisions.append({"l": row_id, "f": field, "o": _text(old), "n": _text(new), "t": now})
    if revisions:
        conn.execute(
            text(
                "INSERT INTO listing_revision (listing_id, field, old_value, new_value, source, changed_at) "
                "VALUES (:l, :f, :o, :n, 'import', :t)"
            ),
            revisions,
        )
    return counts


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def link_traffic_to_listings(conn: Connection, shop_id: int) -> None:
    """Item-level traffic rows point at the listing with the same item ID (either
    may be imported first, so this runs after traffic and after listing imports)."""
    conn.execute(
        text(
            "UPDATE traffic_daily SET listing_id = (SELECT l.id FROM listing l "
            "WHERE l.shop_id = traffic_daily.shop_id AND l.platform_item_id = traffic_daily.item_key) "
            "WHERE shop_id = :s AND item_key <> '' AND listing_id IS NULL"
        ),
        {"s": shop_id},
    )
