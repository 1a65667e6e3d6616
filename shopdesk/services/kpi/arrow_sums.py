"""What newly inserted orders contribute to the KPI aggregates, computed from
the import's own Arrow columns instead of reading the rows back.

A first import of a year of orders adds hundreds of thousands of them; the
same sums in SQL cost SQLite a sort of every row (about 20 s per million
lines), here well under a second. The rules are those of the SQL in
aggregates.py, and a test compares both on the same files: paid orders only
(paid time, not unpaid/cancelled, not a test), a line's amount as stated or
its share of the order by list value, one buyer-day row per buyer and day.

Grouping is done on integer codes with numpy (dictionary-encoded keys, days
counted from 1970): hash aggregation over a million strings would hold
several hundred megabytes at the peak of an import that is already large.

Columns a file leaves empty are stored with the model's default (bulk insert
leaves all-null columns out), so they are read here with that default too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from shopdesk import arrays
from shopdesk.importers.arrow_tools import first_of_codes
from shopdesk.services.kpi import item_blocks

SECONDS_A_DAY = 86_400


@dataclass
class NewOrderSums:
    days: pa.Table  # day, gmv_fen, refund_fen, orders, unidentified
    items: pa.Table  # day, item_key, gmv_fen, refund_fen, orders, quantity
    buyers: pa.Table  # buyer_key, day, orders
    item_rows: item_blocks.NewItemRows


def _column(table: pa.Table, name: str, default: object, kind: pa.DataType) -> pa.ChunkedArray | pa.Array:
    """The column as stored: the model's default when the file left it out or empty."""
    if name not in table.column_names or table[name].null_count == table.num_rows:
        return pa.repeat(pa.scalar(default, kind), table.num_rows)
    return table[name]


@dataclass(frozen=True)
class BuyerRanks:
    """The buyers of the orders summed: their distinct values (``item_blocks.buyer_values``,
    ascending) and each order's buyer as an index into them."""

    values: np.ndarray  # int64, sorted
    rank: np.ndarray  # per order


def _codes(values: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, pa.Array]:
    """(integer code of each value, the distinct values) — one hash pass."""
    encoded = pc.dictionary_encode(values)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.unify_dictionaries().combine_chunks()
    return np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64), encoded.dictionary


def _day_labels(days: np.ndarray) -> pa.Array:
    """``YYYY-MM-DD`` of epoch days: Arrow's cast of a date gives that form, ten
    times quicker than ``strftime`` (1 s for 300,000 buyer-days)."""
    return pc.cast(pa.array(days.astype("datetime64[D]")), pa.string())


# The columns new_order_sums reads (any other may go before it runs)
ORDER_COLUMNS = ("platform_order_id", "status", "paid_time", "is_test", "paid_fen", "refund_fen",
                 "buyer_identified", "buyer_key")  # fmt: skip
LINE_COLUMNS = ("platform_order_id", "quantity", "unit_price_fen", "paid_fen", "refund_fen",
                "platform_item_id", "outer_id", "title")  # fmt: skip


def summed_columns(table: pa.Table, names: tuple[str, ...]) -> pa.Table:
    """``table`` with only the ``names`` it has: what :func:`new_order_sums` needs
    of the import's rows kept for it, while the others' memory can go."""
    return table.select([n for n in names if n in table.column_names])


