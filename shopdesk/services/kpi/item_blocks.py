"""Item figures and distinct buyers per item of any period, counted with numpy.

The product drill-down needs, for each item, its money and orders (summed
from ``agg_item_day``) and its distinct buyers in the period. Summing tens of
thousands of item-day rows in SQL, and counting buyers from the period's
order lines, cost SQLite 0.4–3 s per platform at five million lines. So each
shop-day is also kept packed in ``agg_item_block``:

- its ``agg_item_day`` rows, the item as an integer code (``agg_item_code``);
- its distinct (item, buyer) pairs, with the number of orders: an identified
  buyer as the first 64 bits of the buyer key (a SHA-256, see domain/buyer.py),
  every anonymous buyer — one order each — folded into one row of buyer 0
  whose count is their number.

A period's buyers of an item are then its distinct non-zero pairs plus its
anonymous count. The item rows are copied from ``agg_item_day`` for the
shop-days an import touched; the pairs have no table of their own (five
million rows of 64-character keys) and follow the same signed deltas as the
other aggregates, merged in numpy (:class:`PairChanges`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Connection, text

from shopdesk.db import bulk
from shopdesk.domain.buyer import ANON_PREFIX
from shopdesk.services.kpi.block_cache import BlockCache, Sections
from shopdesk.services.kpi.buyer_blocks import epoch_sql

ITEM = np.dtype([("code", "<i4"), ("orders", "<i4"), ("quantity", "<i8"), ("gmv", "<i8"), ("refund", "<i8")])
PAIR = np.dtype([("code", "<i4"), ("orders", "<i4"), ("buyer", "<i8")])
CHANGE = np.dtype([("shop", "<i4"), ("day", "<i4"), ("code", "<i4"), ("orders", "<i4"), ("buyer", "<i8")])

VERSION = "1"
VERSION_KEY = "kpi_item_blocks_version"

ITEM_SQL = "COALESCE(NULLIF(l.platform_item_id, ''), NULLIF(l.outer_id, ''), '')"
# the buyer key's first 16 hex digits; '' for an anonymous key
PREFIX_SQL = f"CASE WHEN o.buyer_key LIKE '{ANON_PREFIX}%' THEN '' ELSE substr(o.buyer_key, 1, 16) END"

_NIBBLE = np.full(256, 255, np.uint8)
for _i, _c in enumerate(b"0123456789abcdef"):
    _NIBBLE[_c] = _i
    _NIBBLE[bytes([_c]).upper()[0]] = _i
_NIBBLE[0] = 0  # padding of a short (empty) prefix


# --- buyers as integers --------------------------------------------------------------------------


def buyer_values(prefixes: np.ndarray) -> np.ndarray:
    """int64 buyer values from 16-byte key prefixes (numpy ``S16``): 0 for an
    anonymous buyer (empty prefix), else the hex digits read as 64 bits, never
    0. A key that is not hex (no shopdesk key is) gets a hash of its prefix."""
    raw = prefixes.view(np.uint8).reshape(len(prefixes), 16)
    nibbles = _NIBBLE[raw].astype(np.uint64)
    bad = (nibbles == 255).any(axis=1)
    nibbles[bad] = 0
    values = np.zeros(len(prefixes), np.uint64)
    for column in range(16):
        values = (values << np.uint64(4)) | nibbles[:, column]
    for row in np.flatnonzero(bad):
        digest = hashlib.blake2b(bytes(prefixes[row]), digest_size=8).digest()
        values[row] = np.frombuffer(digest, np.uint64)[0]
    empty = ~raw.any(axis=1)
    values[(values == 0) & ~empty] = 1
    return values.view(np.int64)


def buyer_values_of_keys(keys: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """:func:`buyer_values` of whole buyer keys in an Arrow column."""
    if isinstance(keys, pa.ChunkedArray):
        keys = keys.combine_chunks()
    prefix = pc.if_else(
        pc.fill_null(pc.starts_with(keys, ANON_PREFIX), True), "", pc.utf8_slice_codeunits(keys, 0, 16)
    )
    try:
        padded = pc.cast(pc.cast(pc.utf8_rpad(prefix, 16, "\x00"), pa.binary()), pa.binary(16))
        raw = np.frombuffer(padded.buffers()[1], np.uint8)[
            padded.offset * 16 : (padded.offset + len(padded)) * 16
        ]
        prefixes = raw.copy().view("S16") if len(raw) else np.empty(0, "S16")
    except pa.ArrowInvalid:  # a prefix longer than 16 bytes: not ASCII, not a shopdesk key
        prefixes = np.array([p.encode()[:16] for p in prefix.to_pylist()], dtype="S16")
    return buyer_values(prefixes)


def _prefix_array(values: list) -> np.ndarray:
    try:
        return np.array(values, dtype="S16")
    except UnicodeEncodeError:
        return np.array([str(v).encode()[:16] for v in values], dtype="S16")


# --- item codes ----------------------------------------------------------------------------------


class ItemCodes:
    """(shop, item key) → code, adding codes for items not seen before. Lives for
    one transaction: codes it adds roll back with it."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.known: dict[tuple[int, str], int] = {}
        self._read()

    def _read(self) -> None:
        for code, shop, key in self.conn.execute(text("SELECT code, shop_id, item_key FROM agg_item_code")):
            self.known[(shop, key)] = code

    def codes(
        self,
        shops: Iterable[int],
        keys: Iterable[str],
        names: dict[tuple[int, str], tuple[str | None, str | None]] | None = None,
    ) -> np.ndarray:
        """The code of each (shop, key); ``names`` gives new items their title and 商家编码."""
        pairs = list(zip(shops, keys, strict=True))
        missing = sorted({p for p in pairs if p not in self.known})
        if missing:
            names = names or {}
            bulk.executemany(
                self.conn,
                "INSERT INTO agg_item_code (shop_id, item_key, title, outer_id) VALUES (?, ?, ?, ?)",
                [(shop, key, *names.get((shop, key), (None, None))) for shop, key in missing],
            )
            self._read()
        return np.fromiter((self.known[p] for p in pairs), np.int32, len(pairs))


