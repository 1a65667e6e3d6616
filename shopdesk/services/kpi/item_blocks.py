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
other aggregates, merged in numpy (:class:`BlockChanges`).

Each block also lists its (item, order id) rows (``order_data``), so one
product's order lines are found by their ids instead of by reading every
line of the period.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Connection, text

from shopdesk import arrays
from shopdesk.db import bulk
from shopdesk.domain.buyer import ANON_PREFIX
from shopdesk.services.kpi.block_cache import BlockCache, Sections, note_changes
from shopdesk.services.kpi.buyer_blocks import epoch_sql

ITEM = np.dtype([("code", "<i4"), ("orders", "<i4"), ("quantity", "<i8"), ("gmv", "<i8"), ("refund", "<i8")])
PAIR = np.dtype([("code", "<i4"), ("orders", "<i4"), ("buyer", "<i8")])
ORDER = np.dtype([("code", "<i4"), ("order", "<i8")])  # packed: 12 bytes
# a signed change to a pair (key: buyer value) or to an order row (key: order id)
CHANGE = np.dtype([("shop", "<i4"), ("day", "<i4"), ("code", "<i4"), ("count", "<i4"), ("key", "<i8")])

VERSION = "1"
VERSION_KEY = "kpi_item_blocks_version"

# an order line's item (alias ``l``): the platform item id, else the 商家编码
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
    nibbles = _NIBBLE[raw]  # one byte each: as uint64 they were 77 MB at an import's peak
    bad = (nibbles == 255).any(axis=1) if len(nibbles) and nibbles.max() == 255 else np.zeros(len(raw), bool)
    nibbles[bad] = 0
    # two hex digits a byte, the eight bytes read as one big-endian number
    packed = np.ascontiguousarray((nibbles[:, 0::2] << 4) | nibbles[:, 1::2])
    values = packed.view(">u8").ravel().astype(np.uint64)
    for row in np.flatnonzero(bad):
        digest = hashlib.blake2b(bytes(prefixes[row]), digest_size=8).digest()
        values[row] = np.frombuffer(digest, np.uint64)[0]
    zero = np.flatnonzero(values == 0)  # anonymous (an empty prefix) or, rarely, all zeros
    values[zero[raw[zero].any(axis=1)]] = 1
    return values.view(np.int64)


def buyer_values_of_keys(keys: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """:func:`buyer_values` of whole buyer keys in an Arrow column."""
    if isinstance(keys, pa.ChunkedArray):
        keys = keys.combine_chunks()
    whole = _whole_keys(keys)
    if whole is not None:
        return buyer_values(whole)
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


def _whole_keys(keys: pa.Array) -> np.ndarray | None:
    """The 16-byte prefixes of ``keys`` straight from their bytes, when every key is
    a hashed one (64 characters, none anonymous): a million keys in a fifth of the
    time of slicing and padding them as strings. None otherwise."""
    rows = arrays.fixed_width_bytes(keys, 64)
    if rows is None:
        return None
    maybe = np.flatnonzero(rows[:, 0] == ord(ANON_PREFIX[0]))  # hex keys begin with "a" too
    anon = np.frombuffer(ANON_PREFIX.encode(), np.uint8)
    if (rows[maybe, : len(anon)] == anon).all(axis=1).any():
        return None
    return np.ascontiguousarray(rows[:, :16]).view("S16").ravel()


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

    def refresh(self) -> None:
        """Read codes others (SQL statements of this transaction) have added."""
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
            bulk.executemany(  # another seat of a team may add the same item meanwhile
                self.conn,
                "INSERT INTO agg_item_code (shop_id, item_key, title, outer_id) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (shop_id, item_key) DO NOTHING",
                [(shop, key, *names.get((shop, key), (None, None))) for shop, key in missing],
            )
            self._read()
        return np.fromiter((self.known[p] for p in pairs), np.int32, len(pairs))

    def rename(self, names: dict[tuple[int, str], tuple[str | None, str | None]]) -> None:
        """Give known items the title and 商家编码 ``names`` states (new items get
        theirs when their code is made)."""
        known = [(t, o, shop, key) for (shop, key), (t, o) in names.items() if (shop, key) in self.known]
        if known:
            bulk.executemany(
                self.conn,
                "UPDATE agg_item_code SET title = COALESCE(?, title), outer_id = COALESCE(?, outer_id) "
                "WHERE shop_id = ? AND item_key = ?",
                known,
            )

    def codes_of_column(
        self,
        shop_id: int,
        keys: pa.ChunkedArray | pa.Array,
        names: dict[tuple[int, str], tuple[str | None, str | None]] | None = None,
    ) -> np.ndarray:
        """:meth:`codes` of one shop's item keys in an Arrow column: each
        distinct key looked up once, not once per row."""
        encoded = pc.dictionary_encode(keys)
        if isinstance(encoded, pa.ChunkedArray):
            encoded = encoded.unify_dictionaries().combine_chunks()
        distinct = encoded.dictionary.to_pylist()
        codes = self.codes([shop_id] * len(distinct), distinct, names)
        return codes[np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)]


