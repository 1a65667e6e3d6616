"""Pieces every platform's order mapper shares: status mapping, buyer keys,
test-order flags, one-row-per-order grouping, and the unified table layout."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import Future
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from shopdesk.domain import statuses, test_orders
from shopdesk.domain.buyer import ANON_PREFIX, MASK_PATTERN, buyer_keys_of
from shopdesk.importers.arrow_tools import codes as arrow_codes
from shopdesk.importers.arrow_tools import few_distinct, first_rows
from shopdesk.importers.frame import Cleaned
from shopdesk.importers.spec import Kind

ORDER_SCHEMA = pa.schema(
    [
        ("platform_order_id", pa.string()),
        ("platform_status", pa.string()),
        ("status", pa.string()),
        ("flagged", pa.string()),
        ("created_time", pa.timestamp("s")),
        ("paid_time", pa.timestamp("s")),
        ("shipped_time", pa.timestamp("s")),
        ("completed_time", pa.timestamp("s")),
        ("paid_fen", pa.int64()),
        ("shipping_fen", pa.int64()),
        ("discount_fen", pa.int64()),
        ("refund_fen", pa.int64()),
        ("item_count", pa.int64()),
        ("buyer_key", pa.string()),
        ("buyer_identified", pa.bool_()),
        ("is_test", pa.bool_()),
        ("test_reason", pa.string()),
        ("seller_memo", pa.string()),
        ("close_reason", pa.string()),
        ("traffic_source", pa.string()),
        ("influencer_id", pa.string()),
    ]
)
LINE_SCHEMA = pa.schema(
    [
        ("platform_order_id", pa.string()),
        ("line_key", pa.string()),
        ("platform_item_id", pa.string()),
        ("outer_id", pa.string()),
        ("sku_code", pa.string()),
        ("title", pa.string()),
        ("spec", pa.string()),
        ("quantity", pa.int64()),
        ("unit_price_fen", pa.int64()),
        ("paid_fen", pa.int64()),
        ("refund_fen", pa.int64()),
        ("refund_status", pa.string()),
        ("status", pa.string()),
    ]
)


@dataclass
class Context:
    platform: str
    salt: str
    status_map: dict[str, tuple[str, str | None]]  # normalised platform status → (status, flag)
    test_words: tuple[str, ...] = ()  # the merchant's own test-order words


@dataclass
class OrderData:
    """What one order file contributes."""

    platform: str
    kind: Kind
    orders: pa.Table  # ORDER_SCHEMA columns (a subset when the file is partial)
    lines: pa.Table | None  # LINE_SCHEMA
    order_fields: frozenset[str]  # order columns this file states (others are left alone)
    unknown_statuses: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    shop_names: list[str] = field(default_factory=list)
    # hashing.line_hashes of ``lines``, being made on a worker thread (see reading.parse_file)
    line_hashes: Future[np.ndarray] | None = None
    # the position of each line's order in ``orders``, when the mapper built the orders
    # from the lines (one per order number) and knows it: hashing.line_owners without
    # a lookup of a million order numbers. Dropped as soon as any row is.
    owners: pa.Array | None = None


def map_status(c: Cleaned, ctx: Context, status: pa.Array) -> tuple[pa.Array, pa.Array, Counter[str]]:
    """(unified-or-closed status, flag, unknown counts); unknown rows are rejected."""
    normalized = [None if s is None else statuses.normalize_status(s) for s in pc.unique(status).to_pylist()]
    raw_unique = pc.unique(status).to_pylist()
    mapping: dict[str | None, tuple[str | None, str | None]] = {}
    unknown: Counter[str] = Counter()
    for raw, norm in zip(raw_unique, normalized, strict=True):
        if norm is None:
            mapping[raw] = (None, None)
        elif norm in ctx.status_map:
            mapping[raw] = ctx.status_map[norm]
        elif ctx.platform == "pdd" and statuses.pdd_refund_suffix(norm):
            mapping[raw] = (statuses.REFUNDED, None)
        else:
            mapping[raw] = (None, None)
    keys = pa.array(raw_unique, pa.string())
    index = pc.index_in(status, value_set=keys)
    mapped = pc.take(pa.array([mapping[k][0] for k in raw_unique], pa.string()), index)
    flags = pc.take(pa.array([mapping[k][1] for k in raw_unique], pa.string()), index)
    missing = pc.is_null(status)
    c.reject_where(missing, "the order status is empty")
    unmapped = pc.and_(pc.is_valid(status), pc.is_null(mapped))
    if pc.any(unmapped).as_py():
        for value, count in Counter(pc.filter(status, unmapped).to_pylist()).items():
            unknown[value] += count
        c.reject_where(
            unmapped,
            "unknown order status: map it in Settings → Order status mapping, then import again",
            "status",
        )
    return mapped, flags, unknown


@dataclass
class OrderStatus:
    order_id: pa.Array
    raw: pa.Array  # as the platform wrote it
    status: pa.Array  # unified (closed already resolved when a paid time was given)
    flags: pa.Array
    unknown: Counter[str]


def order_status(c: Cleaned, ctx: Context, paid_time: pa.Array | None) -> OrderStatus:
    """What every order file starts with: the order number (rows without one are
    rejected) and the unified status, 交易关闭/已取消 told apart by ``paid_time``."""
    order_id = c.get("order_id")
    c.reject_where(pc.is_null(order_id), "the order number is empty")
    raw = c.get("status")
    mapped, flags, unknown = map_status(c, ctx, raw)
    status = resolve_closed(mapped, pc.is_valid(paid_time)) if paid_time is not None else mapped
    return OrderStatus(order_id, raw, status, flags, unknown)


def resolve_closed(mapped: pa.Array, paid: pa.Array) -> pa.Array:
    """``closed`` → refunded when the order was paid, cancelled when not."""
    closed = pc.equal(mapped, statuses.CLOSED)
    refunded_or_cancelled = pc.if_else(paid, statuses.REFUNDED, statuses.CANCELLED)
    return pc.if_else(pc.fill_null(closed, False), refunded_or_cancelled, mapped)


def test_flags(ctx: Context, *texts: pa.Array) -> tuple[pa.Array, pa.Array]:
    """(is_test, reason): a buyer message or seller memo matching the test-order rule."""
    n = len(texts[0])
    rule = test_orders.pattern(ctx.test_words)
    hit = pa.repeat(pa.scalar(False), n)
    for t in texts:
        encoded = few_distinct(t)  # (most are empty, or one of a few stock phrases)
        if encoded is None:
            hit = pc.or_(hit, pc.fill_null(pc.match_substring_regex(t, rule), False))
        else:
            matched = pc.match_substring_regex(encoded.dictionary, rule)
            hit = pc.or_(hit, pc.fill_null(pc.take(matched, encoded.indices), False))
    reason = pc.if_else(hit, pa.scalar(test_orders.reason(ctx.test_words)), pa.scalar(None, pa.string()))
    return hit, reason


def _identity(values: pa.Array) -> pa.Array:
    """The value where it identifies a buyer; null where empty, ``-``, masked or encrypted."""
    usable = pc.and_(
        pc.invert(pc.fill_null(pc.match_substring_regex(values, MASK_PATTERN), True)),
        pc.invert(pc.fill_null(pc.is_in(values, value_set=pa.array(["", "-"])), True)),
    )
    return pc.if_else(usable, values, pa.scalar(None, pa.string()))


def buyer_keys(
    ctx: Context,
    order_ids: pa.Array,
    account: pa.Array | None,
    name: pa.Array | None = None,
    phone: pa.Array | None = None,
) -> tuple[pa.Array, pa.Array]:
    """(buyer_key, identified) per row. Identity: the account; else name + phone
    when both are readable; else none (a key of the order's own). Only distinct
    identities are hashed."""
    n = len(order_ids)
    identity = pa.nulls(n, pa.string())
    if name is not None and phone is not None:
        identity = pc.binary_join_element_wise(
            _identity(pc.utf8_trim_whitespace(name)), _identity(pc.utf8_trim_whitespace(phone)), "|"
        )
    if account is not None:
        identity = pc.coalesce(_identity(pc.utf8_trim_whitespace(account)), identity)
    encoded = pc.dictionary_encode(identity)
    # in slices: a Python string per identity for half a million buyers at once
    # would cost a hundred megabytes at the import's peak
    dictionary = encoded.dictionary
    hashed = pa.concat_arrays(
        [pa.array([], pa.string())]
        + [
            pa.array(buyer_keys_of(ctx.salt, ctx.platform, part.to_pylist()), pa.string())
            for part in (dictionary.slice(start, 50_000) for start in range(0, len(dictionary), 50_000))
        ]
    )
    keys = pc.take(hashed, encoded.indices)
    anon = pc.binary_join_element_wise(
        pa.scalar(f"{ANON_PREFIX}{ctx.platform}"), pc.utf8_trim_whitespace(pc.fill_null(order_ids, "")), ":"
    )
    return pc.coalesce(keys, anon), pc.is_valid(identity)


def first_row_per_order(order_ids: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Row index of each order's first row, in first-seen order."""
    return first_rows(order_ids)


def sum_by_order(order_ids: pa.Array, values: pa.Array, how: str = "sum") -> pa.Table:
    table = pa.table({"k": order_ids, "v": values})
    return table.group_by("k", use_threads=False).aggregate([("v", how)])


def unique_line_keys(order_ids: pa.Array, keys: pa.Array) -> pa.Array:
    """Make (order, key) unique by suffixing repeats with #2, #3… in file order."""
    combined = pc.binary_join_element_wise(pc.fill_null(order_ids, ""), pc.fill_null(keys, ""), "\x1f")
    codes = arrow_codes(combined)
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    starts = np.r_[True, sorted_codes[1:] != sorted_codes[:-1]]
    run_start = np.maximum.accumulate(np.where(starts, np.arange(len(codes)), 0))
    occurrence = np.empty(len(codes), dtype=np.int64)
    occurrence[order] = np.arange(len(codes)) - run_start
    if not occurrence.any():
        return pc.fill_null(keys, "")
    suffix = pa.array(np.where(occurrence > 0, np.char.add("#", (occurrence + 1).astype(str)), ""))
    return pc.binary_join_element_wise(pc.fill_null(keys, ""), suffix, "")


def reject_whole_orders(c: Cleaned, order_ids: pa.Array) -> None:
    """When one row of a multi-row order is bad, the order's totals are unknown:
    reject its other rows too."""
    bad = c.bad_rows()
    if not pc.any(bad).as_py():
        return
    bad_ids = pc.unique(pc.filter(order_ids, bad))
    siblings = pc.and_(pc.is_in(order_ids, value_set=bad_ids), pc.invert(bad))
    c.reject_where(siblings, "another row of the same order was rejected")


def zero_if_null(arr: pa.Array) -> pa.Array:
    return pc.fill_null(arr, 0)


def finish(data: OrderData, c: Cleaned) -> OrderData:
    """Drop rejected rows (whole orders for multi-row orders) and repeated orders."""
    bad = c.bad_rows()
    if pc.any(bad).as_py():
        order_col = c.get("order_id")
        bad_ids = pc.unique(pc.drop_null(pc.filter(order_col, bad)))
        if data.lines is not None:
            data.lines = data.lines.filter(pc.invert(bad))
        if data.orders.num_rows == c.n:  # one row per source row
            data.orders = data.orders.filter(pc.invert(bad))
        else:  # already one row per order: drop orders with a bad row
            data.orders = data.orders.filter(
                pc.invert(pc.is_in(data.orders["platform_order_id"], value_set=bad_ids))
            )
        data.owners = None
    # each step copies only when it drops something: a million-line file's tables
    # are hundreds of megabytes
    if data.orders["platform_order_id"].null_count:
        data.orders = data.orders.filter(pc.is_valid(data.orders["platform_order_id"]))
        data.owners = None
    if data.owners is None:  # (with owners, the orders are one per number already)
        first = first_row_per_order(data.orders["platform_order_id"])
        if len(first) < data.orders.num_rows:
            data.orders = data.orders.take(first)
    if data.lines is not None and data.lines["platform_order_id"].null_count:
        data.lines = data.lines.filter(pc.is_valid(data.lines["platform_order_id"]))
        data.owners = None
    return data
