"""What newly inserted orders contribute to the KPI aggregates, computed from
the import's own Arrow columns instead of reading the rows back.

A first import of a year of orders adds hundreds of thousands of them; the
same sums in SQL cost SQLite a sort of every row (about 20 s per million
lines), in Arrow well under a second. The rules are those of the SQL in
aggregates.py, and a test compares both on the same files: paid orders only
(paid time, not unpaid/cancelled, not a test), a line's amount as stated or
its share of the order by list value, one buyer-day row per buyer and day.

Columns a file leaves empty are stored with the model's default (bulk insert
leaves all-null columns out), so they are read here with that default too.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc


@dataclass
class NewOrderSums:
    days: pa.Table  # day, gmv_fen, refund_fen, orders, unidentified
    items: pa.Table  # day, item_key, gmv_fen, refund_fen, orders, quantity
    buyers: pa.Table  # buyer_key, day, orders


def _column(table: pa.Table, name: str, default: object, kind: pa.DataType) -> pa.ChunkedArray | pa.Array:
    """The column as stored: the model's default when the file left it out or empty."""
    if name not in table.column_names or table[name].null_count == table.num_rows:
        return pa.repeat(pa.scalar(default, kind), table.num_rows)
    return table[name]


def _or_empty(values: pa.ChunkedArray | pa.Array) -> pa.Array:
    """NULLIF(value, '') as the SQL writes it."""
    return pc.if_else(pc.equal(values, ""), pa.scalar(None, pa.string()), values)


def new_order_sums(orders: pa.Table, lines: pa.Table | None) -> NewOrderSums:
    status = _column(orders, "status", "unpaid", pa.string())
    paid_time = _column(orders, "paid_time", None, pa.timestamp("s"))
    is_test = _column(orders, "is_test", False, pa.bool_())
    keep = pc.and_(
        pc.and_(
            pc.is_valid(paid_time), pc.invert(pc.is_in(status, value_set=pa.array(["unpaid", "cancelled"])))
        ),
        pc.invert(is_test),
    )
    keep = pc.fill_null(keep, False)
    paid = pa.table(
        {
            "order": orders["platform_order_id"],
            "day": pc.strftime(paid_time, format="%Y-%m-%d"),
            "paid_fen": _column(orders, "paid_fen", 0, pa.int64()),
            "refund_fen": _column(orders, "refund_fen", 0, pa.int64()),
            "unidentified": pc.cast(
                pc.invert(_column(orders, "buyer_identified", True, pa.bool_())), pa.int64()
            ),
            "buyer_key": orders["buyer_key"],
        }
    ).filter(keep)
    days = paid.group_by("day").aggregate(
        [("paid_fen", "sum"), ("refund_fen", "sum"), ("order", "count"), ("unidentified", "sum")]
    )
    days = _named(
        days,
        day="day",
        gmv_fen="paid_fen_sum",
        refund_fen="refund_fen_sum",
        orders="order_count",
        unidentified="unidentified_sum",
    )
    buyers = paid.group_by(["buyer_key", "day"]).aggregate([("order", "count")])
    buyers = _named(buyers, buyer_key="buyer_key", day="day", orders="order_count")
    return NewOrderSums(days, _item_sums(paid, lines), buyers)


def _named(table: pa.Table, **columns: str) -> pa.Table:
    """Pick aggregate results by name (their order is the library's business);
    a sum over nothing but NULLs counts as 0, as the SQL's COALESCE does."""
    return pa.table(
        {
            new: pc.fill_null(table[old], 0) if pa.types.is_integer(table[old].type) else table[old]
            for new, old in columns.items()
        }
    )


def _item_sums(paid: pa.Table, lines: pa.Table | None) -> pa.Table:
    empty = pa.table(
        {
            "day": pa.array([], pa.string()),
            "item_key": pa.array([], pa.string()),
            "gmv_fen": pa.array([], pa.int64()),
            "refund_fen": pa.array([], pa.int64()),
            "orders": pa.array([], pa.int64()),
            "quantity": pa.array([], pa.int64()),
        }
    )
    if lines is None or not lines.num_rows or not paid.num_rows:
        return empty
    position = pc.index_in(lines["platform_order_id"], value_set=paid["order"])
    lines = lines.filter(pc.is_valid(position))
    if not lines.num_rows:
        return empty
    position = pc.index_in(lines["platform_order_id"], value_set=paid["order"])
    quantity = _column(lines, "quantity", 1, pa.int64())
    value = pc.multiply(pc.fill_null(_column(lines, "unit_price_fen", None, pa.int64()), 0), quantity)
    frame = pa.table({"order": lines["platform_order_id"], "value": value})
    totals = frame.group_by("order").aggregate([("value", "sum"), ([], "count_all")])
    at = pc.index_in(lines["platform_order_id"], value_set=totals["order"])
    total, count = pc.take(totals["value_sum"], at), pc.take(totals["count_all"], at)
    order_paid = pc.take(paid["paid_fen"], position)
    priced = pc.greater(pc.fill_null(total, 0), 0)
    share = pc.if_else(
        priced,  # integer division, as in SQL; both sides are computed, so never by 0
        pc.divide(pc.multiply(order_paid, value), pc.if_else(priced, total, 1)),
        pc.divide(order_paid, count),
    )
    item_key = pc.coalesce(
        _or_empty(_column(lines, "platform_item_id", None, pa.string())),
        _or_empty(_column(lines, "outer_id", None, pa.string())),
        pa.scalar("", pa.string()),
    )
    table = pa.table(
        {
            "day": pc.take(paid["day"], position),
            "item_key": item_key,
            "order": lines["platform_order_id"],
            "gmv_fen": pc.coalesce(_column(lines, "paid_fen", None, pa.int64()), share),
            "refund_fen": _column(lines, "refund_fen", 0, pa.int64()),
            "quantity": quantity,
        }
    )
    per_order = table.group_by(["day", "item_key", "order"]).aggregate(
        [("gmv_fen", "sum"), ("refund_fen", "sum"), ("quantity", "sum")]
    )
    items = per_order.group_by(["day", "item_key"]).aggregate(
        [("gmv_fen_sum", "sum"), ("refund_fen_sum", "sum"), ("order", "count"), ("quantity_sum", "sum")]
    )
    return _named(
        items,
        day="day",
        item_key="item_key",
        gmv_fen="gmv_fen_sum_sum",
        refund_fen="refund_fen_sum_sum",
        orders="order_count",
        quantity="quantity_sum_sum",
    )