# --- keeping the blocks --------------------------------------------------------------------------


@dataclass
class BlockChanges:
    """Signed changes of one import or undo: (shop, day, item, buyer) order
    counts for the pairs, (shop, day, item, order) presence for the orders."""

    pairs: list[np.ndarray] = field(default_factory=list)
    orders: list[np.ndarray] = field(default_factory=list)

    def read_orders(
        self,
        conn: Connection,
        codes: ItemCodes,
        orders: str,
        where: str,
        sign: int,
        item_sums: str,
        lines: str = "order_line",
    ) -> None:
        """What the paid orders of ``orders`` (a FROM clause, alias ``o``, read
        in order id order) matching ``where``, with their ``lines``, contribute,
        times ``sign``. ``item_sums`` already holds their items' sums (``shop_id``,
        ``item_key``): the lines are read again for names only when an item has
        no code yet."""
        new = conn.execute(
            text(
                f"SELECT 1 FROM {item_sums} d WHERE NOT EXISTS (SELECT 1 FROM agg_item_code c "
                "WHERE c.shop_id = d.shop_id AND c.item_key = d.item_key) LIMIT 1"
            )
        ).first()
        if new:
            _name_new_items(conn, orders, where, lines)
            codes.refresh()
        pairs, order_rows = _pairs(conn, orders, where, lines)
        pairs["count"] *= sign
        order_rows["count"] *= sign
        self.pairs.append(pairs)
        self.orders.append(order_rows)

    def add_new(self, codes: ItemCodes, shop_id: int, sums: NewItemRows) -> None:
        """Rows an import made from its own columns (arrow_sums.new_order_sums)."""
        given = {
            (shop_id, k): (t, o)
            for k, t, o in zip(
                sums.names["item_key"].to_pylist(),
                sums.names["title"].to_pylist(),
                sums.names["outer_id"].to_pylist(),
                strict=True,
            )
        }
        codes.rename(given)  # a new export names its items as the shop now calls them
        for table, key, out in ((sums.pairs, "buyer", self.pairs), (sums.orders, "order", self.orders)):
            if not table.num_rows:
                continue
            part = np.empty(table.num_rows, CHANGE)
            part["shop"], part["day"] = shop_id, table["day"].to_numpy()
            part["code"] = codes.codes_of_column(shop_id, table["item_key"], given)
            part["key"], part["count"] = table[key].to_numpy(), table["count"].to_numpy()
            out.append(part)


@dataclass
class NewItemRows:
    """What new orders add to the item blocks, from the import's columns."""

    pairs: pa.Table  # day (epoch), item_key, buyer (buyer_values), count (orders)
    orders: pa.Table  # day, item_key, order (orders.id), count (1)
    names: pa.Table  # item_key, title, outer_id: what the lines call each item


def _joined(parts: list[np.ndarray], kind: np.dtype) -> np.ndarray:
    """``parts`` as one array; one part is returned as it is (a first import's
    million pairs are not copied to be joined with nothing)."""
    parts = [part for part in parts if len(part)]
    if len(parts) == 1:
        return parts[0]
    return np.concatenate(parts) if parts else np.empty(0, kind)


SHOP_DAY = 100_000  # shop and epoch day in one integer: shop * SHOP_DAY + day


