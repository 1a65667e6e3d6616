"""Keeping the daily aggregates (db/models/aggregates.py) in step with orders.

An import or undo works in proportion to the orders it changes, not to the
days it touches: :class:`Delta` takes away what the orders it is about to
change contributed (:meth:`Delta.subtract`, before), adds what they contribute
afterwards (:meth:`Delta.add`), and applies the difference as upserts. The
orders an import updates, or an undo restores or deletes, are copied first
(:class:`Before`) and replaced only where a figure moved (:meth:`Delta.replace`),
and changes that cancel out are dropped, so a later export whose orders only
shipped rewrites nothing. An undo that leaves fewer orders than it touches
rebuilds from what is left instead. Only the buyers
whose rows changed get their previous-row links written again.
Everything runs inside the caller's transaction, so the aggregates never
disagree with the orders; :func:`rebuild` recomputes all of it from scratch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from itertools import repeat
from types import TracebackType

import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Connection, text

from shopdesk.db import bulk, staging
from shopdesk.memory import give_back_memory
from shopdesk.services.kpi import buyer_blocks, buyer_days, item_blocks
from shopdesk.services.kpi.arrow_sums import NewOrderSums

log = logging.getLogger(__name__)

VERSION = "2"  # bump when the aggregate definitions change: a rebuild follows on open
VERSION_KEY = "kpi_aggregates_version"
DATA_VERSION_KEY = "kpi_data_version"  # bumped by every change, for caches

DAY_SUMS = "gmv_fen, refund_fen, orders, unidentified"
ITEM_SUMS = "gmv_fen, refund_fen, orders, quantity"


# An order counts from its paid time on: paid, not closed unpaid, not a test.
def paid_sql(alias: str) -> str:
    """The condition under which the order ``alias`` counts."""
    a = alias
    return (
        f"{a}.paid_time IS NOT NULL AND {a}.status <> 'unpaid' AND {a}.status <> 'cancelled' "
        f"AND NOT {a}.is_test"
    )


PAID = paid_sql("o")
# What an order's figures are made of, besides its being paid (PAID): a change to
# anything else (its status from one paid state to another, a shipped time, a
# memo) leaves every aggregate as it was.
ORDER_FIGURES = (
    "shop_id", "platform", "paid_time", "paid_fen", "refund_fen", "buyer_identified", "buyer_key"
)  # fmt: skip
LINE_FIGURES = ("quantity", "unit_price_fen", "paid_fen", "refund_fen", "platform_item_id", "outer_id")


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


def as_date(value: date | datetime | str) -> date:
    """A day as the database gives it back (a date, a timestamp, or ISO text on SQLite)."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


# --- work tables ---------------------------------------------------------------------------------

WORK_TABLES = {
    "kpi_order_value": "order_id INTEGER PRIMARY KEY, total BIGINT, lines INTEGER",
    "kpi_d_day": "shop_id INTEGER, day DATE, platform VARCHAR(16), gmv_fen BIGINT, refund_fen BIGINT, "
    "orders INTEGER, unidentified INTEGER",
    "kpi_d_item": "shop_id INTEGER, day DATE, item_key VARCHAR(64), platform VARCHAR(16), gmv_fen BIGINT, "
    "refund_fen BIGINT, orders INTEGER, quantity INTEGER",
    "kpi_rows": "platform VARCHAR(16), buyer_key VARCHAR(64), day DATE, shop_id INTEGER, orders INTEGER",
    "kpi_touched": "platform VARCHAR(16), buyer_key VARCHAR(64), PRIMARY KEY (platform, buyer_key)",
    "kpi_multi": "platform VARCHAR(16), buyer_key VARCHAR(64), PRIMARY KEY (platform, buyer_key)",
}


@contextmanager
def _work_tables(conn: Connection) -> Iterator[None]:
    temp = "TEMP TABLE" if bulk.is_sqlite(conn) else "TEMPORARY TABLE"
    for name, columns in WORK_TABLES.items():
        conn.execute(text(f"DROP TABLE IF EXISTS {name}"))
        conn.execute(text(f"CREATE {temp} {name} ({columns})"))
    try:
        yield
    finally:
        for name in WORK_TABLES:
            conn.execute(text(f"DROP TABLE IF EXISTS {name}"))


# --- what orders contribute ----------------------------------------------------------------------


