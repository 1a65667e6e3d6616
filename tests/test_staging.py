"""Large inserts go through a staging file written by ADBC (db/staging.py): what
lands is exactly what ``executemany`` writes, a cancel or failure leaves the
database as it was, and no staging file outlives its import."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from shopdesk.db import staging
from shopdesk.services.database import SALT_KEY, open_database
from shopdesk.services.imports import import_file
from shopdesk.services.imports.history import undo_import
from shopdesk.tasks.background import started
from shopdesk.tasks.progress import Cancelled, Progress
from tests.builders import dbcheck, douyin
from tests.helpers.samples import SAMPLES

AGGREGATES = {
    "agg_day": "shop_id, day",
    "agg_item_day": "shop_id, day, item_key",
    "agg_buyer_day": "platform, buyer_key, day, shop_id",
}


def _orders(count: int, status: str = "已发货") -> list[dict]:
    return [
        dict(
            order_id=str(6900000000000000000 + 10 * n),
            status=status if n % 3 else "已完成",
            items=[dict(item_id=str(3600000000000 + n % 7)), dict(item_id=str(3600000000000 + n % 5))],
            paid_time=f"2026-11-{1 + n % 20:02d} 10:{n % 60:02d}:00",
        )
        for n in range(count)
    ]


def _run(tmp_path: Path) -> dict[str, list[tuple]]:
    """Samples of every platform, a Douyin file, its later export, an undo: the content."""
    db = open_database(tmp_path / "shop.sqlite3")
    try:
        with db.engine.begin() as conn:  # one salt for both databases: the same buyer keys
            conn.execute(text("UPDATE app_meta SET value = 'same salt' WHERE key = :k"), {"k": SALT_KEY})
        # first into empty tables (staged rows are copied whole), then next to others' rows
        first = import_file(db, douyin.write_orders(tmp_path / "抖店订单导出.csv", _orders(300)))
        for name in sorted(os.listdir(SAMPLES)) if SAMPLES.is_dir() else []:
            if "订单" in name or "Order" in name or "orders" in name:
                assert import_file(db, SAMPLES / name).status == "loaded"
        later = douyin.write_orders(tmp_path / "抖店订单导出_later.csv", _orders(400, "已完成"))
        assert import_file(db, later).updated > 0
        extra = import_file(db, douyin.write_orders(tmp_path / "抖店订单导出_extra.csv", _orders(500)[450:]))
        undo_import(db, extra.batch_id)
        content = dbcheck.dump(db)
        assert dbcheck.rows(db, "PRAGMA foreign_key_check") == []  # imports write with them off
        for table, key in AGGREGATES.items():
            content[table] = dbcheck.rows(db, f"SELECT * FROM {table} ORDER BY {key}")
        assert first.added == 300
        return content
    finally:
        db.close()


def test_staged_inserts_write_what_executemany_writes(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(staging, "MIN_ROWS", 10**12)
    bound = _run(tmp_path / "bound")
    monkeypatch.setattr(staging, "MIN_ROWS", 1)
    staged = _run(tmp_path / "staged")
    assert staged["orders"] and staged["agg_buyer_day"]
    assert staged == bound


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch) -> Path:
    """Staging files go to a folder of the test's own, which nothing else writes to."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setattr(staging, "directory", lambda: folder)
    monkeypatch.setattr(staging, "MIN_ROWS", 1)
    return folder


def _stage_files(folder: Path) -> set[Path]:
    return set(folder.glob(f"{staging.PREFIX}*.sqlite3"))


def test_no_staging_file_outlives_its_import(db, tmp_path: Path, scratch: Path) -> None:
    result = import_file(db, douyin.write_orders(tmp_path / "抖店订单导出.csv", _orders(50)))
    assert result.added == 50
    assert not _stage_files(scratch)
    with db.engine.connect() as conn:  # detached: the pooled connection has only its own database
        names = [r[1] for r in conn.exec_driver_sql("PRAGMA database_list").all()]
    assert names == ["main", "temp"] or names == ["main"]


