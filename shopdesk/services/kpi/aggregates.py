"""Keeping the daily aggregates (db/models/aggregates.py) in step with orders.

An import or undo names the shops and the range of paid days it touched
(:func:`batch_scope`); :func:`refresh` recomputes exactly those shop-days from
the orders in SQL, then the previous-row links of every buyer who had or has a
row there. Everything runs inside the caller's transaction, so the aggregates
can never disagree with the orders they summarise.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, text

from shopdesk.db import bulk
from shopdesk.services.kpi import buyer_blocks

log = logging.getLogger(__name__)

VERSION = "2"  # bump when the aggregate definitions change: a rebuild follows on open
VERSION_KEY = "kpi_aggregates_version"
DATA_VERSION_KEY = "kpi_data_version"  # bumped by every refresh, for caches

LINKS = ("p_prev", "p_prev2", "p_prev_orders", "s_prev", "s_prev2", "s_prev_orders")
TEMP_TABLES = ("kpi_touched", "kpi_rows", "kpi_multi", "kpi_order_value")
Scope = dict[int, tuple[date, date]]  # shop id → first and last touched day

# An order counts from its paid time on: paid, not closed unpaid, not a test.
PAID = "o.paid_time IS NOT NULL AND o.status <> 'unpaid' AND o.status <> 'cancelled' AND NOT o.is_test"


def day_expr(conn: Connection, column: str) -> str:
    return f"substr({column}, 1, 10)" if bulk.is_sqlite(conn) else f"CAST({column} AS DATE)"


def day_bounds(conn: Connection, start: date, end: date) -> dict:
    """Parameters for ``day BETWEEN :d0 AND :d1`` and ``paid_time`` in [:t0, :t1)."""
    after = end + timedelta(days=1)
    if bulk.is_sqlite(conn):
        return {
            "d0": start.isoformat(),
            "d1": end.isoformat(),
            "t0": f"{start.isoformat()} 00:00:00",
            "t1": f"{after.isoformat()} 00:00:00",
        }
    return {
        "d0": start,
        "d1": end,
        "t0": datetime.combine(start, datetime.min.time()),
        "t1": datetime.combine(after, datetime.min.time()),
    }


def batch_scope(conn: Connection, batch_id: int) -> Scope:
    """Shop-days an import batch touches: its own orders and lines, the orders
    it changed (their paid day now and before). Call it after an import has
    written, or before an undo runs."""
    old_day = (
        "substr(json_extract(c.old_values, '$.paid_time'), 1, 10)"
        if bulk.is_sqlite(conn)
        else "CAST(substr(CAST(c.old_values AS json) ->> 'paid_time', 1, 10) AS DATE)"
    )
    day = day_expr(conn, "o.paid_time")
    rows = conn.execute(
        text(
            f"""
            SELECT o.shop_id, MIN({day}), MAX({day}) FROM orders o
            WHERE o.paid_time IS NOT NULL AND (
                  o.batch_id = :b
               OR o.id IN (SELECT row_id FROM import_change WHERE batch_id = :b AND table_name = 'orders')
               OR o.id IN (SELECT order_id FROM order_line WHERE batch_id = :b)
               OR o.id IN (SELECT l.order_id FROM order_line l JOIN import_change c
                           ON c.row_id = l.id AND c.table_name = 'order_line' WHERE c.batch_id = :b))
            GROUP BY o.shop_id
            UNION ALL
            SELECT o.shop_id, MIN({old_day}), MAX({old_day}) FROM import_change c
            JOIN orders o ON o.id = c.row_id
            WHERE c.batch_id = :b AND c.table_name = 'orders' AND {old_day} IS NOT NULL
            GROUP BY o.shop_id
            """
        ),
        {"b": batch_id},
    ).all()
    scope: Scope = {}
    for shop_id, first, last in rows:
        if first is None:
            continue
        first, last = as_date(first), as_date(last)
        if shop_id in scope:
            known = scope[shop_id]
            first, last = min(first, known[0]), max(last, known[1])
        scope[shop_id] = (first, last)
    return scope


def as_date(value: date | datetime | str) -> date:
    """A day as the database gives it back (a date, a timestamp, or ISO text on SQLite)."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def refresh(conn: Connection, scope: Scope) -> None:
    """Recompute the aggregates of ``scope`` from the orders."""
    if not scope:
        return
    with _work_tables(conn):
        for shop_id, (start, end) in scope.items():
            params = {"s": shop_id, **day_bounds(conn, start, end)}
            for table in ("agg_day", "agg_item_day"):
                conn.execute(
                    text(f"DELETE FROM {table} WHERE shop_id = :s AND day BETWEEN :d0 AND :d1"), params
                )
            conn.execute(  # the buyers who had rows here: their links to other rows change
                text(
                    "INSERT INTO kpi_touched (platform, buyer_key) SELECT DISTINCT platform, buyer_key "
                    "FROM agg_buyer_day WHERE shop_id = :s AND day BETWEEN :d0 AND :d1 ON CONFLICT DO NOTHING"
                ),
                params,
            )
            conn.execute(
                text("DELETE FROM agg_buyer_day WHERE shop_id = :s AND day BETWEEN :d0 AND :d1"), params
            )
            _recompute(conn, "o.shop_id = :s AND o.paid_time >= :t0 AND o.paid_time < :t1", params)
        _relink_buyers(conn)
        # the days whose buyer rows changed: the scope, and every row of a buyer
        # whose links were rewritten
        days = {d for start, end in scope.values() for d in buyer_blocks.days_between(start, end)}
        days.update(as_date(d) for (d,) in conn.execute(text("SELECT DISTINCT day FROM kpi_rows")))
        buyer_blocks.rebuild_blocks(conn, days)
    bump_data_version(conn)


