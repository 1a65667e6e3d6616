"""A big import's WAL is copied into the database by a thread of its own
(db/checkpoint.py): the import's commit does not do it, the thread does, and
the connection goes back to the pool with SQLite's automatic checkpoint on."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from sqlalchemy import text

from shopdesk.db import checkpoint
from shopdesk.db.engine import make_engine, parse_target
from shopdesk.services.database import open_database
from shopdesk.services.imports import WRITE, import_file
from tests.builders import douyin

ROWS = 6000  # ~2,200 pages of 32 KB: twice SQLite's automatic checkpoint


def _write_big(engine, later: bool) -> None:
    options = {"write": True, "checkpoint_later": later}
    with engine.connect().execution_options(**options) as conn, conn.begin():
        conn.execute(text("CREATE TABLE IF NOT EXISTS big (id INTEGER PRIMARY KEY, body TEXT)"))
        conn.execute(
            text(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :rows) "
                "INSERT INTO big (body) SELECT hex(randomblob(6000)) FROM n"
            ),
            {"rows": ROWS},
        )


def test_the_commit_leaves_the_checkpoint_to_the_thread(tmp_path: Path, monkeypatch) -> None:
    requested = threading.Event()
    monkeypatch.setattr(checkpoint.Checkpointer, "request", lambda self: requested.set())
    path = tmp_path / "shop.sqlite3"
    engine = make_engine(parse_target(path))
    try:
        _write_big(engine, later=True)
        assert requested.is_set()
        size_after_commit = path.stat().st_size
        # the rows are committed (another connection sees them) but still only in the WAL
        with sqlite3.connect(path) as reader:
            assert reader.execute("SELECT count(*) FROM big").fetchone()[0] == ROWS
        assert size_after_commit < ROWS * 6000
        with engine.connect() as conn:  # the pooled connection checkpoints by itself again
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
    finally:
        engine.dispose()


def test_without_the_option_the_commit_checkpoints(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite3"
    engine = make_engine(parse_target(path))
    try:
        _write_big(engine, later=False)
        assert path.stat().st_size > ROWS * 6000  # copied into the database by the commit itself
    finally:
        engine.dispose()


def test_the_thread_copies_the_wal_while_the_connections_stay_open(tmp_path: Path, monkeypatch) -> None:
    made: list[checkpoint.Checkpointer] = []
    real_init = checkpoint.Checkpointer.__init__
    monkeypatch.setattr(
        checkpoint.Checkpointer, "__init__", lambda self, path: (real_init(self, path), made.append(self))[0]
    )
    path = tmp_path / "shop.sqlite3"
    engine = make_engine(parse_target(path))
    try:
        with engine.connect() as reader:  # an open connection: SQLite's checkpoint on close cannot run
            _write_big(engine, later=True)
            deadline = time.monotonic() + 30
            while made[0].runs == 0 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert made[0].runs >= 1
            assert path.stat().st_size > ROWS * 6000  # the rows are in the database file now
            assert reader.exec_driver_sql("SELECT count(*) FROM big").scalar() == ROWS
    finally:
        engine.dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_imports_checkpoint_later(tmp_path: Path, monkeypatch) -> None:
    assert WRITE["checkpoint_later"] is True
    runs = []
    real = checkpoint.Checkpointer.request
    monkeypatch.setattr(checkpoint.Checkpointer, "request", lambda self: (runs.append(1), real(self)))
    path = douyin.write_orders(tmp_path / "抖店订单导出.csv", [dict(order_id="6920000000000000001")])
    db = open_database(tmp_path / "shop.sqlite3")
    try:
        assert import_file(db, path).status == "loaded"
        assert runs
    finally:
        db.close()


def test_while_the_thread_is_yet_to_run_no_commit_checkpoints(tmp_path: Path, monkeypatch) -> None:
    """The first write after an import (the alert rules') must not copy the import's
    WAL in its own commit before the thread does: the user would wait for it."""
    waiting = []

    def request(self) -> None:  # the thread asked for, not started yet
        waiting.append(self)
        self.pending = True

    monkeypatch.setattr(checkpoint.Checkpointer, "request", request)
    path = tmp_path / "shop.sqlite3"
    engine = make_engine(parse_target(path))
    try:
        _write_big(engine, later=True)
        small = path.stat().st_size
        with engine.connect().execution_options(write=True) as conn, conn.begin():  # another writer
            conn.execute(text("INSERT INTO big (body) VALUES ('after')"))
        assert path.stat().st_size == small  # still all in the WAL
        assert len(waiting) == 2  # and the thread asked again
        waiting[0].pending = False  # done: the pooled connections checkpoint by themselves again
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
    finally:
        engine.dispose()


def test_closing_right_after_a_big_write_lets_the_thread_finish_first(tmp_path: Path, monkeypatch) -> None:
    """Database.close() stops the checkpoint thread (letting a running checkpoint end)
    before it closes the pool's connections, whose last close checkpoints too: the
    two at once failed the thread's ("database is locked", logged as a warning)."""
    db = open_database(tmp_path / "shop.sqlite3")
    order: list[str] = []
    real_stop = checkpoint.Checkpointer.stop

    def stop(self) -> None:
        order.append(f"stop with {db.engine.pool.checkedin()} pooled")
        real_stop(self)

    monkeypatch.setattr(checkpoint.Checkpointer, "stop", stop)
    _write_big(db.engine, later=True)
    db.close()
    assert order[0] == "stop with 1 pooled"  # before the pool let its connection go


def test_a_busy_file_puts_the_checkpoint_off_without_a_warning(tmp_path: Path, caplog) -> None:
    path = tmp_path / "busy.sqlite3"
    setup = sqlite3.connect(path)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE t (x)")
    setup.close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")  # the file held: the thread's connection is refused
    holder.execute("BEGIN EXCLUSIVE")
    worker = checkpoint.Checkpointer(path)
    try:
        with caplog.at_level("INFO", logger="shopdesk.db.checkpoint"):
            worker.request()
            deadline = time.monotonic() + 5
            while worker.pending and time.monotonic() < deadline:
                time.sleep(0.01)
    finally:
        worker.stop()
        holder.execute("ROLLBACK")
        holder.close()
    assert worker.runs == 0
    assert [r.levelname for r in caplog.records] == ["INFO"] and "put off" in caplog.records[0].getMessage()


def test_an_import_connection_lets_its_page_cache_go_when_returned(tmp_path: Path) -> None:
    db = open_database(tmp_path / "shop.sqlite3")
    said: list[str] = []
    with db.engine.connect() as conn:
        conn.connection.dbapi_connection.set_trace_callback(said.append)  # the pool's one connection
    path = douyin.write_orders(tmp_path / "抖店订单导出.csv", [dict(order_id="6920000000000000001")])
    result = import_file(db, path)
    assert result.status == "loaded"
    assert "PRAGMA shrink_memory" in said
    from shopdesk.db.engine import _checkpointers

    deadline = time.monotonic() + 5
    while _checkpointers[db.engine].pending and time.monotonic() < deadline:  # the import's WAL copied
        time.sleep(0.01)
    said.clear()
    with db.engine.connect() as conn, conn.begin():  # an ordinary transaction keeps its cache
        conn.execute(text("SELECT 1"))
    assert "PRAGMA shrink_memory" not in said
    db.close()