def test_big_staging_files_are_deleted_on_a_thread(db, tmp_path: Path, scratch: Path, monkeypatch) -> None:
    monkeypatch.setattr(staging, "DELETE_LATER_BYTES", 1)
    handed = []
    spy = lambda name, f, *a: handed.append(a[0]) or started(name, f, *a)  # noqa: E731
    monkeypatch.setattr(staging, "started_idle", spy)
    result = import_file(db, douyin.write_orders(tmp_path / "抖店订单导出.csv", _orders(50)))
    assert result.added == 50
    assert handed and all(p.parent == scratch for paths in handed for p in paths)
    staging.deleted(5)
    assert not _stage_files(scratch)


def test_a_cancel_between_staging_and_copy_changes_nothing(
    db, tmp_path: Path, scratch: Path, monkeypatch
) -> None:
    """Nothing is copied, and the aggregates' sums (which wait for the first copy)
    are not started only to be thrown away."""
    from shopdesk.services.imports import orders_writer

    summed: list[object] = []
    sum_up = orders_writer.new_order_sums
    monkeypatch.setattr(orders_writer, "new_order_sums", lambda *a: summed.append(a) or sum_up(*a))

    def on_step(done: int, total: int, _text: str) -> None:
        if 45 < done < 65:  # the orders are in the staging file, not yet copied
            progress.cancel()

    progress = Progress(on_step, min_interval=0)
    with pytest.raises(Cancelled):
        import_file(db, douyin.write_orders(tmp_path / "抖店订单导出.csv", _orders(50)), progress=progress)
    assert dbcheck.scalar(db, "SELECT COUNT(*) FROM orders") == 0
    assert dbcheck.scalar(db, "SELECT COUNT(*) FROM import_batch") == 0
    assert not _stage_files(scratch)
    assert summed == []


