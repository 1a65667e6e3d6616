"""Previewing several files at once: each file's dry run sees the ones before
it, and nothing at all is written."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text

from shopdesk.services.imports import PreviewSession, import_file
from tests.helpers.samples import SAMPLES


def counts(db) -> tuple[int, int, int, int]:
    with db.engine.connect() as conn:
        return tuple(
            conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("orders", "order_line", "import_batch", "shop")
        )


def test_a_preview_of_a_list_sees_earlier_files_and_writes_nothing(db, tmp_path: Path) -> None:
    items = shutil.copy(SAMPLES / "ExportOrderDetailList202611091200.csv", tmp_path)
    orders = shutil.copy(SAMPLES / "ExportOrderList202611091200.csv", tmp_path)
    before = counts(db)
    with PreviewSession(db) as session:
        first = session.preview(Path(items))
        second = session.preview(Path(orders))
        again = session.preview(Path(orders))  # the same file right after: nothing new
        missing = session.preview(tmp_path / "nope.csv")
    assert (first.added, second.added, second.updated) == (514, 304, 0)
    assert (again.added, again.unchanged) == (0, 304)
    assert missing.status == "refused"
    assert all(r.batch_id is None for r in (first, second, again))
    assert counts(db) == before

    real = [import_file(db, Path(items)), import_file(db, Path(orders))]
    assert [(r.added, r.updated) for r in real] == [(514, 0), (304, 0)]