def _contribute(
    conn: Connection,
    orders: str,
    where: str,
    params: dict,
    sign: int,
    day_table: str,
    item_table: str,
    lines: str = "order_line",
) -> None:
    """Insert what the paid orders of ``orders`` (a FROM clause, alias ``o``)
    matching ``where``, with their ``lines``, contribute, times ``sign``: day sums
    into ``day_table``, item sums into ``item_table``, buyer-day order counts into
    ``kpi_rows``."""
    day = day_expr(conn, "o.paid_time")
    where = f"{where} AND {PAID}"
    params = {**params, "sign": sign}
    conn.execute(
        text(
            f"INSERT INTO {day_table} (shop_id, day, platform, {DAY_SUMS}) "
            f"SELECT o.shop_id, {day}, MIN(o.platform), :sign * COALESCE(SUM(o.paid_fen), 0), "
            f":sign * COALESCE(SUM(o.refund_fen), 0), "
            f":sign * COUNT(*), :sign * SUM(CASE WHEN o.buyer_identified THEN 0 ELSE 1 END) "
            f"FROM {orders} WHERE {where} GROUP BY o.shop_id, {day}"
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
            f"FROM {orders} CROSS JOIN {lines} l WHERE l.order_id = o.id AND {where} GROUP BY o.id "
            "HAVING SUM(CASE WHEN l.paid_fen IS NULL THEN 1 ELSE 0 END) > 0"
        ),
        params,
    )
    item = item_blocks.ITEM_SQL
    share = f"CASE WHEN v.total > 0 THEN o.paid_fen * {value} / v.total ELSE o.paid_fen / v.lines END"
    conn.execute(
        text(
            f"INSERT INTO {item_table} (shop_id, day, item_key, platform, {ITEM_SUMS}) "
            f"SELECT o.shop_id, {day}, {item}, MIN(o.platform), "
            f":sign * COALESCE(SUM(COALESCE(l.paid_fen, {share})), 0), "
            f":sign * COALESCE(SUM(l.refund_fen), 0), "
            f":sign * COUNT(DISTINCT o.id), :sign * COALESCE(SUM(l.quantity), 0) "
            f"FROM {orders} CROSS JOIN {lines} l LEFT JOIN kpi_order_value v ON v.order_id = o.id "
            f"WHERE l.order_id = o.id AND {where} GROUP BY o.shop_id, {day}, {item}"
        ),
        params,
    )
    conn.execute(
        text(
            f"INSERT INTO kpi_rows (platform, buyer_key, day, shop_id, orders) "
            f"SELECT o.platform, o.buyer_key, {day}, o.shop_id, :sign * COUNT(*) "
            f"FROM {orders} WHERE {where} GROUP BY o.platform, o.buyer_key, {day}, o.shop_id"
        ),
        params,
    )