@contextmanager
def _work_tables(conn: Connection) -> Iterator[None]:
    temp = "TEMP TABLE" if bulk.is_sqlite(conn) else "TEMPORARY TABLE"
    buyers = "platform VARCHAR(16), buyer_key VARCHAR(64)"
    for table in TEMP_TABLES:
        conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
    for table in ("kpi_touched", "kpi_multi"):
        conn.execute(text(f"CREATE {temp} {table} ({buyers}, PRIMARY KEY (platform, buyer_key))"))
    conn.execute(text(f"CREATE {temp} kpi_rows ({buyers}, day DATE, shop_id INTEGER, orders INTEGER)"))
    conn.execute(
        text(f"CREATE {temp} kpi_order_value (order_id INTEGER PRIMARY KEY, total BIGINT, lines INTEGER)")
    )
    try:
        yield
    finally:
        for table in TEMP_TABLES:
            conn.execute(text(f"DROP TABLE IF EXISTS {table}"))


def _recompute(conn: Connection, orders_where: str, params: dict, scan: bool = False) -> None:
    """Insert the sums of the paid orders matching ``orders_where`` (alias ``o``),
    and their buyer-day rows into ``kpi_rows`` for :func:`_relink_buyers`.

    ``scan``: read the orders table in storage order. SQLite would otherwise
    walk the (shop, paid time) index to save a sort, and pay a random read per
    order — 20 s instead of 2 for three million orders.
    """
    day = day_expr(conn, "o.paid_time")
    orders = "orders o NOT INDEXED" if scan and bulk.is_sqlite(conn) else "orders o"
    where = f"{orders_where} AND {PAID}"
    conn.execute(
        text(
            f"""
            INSERT INTO agg_day (shop_id, day, platform, gmv_fen, refund_fen, orders, unidentified)
            SELECT o.shop_id, {day}, MIN(o.platform), SUM(o.paid_fen), SUM(o.refund_fen), COUNT(*),
                   SUM(CASE WHEN o.buyer_identified THEN 0 ELSE 1 END)
            FROM {orders} WHERE {where} GROUP BY o.shop_id, {day}
            """
        ),
        params,
    )
    # A line's amount: as stated, else its share of the order by list value
    # (integer fen; equal shares when the lines carry no price). The order totals
    # go to a work table first: a window or a correlated subquery per line costs
    # SQLite minutes over millions of lines.
    value = "COALESCE(l.unit_price_fen, 0) * l.quantity"
    conn.execute(text("DELETE FROM kpi_order_value"))
    conn.execute(
        text(
            f"INSERT INTO kpi_order_value (order_id, total, lines) SELECT o.id, SUM({value}), COUNT(*) "
            f"FROM {orders} JOIN order_line l ON l.order_id = o.id WHERE {where} GROUP BY o.id "
            "HAVING SUM(CASE WHEN l.paid_fen IS NULL THEN 1 ELSE 0 END) > 0"
        ),
        params,
    )
    item = "COALESCE(NULLIF(l.platform_item_id, ''), NULLIF(l.outer_id, ''), '')"
    share = f"CASE WHEN v.total > 0 THEN o.paid_fen * {value} / v.total ELSE o.paid_fen / v.lines END"
    conn.execute(
        text(
            f"""
            INSERT INTO agg_item_day (shop_id, day, item_key, platform, gmv_fen, refund_fen, orders, quantity)
            SELECT o.shop_id, {day}, {item}, MIN(o.platform), SUM(COALESCE(l.paid_fen, {share})),
                   SUM(l.refund_fen), COUNT(DISTINCT o.id), SUM(l.quantity)
            FROM {orders} JOIN order_line l ON l.order_id = o.id
            LEFT JOIN kpi_order_value v ON v.order_id = o.id
            WHERE {where}
            GROUP BY o.shop_id, {day}, {item}
            """
        ),
        params,
    )
    conn.execute(
        text(
            f"""
            INSERT INTO kpi_rows (platform, buyer_key, day, shop_id, orders)
            SELECT o.platform, o.buyer_key, {day}, o.shop_id, COUNT(*)
            FROM {orders} WHERE {where} GROUP BY o.platform, o.buyer_key, {day}, o.shop_id
            """
        ),
        params,
    )