# --- keeping the blocks --------------------------------------------------------------------------


@dataclass
class PairChanges:
    """Signed (shop, day, item, buyer) order counts of one import or undo."""

    parts: list[np.ndarray] = field(default_factory=list)

    def add(
        self, shops: np.ndarray, days: np.ndarray, codes: np.ndarray, buyers: np.ndarray, orders: np.ndarray
    ) -> None:
        part = np.empty(len(codes), CHANGE)
        part["shop"], part["day"], part["code"] = shops, days, codes
        part["buyer"], part["orders"] = buyers, orders
        self.parts.append(part)

    def read_orders(self, conn: Connection, codes: ItemCodes, orders: str, where: str, sign: int) -> None:
        """What the paid orders of ``orders`` (a FROM clause, alias ``o``)
        matching ``where`` contribute, times ``sign``."""
        from shopdesk.services.kpi.aggregates import PAID  # one definition of "counts"

        day = epoch_sql(conn, "o.paid_time")
        rows = conn.execute(
            text(
                f"SELECT o.shop_id, {day}, {ITEM_SQL}, {PREFIX_SQL}, COUNT(DISTINCT o.id), MAX(l.title), "
                f"MAX(l.outer_id) FROM {orders} CROSS JOIN order_line l WHERE l.order_id = o.id AND {where} "
                f"AND {PAID} GROUP BY o.shop_id, {day}, {ITEM_SQL}, {PREFIX_SQL}"
            )
        ).all()
        if not rows:
            return
        shops, days, keys, prefixes, counts, titles, outer_ids = zip(*rows, strict=True)
        names = {(s, k): (t, o) for s, k, t, o in zip(shops, keys, titles, outer_ids, strict=True)}
        self.add(
            np.array(shops, np.int32),
            np.array(days, np.int32),
            codes.codes(shops, keys, names),
            buyer_values(_prefix_array(list(prefixes))),
            np.array(counts, np.int32) * sign,
        )

    def add_new(self, codes: ItemCodes, shop_id: int, pairs: pa.Table, names: pa.Table) -> None:
        """Pairs an import summed from its own columns (arrow_sums.new_order_sums)."""
        if not pairs.num_rows:
            return
        given = {
            (shop_id, k): (t, o)
            for k, t, o in zip(
                names["item_key"].to_pylist(),
                names["title"].to_pylist(),
                names["outer_id"].to_pylist(),
                strict=True,
            )
        }
        n = pairs.num_rows
        self.add(
            np.full(n, shop_id, np.int32),
            pairs["day"].to_numpy(),
            codes.codes([shop_id] * n, pairs["item_key"].to_pylist(), given),
            pairs["buyer"].to_numpy(),
            pairs["orders"].to_numpy(),
        )

    def merged(self) -> np.ndarray:
        return np.concatenate(self.parts) if self.parts else np.empty(0, CHANGE)