@dataclass
class Taken:
    """The blocks of some shop-days, taken out of ``agg_item_block`` with the
    changes to them: :meth:`merged` needs no connection (numpy, which lets other
    threads run), so an import can merge them while its connection copies rows."""

    items: np.ndarray  # ITEM_ROW: old rows and signed deltas
    pairs: np.ndarray  # CHANGE
    orders: np.ndarray  # CHANGE
    days: set[int]  # the epoch days whose blocks change: noted when the new blocks are written

    def merged(self) -> list[dict]:
        """The new blocks, as rows for :func:`write`."""
        return _packed_blocks(_summed_items(self.items), _summed(self.pairs), _summed(self.orders))


def take(conn: Connection, codes: ItemCodes, changes: BlockChanges, item_sums: str) -> Taken | None:
    """Read and delete the blocks that ``item_sums`` (the work table of signed item
    deltas that also went into ``agg_item_day``) or ``changes`` touch, with those
    changes (None: no change). Only the blocks are read, not the days' other items."""
    item_delta = _netted(_item_deltas(conn, codes, item_sums), ("shop", "day", "code"), ITEM_FIGURES)
    pairs = _netted(_joined(changes.pairs, CHANGE), CHANGE_KEY, ("count",))
    orders = _netted(_joined(changes.orders, CHANGE), CHANGE_KEY, ("count",))
    # a first import's pairs are a million rows: their shop-days found in numpy (a
    # Python set held the GIL 0.4 s while the other core staged rows), each array
    # hashed down to its few hundred shop-days first (quicker than sorting a million)
    keys = [pd.unique(d["shop"].astype(np.int64) * SHOP_DAY + d["day"]) for d in (item_delta, pairs, orders)]
    shop_days = np.unique(np.concatenate(keys)).tolist()
    if not shop_days:
        return None
    with bulk.id_list(conn, shop_days) as ids:
        old_items, old_pairs, old_orders = _read_blocks(
            conn,
            f"{ids} i CROSS JOIN agg_item_block b",
            f"b.shop_id = i.id / {SHOP_DAY} AND b.day = i.id % {SHOP_DAY}",
        )
        conn.execute(  # a row-value IN probes the primary key
            text(
                f"DELETE FROM agg_item_block WHERE (shop_id, day) IN "
                f"(SELECT id / {SHOP_DAY}, id % {SHOP_DAY} FROM {ids})"
            )
        )
    return Taken(
        _joined([old_items, item_delta], ITEM_ROW),
        _joined([old_pairs, pairs], CHANGE),
        _joined([old_orders, orders], CHANGE),
        {key % SHOP_DAY for key in shop_days},
    )


def _item_deltas(conn: Connection, codes: ItemCodes, item_sums: str) -> np.ndarray:
    """The signed item rows of ``item_sums``, summed per shop, day and item, by code."""
    keys = conn.execute(text(f"SELECT DISTINCT shop_id, item_key FROM {item_sums}")).all()
    if not keys:
        return np.empty(0, ITEM_ROW)
    codes.codes(*zip(*keys, strict=True))  # new items get theirs before the join below
    summed = (
        "(SELECT shop_id, day, item_key, SUM(orders) AS orders, SUM(quantity) AS quantity, "
        f"SUM(gmv_fen) AS gmv_fen, SUM(refund_fen) AS refund_fen FROM {item_sums} "
        "GROUP BY shop_id, day, item_key) a"
    )
    return _read_items(conn, summed, "1 = 1")


ITEM_FIGURES = ("orders", "quantity", "gmv", "refund")
CHANGE_KEY = ("shop", "day", "code", "key")


def _summed_items(rows: np.ndarray) -> np.ndarray:
    """One row per (shop, day, item) with summed figures; rows left with no
    orders dropped (as ``agg_item_day`` drops them)."""
    return _group_sum(rows, ("shop", "day", "code"), ITEM_FIGURES, "orders")