def new_order_sums(
    orders: pa.Table, lines: pa.Table | None, ids: pa.Array, owners: pa.Array | None = None
) -> NewOrderSums:
    """The sums of the new ``orders`` (and their ``lines``); ``ids`` are the
    orders' database ids, row for row; ``owners`` (if the caller has them) the
    position of each line's order in ``orders`` (``hashing.line_owners``)."""
    status = _column(orders, "status", "unpaid", pa.string())
    paid_time = _column(orders, "paid_time", None, pa.timestamp("s"))
    is_test = _column(orders, "is_test", False, pa.bool_())
    keep = pc.and_(
        pc.and_(
            pc.is_valid(paid_time), pc.invert(pc.is_in(status, value_set=pa.array(["unpaid", "cancelled"])))
        ),
        pc.invert(is_test),
    )
    keep = np.asarray(pc.fill_null(keep, False).to_numpy(zero_copy_only=False), dtype=bool)
    seconds = arrays.ints(pc.cast(paid_time, pa.int64()))[keep]
    day = seconds // SECONDS_A_DAY  # Beijing wall time, stored as is: its day is the calendar day
    paid_fen = arrays.ints(_column(orders, "paid_fen", 0, pa.int64()))[keep]
    refund_fen = arrays.ints(_column(orders, "refund_fen", 0, pa.int64()))[keep]
    # a NULL among stated values counts as unidentified, as the SQL's CASE does
    identified = np.asarray(
        pc.fill_null(_column(orders, "buyer_identified", True, pa.bool_()), False).to_numpy(
            zero_copy_only=False
        ),
        dtype=bool,
    )[keep]
    unique_days, day_code = np.unique(day, return_inverse=True)
    n = len(unique_days)
    days = pa.table(
        {
            "day": _day_labels(unique_days),
            "gmv_fen": np.bincount(day_code, weights=paid_fen, minlength=n).astype(np.int64),
            "refund_fen": np.bincount(day_code, weights=refund_fen, minlength=n).astype(np.int64),
            "orders": np.bincount(day_code, minlength=n).astype(np.int64),
            "unidentified": np.bincount(day_code, weights=~identified, minlength=n).astype(np.int64),
        }
    )
    # np.bincount's float weights are exact below 2**53 fen (90 trillion yuan a day)
    kept = pa.array(keep)
    kept_keys = orders["buyer_key"].filter(kept)
    buyer_code, buyer_keys = _codes(kept_keys)
    pair, pair_count = np.unique(buyer_code * n + day_code, return_counts=True)
    buyers = pa.table(
        {
            "buyer_key": buyer_keys.take(pa.array(pair // n)),
            "day": _day_labels(unique_days[pair % n]),
            "orders": pair_count.astype(np.int64),
        }
    )
    del pair, pair_count
    order_ids = orders["platform_order_id"].filter(kept)
    # each buyer's value once (not once per order), and each order's buyer as its
    # rank among them: anonymous buyers (value 0) share one rank
    buyer_values, rank_of_code = np.unique(item_blocks.buyer_values_of_keys(buyer_keys), return_inverse=True)
    buyer_rank = BuyerRanks(buyer_values, rank_of_code.reshape(-1)[buyer_code])
    del kept_keys, buyer_code, rank_of_code
    db_ids = arrays.ints(ids)[keep]
    among_paid = None if owners is None else _among_paid(owners, keep)
    items, item_rows = _item_sums(
        order_ids, unique_days, day_code, paid_fen, buyer_rank, db_ids, lines, among_paid
    )
    return NewOrderSums(days, items, buyers, item_rows)


def _among_paid(owners: pa.Array, keep: np.ndarray) -> pa.Array:
    """Each line's position among the kept (paid) orders, from its position among
    all of them: what ``index_in`` over the kept order numbers gives, without
    looking a million numbers up again."""
    owner = arrays.ints(owners, fill=-1)
    has = owner >= 0
    has[has] = keep[owner[has]]
    position = np.cumsum(keep) - 1
    return pa.array(np.where(has, position[np.maximum(owner, 0)], 0), mask=~has)


def _item_sums(
    order_ids: pa.ChunkedArray,
    unique_days: np.ndarray,
    day_code: np.ndarray,
    paid_fen: np.ndarray,
    buyers: BuyerRanks,
    db_ids: np.ndarray,
    lines: pa.Table | None,
    among_paid: pa.Array | None = None,
) -> tuple[pa.Table, item_blocks.NewItemRows]:
    """(item sums, item block rows) of the paid orders' lines (``among_paid``: the
    position of each line's order among ``order_ids``, if known)."""
    none = item_blocks.NewItemRows(
        pa.table({"day": pa.array([], pa.int32()), "item_key": pa.array([], pa.string()),
                  "buyer": pa.array([], pa.int64()), "count": pa.array([], pa.int64())}),
        pa.table({"day": pa.array([], pa.int32()), "item_key": pa.array([], pa.string()),
                  "order": pa.array([], pa.int64()), "count": pa.array([], pa.int64())}),
        pa.table({"item_key": pa.array([], pa.string()), "title": pa.array([], pa.string()),
                  "outer_id": pa.array([], pa.string())}),
    )  # fmt: skip
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
    if lines is None or not lines.num_rows or not len(order_ids):
        return empty, none
    found = (
        among_paid if among_paid is not None else pc.index_in(lines["platform_order_id"], value_set=order_ids)
    )
    valid = np.asarray(pc.is_valid(found).to_numpy(zero_copy_only=False), dtype=bool)
    if not valid.any():
        return empty, none
    order = arrays.ints(found, fill=-1)[valid]  # position of the line's order among the paid ones
    del found
    # a NULL quantity (or price) makes the SQL's line value NULL, which its sums
    # skip: as 0 here it adds nothing either
    quantity = arrays.ints(_column(lines, "quantity", 1, pa.int64()))[valid]
    price = arrays.ints(_column(lines, "unit_price_fen", None, pa.int64()))[valid]
    line_paid_column = _column(lines, "paid_fen", None, pa.int64())
    stated = np.asarray(pc.is_valid(line_paid_column).to_numpy(zero_copy_only=False), dtype=bool)[valid]
    line_paid = arrays.ints(line_paid_column)[valid]
    refund = arrays.ints(_column(lines, "refund_fen", 0, pa.int64()))[valid]
    value = price * quantity
    total = np.bincount(order, weights=value, minlength=len(paid_fen)).astype(np.int64)
    count = np.bincount(order, minlength=len(paid_fen)).astype(np.int64)
    order_paid = paid_fen[order]
    total_of_order = total[order]
    priced = total_of_order > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(
            priced,
            (order_paid * value) // np.where(priced, total_of_order, 1),  # all ≥ 0: floor = SQL's /
            order_paid // np.maximum(count[order], 1),
        )
    gmv = np.where(stated, line_paid, share)
    # a million lines: each of these is 8 MB, and the peak of an import is near
    del price, value, total, count, order_paid, total_of_order, priced, share, line_paid, stated
    item_key = _empty_as_null(_column(lines, "platform_item_id", None, pa.string()))
    if item_key.null_count:  # (each step here copies a million strings, at the import's peak)
        outer_id = _empty_as_null(_column(lines, "outer_id", None, pa.string()))
        item_key = pc.coalesce(item_key, outer_id, pa.scalar("", pa.string()))
        del outer_id
    if not valid.all():
        item_key = item_key.filter(pa.array(valid))
    item_code, item_keys = _codes(item_key)
    del item_key
    # codes in the order of the keys, which is the order new items get their block
    # codes in (item_blocks.ItemCodes): a shop's first file then gives its pairs and
    # order rows already in the blocks' order, and merging them needs no sort
    by_key = pc.sort_indices(item_keys).to_numpy()
    rank = np.empty(len(by_key), np.int64)
    rank[by_key] = np.arange(len(by_key))
    # each item's first line, found before the renumbering (codes as they first appear)
    first_line = first_of_codes(item_code).to_numpy()[by_key]
    item_code, item_keys = rank[item_code], item_keys.take(pa.array(by_key))
    del rank, by_key
    groups, group_code = _dense_groups(day_code[order] * len(item_keys) + item_code)
    m = len(groups)
    distinct = arrays.distinct(group_code * (len(paid_fen) + 1) + order)  # (group, order) once each
    distinct_orders = distinct // (len(paid_fen) + 1)
    del order
    items = pa.table(
        {
            "day": _day_labels(unique_days[groups // len(item_keys)]),
            "item_key": item_keys.take(pa.array(groups % len(item_keys))),
            "gmv_fen": np.bincount(group_code, weights=gmv, minlength=m).astype(np.int64),
            "refund_fen": np.bincount(group_code, weights=refund, minlength=m).astype(np.int64),
            "orders": np.bincount(distinct_orders, minlength=m).astype(np.int64),
            "quantity": np.bincount(group_code, weights=quantity, minlength=m).astype(np.int64),
        }
    )
    del gmv, refund, quantity, group_code  # each a million-line array, at the import's peak
    # each (group, buyer) once, with its number of orders, in group and buyer value
    # order: one sort of integers (group × buyers + the buyer's rank), not a sort on two keys
    width = max(len(buyers.values), 1)
    pair, pair_count = np.unique(
        distinct_orders * width + buyers.rank[distinct % (len(paid_fen) + 1)], return_counts=True
    )
    pair_groups = groups[pair // width]
    pairs = pa.table(
        {
            "day": unique_days[pair_groups // len(item_keys)].astype(np.int32),
            "item_key": item_keys.take(pa.array(pair_groups % len(item_keys))),
            "buyer": buyers.values[pair % width],
            "count": pair_count.astype(np.int64),
        }
    )
    del pair, pair_count, pair_groups
    order_groups = groups[distinct_orders]
    order_rows = pa.table(
        {
            "day": unique_days[order_groups // len(item_keys)].astype(np.int32),
            "item_key": item_keys.take(pa.array(order_groups % len(item_keys))),
            "order": db_ids[distinct % (len(paid_fen) + 1)],
            "count": np.ones(len(distinct), np.int64),
        }
    )
    del distinct, distinct_orders, order_groups
    kept = pa.array(np.flatnonzero(valid)[first_line])
    names = pa.table(
        {
            "item_key": item_keys,
            "title": _column(lines, "title", None, pa.string()).take(kept),
            "outer_id": _column(lines, "outer_id", None, pa.string()).take(kept),
        }
    )
    return items, item_blocks.NewItemRows(pairs, order_rows, names)


def _dense_groups(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, return_inverse=True)`` for non-negative keys: by marking them
    in a table as long as their range when that is short (days × items are), which
    needs no sort of a million keys."""
    span = int(keys.max()) + 1 if len(keys) else 0
    if span > 4 * len(keys) + 1024:
        groups, inverse = np.unique(keys, return_inverse=True)
        return groups, inverse.reshape(-1)
    present = np.zeros(span, bool)
    present[keys] = True
    position = np.cumsum(present, dtype=np.int32) - 1
    return np.flatnonzero(present), position[keys].astype(np.int64)


def _empty_as_null(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """NULLIF(value, '') as the SQL writes it (the column itself when it has no '')."""
    empty = pc.equal(values, "")
    if not pc.any(empty).as_py():
        return values
    return pc.if_else(empty, pa.scalar(None, pa.string()), values)