SHOP_DAY = 100_000  # shop and epoch day in one integer: shop * SHOP_DAY + day


def _date_sql(conn: Connection, epoch: str) -> str:
    """The stored day of an epoch day number (ISO text on SQLite)."""
    if bulk.is_sqlite(conn):
        return f"date({epoch} * 86400, 'unixepoch')"
    return f"(DATE '1970-01-01' + CAST({epoch} AS INTEGER))"


def apply(conn: Connection, codes: ItemCodes, changes: PairChanges, item_sums: str) -> None:
    """Write the blocks of every shop-day in ``item_sums`` (the work table of
    item deltas: ``shop_id``, ``day``, ``item_key``) or in ``changes``: their
    item rows copied from ``agg_item_day`` (already updated), their pairs the
    old ones plus ``changes``."""
    touched = conn.execute(text(f"SELECT DISTINCT shop_id, item_key FROM {item_sums}")).all()
    if touched:
        codes.codes(*zip(*touched, strict=True))
    delta = changes.merged()
    day = epoch_sql(conn, "day")
    shop_days = {
        int(s) * SHOP_DAY + int(d) for s, d in conn.execute(text(f"SELECT shop_id, {day} FROM {item_sums}"))
    }
    shop_days |= set((delta["shop"].astype(np.int64) * SHOP_DAY + delta["day"]).tolist())
    if not shop_days:
        return
    with bulk.id_list(conn, sorted(shop_days)) as ids:
        old = _read_pairs(
            conn,
            f"{ids} i CROSS JOIN agg_item_block b",
            f"b.shop_id = i.id / {SHOP_DAY} AND b.day = i.id % {SHOP_DAY}",
        )
        items = _read_items(
            conn,
            f"{ids} i CROSS JOIN agg_item_day a",
            f"a.shop_id = i.id / {SHOP_DAY} AND a.day = {_date_sql(conn, f'i.id % {SHOP_DAY}')}",
        )
        conn.execute(
            text(f"DELETE FROM agg_item_block WHERE shop_id * {SHOP_DAY} + day IN (SELECT id FROM {ids})")
        )
    _write_blocks(conn, items, _sum_pairs(np.concatenate([old, delta])))


def _read_pairs(conn: Connection, source: str, where: str) -> np.ndarray:
    """The pairs of the blocks of ``source`` (alias ``b``) as signed changes."""
    parts = []
    for shop, day, items, pairs, data in conn.execute(
        text(f"SELECT b.shop_id, b.day, b.items, b.pairs, b.data FROM {source} WHERE {where}")
    ):
        stored = np.frombuffer(bytes(data), PAIR, count=pairs, offset=items * ITEM.itemsize)
        part = np.empty(pairs, CHANGE)
        part["shop"], part["day"] = shop, day
        for name in PAIR.names:
            part[name] = stored[name]
        parts.append(part)
    return np.concatenate(parts) if parts else np.empty(0, CHANGE)


ITEM_ROW = np.dtype([("shop", "<i4"), ("day", "<i4"), *[(n, ITEM[n]) for n in ITEM.names]])


def _read_items(conn: Connection, source: str, where: str) -> np.ndarray:
    """``agg_item_day`` rows of ``source`` (alias ``a``) with their codes."""
    day = epoch_sql(conn, "a.day")
    result = conn.execute(
        text(
            f"SELECT a.shop_id, {day}, c.code, a.orders, a.quantity, a.gmv_fen, a.refund_fen FROM {source} "
            f"CROSS JOIN agg_item_code c WHERE {where} AND c.shop_id = a.shop_id AND c.item_key = a.item_key"
        )
    )
    cursor, parts = result.cursor, []
    while chunk := cursor.fetchmany(100_000):
        values = np.array(chunk, dtype=np.int64)
        part = np.empty(len(values), ITEM_ROW)
        for column, name in enumerate(ITEM_ROW.names):
            part[name] = values[:, column]
        parts.append(part)
    return np.concatenate(parts) if parts else np.empty(0, ITEM_ROW)


