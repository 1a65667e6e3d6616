"""Distinct buyers and repeat buyers of any period, counted with numpy.

``agg_buyer_day`` (see db/models/aggregates.py) says for each buyer-day row
whether it is the buyer's first row in a period; counting that in SQL costs
about a microsecond a row, which over a year of five million order lines is
seconds. So each day's rows are also kept packed in ``agg_buyer_block`` — one
BLOB per day of int16 columns — and a query reads the blocks of its range
(cached in memory until the data changes) and counts with vectorised numpy.

Columns of a block row, all int16: platform index, shop id, orders, then for
the platform and the shop sequence each: days back to the previous row, days
back to the one before it (``NONE`` when there is none), previous row's orders.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Connection, Date, bindparam, text

from shopdesk import arrays
from shopdesk.db import bulk
from shopdesk.domain.kpi import Period
from shopdesk.platforms import PLATFORMS
from shopdesk.services.kpi.block_cache import BlockCache, Sections, note_changes

EPOCH = date(1970, 1, 1)
NONE = 32767  # "no previous row": further back than any period starts
WIDTH = 9
PLATFORM, SHOP, ORDERS, P_BACK, P_BACK2, P_PREV_ORDERS, S_BACK, S_BACK2, S_PREV_ORDERS = range(WIDTH)


def epoch_day(value: date) -> int:
    return (value - EPOCH).days


def epoch_sql(conn: Connection, column: str) -> str:
    if bulk.is_sqlite(conn):
        return f"CAST(julianday({column}) - 2440587.5 AS INTEGER)"
    return f"(CAST({column} AS DATE) - DATE '1970-01-01')"


def rebuild_blocks(conn: Connection, days: Iterable[date] | None = None) -> None:
    """Pack the ``agg_buyer_day`` rows of ``days`` (None: every day) into blocks."""
    day_sql = epoch_sql(conn, "day")
    platform = "CASE platform " + " ".join(f"WHEN '{p}' THEN {i}" for i, p in enumerate(PLATFORMS)) + " END"

    def back(column: str) -> str:
        return f"COALESCE({day_sql} - {epoch_sql(conn, column)}, {NONE})"

    select = (
        f"SELECT {day_sql}, {platform}, shop_id, orders, {back('p_prev')}, {back('p_prev2')}, "
        f"COALESCE(p_prev_orders, 0), {back('s_prev')}, {back('s_prev2')}, COALESCE(s_prev_orders, 0) "
        "FROM agg_buyer_day"
    )
    note_changes(conn, "buyer", None if days is None else [epoch_day(d) for d in days])
    if days is None:
        conn.execute(text("DELETE FROM agg_buyer_block"))
        table = _fetch(conn.execute(text(select)))
    else:
        wanted = sorted(set(days))
        if not wanted:
            return
        with bulk.id_list(conn, [epoch_day(d) for d in wanted]) as id_table:
            conn.execute(text(f"DELETE FROM agg_buyer_block WHERE day IN (SELECT id FROM {id_table})"))
        # the stored day itself, so that its index finds the rows
        by_day = text(f"{select} WHERE day IN :days").bindparams(
            bindparam("days", expanding=True, type_=Date())
        )
        table = _fetch(conn.execute(by_day, {"days": wanted}))
    _write(conn, table)


@dataclass
class Packed:
    """Blocks made without a connection (see :func:`packed_from_rows`), to be written."""

    days: list[int]  # epoch days of the blocks
    rows: list[dict]  # agg_buyer_block rows


def blocks_from_rows(conn: Connection, rows: pa.Table) -> None:
    """Pack buyer-day rows (``buyer_days.ROW_SCHEMA``) that are every row of their
    days — the first rows a database gets — straight from Arrow: the same blocks
    :func:`rebuild_blocks` makes, without reading a million values back."""
    write_packed(conn, packed_from_rows(rows))


def packed_from_rows(rows: pa.Table) -> Packed:
    """:func:`blocks_from_rows` up to the write: numpy only, so a worker thread can
    pack them while the import's connection copies rows."""
    day = _epoch_days(rows["day"])
    days = arrays.distinct(day).tolist()
    platform_index = {p: i for i, p in enumerate(PLATFORMS)}
    codes = pc.index_in(rows["platform"], value_set=pa.array(list(platform_index)))
    columns = [day, arrays.ints(codes), arrays.ints(rows["shop_id"]), arrays.ints(rows["orders"])]
    for back, back2, orders in (
        ("p_prev", "p_prev2", "p_prev_orders"),
        ("s_prev", "s_prev2", "s_prev_orders"),
    ):
        for name in (back, back2):
            previous = rows[name]
            valid = np.asarray(pc.is_valid(previous).to_numpy(zero_copy_only=False), bool)
            columns.append(np.where(valid, day - _epoch_days(previous, fill=0), NONE))
        columns.append(arrays.ints(rows[orders]))
    return Packed(days, _packed(np.column_stack(columns) if len(day) else np.empty((0, WIDTH + 1), np.int64)))


