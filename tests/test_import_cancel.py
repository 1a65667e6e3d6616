"""Cancelling a long import: it stops between chunks of rows, not after the whole
file, and the database is as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from shopdesk.services.imports import import_file
from shopdesk.tasks.progress import Cancelled, Progress
from tests.builders import douyin


def test_cancel_during_the_insert_stops_soon_and_writes_nothing(db, tmp_path: Path) -> None:
    orders = [dict(order_id=str(6900000000000000000 + 10 * n)) for n in range(120_000)]
    path = douyin.write_orders(tmp_path / "抖店订单导出.csv", orders)
    seen: list[int] = []

    def on_step(done: int, total: int, _text: str) -> None:
        seen.append(done)
        if 45 < done < 65:  # the first chunk of orders is in: the user presses 取消
            progress.cancel()

    progress = Progress(on_step, min_interval=0)
    with pytest.raises(Cancelled):
        import_file(db, path, progress=progress)
    assert max(seen) < 65  # stopped inside the orders insert, before any line was written
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM orders")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM import_batch")).scalar() == 0