def _sum_pairs(changes: np.ndarray) -> np.ndarray:
    """One row per (shop, day, item, buyer) with the summed count; rows left
    with no orders dropped."""
    if not len(changes):
        return changes
    order = np.lexsort((changes["buyer"], changes["code"], changes["day"], changes["shop"]))
    rows = changes[order]
    key_changes = np.zeros(len(rows), bool)
    key_changes[0] = True
    for name in ("shop", "day", "code", "buyer"):
        key_changes[1:] |= rows[name][1:] != rows[name][:-1]
    starts = np.flatnonzero(key_changes)
    out = rows[starts]
    out["orders"] = np.add.reduceat(rows["orders"].astype(np.int64), starts)
    return out[out["orders"] > 0]


def _write_blocks(conn: Connection, items: np.ndarray, pairs: np.ndarray) -> None:
    """Insert one block per shop-day of ``items`` (ITEM_ROW) and ``pairs`` (CHANGE)."""
    item_keys = items["shop"].astype(np.int64) * SHOP_DAY + items["day"]
    pair_keys = pairs["shop"].astype(np.int64) * SHOP_DAY + pairs["day"]
    items, item_keys = items[np.argsort(item_keys, kind="stable")], np.sort(item_keys, kind="stable")
    pairs, pair_keys = pairs[np.argsort(pair_keys, kind="stable")], np.sort(pair_keys, kind="stable")
    rows = []
    for key in np.union1d(item_keys, pair_keys).tolist():
        i0, i1 = np.searchsorted(item_keys, key, "left"), np.searchsorted(item_keys, key, "right")
        p0, p1 = np.searchsorted(pair_keys, key, "left"), np.searchsorted(pair_keys, key, "right")
        block_items = np.empty(i1 - i0, ITEM)
        for name in ITEM.names:
            block_items[name] = items[name][i0:i1]
        block_pairs = np.empty(p1 - p0, PAIR)
        for name in PAIR.names:
            block_pairs[name] = pairs[name][p0:p1]
        rows.append(
            {
                "shop": key // SHOP_DAY,
                "day": key % SHOP_DAY,
                "items": int(i1 - i0),
                "pairs": int(p1 - p0),
                "data": block_items.tobytes() + block_pairs.tobytes(),
            }
        )
    if rows:
        conn.execute(
            text(
                "INSERT INTO agg_item_block (shop_id, day, items, pairs, data) "
                "VALUES (:shop, :day, :items, :pairs, :data)"
            ),
            rows,
        )


# --- from scratch --------------------------------------------------------------------------------


def rebuild(conn: Connection) -> None:
    """Every block again from ``agg_item_day`` and the orders (after a rebuild of those)."""
    from shopdesk.services.kpi.aggregates import PAID, set_meta

    conn.execute(text("DELETE FROM agg_item_block"))
    orders = "orders o NOT INDEXED" if bulk.is_sqlite(conn) else "orders o"
    conn.execute(
        text(
            f"INSERT INTO agg_item_code (shop_id, item_key, title, outer_id) "
            f"SELECT o.shop_id, {ITEM_SQL}, MAX(l.title), MAX(l.outer_id) FROM {orders} "
            f"CROSS JOIN order_line l WHERE l.order_id = o.id AND {PAID} GROUP BY o.shop_id, {ITEM_SQL} "
            "ON CONFLICT (shop_id, item_key) DO NOTHING"
        )
    )
    codes = ItemCodes(conn)  # and items that only traffic or old sums name
    missing = conn.execute(text("SELECT DISTINCT shop_id, item_key FROM agg_item_day")).all()
    if missing:
        codes.codes(*zip(*missing, strict=True))
    items = _read_items(conn, "agg_item_day a", "1 = 1")
    _write_blocks(conn, items, _all_pairs(conn, orders, PAID))
    set_meta(conn, VERSION_KEY, VERSION)


