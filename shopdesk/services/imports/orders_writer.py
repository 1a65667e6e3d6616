"""Upserting one order file's orders and lines inside the caller's transaction.

Orders are matched by (shop, platform order number), lines by (order, line key).
New rows carry the batch id (so undo can delete them); rows whose stated values
changed get the new values, and their previous values go to ``import_change``
(so undo can restore them). Nothing is ever deleted by an import.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from functools import partial

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Connection, text

from shopdesk.db import bulk, staging
from shopdesk.domain.buyer import anonymous_buyer_key
from shopdesk.i18n import _
from shopdesk.importers.hashing import digests_with_lines, line_owners, order_hashes, row_hashes
from shopdesk.importers.orders.common import OrderData
from shopdesk.importers.spec import Kind
from shopdesk.memory import give_back_memory
from shopdesk.services.kpi import aggregates
from shopdesk.services.kpi.arrow_sums import (
    LINE_COLUMNS,
    ORDER_COLUMNS,
    NewOrderSums,
    new_order_sums,
    summed_columns,
)
from shopdesk.tasks.progress import Progress


@dataclass
class NewRows:
    """Orders and lines handed to :func:`_insert_new`, which takes them out, so
    that nothing else holds them and what it has written can go while it works."""

    orders: pa.Table | None
    lines: pa.Table | None
    hashed_lines: Future[np.ndarray] | None = None  # hashing.line_hashes of the lines, being made
    owners: pa.Array | None = None  # hashing.line_owners of the lines, if the mapper knew them

    def take(self) -> tuple[pa.Table, pa.Table | None]:
        orders, lines = self.orders, self.lines
        assert orders is not None, "already taken"
        self.orders = self.lines = None
        return orders, lines


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


def _existing_orders(conn: Connection, shop_id: int) -> dict[str, tuple[int, str | None]]:
    rows = conn.execute(
        text("SELECT platform_order_id, id, source_hash FROM orders WHERE shop_id = :s"), {"s": shop_id}
    ).cursor.fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def record_changes(conn: Connection, batch_id: int, table: str, ids: list[int], fields: list[str]) -> None:
    """Save the current values of ``fields`` for rows ``ids`` before they are
    overwritten — built as JSON by the database itself, in one statement."""
    if not ids:
        return
    build = "json_object" if bulk.is_sqlite(conn) else "json_build_object"
    pairs = ", ".join(f"'{f}', t.{f}" for f in fields)
    with bulk.id_list(conn, ids) as id_table:
        conn.execute(
            text(
                f"INSERT INTO import_change (batch_id, table_name, row_id, old_values) "
                f'SELECT :b, :t, t.id, {build}({pairs}) FROM "{table}" t '
                f"WHERE t.id IN (SELECT id FROM {id_table})"
            ),
            {"b": batch_id, "t": table},
        )


def write_orders(
    conn: Connection,
    shop_id: int,
    batch_id: int,
    data: OrderData,
    salt: str,
    progress: Progress,
    delta: aggregates.Delta,
) -> Counts:
    """Upsert ``data``; counts are of orders, or of lines for an item-only file.
    ``delta`` learns which orders changed, before and after, for the KPI aggregates."""
    if data.kind is Kind.ORDER_ITEMS:
        return _write_item_file(conn, shop_id, batch_id, data, salt, progress, delta)
    # Written from local references only: what is not written goes as soon as it is
    # not needed (most of a later export is unchanged), not when the write is over.
    orders, lines = data.orders, data.lines
    data.orders = orders.schema.empty_table()
    data.lines = None if lines is None else lines.schema.empty_table()
    hashing, owners = data.line_hashes, data.owners  # (waited for only when needed)
    data.line_hashes = data.owners = None
    if not _has_orders(conn, shop_id):  # the shop's first file: all new, nothing to compare
        added, first = orders.num_rows, NewRows(orders, lines, hashing, owners)
        del orders, lines, owners  # the write lets the lines go once copied
        sums = _insert_new(conn, shop_id, batch_id, data.platform, first, progress, delta)
        delta.add_new(shop_id, data.platform, sums)
        return Counts(added=added)
    digests = _digests(orders, lines, owners, hashing)
    del hashing, owners
    progress.check()
    new_pos, changed = _compare_with_stored(conn, shop_id, orders["platform_order_id"], digests)
    progress.check()
    counts = Counts(added=len(new_pos), unchanged=orders.num_rows - len(new_pos) - len(changed))
    new_orders = changed_rows = None
    if new_pos:
        taken = pa.array(new_pos, pa.int64())
        new_orders = orders.take(taken).append_column("source_hash", digests.take(taken))
    if changed:
        positions = pa.array([c[0] for c in changed], pa.int64())
        changed_rows = orders.take(positions).append_column("source_hash", digests.take(positions))
    del orders, digests
    new_lines = None if new_orders is None else _lines_of(lines, new_orders)
    changed_lines = None if changed_rows is None else _lines_of(lines, changed_rows)
    del lines
    give_back_memory()

    # 1. orders new to this shop, with their lines
    if new_orders is not None:
        new = NewRows(new_orders, new_lines)
        del new_orders, new_lines  # a copy of the file's rows each: gone once written
        sums = _insert_new(conn, shop_id, batch_id, data.platform, new, progress)
        delta.add_new(shop_id, data.platform, sums)
    progress.check()

    # 2. orders we had whose digest differs: update them and their lines
    if changed_rows is not None:
        changed_ids = [c[1] for c in changed]
        placeholders = sum(1 for c in changed if c[2] is None)  # left by an item file: now a real order
        fields = [c for c in changed_rows.column_names if c != "platform_order_id"]
        with aggregates.Before(conn, changed_ids) as before:
            record_changes(conn, batch_id, "orders", changed_ids, fields)
            bulk.update_arrow(conn, "orders", changed_ids, changed_rows.drop_columns(["platform_order_id"]))
            counts.updated = len(changed) - placeholders
            counts.added += placeholders
            if changed_lines is not None:
                mapping = dict(zip(changed_rows["platform_order_id"].to_pylist(), changed_ids, strict=True))
                _upsert_lines(conn, batch_id, changed_lines, mapping, progress)
            delta.replace(before)
    return counts


def _insert_new(
    conn: Connection,
    shop_id: int,
    batch_id: int,
    platform: str,
    new: NewRows,
    progress: Progress,
    delta: aggregates.Delta | None = None,
) -> NewOrderSums:
    """Insert new orders and their lines; return what they add to the aggregates.
    With ``delta`` (a shop's first file), they are added to it here: summed on its
    worker from when the first file is staged, while the connection copies
    (``Delta.sum_new_later``), and applied between or after the copies.
    ``orders`` carry their ``source_hash`` already (a later export's new orders,
    digested for the comparison), or it is computed here (a shop's first file).

    The orders and lines get their ids before the insert, so the lines link to
    their orders with no read-back. A large file is written to two staging files
    on worker threads — the lines at once, the orders as soon as this thread has
    their digests (ADBC, Arrow and numpy release the GIL) — then copied whole (see
    ``db.staging``). The aggregates' sums wait for the stagings: both cores are
    busy until then, and the copies leave one free.
    """
    hashing, owners = new.hashed_lines, new.owners
    orders, lines = new.take()
    ids = bulk.reserve_ids(conn, "orders", orders.num_rows)
    line_rows = None
    if lines is not None and lines.num_rows:
        if owners is None:
            owners = line_owners(orders, lines)  # one lookup of a million order numbers, used twice
        line_rows = _linked(lines, ids, owners)
    else:
        owners = None
    order_constants = {"shop_id": shop_id, "platform": platform, "batch_id": batch_id}
    line_constants = {"batch_id": batch_id}

    def order_rows() -> pa.Table:
        stated = orders
        if "source_hash" not in stated.column_names:
            stated = stated.append_column("source_hash", _digests(orders, lines, owners, hashing))
        return stated.append_column("id", ids)

    rows = orders.num_rows + (line_rows.num_rows if line_rows is not None else 0)
    if not staging.usable(conn, rows):
        bulk.insert_arrow(conn, "orders", order_rows(), order_constants, on_chunk=_share(progress, 45, 65))
        progress.check()
        if line_rows is not None:
            share = _share(progress, 65, 92)
            bulk.insert_arrow(conn, "order_line", line_rows, line_constants, on_chunk=share)
        return new_order_sums(orders, lines, ids, owners)
    futures: dict[str, Future[staging.Staged]] = {}
    staged: dict[str, staging.Staged] = {}
    shapes = {"lines": staging.shape(conn, "order_line"), "orders": staging.shape(conn, "orders")}
    # With foreign keys off (an import's), each file is copied as soon as it is staged,
    # while the other may still be being staged: lines or orders first, whichever is
    # ready (the orders' file, though started later, is done first in one run in three).
    # With them on, the orders must be in before their lines.
    in_turn = not bulk.foreign_keys_on(conn)
    targets = {"lines": "order_line", "orders": "orders"}
    copied: list[str] = []
    sums: NewOrderSums | None = None

    def copy(name: str) -> None:
        progress.step(65 if copied else 55, 100, _("Writing to the database"))
        progress.check()
        if delta is not None:
            delta.start_summing()  # (once) on the core the copies leave free
        bulk.copy_staged(conn, staged[name], name, targets[name])
        copied.append(name)
        if delta is not None:
            delta.take_sums(wait=False)  # between two copies, if already made

    try:
        with ThreadPoolExecutor(2, thread_name_prefix="shopdesk-stage") as pool:
            try:
                if line_rows is not None:
                    # ids of their own too: the staged file's would collide with the table's
                    line_ids = bulk.reserve_ids(conn, "order_line", line_rows.num_rows)
                    whole = bulk.whole_rows(
                        "order_line", line_rows.append_column("id", line_ids), line_constants
                    )
                    futures["lines"] = pool.submit(staging.stage, {"lines": whole}, shapes)
                    del whole
                whole = bulk.whole_rows("orders", order_rows(), order_constants)  # the digests, meanwhile
                futures["orders"] = pool.submit(staging.stage, {"orders": whole}, shapes)
                del whole
                if delta is None:
                    sums = new_order_sums(orders, lines, ids, owners)
                    give_back_memory()  # the sums' temporaries, before the stagings' peak
                else:
                    summing = partial(
                        new_order_sums,
                        summed_columns(orders, ORDER_COLUMNS),
                        None if lines is None else summed_columns(lines, LINE_COLUMNS),
                        ids,
                        owners,
                    )
                    delta.sum_new_later(shop_id, platform, summing)
                    del summing
                # the rows are the stagings' now (and the sums'): each goes once its file is
                # written (a million lines and their orders: 300 MB before the copies)
                orders = lines = line_rows = owners = hashing = None
                if in_turn:
                    names = {future: name for name, future in futures.items()}
                    for future in as_completed(names):
                        staged[names[future]] = futures.pop(names[future]).result()
                        copy(names[future])
            finally:  # every file written is known, even after an error, so that it can go
                staged.update({name: f.result() for name, f in futures.items() if f.exception() is None})
        for future in futures.values():
            if (error := future.exception()) is not None:
                raise error
        for name in ("orders", "lines"):
            if name in staged and name not in copied:
                copy(name)
        if delta is not None:
            sums = delta.take_sums()  # (or taken between the copies already)
    finally:
        for done in staged.values():
            done.discard()  # only files never attached: an attached one goes with the connection
    assert sums is not None
    return sums


def _digests(
    orders: pa.Table, lines: pa.Table | None, owners: pa.Array | None, hashing: Future[np.ndarray] | None
) -> pa.Array:
    """hashing.order_digests, the orders' own share made while the lines' (``hashing``,
    on a worker since the file was read) may still be in the making."""
    own = order_hashes(orders)
    return digests_with_lines(own, orders, lines, owners, None if hashing is None else hashing.result())


def _has_orders(conn: Connection, shop_id: int) -> bool:
    return (
        conn.execute(text("SELECT 1 FROM orders WHERE shop_id = :s LIMIT 1"), {"s": shop_id}).first()
        is not None
    )


def _compare_with_stored(
    conn: Connection, shop_id: int, order_numbers: pa.Array, digests: pa.Array
) -> tuple[list[int], list[tuple[int, int, str | None]]]:
    """(positions of new orders, (position, id, stored digest) of changed ones).

    The comparison runs in SQL against a temporary table, so a re-import of a
    million lines brings back only what differs instead of every stored order.
    """
    conn.execute(text("DROP TABLE IF EXISTS import_stage"))
    conn.execute(text("CREATE TEMPORARY TABLE import_stage (pos INTEGER PRIMARY KEY, pid TEXT, digest TEXT)"))
    try:
        positions = pa.array(np.arange(len(order_numbers), dtype=np.int64))
        stage = pa.table({"pos": positions, "pid": order_numbers, "digest": digests})
        bulk.insert_arrow(conn, "import_stage", stage)  # bound in C for a big file: no Python rows
        found = conn.execute(
            text(
                "SELECT s.pos, o.id, o.source_hash, s.digest FROM import_stage s "
                "LEFT JOIN orders o ON o.shop_id = :shop AND o.platform_order_id = s.pid "
                "WHERE o.id IS NULL OR o.source_hash IS NULL OR o.source_hash <> s.digest"
            ),
            {"shop": shop_id},
        ).all()
    finally:
        conn.execute(text("DROP TABLE IF EXISTS import_stage"))
    new_pos = [r[0] for r in found if r[1] is None]
    changed = [(r[0], r[1], r[2]) for r in found if r[1] is not None]
    return new_pos, changed


def _write_item_file(
    conn: Connection,
    shop_id: int,
    batch_id: int,
    data: OrderData,
    salt: str,
    progress: Progress,
    delta: aggregates.Delta,
) -> Counts:
    """Taobao's item file: lines, and placeholder orders for numbers we do not
    know yet (the order file fills them in later; it never overwrites orders)."""
    order_ids = {number: row_id for number, (row_id, _digest) in _existing_orders(conn, shop_id).items()}
    ids = data.orders["platform_order_id"].to_pylist()
    touched = sorted({order_ids[i] for i in ids if i in order_ids})
    delta.subtract(touched)  # their item figures change with their lines
    unknown = data.orders.filter(pa.array([i not in order_ids for i in ids], pa.bool_()))
    if unknown.num_rows:
        anon = [anonymous_buyer_key(salt, data.platform, i) for i in unknown["platform_order_id"].to_pylist()]
        unknown = unknown.append_column("buyer_key", pa.array(anon, pa.string())).append_column(
            "buyer_identified", pa.repeat(pa.scalar(False), unknown.num_rows)
        )
        bulk.insert_arrow(
            conn, "orders", unknown, {"shop_id": shop_id, "platform": data.platform, "batch_id": batch_id}
        )
        order_ids.update(  # the placeholders just made
            conn.execute(
                text("SELECT platform_order_id, id FROM orders WHERE batch_id = :b AND shop_id = :s"),
                {"b": batch_id, "s": shop_id},
            ).all()
        )
    progress.check()
    assert data.lines is not None
    counts = _upsert_lines(conn, batch_id, data.lines, order_ids, progress)
    delta.add(sorted({order_ids[i] for i in ids if i in order_ids}))
    return counts


def _lines_of(lines: pa.Table | None, orders: pa.Table) -> pa.Table | None:
    if lines is None:
        return None
    mine = pc.is_in(lines["platform_order_id"], value_set=orders["platform_order_id"])
    if pc.all(mine).as_py():
        return lines  # every line (a first import): no copy
    return lines.filter(mine)


def _with_order_ids(lines: pa.Table, order_ids: dict[str, int]) -> pa.Table:
    """Replace the platform order number by the database id (``order_ids``: number → id)."""
    numbers = pa.array(list(order_ids), pa.string())
    owners = pc.index_in(lines["platform_order_id"], value_set=numbers)
    return _linked(lines, pa.array(list(order_ids.values()), pa.int64()), owners)


def _linked(lines: pa.Table, ids: pa.Array, owners: pa.Array) -> pa.Table:
    """``lines`` with ``order_id`` (``ids`` at each line's ``owners`` position)
    in place of the platform order number."""
    return lines.drop_columns(["platform_order_id"]).append_column("order_id", pc.take(ids, owners))


def _share(progress: Progress, start: int, end: int) -> bulk.ChunkDone:
    """Report a bulk insert as the ``start``…``end`` part of the file's 0…100, and
    stop it between chunks when the user cancels (the transaction rolls back)."""

    def report(done: int, total: int) -> None:
        progress.step(start + (end - start) * done // max(total, 1), 100, _("Writing to the database"))

    return report


def _upsert_lines(
    conn: Connection, batch_id: int, lines: pa.Table | None, order_ids: dict[str, int], progress: Progress
) -> Counts:
    """Compare lines of orders we already had with what is stored, line by line.

    Column-wise: the stored lines of those orders are read into Arrow, each line
    (stored and incoming, hashed as one table so equal values hash alike) gets a
    64-bit hash of its values, and an Arrow join on (order, line key) tells new,
    changed and unchanged lines apart — no Python object per line.
    """
    counts = Counts()
    if lines is None or not lines.num_rows:
        return counts
    with_ids = _with_order_ids(lines, order_ids)
    value_names = [c for c in lines.column_names if c not in ("platform_order_id", "line_key")]
    values = lines.select(value_names)
    key_schema = pa.schema([("id", pa.int64()), ("order_id", pa.int64()), ("line_key", pa.string())])
    touched = pc.unique(with_ids["order_id"]).to_pylist()
    with bulk.id_list(conn, touched) as id_table:
        stored = bulk.read_arrow(
            conn,
            f"SELECT l.id, l.order_id, l.line_key, {', '.join(f'l.{n}' for n in value_names)} "
            f"FROM {id_table} i CROSS JOIN order_line l WHERE l.order_id = i.id",
            pa.schema([*key_schema, *values.schema]),
        )
    progress.check()
    hashes = row_hashes(pa.concat_tables([values, stored.select(value_names)]))
    incoming = pa.table(
        {
            "pos": pa.array(np.arange(lines.num_rows, dtype=np.int64)),
            "order_id": with_ids["order_id"],
            "line_key": lines["line_key"],
            "hash": pa.array(hashes[: lines.num_rows]),
        }
    )
    known = stored.select(["id", "order_id", "line_key"]).append_column(
        "stored_hash", pa.array(hashes[lines.num_rows :])
    )
    matched = incoming.join(known, ["order_id", "line_key"], join_type="left outer").sort_by("pos")
    found = pc.is_valid(matched["id"])
    new_idx = matched["pos"].filter(pc.invert(found))
    changed = pc.and_(found, pc.not_equal(matched["hash"], matched["stored_hash"]))
    changed_idx = matched["pos"].filter(changed)
    changed_ids = matched["id"].filter(changed).to_pylist()
    counts.unchanged = int(pc.sum(pc.cast(found, pa.int64())).as_py() or 0) - len(changed_ids)
    if len(new_idx):
        counts.added = bulk.insert_arrow(conn, "order_line", with_ids.take(new_idx), {"batch_id": batch_id})
    if changed_ids:
        record_changes(conn, batch_id, "order_line", changed_ids, value_names)
        counts.updated = bulk.update_arrow(conn, "order_line", changed_ids, values.take(changed_idx))
    return counts