def _read_blocks(conn: Connection, source: str, where: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The item rows, pairs and order rows of the blocks of ``source`` (alias ``b``)."""
    items, pairs, orders = [], [], []
    for shop, day, n_items, n_pairs, data, n_orders, order_data in conn.execute(
        text(
            f"SELECT b.shop_id, b.day, b.items, b.pairs, b.data, b.orders, b.order_data "
            f"FROM {source} WHERE {where}"
        )
    ):
        raw = bytes(data)
        stored = np.frombuffer(raw, ITEM, count=n_items)
        part = np.empty(n_items, ITEM_ROW)
        part["shop"], part["day"] = shop, day
        for name in ITEM.names:
            part[name] = stored[name]
        items.append(part)
        stored = np.frombuffer(raw, PAIR, count=n_pairs, offset=n_items * ITEM.itemsize)
        part = np.empty(n_pairs, CHANGE)
        part["shop"], part["day"], part["code"] = shop, day, stored["code"]
        part["count"], part["key"] = stored["orders"], stored["buyer"]
        pairs.append(part)
        stored = np.frombuffer(bytes(order_data), ORDER, count=n_orders)
        part = np.empty(n_orders, CHANGE)
        part["shop"], part["day"], part["code"] = shop, day, stored["code"]
        part["count"], part["key"] = 1, stored["order"]
        orders.append(part)
    return _joined(items, ITEM_ROW), _joined(pairs, CHANGE), _joined(orders, CHANGE)


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
    return _joined(parts, ITEM_ROW)


def _summed(changes: np.ndarray) -> np.ndarray:
    """One row per (shop, day, item, key) with the summed count; rows left
    with none dropped."""
    return _group_sum(changes, CHANGE_KEY, ("count",), "count")


def _netted(changes: np.ndarray, keys: tuple[str, ...], sums: tuple[str, ...]) -> np.ndarray:
    """Signed ``changes`` summed per ``keys``, those that cancel out (every sum
    zero) left out: orders subtracted and added back unchanged, as when only
    their status moved from 待发货 to 已发货, touch no block. Changes with
    nothing subtracted cannot cancel one another: they are not grouped (a first
    import's million pairs), only rows of nothing (summed already) left out."""
    if not len(changes):
        return changes
    if any(bool((changes[name] < 0).any()) for name in sums):
        changes = _grouped(changes, keys, sums)
    moved = np.zeros(len(changes), bool)
    for name in sums:
        moved |= changes[name] != 0
    return changes if moved.all() else changes[moved]


def _group_sum(rows: np.ndarray, keys: tuple[str, ...], sums: tuple[str, ...], positive: str) -> np.ndarray:
    """``rows`` grouped by ``keys`` with ``sums`` added up (int64), keeping the
    groups whose ``positive`` field stays above zero."""
    if not len(rows):
        return rows
    if _in_key_order(rows, keys):  # one source, made grouped and in order (a shop's first file)
        return rows if bool((rows[positive] > 0).all()) else rows[rows[positive] > 0]
    out = _grouped(rows, keys, sums)
    return out[out[positive] > 0]


def _grouped(rows: np.ndarray, keys: tuple[str, ...], sums: tuple[str, ...]) -> np.ndarray:
    """One row per distinct ``keys`` of ``rows`` (at least one), ``sums`` added up."""
    rows = rows[_key_order(rows, keys)]
    new_key = np.zeros(len(rows), bool)
    new_key[0] = True
    for name in keys:
        new_key[1:] |= rows[name][1:] != rows[name][:-1]
    starts = np.flatnonzero(new_key)
    out = rows[starts]
    for name in sums:
        out[name] = np.add.reduceat(rows[name].astype(np.int64), starts)
    return out


def _in_key_order(rows: np.ndarray, keys: tuple[str, ...]) -> bool:
    """True when ``rows`` are sorted by ``keys`` with no key twice: then sorting and
    summing them changes nothing (a first file's pairs come so from arrow_sums)."""
    before = np.zeros(len(rows) - 1, bool)  # row i is already below row i + 1
    tied = np.ones(len(rows) - 1, bool)
    for name in keys:
        low, high = rows[name][:-1], rows[name][1:]
        if (tied & (low > high)).any():
            return False
        before |= tied & (low < high)
        tied &= low == high
    return bool(before.all())


def _key_order(rows: np.ndarray, keys: tuple[str, ...]) -> np.ndarray:
    """Positions that sort ``rows`` by ``keys`` (the first the most significant).
    Leading keys whose ranges fit in 62 bits together are packed into one
    integer: one or two sort keys instead of ``np.lexsort`` over four, which took
    0.4 s for a million (shop, day, item, buyer) rows."""
    packed: np.ndarray | None = None
    bits = 0
    taken = 0
    for name in keys:
        column = rows[name].astype(np.int64)
        low, high = int(column.min()), int(column.max())
        width = (high - low).bit_length()
        if bits + width > 62:
            break
        shifted = column - np.int64(low)
        packed = shifted if packed is None else (packed << np.int64(width)) | shifted
        bits += width
        taken += 1
    if packed is None:
        return np.lexsort(tuple(rows[name] for name in reversed(keys)))
    if taken == len(keys):
        return np.argsort(packed)
    if taken == len(keys) - 1:  # the last key first, then a stable sort by the packed ones
        order = np.argsort(rows[keys[-1]])
        return order[np.argsort(packed[order], kind="stable")]
    return np.lexsort((*(rows[name] for name in reversed(keys[taken:])), packed))


def _packed_blocks(items: np.ndarray, pairs: np.ndarray, orders: np.ndarray) -> list[dict]:
    """One block row per shop-day of ``items`` (ITEM_ROW), ``pairs`` and ``orders`` (CHANGE)."""

    def by_shop_day(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        keys = rows["shop"].astype(np.int64) * SHOP_DAY + rows["day"]
        order = np.argsort(keys, kind="stable")
        return rows[order], keys[order]

    def packed(rows: np.ndarray, keys: np.ndarray, key: int, kind: np.dtype, fields: dict) -> np.ndarray:
        found = rows[np.searchsorted(keys, key, "left") : np.searchsorted(keys, key, "right")]
        out = np.empty(len(found), kind)
        for name, source in fields.items():
            out[name] = found[source]
        return out

    items, item_keys = by_shop_day(items)
    pairs, pair_keys = by_shop_day(pairs)
    orders, order_keys = by_shop_day(orders)
    rows = []
    for key in arrays.distinct(np.concatenate([item_keys, pair_keys, order_keys])).tolist():
        block_items = packed(items, item_keys, key, ITEM, {n: n for n in ITEM.names})
        block_pairs = packed(pairs, pair_keys, key, PAIR, {"code": "code", "orders": "count", "buyer": "key"})
        block_orders = packed(orders, order_keys, key, ORDER, {"code": "code", "order": "key"})
        rows.append(
            {
                "shop": key // SHOP_DAY,
                "day": key % SHOP_DAY,
                "items": len(block_items),
                "pairs": len(block_pairs),
                "data": block_items.tobytes() + block_pairs.tobytes(),
                "orders": len(block_orders),
                "order_data": block_orders.tobytes(),
            }
        )
    return rows


def write(conn: Connection, rows: list[dict], days: set[int]) -> None:
    """Insert block rows made by :meth:`Taken.merged` (their shop-days taken out
    before) and note their ``days`` as changed. Noted here rather than when they
    were taken: an import takes them early and writes them at its end, and a
    page written early and again at the end has SQLite read the whole WAL back
    at commit (the buyer blocks' notes go to the same page at the end)."""
    if rows:
        conn.execute(
            text(
                "INSERT INTO agg_item_block (shop_id, day, items, pairs, data, orders, order_data) "
                "VALUES (:shop, :day, :items, :pairs, :data, :orders, :order_data)"
            ),
            rows,
        )
    note_changes(conn, "item", days)


# --- from scratch --------------------------------------------------------------------------------


def rebuild(conn: Connection) -> None:
    """Every block again from ``agg_item_day`` and the orders (after a rebuild of those)."""
    from shopdesk.services.kpi.aggregates import set_meta

    conn.execute(text("DELETE FROM agg_item_block"))
    note_changes(conn, "item", None)
    orders = "orders o NOT INDEXED" if bulk.is_sqlite(conn) else "orders o"
    _name_new_items(conn, orders, "1 = 1")
    codes = ItemCodes(conn)  # and items only the sums name (none, unless the data is odd)
    missing = conn.execute(text("SELECT DISTINCT shop_id, item_key FROM agg_item_day")).all()
    if missing:
        codes.codes(*zip(*missing, strict=True))
    rows = _packed_blocks(_read_items(conn, "agg_item_day a", "1 = 1"), *_pairs(conn, orders, "1 = 1"))
    write(conn, rows, set())  # every day noted above
    set_meta(conn, VERSION_KEY, VERSION)


def _name_new_items(conn: Connection, orders: str, where: str, lines: str = "order_line") -> None:
    """Codes for the items of the paid lines of ``orders`` that have none yet,
    named by those lines. (Known items keep their names: imports rename them,
    see :meth:`ItemCodes.rename`.)"""
    from shopdesk.services.kpi.aggregates import PAID  # one definition of "counts"

    conn.execute(
        text(
            f"INSERT INTO agg_item_code (shop_id, item_key, title, outer_id) "
            f"SELECT o.shop_id, {ITEM_SQL}, MAX(l.title), MAX(l.outer_id) FROM {orders} "
            f"CROSS JOIN {lines} l WHERE l.order_id = o.id AND {where} AND {PAID} AND NOT EXISTS "
            f"(SELECT 1 FROM agg_item_code c WHERE c.shop_id = o.shop_id AND c.item_key = {ITEM_SQL}) "
            f"GROUP BY o.shop_id, {ITEM_SQL} ON CONFLICT (shop_id, item_key) DO NOTHING"
        )
    )


def _pairs(
    conn: Connection, orders: str, where: str, lines: str = "order_line"
) -> tuple[np.ndarray, np.ndarray]:
    """(pairs, order rows) of the paid orders of ``orders`` (alias ``o``)
    matching ``where``: each distinct (shop, day, item, buyer) with its number
    of orders, and each distinct (shop, day, item, order). Lines are read in
    order id order, in slices; the lines of one order come together, so an
    order split between two slices is carried over whole."""
    from shopdesk.services.kpi.aggregates import PAID

    day = epoch_sql(conn, "o.paid_time")
    # SQLite's nested loops (CROSS JOIN keeps orders outside) bring an order's lines
    # together already; PostgreSQL promises no order without being asked
    order = "" if bulk.is_sqlite(conn) else " ORDER BY o.id"
    result = conn.execute(
        text(
            f"SELECT o.id, o.shop_id, {day}, c.code, {PREFIX_SQL} FROM {orders} CROSS JOIN {lines} l "
            f"CROSS JOIN agg_item_code c WHERE l.order_id = o.id AND {where} AND {PAID} "
            f"AND c.shop_id = o.shop_id AND c.item_key = {ITEM_SQL}{order}"
        )
    )
    cursor, pairs, order_rows = result.cursor, [], []
    carry: list[tuple] = []
    while True:
        chunk = cursor.fetchmany(200_000)
        rows = carry + chunk
        if not rows:
            break
        carry = []
        if chunk:  # hold back the last order: more of its lines may follow
            cut = len(rows)
            while cut and rows[cut - 1][0] == rows[-1][0]:
                cut -= 1
            rows, carry = rows[:cut], rows[cut:]
        if not rows:
            continue
        ids, shops, days, item_codes, prefixes = zip(*rows, strict=True)
        ids_a, codes_a = np.array(ids, np.int64), np.array(item_codes, np.int64)
        _unique, first = np.unique(ids_a * (int(codes_a.max()) + 1) + codes_a, return_index=True)
        part = np.empty(len(first), CHANGE)
        part["shop"] = np.array(shops, np.int32)[first]
        part["day"] = np.array(days, np.int32)[first]
        part["code"] = codes_a[first]
        part["count"] = 1
        part["key"] = ids_a[first]
        order_rows.append(part.copy())
        part["key"] = buyer_values(_prefix_array([prefixes[i] for i in first.tolist()]))
        pairs.append(_summed(part))
    return _summed(_joined(pairs, CHANGE)), _joined(order_rows, CHANGE)


def needs_build(conn: Connection) -> bool:
    from shopdesk.services.kpi.aggregates import get_meta

    return get_meta(conn, VERSION_KEY) != VERSION


# --- reading -------------------------------------------------------------------------------------


def _load(conn: Connection, where: str, params: dict, shop_id: int | None) -> Sections:
    """Sections ``items`` and ``pairs`` of one shop's blocks."""
    items, pairs, item_days, pair_days = [], [], [], []
    for day, n_items, n_pairs, data in conn.execute(
        text(
            "SELECT day, items, pairs, data FROM agg_item_block "
            f"WHERE shop_id = :shop AND {where} ORDER BY day"
        ),
        {**params, "shop": shop_id},
    ):
        raw = bytes(data)
        items.append(np.frombuffer(raw, ITEM, count=n_items))
        pairs.append(np.frombuffer(raw, PAIR, count=n_pairs, offset=n_items * ITEM.itemsize))
        item_days.append(np.full(n_items, day, np.int32))
        pair_days.append(np.full(n_pairs, day, np.int32))
    if not items:
        return {}
    return {
        "items": (np.concatenate(item_days), np.concatenate(items)),
        "pairs": (np.concatenate(pair_days), np.concatenate(pairs)),
    }


_CACHE = BlockCache("item", _load)


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


def item_figures(
    conn: Connection, first: int, last: int, version: int, shops: Iterable[int], n_codes: int
) -> ItemFigures:
    """Figures of the items of ``shops`` on epoch days ``first…last`` (codes
    below ``n_codes``). Codes are small dense integers, so sums are bincounts
    (no sort); distinct pairs are found with a hash table (pandas), about
    twice as fast as sorting a year's millions of pairs."""

    def total(codes: np.ndarray, values: np.ndarray | None = None) -> np.ndarray:
        # float weights are exact below 2**53 fen per item and period
        return np.bincount(codes, weights=values, minlength=n_codes)[:n_codes].astype(np.int64)

    rows = np.zeros(n_codes, np.int64)
    sums = {name: np.zeros(n_codes, np.int64) for name in ("gmv", "refund", "orders", "quantity")}
    buyers = np.zeros(n_codes, np.int64)
    for shop in shops:
        sections = _CACHE.get(conn, first, last, version, part=shop)
        if "items" not in sections:
            continue
        # (codes added since the caller read them fall outside: total() cuts at n_codes)
        _days, items = sections["items"]
        item_codes = items["code"]
        rows += total(item_codes)
        for name, column in sums.items():
            column += total(item_codes, items[name])
        _days, pairs = sections["pairs"]
        pair_codes, buyer = pairs["code"], pairs["buyer"]
        anonymous = buyer == 0
        buyers += total(pair_codes[anonymous], pairs["orders"][anonymous])
        known_codes, known = pair_codes[~anonymous], buyer[~anonymous]
        mixed = known.view(np.uint64) ^ (known_codes.astype(np.uint64) * _MIX)
        first_seen = ~pd.Series(mixed, copy=False).duplicated().to_numpy()
        buyers += total(known_codes[first_seen])
    codes = np.flatnonzero(rows)
    return ItemFigures(
        codes=codes,
        gmv_fen=sums["gmv"][codes],
        refund_fen=sums["refund"][codes],
        orders=sums["orders"][codes],
        quantity=sums["quantity"][codes],
        buyers=buyers[codes],
    )


def item_order_ids(conn: Connection, shop_id: int, item_key: str, first: int, last: int) -> list[int]:
    """Ids of the paid orders with ``item_key`` of one shop on epoch days ``first…last``."""
    code = conn.execute(
        text("SELECT code FROM agg_item_code WHERE shop_id = :s AND item_key = :k"),
        {"s": shop_id, "k": item_key},
    ).scalar()
    if code is None:
        return []
    found = []
    for count, data in conn.execute(
        text(
            "SELECT orders, order_data FROM agg_item_block WHERE shop_id = :s AND day BETWEEN :a AND :b "
            "ORDER BY day"
        ),
        {"s": shop_id, "a": first, "b": last},
    ):
        rows = np.frombuffer(bytes(data), ORDER, count=count)
        found.append(rows["order"][rows["code"] == code])
    return arrays.distinct(_joined(found, np.dtype(np.int64))).tolist()
