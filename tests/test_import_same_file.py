"""Importing the very same file again: recognised at once when nothing since can
have made a difference; any doubt takes the full path."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import text

from shopdesk.services.imports import import_file
from shopdesk.services.imports.history import undo_import
from shopdesk.services.mappings import StatusMapping, set_mapping
from tests.builders import pdd

ROWS = [
    dict(order_id="261106-000000000000001", status="已签收"),
    dict(order_id="261106-000000000000002", status="待发货"),
    dict(order_id="261106-000000000000003", status="拼团中"),  # unknown status: rejected
]


def orders(db) -> dict[str, str]:
    with db.engine.connect() as conn:
        return dict(conn.execute(text("SELECT platform_order_id, status FROM orders")).all())


def test_the_same_file_again_changes_nothing_and_says_so(db, tmp_path: Path) -> None:
    path = pdd.write_orders(tmp_path / "orders_export.csv", ROWS)
    first = import_file(db, path)
    assert (first.added, first.rejected) == (2, 1)
    again = import_file(db, path)
    assert (again.status, again.added, again.updated, again.unchanged, again.rejected) == (
        "loaded",
        0,
        0,
        2,
        1,
    )
    assert f"#{first.batch_id}" in again.message and "完全相同" in again.message
    digest = hashlib.sha256(path.read_bytes()).hexdigest()  # made on a spare core for the first
    with db.engine.connect() as conn:
        recorded = conn.execute(text("SELECT sha256 FROM import_batch ORDER BY id")).scalars().all()
    assert recorded == [digest, digest]
    assert again.rejects[0].row_number == first.rejects[0].row_number
    assert again.batch_id is not None and again.batch_id != first.batch_id


def test_a_later_import_on_the_shop_means_the_file_is_read_again(db, tmp_path: Path) -> None:
    path = pdd.write_orders(tmp_path / "orders_export.csv", ROWS)
    import_file(db, path)
    newer = pdd.write_orders(
        tmp_path / "newer.csv", [dict(order_id="261106-000000000000002", status="已发货，待签收")]
    )
    assert import_file(db, newer).updated == 1
    again = import_file(db, path)
    assert "完全相同" not in again.message
    assert again.updated == 1 and orders(db)["261106-000000000000002"] == "paid"


def test_a_new_status_mapping_means_the_file_is_read_again(db, tmp_path: Path) -> None:
    path = pdd.write_orders(tmp_path / "orders_export.csv", ROWS)
    import_file(db, path)
    set_mapping(db, StatusMapping("pdd", "拼团中", "unpaid"))
    again = import_file(db, path)
    assert (again.added, again.rejected) == (1, 0)


def test_after_undo_the_file_imports_again(db, tmp_path: Path) -> None:
    path = pdd.write_orders(tmp_path / "orders_export.csv", ROWS)
    first = import_file(db, path)
    undo_import(db, first.batch_id)
    again = import_file(db, path)
    assert again.added == 2 and len(orders(db)) == 2