def write_packed(conn: Connection, packed: Packed) -> None:
    """Replace the blocks of ``packed.days`` by ``packed.rows``."""
    note_changes(conn, "buyer", packed.days)
    with bulk.id_list(conn, packed.days) as id_table:
        conn.execute(text(f"DELETE FROM agg_buyer_block WHERE day IN (SELECT id FROM {id_table})"))
    _insert(conn, packed.rows)


def _epoch_days(days: pa.ChunkedArray | pa.Array, fill: int = 0) -> np.ndarray:
    return arrays.ints(pc.cast(days, pa.int32()), fill)


def _write(conn: Connection, table: np.ndarray) -> None:
    """Insert one block per day of ``table`` (rows: epoch day, then the WIDTH columns)."""
    _insert(conn, _packed(table))


def _packed(table: np.ndarray) -> list[dict]:
    """One agg_buyer_block row per day of ``table`` (rows: epoch day, then the WIDTH columns)."""
    if not len(table):
        return []
    table = table[np.argsort(table[:, 0], kind="stable")]
    packed = np.clip(table[:, 1:], -NONE, NONE).astype(np.int16)
    starts = np.flatnonzero(np.diff(table[:, 0], prepend=table[0, 0] - 1))
    ends = np.append(starts[1:], len(table))
    return [
        {"day": int(table[s, 0]), "rows": int(e - s), "data": packed[s:e].tobytes()}
        for s, e in zip(starts, ends, strict=True)
    ]


def _insert(conn: Connection, rows: list[dict]) -> None:
    if rows:
        conn.execute(text("INSERT INTO agg_buyer_block (day, rows, data) VALUES (:day, :rows, :data)"), rows)


def _fetch(result) -> np.ndarray:
    """The rows as one int64 array, read in slices of plain tuples (numpy reads
    those fast; a million of them at once would cost half a gigabyte)."""
    cursor, parts = result.cursor, []
    while chunk := cursor.fetchmany(100_000):
        parts.append(np.array(chunk, dtype=np.int64))
    return np.concatenate(parts) if parts else np.empty((0, WIDTH + 1), np.int64)


def _load(conn: Connection, where: str, params: dict, _part: int | None) -> Sections:
    parts, days = [], []
    for day, count, data in conn.execute(
        text(f"SELECT day, rows, data FROM agg_buyer_block WHERE {where} ORDER BY day"), params
    ):
        parts.append(np.frombuffer(bytes(data), np.int16).reshape(count, WIDTH))
        days.append(np.full(count, day, np.int32))
    if not parts:
        return {}
    return {"rows": (np.concatenate(days), np.concatenate(parts))}


_CACHE = BlockCache("buyer", _load)


def _blocks(conn: Connection, first: int, last: int, version: int) -> tuple[np.ndarray, np.ndarray]:
    """(day of each row, rows) for epoch days first…last, sorted by day."""
    found = _CACHE.get(conn, first, last, version)
    return found["rows"] if "rows" in found else (np.empty(0, np.int32), np.empty((0, WIDTH), np.int16))


def buyer_counts(
    conn: Connection,
    spans: list[Period],
    version: int,
    platform: str | None = None,
    shop_id: int | None = None,
) -> dict[tuple[str, str], tuple[int, int]]:
    """(period label, platform) → (buyers, repeat buyers), as DESIGN defines them:
    distinct buyer keys per platform (per shop when ``shop_id`` is given)."""
    if not spans:
        return {}
    first, last = epoch_day(min(p.start for p in spans)), epoch_day(max(p.end for p in spans))
    days, rows = _blocks(conn, first, last, version)
    if shop_id is not None:
        back, back2, prev_orders = S_BACK, S_BACK2, S_PREV_ORDERS
    else:
        back, back2, prev_orders = P_BACK, P_BACK2, P_PREV_ORDERS
    wanted = None if platform is None else PLATFORMS.index(platform)
    out: dict[tuple[str, str], tuple[int, int]] = {}
    for span in spans:
        a, b = np.int32(epoch_day(span.start)), np.int32(epoch_day(span.end))  # int32: no cast of days
        lo, hi = np.searchsorted(days, a, "left"), np.searchsorted(days, b, "right")
        if lo == hi:
            continue
        d, r = days[lo:hi], rows[lo:hi]
        if shop_id is not None:
            mine = r[:, SHOP] == shop_id
            d, r = d[mine], r[mine]
        elif wanted is not None:
            mine = r[:, PLATFORM] == wanted
            d, r = d[mine], r[mine]
        prev = d - r[:, back]  # int16 back-steps widen to int32 against the days
        first_row = prev < a
        repeat = first_row & (r[:, ORDERS] >= 2)
        repeat |= (prev >= a) & (d - r[:, back2] < a) & (r[:, prev_orders] == 1)
        which = r[:, PLATFORM]
        buyers = np.bincount(which[first_row], minlength=len(PLATFORMS))
        repeats = np.bincount(which[repeat], minlength=len(PLATFORMS))
        for index, code in enumerate(PLATFORMS):
            if buyers[index]:
                out[(span.label, code)] = (int(buyers[index]), int(repeats[index]))
    return out
