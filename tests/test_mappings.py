"""The user's status mappings: saved per platform, used by the next import."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopdesk.services.database import Database
from shopdesk.services.imports import import_file
from shopdesk.services.mappings import (
    StatusMapping,
    default_mappings,
    delete_mapping,
    list_shops,
    list_user_mappings,
    replace_mappings,
    set_mapping,
)

HEADER = (
    "商品,订单号,订单状态,商品总价(元),邮费(元),用户实付金额(元),商品数量(件),"
    "订单成交时间,商品id,商品规格,商家编码-商品维度"
)


def test_defaults_come_from_the_domain_table() -> None:
    pdd = default_mappings("pdd")
    assert StatusMapping("pdd", "待发货", "paid") in pdd
    assert default_mappings("nowhere") == []


def test_set_change_and_delete(db: Database) -> None:
    set_mapping(db, StatusMapping("pdd", " 待成团 ", "unpaid"))
    set_mapping(db, StatusMapping("jd", "等待审核", "paid", "locked"))
    assert list_user_mappings(db, "pdd") == [StatusMapping("pdd", "待成团", "unpaid")]
    set_mapping(db, StatusMapping("pdd", "待成团", "paid"))
    assert list_user_mappings(db, "pdd") == [StatusMapping("pdd", "待成团", "paid")]
    assert len(list_user_mappings(db)) == 2
    assert delete_mapping(db, "pdd", "待成团")
    assert not delete_mapping(db, "pdd", "待成团")
    assert list_user_mappings(db, "pdd") == []


def test_invalid_mappings_are_refused(db: Database) -> None:
    with pytest.raises(ValueError):
        set_mapping(db, StatusMapping("pdd", "x", "shipped_somewhere"))
    with pytest.raises(ValueError):
        set_mapping(db, StatusMapping("ebay", "x", "paid"))
    with pytest.raises(ValueError):
        set_mapping(db, StatusMapping("pdd", "  ", "paid"))
    with pytest.raises(ValueError):
        replace_mappings(
            db, "pdd", [StatusMapping("pdd", "待成团", "paid"), StatusMapping("pdd", "待成团 ", "unpaid")]
        )


def test_replace_keeps_exactly_the_given_rows(db: Database) -> None:
    set_mapping(db, StatusMapping("pdd", "a", "paid"))
    set_mapping(db, StatusMapping("pdd", "b", "paid"))
    set_mapping(db, StatusMapping("jd", "c", "paid"))
    replace_mappings(db, "pdd", [StatusMapping("pdd", "b", "shipped"), StatusMapping("pdd", "d", "closed")])
    assert list_user_mappings(db, "pdd") == [
        StatusMapping("pdd", "b", "shipped"),
        StatusMapping("pdd", "d", "closed"),
    ]
    assert list_user_mappings(db, "jd") == [StatusMapping("jd", "c", "paid")]


def test_a_saved_mapping_loads_a_previously_unknown_status(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "pdd.csv"
    path.write_text(
        HEADER
        + "\n纯棉T恤,261101-000000000001,待成团,59.00,0.00,59.00,1,2026-11-01 10:00:00,1001,白色 L,TS-01\n",
        encoding="utf-8-sig",
    )
    before = import_file(db, path, dry_run=True)
    assert (before.added, before.rejected, before.unknown_statuses) == (0, 1, {"待成团": 1})
    set_mapping(db, StatusMapping("pdd", "待成团", "unpaid"))
    after = import_file(db, path, dry_run=True)
    assert (after.added, after.rejected, after.unknown_statuses) == (1, 0, {})


def test_shops_of_a_platform(db: Database, tmp_path: Path) -> None:
    from shopdesk.db.models import Shop

    with db.session() as s, s.begin():
        s.add_all(
            [
                Shop(platform="pdd", name="青禾拼多多店"),
                Shop(platform="pdd", name="二店"),
                Shop(platform="jd", name="京东店"),
            ]
        )
    assert list_shops(db, "pdd") == ["青禾拼多多店", "二店"]
    assert list_shops(db, "douyin") == []