class Before:
    """The stored rows of orders an import is about to update, and of their lines,
    copied to work tables, so that :meth:`Delta.replace` can tell afterwards which
    orders' figures moved and what they contributed before::

    with Before(conn, ids) as before:
        ...  # update the orders and their lines
        delta.replace(before)

    A later export changes mostly statuses (待发货 to 已发货): comparing a copy is
    cheap; summing every changed order twice in SQL (out, then in again) was two
    thirds of re-importing a million lines of which a tenth had shipped.
    """

    ORDERS, LINES = "kpi_before", "kpi_before_line"

    def __init__(self, conn: Connection, order_ids: list[int]) -> None:
        self.conn = conn
        self.order_ids = order_ids

    def __enter__(self) -> Before:
        conn, temp = self.conn, "TEMP" if bulk.is_sqlite(self.conn) else "TEMPORARY"
        self._drop()
        with bulk.id_list(conn, self.order_ids) as ids:
            conn.execute(
                text(f"CREATE {temp} TABLE {self.ORDERS} AS SELECT o.* FROM {ids} i CROSS JOIN orders o "
                     "WHERE o.id = i.id")
            )  # fmt: skip
            conn.execute(
                text(f"CREATE {temp} TABLE {self.LINES} AS SELECT l.* FROM {ids} i CROSS JOIN order_line l "
                     "WHERE l.order_id = i.id")
            )  # fmt: skip
        conn.execute(text(f"CREATE INDEX {self.ORDERS}_id ON {self.ORDERS} (id)"))
        conn.execute(text(f"CREATE INDEX {self.LINES}_order ON {self.LINES} (order_id)"))
        conn.execute(text(f"CREATE INDEX {self.LINES}_id ON {self.LINES} (id)"))
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if kind is None:  # after an error the rollback takes them (and PostgreSQL refuses
            self._drop()  # any statement in a failed transaction: the error would be hidden)

    def _drop(self) -> None:
        for table in (self.ORDERS, self.LINES):
            self.conn.execute(text(f"DROP TABLE IF EXISTS {table}"))

    def moved(self) -> list[int]:
        """The orders whose figures differ from their copies': counted or not, a
        figure of theirs or of a line's, a line they did not have, or one they had
        (an undo deletes what its batch added: orders, and lines under old orders)."""
        differs = "IS NOT" if bulk.is_sqlite(self.conn) else "IS DISTINCT FROM"
        counted = f"CASE WHEN {paid_sql('b')} THEN 1 ELSE 0 END <> CASE WHEN {PAID} THEN 1 ELSE 0 END"
        orders = " OR ".join([counted, *(f"b.{c} {differs} o.{c}" for c in ORDER_FIGURES)])
        lines = " OR ".join(["b.id IS NULL", *(f"b.{c} {differs} l.{c}" for c in LINE_FIGURES)])
        rows = self.conn.execute(
            text(
                f"SELECT b.id FROM {self.ORDERS} b CROSS JOIN orders o WHERE o.id = b.id AND ({orders}) "
                f"UNION SELECT o.id FROM {self.ORDERS} o CROSS JOIN order_line l "
                f"LEFT JOIN {self.LINES} b ON b.id = l.id WHERE l.order_id = o.id AND ({lines}) "
                f"UNION SELECT b.id FROM {self.ORDERS} b "
                "WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = b.id) "
                f"UNION SELECT b.order_id FROM {self.LINES} b "
                "WHERE NOT EXISTS (SELECT 1 FROM order_line l WHERE l.id = b.id)"
            )
        )
        return sorted(row[0] for row in rows)