def _all_pairs(conn: Connection, orders: str, paid: str) -> np.ndarray:
    """Every order's distinct (item, buyer) rows, read in storage order in
    slices (the lines of one order come together, so an order split between
    two slices is carried over whole)."""
    day = epoch_sql(conn, "o.paid_time")
    result = conn.execute(
        text(
            f"SELECT o.id, o.shop_id, {day}, c.code, {PREFIX_SQL} FROM {orders} CROSS JOIN order_line l "
            f"CROSS JOIN agg_item_code c WHERE l.order_id = o.id AND {paid} AND c.shop_id = o.shop_id "
            f"AND c.item_key = {ITEM_SQL}"
        )
    )
    cursor, parts = result.cursor, []
    carry: list[tuple] = []
    while True:
        chunk = cursor.fetchmany(200_000)
        rows = carry + chunk
        if not rows:
            break
        if chunk:
            last = rows[-1][0]
            cut = len(rows)
            while cut and rows[cut - 1][0] == last:
                cut -= 1
            rows, carry = rows[:cut], rows[cut:]
        else:
            carry = []
        if not rows:
            continue
        ids, shops, days, item_codes, prefixes = zip(*rows, strict=True)
        ids_a, codes_a = np.array(ids, np.int64), np.array(item_codes, np.int64)
        _unique, first = np.unique(ids_a * (int(codes_a.max()) + 1) + codes_a, return_index=True)
        part = np.empty(len(first), CHANGE)
        part["shop"] = np.array(shops, np.int32)[first]
        part["day"] = np.array(days, np.int32)[first]
        part["code"] = codes_a[first]
        part["buyer"] = buyer_values(_prefix_array(list(prefixes)))[first]
        part["orders"] = 1
        parts.append(_sum_pairs(part))
    return _sum_pairs(np.concatenate(parts)) if parts else np.empty(0, CHANGE)


def ensure_built(conn: Connection) -> bool:
    from shopdesk.services.kpi.aggregates import get_meta

    if get_meta(conn, VERSION_KEY) == VERSION:
        return False
    rebuild(conn)
    return True


# --- reading -------------------------------------------------------------------------------------


def _load(conn: Connection, first: int, last: int) -> Sections:
    items, pairs, item_days, pair_days = [], [], [], []
    for day, n_items, n_pairs, data in conn.execute(
        text("SELECT day, items, pairs, data FROM agg_item_block WHERE day BETWEEN :a AND :b ORDER BY day"),
        {"a": first, "b": last},
    ):
        raw = bytes(data)
        items.append(np.frombuffer(raw, ITEM, count=n_items))
        pairs.append(np.frombuffer(raw, PAIR, count=n_pairs, offset=n_items * ITEM.itemsize))
        item_days.append(np.full(n_items, day, np.int32))
        pair_days.append(np.full(n_pairs, day, np.int32))

    def joined(parts: list[np.ndarray], kind: np.dtype) -> np.ndarray:
        return np.concatenate(parts) if parts else np.empty(0, kind)

    return {
        "items": (joined(item_days, np.dtype(np.int32)), joined(items, ITEM)),
        "pairs": (joined(pair_days, np.dtype(np.int32)), joined(pairs, PAIR)),
    }


_CACHE = BlockCache(_load)


@dataclass
class ItemFigures:
    """Per item code of a period (aligned arrays, codes ascending)."""

    codes: np.ndarray
    gmv_fen: np.ndarray
    refund_fen: np.ndarray
    orders: np.ndarray
    quantity: np.ndarray
    buyers: np.ndarray


_MIX = np.uint64(0x9E3779B97F4A7C15)  # spreads item codes over 64 bits before mixing in the buyer


def item_figures(conn: Connection, first: int, last: int, version: int, wanted: np.ndarray) -> ItemFigures:
    """Figures of epoch days ``first…last`` for the codes where ``wanted`` (a
    boolean array indexed by code) is true."""
    sections = _CACHE.get(conn, first, last, version)
    _days, items = sections["items"]
    items = items[_member(items["code"], wanted)]
    codes, where = np.unique(items["code"], return_inverse=True)
    n = len(codes)

    def total(values: np.ndarray, index: np.ndarray = where) -> np.ndarray:
        # float weights are exact below 2**53 fen per item and period
        return np.bincount(index, weights=values, minlength=n).astype(np.int64)

    _days, pairs = sections["pairs"]
    pairs = pairs[_member(pairs["code"], wanted)]
    at = np.searchsorted(codes, pairs["code"])
    anonymous = pairs["buyer"] == 0
    buyers = total(pairs["orders"][anonymous], at[anonymous])
    known = ~anonymous
    mixed = pairs["buyer"][known].view(np.uint64) ^ (pairs["code"][known].astype(np.uint64) * _MIX)
    _unique, first_seen = np.unique(mixed, return_index=True)
    buyers += np.bincount(at[known][first_seen], minlength=n)
    return ItemFigures(
        codes=codes,
        gmv_fen=total(items["gmv"]),
        refund_fen=total(items["refund"]),
        orders=total(items["orders"]),
        quantity=total(items["quantity"]),
        buyers=buyers,
    )


def _member(codes: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    inside = codes < len(wanted)
    out = np.zeros(len(codes), bool)
    out[inside] = wanted[codes[inside]]
    return out
