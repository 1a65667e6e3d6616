"""Undoing imports: the import history is a stack of reversible batches."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopdesk.services.imports import import_file
from shopdesk.services.imports.history import UndoRefused, list_batches, undo_import
from tests.builders import douyin, jd, taobao
from tests.builders.dbcheck import counts, dump, rows, scalar, statuses


def load(db, path: Path):
    result = import_file(db, path)
    assert result.status == "loaded", result.message
    return result


def douyin_exports(tmp_path: Path) -> tuple[Path, Path]:
    first = douyin.write_orders(
        tmp_path / "抖店订单导出_1103.csv",
        [
            dict(order_id="6922443592886034280", status="待发货",
                 items=[dict(sub_id="6922443592886034281"),
                        dict(sub_id="6922443592886034282", payable="50.00")]),
            dict(order_id="6929038306519917427", status="待发货"),
            dict(order_id="6925717585870407321", status="已发货"),
        ],
    )  # fmt: skip
    later = douyin.write_orders(
        tmp_path / "抖店订单导出_1109.csv",
        [
            dict(order_id="6922443592886034280", status="已发货",
                 items=[dict(sub_id="6922443592886034281"),
                        dict(sub_id="6922443592886034282", payable="50.00", after_sale="退款成功"),
                        dict(sub_id="6922443592886034283", payable="9.90")]),
            dict(order_id="6929038306519917427", status="已关闭", paid_time="2026/11/03 09:22:33"),
            dict(order_id="6925717585870407321", status="已完成"),
            dict(order_id="6931111111111111111", status="待发货"),
        ],
    )  # fmt: skip
    return first, later


def jd_exports(tmp_path: Path) -> tuple[Path, Path]:
    first = jd.write_orders(
        tmp_path / "jd_1103.csv",
        [
            dict(order_id="290284494314", status="等待出库", items=[{}, {"item_id": "10009558631"}]),
            dict(order_id="290494121061", status="等待付款", paid_time=""),
        ],
    )
    later = jd.write_orders(
        tmp_path / "jd_1109.csv",
        [
            dict(order_id="290284494314", status="(删除)完成", items=[{}, {"item_id": "10009558631"}]),
            dict(order_id="290494121061", status="等待出库"),
            dict(order_id="290917790115", status="锁定"),
        ],
    )
    return first, later


@pytest.mark.parametrize("exports", [douyin_exports, jd_exports], ids=["douyin", "jd"])
def test_undoing_the_later_of_two_overlapping_imports_restores_the_first_exactly(
    db, tmp_path: Path, exports
) -> None:
    first, later = exports(tmp_path)
    load(db, first)
    after_first = dump(db)
    second = load(db, later)
    assert second.updated >= 2 and second.added >= 1
    assert dump(db) != after_first

    undone = undo_import(db, second.batch_id)

    assert undone.undone_at is not None
    assert dump(db) == after_first
    assert scalar(db, "SELECT COUNT(*) FROM orders WHERE batch_id = :b", b=second.batch_id) == 0
    assert scalar(db, "SELECT COUNT(*) FROM order_line WHERE batch_id = :b", b=second.batch_id) == 0


def test_the_first_import_cannot_be_undone_while_a_later_one_changed_its_orders(db, tmp_path: Path) -> None:
    first, later = douyin_exports(tmp_path)
    one, two = load(db, first), load(db, later)
    before = dump(db)
    with pytest.raises(UndoRefused) as refused:
        undo_import(db, one.batch_id)
    assert f"#{two.batch_id}" in str(refused.value)
    assert dump(db) == before
    assert scalar(db, "SELECT undone_at FROM import_batch WHERE id = :b", b=one.batch_id) is None


def test_undoing_both_imports_newest_first_leaves_no_orders(db, tmp_path: Path) -> None:
    first, later = douyin_exports(tmp_path)
    one, two = load(db, first), load(db, later)
    undo_import(db, two.batch_id)
    undo_import(db, one.batch_id)
    assert scalar(db, "SELECT COUNT(*) FROM orders") == 0
    assert scalar(db, "SELECT COUNT(*) FROM order_line") == 0
    history = {b.id: b for b in list_batches(db)}
    assert history[one.batch_id].undone_at and history[two.batch_id].undone_at
    assert scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'undo_import'") == 2


def test_an_undone_import_can_be_imported_again(db, tmp_path: Path) -> None:
    first, later = douyin_exports(tmp_path)
    load(db, first)
    two = load(db, later)
    undo_import(db, two.batch_id)
    again = load(db, later)
    assert (again.added, again.updated, again.unchanged) == (two.added, two.updated, two.unchanged)
    assert statuses(db)["6929038306519917427"] == "refunded"


def test_undo_refuses_an_unknown_or_already_undone_batch(db, tmp_path: Path) -> None:
    first, _ = douyin_exports(tmp_path)
    one = load(db, first)
    with pytest.raises(UndoRefused):
        undo_import(db, one.batch_id + 100)
    undo_import(db, one.batch_id)
    before = counts(db)
    with pytest.raises(UndoRefused):
        undo_import(db, one.batch_id)
    assert counts(db) == before


def test_taobao_order_file_undone_after_its_item_file_leaves_the_item_lines(db, tmp_path: Path) -> None:
    items = load(
        db,
        taobao.write_order_details(
            tmp_path / "ExportOrderDetailList.csv",
            [dict(order_id="3302305243094339242", status="交易关闭"), dict(order_id="3304506142974720963")],
        ),
    )
    after_items = dump(db)
    orders = load(
        db,
        taobao.write_order_list(
            tmp_path / "ExportOrderList.csv",
            [
                dict(order_id="3302305243094339242", status="交易关闭", refund="79.00"),
                dict(order_id="3304506142974720963"),
            ],
        ),
    )
    assert statuses(db)["3302305243094339242"] == "refunded"
    undo_import(db, orders.batch_id)
    assert dump(db) == after_items
    undo_import(db, items.batch_id)
    assert rows(db, "SELECT COUNT(*) FROM orders") == [(0,)]