class Delta:
    """Aggregate changes of one import or undo, applied when the block ends::

    with Delta(conn) as delta:
        delta.subtract(ids_about_to_change)
        ...  # write
        delta.add(ids_changed_or_added)
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._tables = _work_tables(conn)
        self.touched = False
        self.blocks = item_blocks.BlockChanges()
        self._new_buyers: list[pa.Table] = []  # buyer-day counts of new orders, from their columns
        self._codes: item_blocks.ItemCodes | None = None
        self._early: NewOrderSums | None = None  # sums take_sums applied
        self._bumped = False
        self._pool: ThreadPoolExecutor | None = None
        self._prepared: Future[buyer_days.Prepared | None] | None = None
        # item blocks merged on a worker, and the days they change
        self._merging: tuple[Future[list[dict]], set[int]] | None = None
        # blocks _apply_sums left for the worker to merge
        self._unmerged: item_blocks.Taken | None = None
        # sum_new_later's work: (shop, platform, [compute], buyer rows' shape) until
        # started, then (shop, platform, the sums and their buyer-day counts being made)
        self._to_sum: tuple[int, str, list[Callable[[], NewOrderSums]], staging.Shape | None] | None = None
        self._summing: tuple[int, str, Future[tuple[NewOrderSums, pa.Table]]] | None = None

    @property
    def codes(self) -> item_blocks.ItemCodes:
        if self._codes is None:
            self._codes = item_blocks.ItemCodes(self.conn)
        return self._codes

    def __enter__(self) -> Delta:
        self._tables.__enter__()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            if kind is None:
                self.take_sums()  # (if the writer left them to the end)
                if self.touched:
                    self._apply()
        finally:
            self._drop_prepared()
            self._tables.__exit__(kind, error, trace)

    def subtract(self, order_ids: list[int]) -> None:
        self._contribute(order_ids, -1)

    def add(self, order_ids: list[int]) -> None:
        self._contribute(order_ids, 1)

    def replace(self, before: Before) -> None:
        """Once the orders ``before`` holds are updated: take out what those whose
        figures moved contributed as they were (summed from ``before``'s copies)
        and add what they contribute now. The others are left alone: their change
        cannot move a figure."""
        moved = before.moved()
        self._contribute(moved, -1, Before.ORDERS, Before.LINES)
        self._contribute(moved, 1)

    def add_new(self, shop_id: int, platform: str, sums: NewOrderSums) -> None:
        """Add orders this import has just inserted, summed from its own columns
        by :func:`~shopdesk.services.kpi.arrow_sums.new_order_sums` rather than
        read back: a first import of a million lines would otherwise sort them
        all again in SQL."""
        if sums is not self._early:  # take_sums applied them
            self._add_new(shop_id, platform, sums)

    def sum_new_later(self, shop_id: int, platform: str, compute: Callable[[], NewOrderSums]) -> None:
        """:meth:`add_new` for a shop's first file written through staging files, with
        its sums (``compute``) made on this delta's worker once :meth:`start_summing`
        says the rows are staged: next to the stagings they only took cores from them,
        next to the copies the other core is free. The worker goes on to link and
        stage the buyer-day rows when they are a database's first (the table is
        empty: SQLite then copies them as they are). :meth:`take_sums` applies the
        rest on the connection's thread once they are made."""
        conn = self.conn
        first = self._prepared is None and not self._new_buyers and staging.usable(conn, staging.MIN_ROWS)
        shape = None
        if first and bulk.copied_as_they_are(conn, "agg_buyer_day"):
            shape = staging.shape(conn, "agg_buyer_day")  # read here: the worker has no connection
        self._to_sum = (shop_id, platform, [compute], shape)

    def start_summing(self) -> None:
        """Start the sums :meth:`sum_new_later` left (no-op if none or started), and
        after them the first buyer rows: the worker goes on to them while
        :meth:`take_sums` applies the sums."""
        if self._to_sum is None:
            return
        shop_id, platform, holder, shape = self._to_sum
        self._to_sum = None
        workers = self._workers()
        summing = workers.submit(_summed, shop_id, platform, holder)
        self._summing = (shop_id, platform, summing)
        if shape is not None:
            self._prepared = workers.submit(_first_buyers, summing, shape)

    def take_sums(self, wait: bool = True) -> NewOrderSums | None:
        """Once the worker has made them (``wait``: until it has), apply the sums
        :meth:`start_summing` started — the day and item sums written, the item blocks'
        merge left to the worker — and return them. Returns the sums applied so far
        (None: not yet)."""
        self.start_summing()
        if self._summing is None:
            return self._early
        shop_id, platform, summing = self._summing
        if not (wait or summing.done()):
            return self._early
        self._summing = None
        sums, buyers = summing.result()
        self._early = sums
        if self._add_new(shop_id, platform, sums, buyers) is not None:  # (None: no paid order)
            self._apply_sums(merge_later=True)
            self._start_merge()
        return sums

    def _start_merge(self) -> None:
        """The item blocks :meth:`_apply_sums` took, merged on the worker (their arrays,
        made any sooner, would set the import's peak) while the connection copies."""
        if self._unmerged is not None:
            taken, self._unmerged = self._unmerged, None
            self._merging = (self._workers().submit(taken.merged), taken.days)

    def _workers(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="shopdesk-aggregates")
        return self._pool

    def _add_new(
        self, shop_id: int, platform: str, sums: NewOrderSums, buyers: pa.Table | None = None
    ) -> pa.Table | None:
        """The work of :meth:`add_new`; returns the buyer-day counts it took (None: no
        paid orders). ``buyers``: those counts, if the worker made them already."""
        if not sums.days.num_rows:
            return None
        self.touched = True
        conn = self.conn
        days = _day_values(conn, sums.days["day"])
        bulk.executemany(
            conn,
            f"INSERT INTO kpi_d_day (shop_id, day, platform, {DAY_SUMS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            zip(
                repeat(shop_id),
                days,
                repeat(platform),
                *(sums.days[c].to_pylist() for c in DAY_SUMS.split(", ")),
            ),
        )
        bulk.executemany(
            conn,
            f"INSERT INTO kpi_d_item (shop_id, day, item_key, platform, {ITEM_SUMS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            zip(
                repeat(shop_id),
                _day_values(conn, sums.items["day"]),
                sums.items["item_key"].to_pylist(),
                repeat(platform),
                *(sums.items[c].to_pylist() for c in ITEM_SUMS.split(", ")),
            ),
        )
        if buyers is None:
            buyers = _buyer_delta(shop_id, platform, sums)
        self._new_buyers.append(buyers)  # merged with the other changes in _apply, without a trip through SQL
        self.blocks.add_new(self.codes, shop_id, sums.item_rows)
        return buyers

    def _take_prepared(self, changes: pa.Table) -> buyer_days.Prepared | None:
        """The rows :meth:`start_summing`'s worker made, if they are still all there is to
        write: no other new buyers (they were made when theirs were the only ones),
        no ``changes`` read back from SQL, and the table still empty."""
        if self._prepared is None:
            return None
        prepared = self._prepared.result()
        self._prepared = None
        if prepared is None:  # too few to stage
            return None
        alone = len(self._new_buyers) == 1 and not changes.num_rows
        if alone and bulk.copied_as_they_are(self.conn, "agg_buyer_day"):
            return prepared
        prepared.staged.discard()
        return None

    def _drop_prepared(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        self._merging = self._unmerged = self._to_sum = None  # written by _apply, or dropped
        self._summing = None
        if self._prepared is not None:
            if self._prepared.exception() is None and (prepared := self._prepared.result()) is not None:
                prepared.staged.discard()
            self._prepared = None

    def _contribute(
        self, order_ids: list[int], sign: int, orders: str = "orders", lines: str = "order_line"
    ) -> None:
        """What ``order_ids`` contribute, times ``sign``, as ``orders`` and ``lines``
        hold them (the tables themselves, or :class:`Before`'s copies)."""
        if not order_ids:
            return
        self.touched = True
        with bulk.id_list(self.conn, order_ids) as ids:
            # CROSS JOIN keeps the id list as the outer loop (SQLite would rather walk
            # an index of the orders to save a sort, reading every order)
            source = f"{ids} i CROSS JOIN {orders} o"
            _contribute(self.conn, source, "o.id = i.id", {}, sign, "kpi_d_day", "kpi_d_item", lines)
            self.blocks.read_orders(self.conn, self.codes, source, "o.id = i.id", sign, "kpi_d_item", lines)

    def _apply_sums(self, merge_later: bool = False) -> None:
        """Apply the day and item sums and the item blocks gathered so far, and start
        gathering anew (the buyer rows wait for :meth:`_apply`). ``merge_later``:
        the blocks are merged by the worker (:meth:`_start_merge`), or else by the next
        call, which writes them."""
        conn = self.conn
        self._write_merged()  # first: the blocks below may be the same shop-days
        self._bump_once()
        _upsert_sums(conn, "agg_day", "shop_id, day", DAY_SUMS, "kpi_d_day")
        _upsert_sums(conn, "agg_item_day", "shop_id, day, item_key", ITEM_SUMS, "kpi_d_item")
        taken = item_blocks.take(conn, self.codes, self.blocks, "kpi_d_item")
        if taken is not None and merge_later:
            self._unmerged = taken
        elif taken is not None:
            item_blocks.write(conn, taken.merged(), taken.days)
        del taken
        conn.execute(text("DELETE FROM kpi_d_day"))
        conn.execute(text("DELETE FROM kpi_d_item"))
        self.blocks = item_blocks.BlockChanges()

    def _write_merged(self) -> None:
        if self._unmerged is not None:  # never given to the worker: merged here
            taken, self._unmerged = self._unmerged, None
            item_blocks.write(self.conn, taken.merged(), taken.days)
        if self._merging is not None:
            merged, days = self._merging
            self._merging = None
            item_blocks.write(self.conn, merged.result(), days)

    def _apply(self) -> None:
        """The buyer rows and blocks first, then the sums and item blocks: their block
        notes go to the same pages at the end, not some before a 100 MB copy of buyer
        rows and some after it (a page written twice that far apart has SQLite read
        the WAL back from there at commit)."""
        give_back_memory()  # what the import's write freed: the merges below build big arrays
        self._bump_once()  # the version the block notes carry
        self._apply_buyers()
        give_back_memory()
        self._apply_sums()

    def _bump_once(self) -> None:
        if not self._bumped:
            # first: the new version is what the block notes carry, and on PostgreSQL its
            # row lock makes concurrent writers apply their deltas one after the other
            # (each reads the blocks the other committed, instead of overwriting them)
            bump_data_version(self.conn)
            self._bumped = True

    def _apply_buyers(self) -> None:
        conn = self.conn
        changes = bulk.read_arrow(
            conn, "SELECT platform, buyer_key, day, shop_id, orders FROM kpi_rows", buyer_days.DELTA_SCHEMA
        )
        delta = pa.concat_tables([*self._new_buyers, changes])
        prepared = self._take_prepared(changes)
        self._new_buyers.clear()
        # the days whose buyer rows differ now, counts or links: usually a few,
        # although a returning buyer's rows reach back over many days
        applied = (
            buyer_days.apply(conn, delta) if prepared is None else buyer_days.apply_prepared(conn, prepared)
        )
        if applied.blocks is not None:  # packed by the worker that prepared the rows
            buyer_blocks.write_packed(conn, applied.blocks)
        elif applied.every_row is not None:  # a database's first buyers: packed from what was written
            buyer_blocks.blocks_from_rows(conn, applied.every_row)
        else:
            buyer_blocks.rebuild_blocks(conn, applied.days)


def _summed(
    shop_id: int, platform: str, holder: list[Callable[[], NewOrderSums]]
) -> tuple[NewOrderSums, pa.Table]:
    """Delta.start_summing's work on the worker: the sums, and their buyer-day counts
    (for :meth:`Delta.take_sums` and the first buyer rows alike). ``holder``'s
    function is dropped once called: what it holds (the import's rows) goes as soon
    as the sums are made."""
    sums = holder.pop()()
    return sums, _buyer_delta(shop_id, platform, sums)


def _first_buyers(
    summing: Future[tuple[NewOrderSums, pa.Table]], shape: staging.Shape
) -> buyer_days.Prepared | None:
    """A database's first buyer-day rows, prepared (linked, staged) on a worker once
    ``summing`` has made their counts (None: too few rows to stage)."""
    _sums, buyers = summing.result()
    if buyers.num_rows < staging.MIN_ROWS:
        return None
    return buyer_days.prepare_first(buyers, shape)


def _buyer_delta(shop_id: int, platform: str, sums: NewOrderSums) -> pa.Table:
    buyers = sums.buyers
    return pa.table(
        {
            "platform": pa.repeat(pa.scalar(platform), buyers.num_rows),
            "buyer_key": buyers["buyer_key"],
            "day": pc.cast(buyers["day"], pa.date32()),
            "shop_id": pa.repeat(pa.scalar(shop_id, pa.int64()), buyers.num_rows),
            "orders": buyers["orders"],
        },
        schema=buyer_days.DELTA_SCHEMA,
    )


def _day_values(conn: Connection, days: pa.ChunkedArray) -> list:
    """'YYYY-MM-DD' text as SQLite stores a day; dates for PostgreSQL."""
    if bulk.is_sqlite(conn):
        return days.to_pylist()
    return pc.cast(pc.strptime(days, format="%Y-%m-%d", unit="s"), pa.date32()).to_pylist()


def _upsert_sums(conn: Connection, table: str, key: str, sums: str, source: str) -> None:
    """Add the summed deltas of ``source`` to ``table``; drop rows left with no orders."""
    names = [s.strip() for s in sums.split(",")]
    added = ", ".join(f"{n} = {table}.{n} + excluded.{n}" for n in names)
    conn.execute(
        text(
            f"INSERT INTO {table} ({key}, platform, {sums}) "
            f"SELECT {key}, MIN(platform), {', '.join(f'SUM({n})' for n in names)} FROM {source} "
            f"WHERE 1 = 1 GROUP BY {key} ON CONFLICT ({key}) DO UPDATE SET {added}"
        )
    )
    # driven by the keys just touched (a row-value IN probes the primary key),
    # not by a scan of the whole table for empty rows
    conn.execute(text(f"DELETE FROM {table} WHERE ({key}) IN (SELECT {key} FROM {source}) AND orders <= 0"))


def _write_linked(conn: Connection, source: str) -> None:
    """Insert the buyer-day rows of ``source``, each with its previous rows.

    Only buyers with more than one row go through window functions: SQLite
    pays per window partition, and most buyers buy once.
    """
    conn.execute(text("DELETE FROM kpi_multi"))
    conn.execute(
        text(
            f"INSERT INTO kpi_multi (platform, buyer_key) SELECT platform, buyer_key FROM {source} "
            "GROUP BY platform, buyer_key HAVING COUNT(*) > 1"
        )
    )
    # EXISTS, not a row-value NOT IN: SQLite cannot probe the key for NOT IN
    multi = "EXISTS (SELECT 1 FROM kpi_multi m WHERE m.platform = r.platform AND m.buyer_key = r.buyer_key)"
    columns = "platform, buyer_key, day, shop_id, orders, " + ", ".join(buyer_days.LINKS)
    rows = conn.execute(text(f"SELECT COUNT(*) FROM {source}")).scalar_one()
    with bulk.indexes_rebuilt_after(conn, "agg_buyer_day", rows):
        conn.execute(
            text(
                f"INSERT INTO agg_buyer_day ({columns}) SELECT platform, buyer_key, day, shop_id, orders, "
                f"NULL, NULL, NULL, NULL, NULL, NULL FROM {source} r WHERE NOT {multi} "
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
                FROM {source} r WHERE {multi}
                WINDOW p AS (PARTITION BY platform, buyer_key ORDER BY day, shop_id),
                       s AS (PARTITION BY platform, buyer_key, shop_id ORDER BY day)
                """
            )
        )


def batch_order_ids(conn: Connection, batch_id: int) -> list[int]:
    """Orders an import batch added or changed, directly or through their lines
    (what an undo of it changes)."""
    return [
        r[0]
        for r in conn.execute(
            text(
                """
                SELECT id FROM orders WHERE batch_id = :b
                UNION SELECT row_id FROM import_change WHERE batch_id = :b AND table_name = 'orders'
                UNION SELECT order_id FROM order_line WHERE batch_id = :b
                UNION SELECT l.order_id FROM import_change c JOIN order_line l ON l.id = c.row_id
                      WHERE c.batch_id = :b AND c.table_name = 'order_line'
                """
            ),
            {"b": batch_id},
        )
    ]


# --- from scratch --------------------------------------------------------------------------------


def rebuild(conn: Connection) -> None:
    """Recompute every aggregate from scratch (new definitions, demo data)."""
    bump_data_version(conn)  # before the blocks note their change under it
    with _sort_memory(conn):
        for table in ("agg_day", "agg_item_day", "agg_buyer_day", "agg_buyer_block", "agg_item_block"):
            conn.execute(text(f"DELETE FROM {table}"))
        with _work_tables(conn):
            # one pass over every order in storage order: SQLite would otherwise
            # walk an index of the orders to save a sort, and pay a random read
            # per order — 20 s instead of 2 for three million orders
            orders = "orders o NOT INDEXED" if bulk.is_sqlite(conn) else "orders o"
            _contribute(conn, orders, "1 = 1", {}, 1, "agg_day", "agg_item_day")
            _write_linked(conn, "kpi_rows")
        buyer_blocks.rebuild_blocks(conn)
        item_blocks.rebuild(conn)
    set_meta(conn, VERSION_KEY, VERSION)


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
        if item_blocks.needs_build(conn):  # added after the other aggregates: built on their own
            log.info("building the KPI item blocks (version %s)", item_blocks.VERSION)
            bump_data_version(conn)
            item_blocks.rebuild(conn)
            return True
        return False
    log.info("rebuilding KPI aggregates (version %s)", VERSION)
    rebuild(conn)
    return True


# --- bookkeeping ---------------------------------------------------------------------------------


def data_version(conn: Connection) -> int:
    """A number that changes whenever the aggregates do (for caches)."""
    return int(get_meta(conn, DATA_VERSION_KEY) or 0)


def bump_data_version(conn: Connection) -> int:
    """Add one to the data version, atomically (two seats of a team bumping at once
    must not both write the same number), and return it."""
    bumped = conn.execute(
        text("UPDATE app_meta SET value = CAST(CAST(value AS INTEGER) + 1 AS VARCHAR(20)) WHERE key = :k"),
        {"k": DATA_VERSION_KEY},
    ).rowcount
    if not bumped:
        conn.execute(text("INSERT INTO app_meta (key, value) VALUES (:k, '1')"), {"k": DATA_VERSION_KEY})
    return data_version(conn)


def get_meta(conn: Connection, key: str) -> str | None:
    return conn.execute(text("SELECT value FROM app_meta WHERE key = :k"), {"k": key}).scalar()


def set_meta(conn: Connection, key: str, value: str) -> None:
    if conn.execute(text("UPDATE app_meta SET value = :v WHERE key = :k"), {"k": key, "v": value}).rowcount:
        return
    conn.execute(text("INSERT INTO app_meta (key, value) VALUES (:k, :v)"), {"k": key, "v": value})