def test_a_file_that_cannot_be_attached_is_deleted(db, tmp_path: Path, scratch: Path) -> None:
    """SQLite attaches ten databases to a connection at most: a staged copy that
    finds no room fails like any insert, and its file goes at once."""
    import pyarrow as pa

    from shopdesk.db import bulk

    rows = pa.table({"id": pa.array([1, 2], pa.int64()), "body": ["a", "b"]})
    with db.engine.connect().execution_options(write=True) as conn:
        conn.exec_driver_sql("CREATE TEMPORARY TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
        for n in range(10):
            conn.exec_driver_sql(f"ATTACH DATABASE ? AS full_{n}", (str(tmp_path / f"other{n}.sqlite3"),))
        try:
            with pytest.raises(Exception, match="too many attached"):
                staging.insert(conn, "t", rows, {})
            assert not _stage_files(scratch)
            staged = staging.stage({"rows": rows})
            with pytest.raises(Exception, match="too many attached"):
                bulk.copy_staged(conn, staged, "rows", "t")
            assert staged.alias is None  # the caller's to discard
            staged.discard()
            assert not _stage_files(scratch)
        finally:
            for n in range(10):
                conn.exec_driver_sql(f"DETACH DATABASE full_{n}")


def test_a_first_file_of_unpaid_orders_changes_no_aggregate(db, tmp_path: Path, scratch: Path) -> None:
    """No paid order, nothing to sum: the figures' version (dashboards' caches) stays."""
    from shopdesk.services.kpi import aggregates

    with db.engine.connect() as conn:
        version = aggregates.data_version(conn)
    unpaid = [{**order, "status": "待支付", "paid_time": ""} for order in _orders(50)]
    result = import_file(db, douyin.write_orders(tmp_path / "抖店订单导出.csv", unpaid))
    assert (result.status, result.added) == ("loaded", 50)
    with db.engine.connect() as conn:
        assert aggregates.data_version(conn) == version
    assert dbcheck.scalar(db, "SELECT COUNT(*) FROM agg_day") == 0


def test_a_failed_copy_rolls_back_with_the_import(db, tmp_path: Path, monkeypatch) -> None:
    """A staged copy that breaks a constraint fails the file like any insert would."""
    monkeypatch.setattr(staging, "MIN_ROWS", 1)
    with db.engine.connect() as conn, conn.begin():
        conn.execute(
            text("CREATE TRIGGER no_lines BEFORE INSERT ON order_line BEGIN SELECT RAISE(ABORT, 'x'); END")
        )
    result = import_file(db, douyin.write_orders(tmp_path / "抖店订单导出.csv", _orders(30)))
    assert result.status == "refused"
    assert dbcheck.scalar(db, "SELECT COUNT(*) FROM orders") == 0


def test_sweep_removes_only_files_a_day_old(tmp_path: Path) -> None:
    old, fresh, other = (tmp_path / f"{staging.PREFIX}a.sqlite3", tmp_path / f"{staging.PREFIX}b.sqlite3",
                         tmp_path / "shop.sqlite3")  # fmt: skip
    for path in (old, fresh, other):
        path.write_bytes(b"x")
    day_ago = time.time() - staging.STALE_SECONDS - 60
    os.utime(old, (day_ago, day_ago))
    os.utime(other, (day_ago, day_ago))
    assert staging.sweep(tmp_path) == 1
    assert not old.exists() and fresh.exists() and other.exists()


@pytest.mark.parametrize("broken", ["_digests", "new_order_sums"])
def test_an_error_beside_the_staging_leaves_no_file(
    db, tmp_path: Path, monkeypatch, scratch: Path, broken: str
) -> None:
    """The digests fail on this thread while the worker writes the lines' file; the
    aggregates' sums fail on their worker while the connection copies (and would
    have staged the buyer rows next)."""
    from shopdesk.services.imports import orders_writer

    def failing(*_args: object) -> None:
        raise ValueError(broken)

    monkeypatch.setattr(orders_writer, broken, failing)
    result = import_file(db, douyin.write_orders(tmp_path / "抖店订单导出.csv", _orders(40)))
    assert result.status == "refused" and result.code == "unexpected"
    assert dbcheck.scalar(db, "SELECT COUNT(*) FROM orders") == 0
    assert dbcheck.scalar(db, "SELECT COUNT(*) FROM agg_day") == 0
    staging.deleted(5)
    assert not _stage_files(scratch)


def test_a_small_file_is_bound_row_by_row(db, tmp_path: Path, monkeypatch) -> None:
    """A staging file pays off only for large inserts: a day's export writes none."""
    staged: list[object] = []
    monkeypatch.setattr(staging, "stage", lambda tables, *_shapes: staged.append(tables))
    result = import_file(db, douyin.write_orders(tmp_path / "抖店订单导出.csv", _orders(200)))
    assert result.added == 200 and staged == []


def _copy_plan(conn, statement: str) -> set[str]:
    return {row[1] for row in conn.exec_driver_sql(f"EXPLAIN {statement}").all()}


@pytest.mark.parametrize("foreign_keys", [False, True])
def test_rows_staged_whole_are_copied_as_they_are_into_an_empty_table(db, foreign_keys: bool) -> None:
    """SQLite's transfer optimisation (records and index entries copied without
    decoding: the ``RowData`` opcode) needs foreign keys off, which an import's
    transaction has and the next transaction on the connection has not. Either
    way the same rows land."""
    import pyarrow as pa

    from shopdesk.db import bulk

    options = {"write": True, "foreign_keys": foreign_keys}
    with db.engine.connect().execution_options(**options) as conn, conn.begin():
        shop = conn.exec_driver_sql(
            "INSERT INTO shop (platform, name) VALUES ('douyin', '抖店') RETURNING id"
        ).scalar_one()
        rows = pa.table(
            {
                "id": pa.array([7, 8], pa.int64()),
                "platform_order_id": ["6900000000000000001", "6900000000000000002"],
                "status": ["paid", "completed"],
                "paid_time": pa.array([1_764_000_000, None], pa.timestamp("s")),
                "paid_fen": pa.array([9900, 5950], pa.int64()),
                "buyer_key": ["k1", "k2"],
                "buyer_identified": [True, False],
                "is_test": [False, False],
            }
        )
        whole = bulk.whole_rows("orders", rows, {"shop_id": shop, "platform": "douyin"})
        staged = staging.stage({"orders": whole}, {"orders": staging.shape(conn, "orders")})
        alias = staging._attached(conn, staged)
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == int(foreign_keys)
        plan = _copy_plan(conn, f'INSERT INTO "orders" SELECT * FROM {alias}."orders"')
        assert ("RowData" in plan) is not foreign_keys
        bulk.copy_staged(conn, staged, "orders", "orders")
    assert dbcheck.rows(
        db, "SELECT id, platform_order_id, paid_time, paid_fen, buyer_identified, shipping_fen FROM orders"
    ) == [
        (7, "6900000000000000001", "2025-11-24 16:00:00", 9900, 1, 0),
        (8, "6900000000000000002", None, 5950, 0, 0),
    ]
    with db.engine.connect().execution_options(write=True) as conn, conn.begin():
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # the engine's setting again


def test_a_table_restated_under_the_staging_name() -> None:
    target = staging.Shape(
        "orders",
        "CREATE TABLE orders (\n\tid INTEGER NOT NULL, CONSTRAINT uq_x UNIQUE (id), "
        "note VARCHAR(9) DEFAULT 'orders')",
        ("CREATE INDEX ix_orders_paid ON orders (paid_time)",),
    )
    create, indexes = target.statements("staged_orders")
    assert create.startswith('CREATE TABLE "staged_orders" (') and "DEFAULT 'orders'" in create
    assert "UNIQUE (id)" in create  # the constraint's conflict action must match the target's
    assert indexes == ['CREATE INDEX ix_orders_paid ON "staged_orders" (paid_time)']


def test_with_foreign_keys_on_the_lines_follow_their_orders(db, tmp_path: Path, monkeypatch) -> None:
    """An import copies each staged file as soon as it is written, lines before their
    orders as often as not (foreign keys are off for it); a caller that keeps them on
    gets the orders first, and no violation."""
    import shopdesk.services.imports as imports

    monkeypatch.setattr(staging, "MIN_ROWS", 1)
    monkeypatch.setattr(imports, "WRITE", {"write": True, "foreign_keys": True})
    result = import_file(db, douyin.write_orders(tmp_path / "抖店订单导出.csv", _orders(40)))
    assert (result.status, result.added) == ("loaded", 40)
    assert dbcheck.scalar(db, "SELECT COUNT(*) FROM order_line") == 80
    assert dbcheck.rows(db, "PRAGMA foreign_key_check") == []


@pytest.mark.parametrize("slow", ["lines", "orders"])
def test_each_staged_file_is_copied_as_soon_as_it_is_written(db, tmp_path: Path, monkeypatch, slow) -> None:
    """Whichever of the lines' and the orders' files is written first is copied
    first, while the other is still being written; the import is the same."""
    from shopdesk.db import bulk

    stage, copy = staging.stage, bulk.copy_staged
    events: list[str] = []

    def staged_slowly(tables, shapes=None):
        if slow in tables:
            time.sleep(0.5)
        done = stage(tables, shapes)
        events.append("staged " + next(iter(tables)))
        return done

    def copied(conn, staged, name, table):
        events.append("copy " + name)
        return copy(conn, staged, name, table)

    monkeypatch.setattr(staging, "MIN_ROWS", 1)
    monkeypatch.setattr(staging, "stage", staged_slowly)
    monkeypatch.setattr(bulk, "copy_staged", copied)
    result = import_file(db, douyin.write_orders(tmp_path / "抖店订单导出.csv", _orders(40)))
    assert (result.status, result.added) == ("loaded", 40)
    quick = "orders" if slow == "lines" else "lines"
    ours = [e for e in events if e.split()[1] in ("lines", "orders")]  # (not the aggregates')
    assert ours == [f"staged {quick}", f"copy {quick}", f"staged {slow}", f"copy {slow}"]
    assert dbcheck.scalar(db, "SELECT COUNT(*) FROM order_line") == 80
    assert dbcheck.rows(db, "PRAGMA foreign_key_check") == []
    assert dbcheck.scalar(db, "SELECT COUNT(*) FROM order_line l JOIN orders o ON o.id = l.order_id") == 80


def test_check_constraints_are_tested_in_arrow_before_sqlite_is_told_to_skip_them(db) -> None:
    """The orders' CHECK constraints (status, platform) are tested on the columns
    before staging, so SQLite may skip them row by row; a forbidden value still
    fails, and a table whose checks are not plain value lists keeps SQLite's."""
    import pyarrow as pa

    from shopdesk.db import bulk

    with db.engine.connect().execution_options(write=True, foreign_keys=False) as conn, conn.begin():
        target = staging.shape(conn, "orders")
        assert staging._in_lists(target.create) == {
            "platform": ["taobao", "jd", "pdd", "douyin"],
            "status": ["unpaid", "paid", "shipped", "completed", "cancelled", "refunded"],
        }

        def rows(status: list[str | None]) -> pa.Table:
            n = len(status)
            data = pa.table(
                {
                    "id": pa.array(range(1, n + 1), pa.int64()),
                    "platform_order_id": [f"69{i}" for i in range(n)],
                    "status": pa.array(status, pa.string()),
                    "buyer_key": ["k"] * n,
                }
            )
            return bulk.whole_rows("orders", data, {"shop_id": 1, "platform": "douyin"})

        staging.stage({"orders": rows(["paid", "completed"])}, {"orders": target}).discard()
        with pytest.raises(staging.CheckFailed, match="status"):
            staging.stage({"orders": rows(["paid", "发货中"])}, {"orders": target})
    assert staging._in_lists("CREATE TABLE t (a INT, CONSTRAINT ck CHECK (a > 0))") is None
    assert staging._in_lists("CREATE TABLE t (a INT)") == {}


def _schema(path: Path) -> tuple[list[tuple], list[tuple], list[tuple]]:
    with sqlite3.connect(path) as check:
        listed = check.execute("PRAGMA index_list(staged)").fetchall()
        return (
            check.execute("SELECT type, name, sql FROM sqlite_schema ORDER BY name").fetchall(),
            sorted((row[1], row[2], row[3]) for row in listed),
            check.execute("PRAGMA integrity_check").fetchall(),
        )


def test_keys_built_after_the_rows_are_declared_as_the_targets_constraints(
    tmp_path: Path, monkeypatch
) -> None:
    """A staged table's UNIQUE and PRIMARY KEY indexes are built once its rows are
    in (one sort, not a search per row) and then declared as the constraints' own:
    the file's schema is then the one a table declared whole would have, the rowid
    key stays the rowid, the file passes SQLite's integrity check, and a
    duplicate key still fails the staging."""
    import pyarrow as pa

    create = (
        "CREATE TABLE things (\n\tid INTEGER NOT NULL, \n\tshop INTEGER NOT NULL, "
        "\n\tcode VARCHAR(9) NOT NULL, "
        "\n\tnote TEXT, \n\tgone TEXT, \n\tkind TEXT DEFAULT 'x', \n\tbatch INTEGER NOT NULL, "
        "\n\tplatform VARCHAR(16) NOT NULL, \n\tCONSTRAINT pk_things PRIMARY KEY (id), "
        "\n\tCONSTRAINT uq_things_shop_code UNIQUE (shop, code)\n)"
    )
    target = staging.Shape("things", create, ("CREATE INDEX ix_things_note ON things (note)",))
    n = 5000
    rows = pa.table(
        {
            "id": pa.array(range(1, n + 1), pa.int64()),
            "shop": pa.array([i % 3 for i in range(n)], pa.int64()),
            "code": [f"c{n - i}" for i in range(n)],
            "note": [f"n{i % 17}" for i in range(n)],
            "gone": pa.nulls(n, pa.string()),  # left out of the insert: NULL all the same
            "kind": pa.nulls(n, pa.string()),  # bound: left out, it would take its default
            "batch": pa.array([7] * n, pa.int64()),  # one value: written by SQLite as a default
            "platform": ["抖'音"] * n,
        }
    )
    declared = []
    declare = staging._Deferred.declare
    monkeypatch.setattr(
        staging._Deferred, "declare", lambda self, *a: declared.append(self.keys) or declare(self, *a)
    )
    staged = staging.stage({"staged": rows}, {"staged": target})
    assert declared == [{"sqlite_autoindex_staged_1": ("shop", "code")}]  # built after the rows
    try:
        schema, indexes, integrity = _schema(staged.path)
        with sqlite3.connect(staged.path) as check:
            counted = check.execute("SELECT COUNT(*), COUNT(gone), COUNT(kind) FROM staged").fetchone()
            assert counted == (n, 0, 0)
            assert check.execute("SELECT DISTINCT batch, platform FROM staged").fetchall() == [(7, "抖'音")]
    finally:
        staged.discard()
    whole, _ = target.statements("staged")
    assert ("table", "staged", whole) in schema
    assert ("index", "sqlite_autoindex_staged_1", None) in schema  # the constraint's own index
    assert sorted(indexes) == [("ix_things_note", 0, "c"), ("sqlite_autoindex_staged_1", 1, "u")]
    assert integrity == [("ok",)]
    assert not any(name.startswith("staged_probe") or "deferred" in name for _type, name, _sql in schema)

    duplicate = rows.set_column(2, "code", pa.array(["same"] * n))
    with pytest.raises(Exception, match="UNIQUE"):
        staging.stage({"staged": duplicate}, {"staged": target})


def test_a_key_declared_on_its_column_is_kept_in_the_table_while_the_rows_go_in(tmp_path: Path) -> None:
    """Only table constraints are built after the rows; a column's own UNIQUE is
    left as declared (the same schema either way)."""
    import pyarrow as pa

    target = staging.Shape("things", "CREATE TABLE things (id INTEGER PRIMARY KEY, code TEXT UNIQUE)", ())
    staged = staging.stage(
        {"staged": pa.table({"id": pa.array([1, 2], pa.int64()), "code": ["a", "b"]})}, {"staged": target}
    )
    try:
        schema, indexes, integrity = _schema(staged.path)
    finally:
        staged.discard()
    assert [row[2] for row in schema if row[0] == "table"] == [
        'CREATE TABLE "staged" (id INTEGER PRIMARY KEY, code TEXT UNIQUE)'
    ]
    assert indexes == [("sqlite_autoindex_staged_1", 1, "u")] and integrity == [("ok",)]


@pytest.mark.parametrize(
    ("ids", "stated_per_row"),
    [
        (list(range(1001, 1001 + 3000)), False),  # reserved by an import: counting up from the first
        ([*range(1, 1500), *range(1600, 1601 + 1500)], True),  # a gap: every row says its id
        ([*range(3000, 0, -1)], True),  # counting down
    ],
)
def test_ids_that_count_up_are_stated_only_by_the_first_row(
    ids: list[int], stated_per_row: bool, monkeypatch
) -> None:
    """Rows whose rowid counts up by one from the first (the ids an import reserved)
    go in with only the first row stating its id — SQLite gives the others the same
    ids without a search of the table per row; any other ids are bound row by row.
    Either way each row keeps its id, and so do a table without a rowid column and
    one whose key is not its rowid."""
    import pyarrow as pa

    ingested: list[list[str]] = []
    import adbc_driver_manager.dbapi as dbapi

    ingest = dbapi.Cursor.adbc_ingest
    monkeypatch.setattr(
        dbapi.Cursor,
        "adbc_ingest",
        lambda self, name, data, **kw: ingested.append(data.column_names) or ingest(self, name, data, **kw),
    )
    target = staging.Shape(
        "things",
        "CREATE TABLE things (\n\tid INTEGER NOT NULL, \n\tcode TEXT NOT NULL, "
        "\n\tCONSTRAINT pk_things PRIMARY KEY (id), \n\tCONSTRAINT uq_things_code UNIQUE (code)\n)",
        (),
    )
    rows = pa.table({"id": pa.array(ids, pa.int64()), "code": [f"c{i}" for i in ids]})
    staged = staging.stage({"staged": rows}, {"staged": target})
    try:
        with sqlite3.connect(staged.path) as check:
            assert check.execute("SELECT id, code FROM staged ORDER BY rowid").fetchall() == sorted(
                zip(ids, rows["code"].to_pylist(), strict=True)
            )
            assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        staged.discard()
    if stated_per_row:
        assert ingested == [["id", "code"]]
    else:
        assert ingested == [["id", "code"], ["code"]]  # the first row, then the rest

    ingested.clear()
    not_rowid = staging.Shape("things", "CREATE TABLE things (id INTEGER PRIMARY KEY DESC, code TEXT)", ())
    staged = staging.stage({"staged": rows}, {"staged": not_rowid})
    try:
        with sqlite3.connect(staged.path) as check:
            assert sorted(check.execute("SELECT id, code FROM staged").fetchall()) == sorted(
                zip(ids, rows["code"].to_pylist(), strict=True)
            )
    finally:
        staged.discard()
    assert ingested == [["id", "code"]]  # a key with an index of its own: its ids are bound


def test_dates_go_in_as_text_and_the_table_is_then_declared_as_its_target(monkeypatch) -> None:
    """Date and time columns (NUMERIC affinity, so SQLite would try to read a number
    in each) are declared TEXT while the rows go in, and as the target declares them
    afterwards: the file holds what a table declared whole would hold, amounts still
    become numbers, and SQLite finds the file sound."""
    import datetime as dt
    from decimal import Decimal

    import pyarrow as pa

    create = (
        "CREATE TABLE things (\n\tid INTEGER NOT NULL, \n\tday DATE NOT NULL, \n\tat DATETIME, "
        "\n\tamount NUMERIC(12, 2), \n\tCONSTRAINT pk_things PRIMARY KEY (id), "
        "\n\tCONSTRAINT uq_things_day_id UNIQUE (day, id)\n)"
    )
    target = staging.Shape("things", create, ("CREATE INDEX ix_things_at ON things (at)",))
    n = 300
    rows = pa.table(
        {
            "id": pa.array(range(1, n + 1), pa.int64()),
            "day": pa.array([dt.date(2026, 10, 1 + i % 28) for i in range(n)], pa.date32()),
            "at": pa.array([dt.datetime(2026, 10, 1, i % 24, i % 60) if i % 5 else None for i in range(n)]),
            "amount": pa.array([Decimal(f"{i}.50") for i in range(n)], pa.decimal128(12, 2)),
        }
    )
    types_at_ingest = []
    append = staging._append

    def spied(cursor, name, data, rowid):
        cursor.execute(f'PRAGMA table_info("{name}")')
        types_at_ingest.append({row[1]: row[2] for row in cursor.fetchall()})
        return append(cursor, name, data, rowid)

    monkeypatch.setattr(staging, "_append", spied)
    staged = staging.stage({"staged": rows}, {"staged": target})
    try:
        schema, indexes, integrity = _schema(staged.path)
        with sqlite3.connect(staged.path) as check:
            stored = check.execute(
                "SELECT id, quote(day), typeof(day), quote(at), typeof(at), quote(amount), typeof(amount) "
                "FROM staged ORDER BY id"
            ).fetchall()
    finally:
        staged.discard()
    assert types_at_ingest == [{"id": "INTEGER", "day": "TEXT", "at": "TEXT", "amount": "NUMERIC(12, 2)"}]
    whole, _ = target.statements("staged")
    assert ("table", "staged", whole) in schema and integrity == [("ok",)]
    assert indexes == [("ix_things_at", 0, "c"), ("sqlite_autoindex_staged_1", 1, "u")]
    with sqlite3.connect(":memory:") as plain:  # the same rows into the table declared whole
        plain.execute(whole)
        plain.executemany(
            "INSERT INTO staged VALUES (?, ?, ?, ?)",
            [
                (i, d.isoformat(), None if a is None else a.strftime("%Y-%m-%d %H:%M:%S"), str(m))
                for i, d, a, m in zip(*(rows[c].to_pylist() for c in rows.column_names), strict=True)
            ],
        )
        expected = plain.execute(
            "SELECT id, quote(day), typeof(day), quote(at), typeof(at), quote(amount), typeof(amount) "
            "FROM staged ORDER BY id"
        ).fetchall()
    assert stored == expected
    assert stored[1][2] == "text" and stored[1][4] == "text" and stored[1][6] == "real"


_DRIVER_PROBE = """
import sys
import pyarrow as pa
from shopdesk.db import staging
{before}
staging.driver()
heavy = ("pyarrow._dataset", "pyarrow._parquet", "pyarrow._acero")
print("loaded:", sorted(m for m in sys.modules if m.startswith(heavy)))
left = sys.modules.get("pyarrow.dataset")
print("stand-in left:", left is not None and not hasattr(left, "Dataset"))
staged = staging.stage({{"rows": pa.table({{"a": list(range(30_000)), "b": ["x"] * 30_000}})}})
import sqlite3
print("rows:", sqlite3.connect(staged.path).execute("SELECT count(*), sum(a) FROM rows").fetchone())
staged.discard()
import pyarrow.dataset as ds
print("real dataset:", ds.Dataset.__module__)
"""


@pytest.mark.parametrize("before", ["", "import pyarrow.dataset"])
def test_the_driver_loads_without_arrows_dataset_libraries(before: str) -> None:
    """ADBC imports pyarrow.dataset (0.4 s of CPU) only for types staging never passes:
    the driver loads without it, stages rows, and a later import gets the real module
    (one already imported is left as it was)."""
    import subprocess
    import sys

    code = _DRIVER_PROBE.format(before=before)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert ("loaded: []" in out) is (before == ""), out
    assert "stand-in left: False" in out
    assert "rows: (30000, 449985000)" in out
    assert "real dataset: pyarrow._dataset" in out


def test_a_first_files_sums_are_made_on_a_worker_once_its_rows_are_staged(
    db, tmp_path: Path, monkeypatch, scratch: Path
) -> None:
    """Both cores stage the rows; the aggregates' sums of a shop's first file wait
    for them and are made on the aggregates' worker while the connection copies,
    and the first buyer-day rows are staged after them."""
    import threading

    from shopdesk.services.imports import orders_writer

    stage, sum_up = staging.stage, orders_writer.new_order_sums
    events: list[tuple[str, str]] = []

    def staged(tables, shapes=None):
        done = stage(tables, shapes)
        events.append(("staged " + next(iter(tables)), threading.current_thread().name))
        return done

    def summed(*args):
        events.append(("sums", threading.current_thread().name))
        return sum_up(*args)

    monkeypatch.setattr(staging, "stage", staged)
    monkeypatch.setattr(orders_writer, "new_order_sums", summed)
    result = import_file(db, douyin.write_orders(tmp_path / "抖店订单导出.csv", _orders(60)))
    assert (result.status, result.added) == ("loaded", 60)
    names = [name for name, _thread in events]
    assert names.index("sums") > min(names.index("staged lines"), names.index("staged orders"))
    assert names.index("staged rows") > names.index("sums")  # the buyer-day rows, from the sums
    assert dict(events)["sums"].startswith("shopdesk-aggregates")
    assert dbcheck.scalar(db, "SELECT SUM(orders) FROM agg_day") == 60
    assert not _stage_files(scratch)