def _relink_buyers(conn: Connection) -> None:
    """Write the touched buyers' rows again, each with its previous rows.

    Rows are inserted rather than updated in place (the scan index holds the
    link columns), and only buyers with more than one row go through window
    functions: SQLite pays per window partition, and most buyers buy once.
    """
    if conn.execute(text("SELECT 1 FROM agg_buyer_day LIMIT 1")).first() is not None:
        conn.execute(
            text(
                "INSERT INTO kpi_touched (platform, buyer_key) SELECT DISTINCT platform, buyer_key "
                "FROM kpi_rows WHERE 1 = 1 ON CONFLICT DO NOTHING"  # SQLite needs a WHERE before ON CONFLICT
            )
        )
        touched = "(platform, buyer_key) IN (SELECT platform, buyer_key FROM kpi_touched)"
        conn.execute(
            text(
                "INSERT INTO kpi_rows (platform, buyer_key, day, shop_id, orders) "
                f"SELECT platform, buyer_key, day, shop_id, orders FROM agg_buyer_day WHERE {touched}"
            )
        )
        conn.execute(text(f"DELETE FROM agg_buyer_day WHERE {touched}"))
    conn.execute(
        text(
            "INSERT INTO kpi_multi (platform, buyer_key) SELECT platform, buyer_key FROM kpi_rows "
            "GROUP BY platform, buyer_key HAVING COUNT(*) > 1"
        )
    )
    # EXISTS, not a row-value NOT IN: SQLite cannot probe the key for NOT IN
    multi = "EXISTS (SELECT 1 FROM kpi_multi m WHERE m.platform = r.platform AND m.buyer_key = r.buyer_key)"
    columns = "platform, buyer_key, day, shop_id, orders, " + ", ".join(LINKS)
    rows = conn.execute(text("SELECT COUNT(*) FROM kpi_rows")).scalar_one()
    with bulk.indexes_rebuilt_after(conn, "agg_buyer_day", rows):
        conn.execute(
            text(
                f"INSERT INTO agg_buyer_day ({columns}) SELECT platform, buyer_key, day, shop_id, orders, "
                f"NULL, NULL, NULL, NULL, NULL, NULL FROM kpi_rows r WHERE NOT {multi} "
                "ORDER BY platform, buyer_key, day, shop_id"  # appends to the primary key's b-tree
            )
        )
        conn.execute(
            text(
                f"""
                INSERT INTO agg_buyer_day ({columns})
                SELECT platform, buyer_key, day, shop_id, orders,
                       LAG(day) OVER p, LAG(day, 2) OVER p, LAG(orders) OVER p,
                       LAG(day) OVER s, LAG(day, 2) OVER s, LAG(orders) OVER s
                FROM kpi_rows r WHERE {multi}
                WINDOW p AS (PARTITION BY platform, buyer_key ORDER BY day, shop_id),
                       s AS (PARTITION BY platform, buyer_key, shop_id ORDER BY day)
                """
            )
        )


def rebuild(conn: Connection) -> None:
    """Recompute every aggregate from scratch (new definitions, demo data)."""
    with _sort_memory(conn):
        for table in ("agg_day", "agg_item_day", "agg_buyer_day", "agg_buyer_block"):
            conn.execute(text(f"DELETE FROM {table}"))
        with _work_tables(conn):
            # one pass over every order: a table scan, where a shop-by-shop range
            # would visit the rows in paid-time order, one random read each
            _recompute(conn, "1 = 1", {}, scan=True)
            _relink_buyers(conn)
        buyer_blocks.rebuild_blocks(conn)
    set_meta(conn, VERSION_KEY, VERSION)
    bump_data_version(conn)


@contextmanager
def _sort_memory(conn: Connection, mebibytes: int = 256) -> Iterator[None]:
    """A bigger SQLite page cache for the duration: GROUP BY sorts millions of
    rows, and a sort that fits in memory is several times faster than one
    spilled to temporary files."""
    if not bulk.is_sqlite(conn):
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{mebibytes * 1024}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {before}")


def ensure_built(conn: Connection) -> bool:
    """Rebuild when the aggregates were made by another definition; True if it did."""
    if get_meta(conn, VERSION_KEY) == VERSION:
        return False
    log.info("rebuilding KPI aggregates (version %s)", VERSION)
    rebuild(conn)
    return True


def data_version(conn: Connection) -> int:
    """A number that changes whenever the aggregates do (for caches)."""
    return int(get_meta(conn, DATA_VERSION_KEY) or 0)


def bump_data_version(conn: Connection) -> None:
    set_meta(conn, DATA_VERSION_KEY, str(data_version(conn) + 1))


def get_meta(conn: Connection, key: str) -> str | None:
    return conn.execute(text("SELECT value FROM app_meta WHERE key = :k"), {"k": key}).scalar()


def set_meta(conn: Connection, key: str, value: str) -> None:
    if conn.execute(text("UPDATE app_meta SET value = :v WHERE key = :k"), {"k": key, "v": value}).rowcount:
        return
    conn.execute(text("INSERT INTO app_meta (key, value) VALUES (:k, :v)"), {"k": key, "v": value})
