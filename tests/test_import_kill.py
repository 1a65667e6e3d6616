"""Pulling the plug in the middle of a big import: the file is one transaction,
so a killed import leaves the database exactly as it was before it started."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from shopdesk.services.database import open_database
from shopdesk.services.imports import import_file
from tests.builders import douyin
from tests.builders.dbcheck import counts, dump, scalar

ROOT = Path(__file__).resolve().parents[1]
BIG_ORDERS = 100_000  # two sub-orders each: 200k lines


def big_douyin_export(path: Path) -> Path:
    def orders():
        for n in range(BIG_ORDERS):
            order_id = f"69{n:017d}"
            yield {
                "order_id": order_id,
                "status": ("待发货", "已发货", "已完成")[n % 3],
                "items": [
                    {"sub_id": f"{order_id}1", "payable": "99.00"},
                    {"sub_id": f"{order_id}2", "payable": "59.50", "outer_id": "QH2622"},
                ],
            }

    return douyin.write_orders(path, orders())


def wal_size(wal: Path) -> int:
    """The WAL's size, 0 when there is none. The importing process may delete
    the file between an exists() and a stat() (SQLite removes it when the last
    connection closes), so ask once and treat a vanished file as empty."""
    try:
        return wal.stat().st_size
    except FileNotFoundError:
        return 0


def test_a_killed_import_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    db_path = tmp_path / "shop.sqlite3"
    wal = Path(f"{db_path}-wal")
    db = open_database(db_path)
    try:
        small = douyin.write_orders(
            tmp_path / "small.csv",
            [dict(order_id="6812345678901234567"), dict(order_id="6812345678901234568", status="待发货")],
        )
        assert import_file(db, small).status == "loaded"
        before_counts, before = counts(db), dump(db)
    finally:
        db.close()
    big = big_douyin_export(tmp_path / "抖店订单导出_大.csv")
    assert big.stat().st_size > 20_000_000
    wal_before = wal_size(wal)

    # the killed process's staging files stay where it wrote them (a later start's
    # sweep deletes them a day on): in this test's folder, not the system's
    scratch = tmp_path / "temp"
    scratch.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "shopdesk", "--db", str(db_path), "import", str(big)],
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(scratch), "TEMP": str(scratch), "TMP": str(scratch)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started = time.monotonic()
    killed_while_writing = False
    while time.monotonic() - started < 60:
        if process.poll() is not None:
            break
        if wal_size(wal) > wal_before + 256 * 1024:
            killed_while_writing = True
            break
        time.sleep(0.01)
    if process.poll() is not None:
        pytest.fail(f"the import finished (exit {process.returncode}) before it could be killed")
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    assert killed_while_writing, "the import never started writing within 60 s"

    db = open_database(db_path)
    try:
        assert scalar(db, "PRAGMA integrity_check") == "ok"
        assert counts(db) == before_counts
        assert dump(db) == before
        # and the database still takes imports
        again = import_file(
            db, douyin.write_orders(tmp_path / "next.csv", [dict(order_id="6812345678901234569")])
        )
        assert (again.status, again.added) == ("loaded", 1)
    finally:
        db.close()
