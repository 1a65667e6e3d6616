"""KPIs on small real-format exports whose answers are worked out by hand.

The week 2026-W45 (Mon 11-02 … Sun 11-08), 青禾淘宝旗舰店 and a JD shop:

Taobao (ExportOrderList + ExportOrderDetailList):
  T1 alice 100.00 paid 11-02 · T2 alice 50.00 paid 11-03 (alice buys twice: a repeat buyer)
  T3 bob 200.00 paid 11-04, 80.00 refunded later (partial refund, status stays)
  T4 carol 30.00 memo 测试单 (a test order: left out) · T5 dave unpaid (left out)
  T6 erin 60.00 paid 11-08 23:59:30 (still W45) · T7 erin 70.00 paid 11-09 00:00:10 (W46)
  traffic: 7 days, 1,000 visitors in all
  → W45: GMV 410.00, net 330.00, orders 4, buyers 3, AOV 136.67, repeat 1/3, conversion 3/1000
JD (one row per SKU, order amounts repeated on each row):
  J1 jd_a two SKUs, 应付金额 159.00 on both rows, paid 11-05 · J2 jd_b 99.00 paid 11-06
  no traffic → conversion null
  → W45: GMV 258.00, orders 2, buyers 2, repeat 0
All W45: GMV 668.00, net 588.00, orders 6, buyers 5, AOV 133.60, repeat 1/5, share 410/668.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import text

from shopdesk.cli import main
from shopdesk.domain.kpi import Grain
from shopdesk.services.database import open_database
from shopdesk.services.imports import import_file
from shopdesk.services.imports.history import undo_import
from shopdesk.services.kpi import aggregates, item_blocks
from shopdesk.services.kpi.metrics import Scope, metrics
from tests.builders import jd, reports, taobao
from tests.helpers.samples import SAMPLES

D = Decimal
W45 = (date(2026, 11, 2), date(2026, 11, 8))

TAOBAO_ORDERS = [
    dict(order_id="3302000000000000001", buyer="alice", paid="100.00", total="100.00", goods="100.00",
         paid_time="2026-11-02 10:05:00"),
    dict(order_id="3302000000000000002", buyer="alice", paid="50.00", total="50.00", goods="50.00",
         paid_time="2026-11-03 09:00:00"),
    dict(order_id="3302000000000000003", buyer="bob", paid="200.00", total="200.00", goods="200.00",
         paid_time="2026-11-04 12:00:00", refund="80.00"),
    dict(order_id="3302000000000000004", buyer="carol", paid="30.00", total="30.00", goods="30.00",
         paid_time="2026-11-05 12:00:00", memo="测试单"),
    dict(order_id="3302000000000000005", buyer="dave", paid="0.00", total="40.00", goods="40.00",
         paid_time="", status="等待买家付款"),
    dict(order_id="3302000000000000006", buyer="erin", paid="60.00", total="60.00", goods="60.00",
         paid_time="2026-11-08 23:59:30"),
    dict(order_id="3302000000000000007", buyer="erin", paid="70.00", total="70.00", goods="70.00",
         paid_time="2026-11-09 00:00:10"),
]  # fmt: skip
JD_ORDERS = [
    dict(order_id="290000000001", account="jd_a", payable="159.00", paid_time="2026-11-05 08:00:00",
         items=[dict(item_id="10001", price="99.00", sku="1000101"), dict(item_id="10002", price="60.00",
                                                                         sku="1000201")]),
    dict(order_id="290000000002", account="jd_b", payable="99.00", paid_time="2026-11-06 08:00:00"),
]  # fmt: skip


def _taobao_files(tmp_path: Path) -> tuple[Path, Path]:
    orders = taobao.write_order_list(tmp_path / "ExportOrderList202611100900.csv", TAOBAO_ORDERS)
    items = taobao.write_order_details(
        tmp_path / "ExportOrderDetailList202611100900.csv",
        [dict(order_id=o["order_id"], price=o["total"], title="青禾纯棉宽松T恤") for o in TAOBAO_ORDERS],
    )
    return orders, items


def _traffic(tmp_path: Path) -> Path:
    days = [f"2026-11-0{d}" for d in range(2, 9)]
    visitors = [100, 150, 120, 130, 170, 160, 170]  # 1,000
    return reports.sycm_shop(
        tmp_path / "生意参谋_店铺整体_日报.xls",
        [dict(day=d, visitors=v, page_views=v * 3, paid_buyers=1, paid=D("1"), conversion=D("0.01"),
              aov=D("1"), add_to_cart=1) for d, v in zip(days, visitors, strict=True)],
    )  # fmt: skip


@pytest.fixture
def loaded(db, tmp_path: Path):
    for path in (
        *_taobao_files(tmp_path),
        _traffic(tmp_path),
        jd.write_orders(tmp_path / "jd.csv", JD_ORDERS),
    ):
        result = import_file(db, path)
        assert result.status == "loaded", result.message
    return db


def _rows(db, start=W45[0], end=W45[1], grain=Grain.TOTAL, scope=None):
    with db.engine.connect() as conn:
        return {(r.period, r.platform): r for r in metrics(conn, start, end, grain, scope)}


def test_week_figures_match_the_hand_computed_answers(loaded) -> None:
    rows = _rows(loaded)
    label = "2026-11-02..2026-11-08"
    assert list(rows) == [(label, "taobao"), (label, "jd"), (label, "all")]
    tb, jdr, total = rows[(label, "taobao")], rows[(label, "jd")], rows[(label, "all")]
    assert (tb.gmv, tb.net_sales, tb.orders, tb.buyers, tb.visitors) == (D("410.00"), D("330.00"), 4, 3, 1000)
    assert (tb.aov, tb.repeat_rate, tb.conversion) == (D("136.67"), D("0.333333"), D("0.003"))
    assert tb.share == D("0.613772")
    assert (jdr.gmv, jdr.orders, jdr.buyers, jdr.repeat_rate) == (D("258.00"), 2, 2, D("0"))
    assert (jdr.visitors, jdr.conversion) == (None, None)  # no traffic imported: unknown, never 0
    assert (total.gmv, total.net_sales, total.orders, total.buyers) == (D("668.00"), D("588.00"), 6, 5)
    assert (total.aov, total.repeat_rate, total.share) == (D("133.60"), D("0.2"), D("1"))
    assert total.conversion is None  # JD's buyers have no visitors to divide by


def test_paid_at_2359_belongs_to_its_beijing_day(loaded) -> None:
    rows = _rows(loaded, date(2026, 11, 8), date(2026, 11, 9), Grain.DAY, Scope(platform="taobao"))
    assert rows[("2026-11-08", "taobao")].gmv == D("60.00")
    assert rows[("2026-11-09", "taobao")].gmv == D("70.00")
    weeks = _rows(loaded, date(2026, 11, 2), date(2026, 11, 15), Grain.WEEK, Scope(platform="taobao"))
    assert weeks[("2026-W45", "taobao")].orders == 4
    assert weeks[("2026-W46", "taobao")].orders == 1
    # erin bought in both weeks: once in each, so no repeat in W46; twice in the month
    assert weeks[("2026-W46", "taobao")].repeat_rate == D("0")
    month = _rows(loaded, date(2026, 11, 1), date(2026, 11, 30), Grain.MONTH, Scope(platform="taobao"))
    assert (month[("2026-11", "taobao")].buyers, month[("2026-11", "taobao")].repeat_rate) == (
        3,
        D("0.666667"),
    )


def test_cli_metrics_json_follows_the_contract(loaded, capsys) -> None:
    code = main(["--db", str(loaded.target.path), "metrics", "--from", "2026-11-02", "--to", "2026-11-08",
                 "--json"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert '"gmv": 410.00' in out and '"aov": 133.60' in out  # two decimals, as numbers
    data = json.loads(out)
    assert data[0] == {
        "period": "2026-11-02..2026-11-08",
        "platform": "taobao",
        "gmv": 410.0,
        "net_sales": 330.0,
        "orders": 4,
        "buyers": 3,
        "visitors": 1000,
        "conversion": 0.003,
        "aov": 136.67,
        "repeat_rate": 0.333333,
        "share": 0.613772,
    }
    assert [d["platform"] for d in data] == ["taobao", "jd", "all"]
    code = main(["--db", str(loaded.target.path), "metrics", "--from", "2026-11-02", "--to", "2026-11-03",
                 "--by", "day", "--platform", "jd", "--json"])  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert [(d["period"], d["platform"], d["gmv"], d["aov"]) for d in data] == [
        ("2026-11-02", "jd", 0.0, None),
        ("2026-11-03", "jd", 0.0, None),
    ]


def test_cli_metrics_refuses_a_reversed_range(loaded, capsys) -> None:
    assert (
        main(["--db", str(loaded.target.path), "metrics", "--from", "2026-11-08", "--to", "2026-11-02"]) == 2
    )
    assert "--to" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(loaded.target.path), "metrics", "--from", "11/02", "--to", "2026-11-02"])
    assert exited.value.code == 2
    assert "11/02" in capsys.readouterr().err


def test_repeat_rate_is_unknown_when_most_buyers_cannot_be_matched(db, tmp_path: Path) -> None:
    # JD masks nothing here, but an order without 下单帐号 has no buyer identity
    orders = [dict(order_id=f"29100000000{i}", account="", payable="10.00") for i in range(3)]
    orders.append(dict(order_id="291000000009", account="jd_z", payable="10.00"))
    assert import_file(db, jd.write_orders(tmp_path / "jd.csv", orders)).status == "loaded"
    rows = _rows(db, date(2026, 11, 2), date(2026, 11, 2))
    jdr = rows[("2026-11-02..2026-11-02", "jd")]
    assert (jdr.orders, jdr.buyers, jdr.repeat_rate) == (4, 4, None)


def _aggregate_tables(db) -> dict[str, list]:
    with db.engine.connect() as conn:
        tables = {
            table: conn.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2, 3, 4")).all()
            for table in ("agg_day", "agg_item_day", "agg_buyer_day")
        }
        tables["agg_item_block"] = _item_blocks(conn)
        tables["agg_buyer_block"] = _buyer_blocks(conn)
    return tables


def _buyer_blocks(conn) -> list:
    """Every buyer block decoded, its rows sorted (their order within a day is free)."""
    return [
        (day, sorted(map(tuple, np.frombuffer(bytes(data), np.int16).reshape(count, -1).tolist())))
        for day, count, data in conn.execute(text("SELECT day, rows, data FROM agg_buyer_block ORDER BY day"))
    ]


def _item_blocks(conn) -> list:
    """Every item block decoded, item codes replaced by (shop, item key): the
    codes themselves may differ between an incremental run and a rebuild."""
    names = {c: (s, k) for c, s, k in conn.execute(text("SELECT code, shop_id, item_key FROM agg_item_code"))}
    out = []
    for shop, day, n_items, n_pairs, data, n_orders, order_data in conn.execute(
        text(
            "SELECT shop_id, day, items, pairs, data, orders, order_data FROM agg_item_block "
            "ORDER BY shop_id, day"
        )
    ):
        items = np.frombuffer(bytes(data), item_blocks.ITEM, count=n_items)
        pairs = np.frombuffer(bytes(data), item_blocks.PAIR, count=n_pairs, offset=n_items * 32)
        orders = np.frombuffer(bytes(order_data), item_blocks.ORDER, count=n_orders)
        out.append((
            shop, day,
            sorted((names[int(r["code"])], *(int(r[f]) for f in item_blocks.ITEM.names[1:])) for r in items),
            sorted((names[int(r["code"])], int(r["buyer"]), int(r["orders"])) for r in pairs),
            sorted((names[int(r["code"])], int(r["order"])) for r in orders),
        ))  # fmt: skip
    return out


def test_imports_and_undo_keep_the_aggregates_equal_to_a_rebuild(loaded, tmp_path: Path) -> None:
    # a later export: T3 now fully refunded, T6 moved a day (a corrected paid time), a new order
    later = [dict(o) for o in TAOBAO_ORDERS]
    later[2].update(refund="200.00", status="交易关闭")
    later[5].update(paid_time="2026-11-07 10:00:00")
    later.append(dict(order_id="3302000000000000008", buyer="bob", paid="20.00", total="20.00",
                      goods="20.00", paid_time="2026-11-08 08:00:00"))  # fmt: skip
    result = import_file(loaded, taobao.write_order_list(tmp_path / "ExportOrderList202611120900.csv", later))
    assert (result.status, result.updated, result.added) == ("loaded", 2, 1)
    incremental = _aggregate_tables(loaded)
    with loaded.engine.begin() as conn:
        aggregates.rebuild(conn)
    assert _aggregate_tables(loaded) == incremental
    tb = _rows(loaded)[("2026-11-02..2026-11-08", "taobao")]
    assert (tb.gmv, tb.orders, tb.buyers, tb.repeat_rate) == (D("430.00"), 5, 3, D("0.666667"))

    undo_import(loaded, result.batch_id)
    undone = _aggregate_tables(loaded)
    with loaded.engine.begin() as conn:
        aggregates.rebuild(conn)
    assert _aggregate_tables(loaded) == undone
    tb = _rows(loaded)[("2026-11-02..2026-11-08", "taobao")]
    assert (tb.gmv, tb.net_sales, tb.orders, tb.buyers) == (D("410.00"), D("330.00"), 4, 3)


def test_undoing_the_jd_import_takes_jd_out_of_the_figures(loaded) -> None:
    with loaded.engine.connect() as conn:
        jd_batch = conn.execute(text("SELECT id FROM import_batch WHERE platform = 'jd'")).scalar_one()
    undo_import(loaded, jd_batch)
    rows = _rows(loaded)
    assert [p for _label, p in rows] == ["taobao", "all"]
    assert rows[("2026-11-02..2026-11-08", "all")].conversion == D("0.003")  # all buyers now have visitors


def test_aggregates_are_built_for_a_database_that_has_none(loaded) -> None:
    with loaded.engine.begin() as conn:
        for table in ("agg_day", "agg_item_day", "agg_buyer_day"):
            conn.execute(text(f"DELETE FROM {table}"))
        conn.execute(text("DELETE FROM app_meta WHERE key = 'kpi_aggregates_version'"))
    path = loaded.target.path
    loaded.close()
    again = open_database(path)
    try:
        assert _rows(again)[("2026-11-02..2026-11-08", "all")].gmv == D("668.00")
    finally:
        again.close()


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared samples not available")
def test_every_sample_export_gives_the_aggregates_of_a_rebuild(db) -> None:
    """New orders are summed from the import's Arrow columns, changed ones in SQL:
    on the platforms' own sample files both must agree with a rebuild from scratch."""
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".csv", ".xlsx", ".xls"})
    results = [import_file(db, path) for path in files]
    assert any(r.kind == "orders" and r.added for r in results)
    incremental = _aggregate_tables(db)
    assert incremental["agg_day"] and incremental["agg_item_day"] and incremental["agg_buyer_day"]
    assert incremental["agg_item_block"]
    with db.engine.begin() as conn:
        aggregates.rebuild(conn)
    assert _aggregate_tables(db) == incremental


def test_an_imports_block_notes_are_written_at_its_end(db, tmp_path: Path) -> None:
    """The notes that tell the dashboards' block caches which days changed are
    written last, after the buyer rows and the blocks themselves, with the new
    data version: pages written early and again at the end had SQLite read a big
    import's whole WAL back at commit."""
    from sqlalchemy import event

    from tests.builders import douyin

    statements: list[str] = []

    def traced(dbapi_connection, _record) -> None:
        dbapi_connection.set_trace_callback(statements.append)

    event.listen(db.engine, "connect", traced)
    db.engine.dispose()
    orders = [
        dict(order_id=str(6900000000000000000 + 10 * n), paid_time=f"2026-11-{1 + n % 3:02d} 10:00:00")
        for n in range(30)
    ]
    result = import_file(db, douyin.write_orders(tmp_path / "抖店订单导出.csv", orders))
    assert result.status == "loaded"

    def where(kind: str) -> list[int]:
        return [i for i, s in enumerate(statements) if s.replace('"', "").startswith(f"INSERT INTO {kind}")]

    notes = where("agg_block_change")
    assert notes and where("agg_buyer_day") and where("agg_item_block")
    assert min(notes) > max(where("agg_buyer_day"))  # none before the buyer rows, the big write
    assert max(notes) > max(where("agg_item_block"))  # the item blocks' after them
    with db.engine.connect() as conn:
        version = aggregates.data_version(conn)
        noted = conn.execute(
            text("SELECT DISTINCT kind FROM agg_block_change WHERE version = :v ORDER BY kind"),
            {"v": version},
        ).all()
    assert noted == [("buyer",), ("item",)]  # with the version the import set


def test_a_status_moving_between_paid_states_rewrites_no_aggregate_row(db, tmp_path: Path) -> None:
    """A later export where orders only moved from 已发货 to 交易成功 changes the
    orders but none of their figures: what they took out and put back cancels,
    so no buyer-day row is written again and no day's blocks are noted as changed
    (the dashboards keep their cached blocks)."""
    first = [dict(o, status="卖家已发货，等待买家确认") for o in TAOBAO_ORDERS if o["paid_time"]]
    for path in _taobao_files(tmp_path):
        assert import_file(db, path).status == "loaded"
    result = import_file(db, taobao.write_order_list(tmp_path / "ExportOrderList202611100910.csv", first))
    assert result.updated == len(first)

    def buyer_rows() -> list[tuple]:
        with db.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text("SELECT rowid, * FROM agg_buyer_day ORDER BY rowid"))]

    before, tables = buyer_rows(), _aggregate_tables(db)
    with db.engine.connect() as conn:
        version = aggregates.data_version(conn)
    later = [dict(o, status="交易成功") for o in first]
    result = import_file(db, taobao.write_order_list(tmp_path / "ExportOrderList202611120900.csv", later))
    assert (result.status, result.updated, result.added) == ("loaded", len(later), 0)
    with db.engine.connect() as conn:
        statuses = conn.execute(text("SELECT DISTINCT status FROM orders WHERE paid_time IS NOT NULL")).all()
        noted = conn.execute(
            text("SELECT count(*) FROM agg_block_change WHERE version > :v"), {"v": version}
        ).scalar_one()
    assert statuses == [("completed",)]
    assert buyer_rows() == before  # the same rows under the same rowids: none deleted and put back
    assert noted == 0
    assert _aggregate_tables(db) == tables
    with db.engine.begin() as conn:
        aggregates.rebuild(conn)
    assert _aggregate_tables(db) == tables


def _douyin_orders() -> list[dict]:
    from tests.builders.common import PEOPLE

    two_items = [
        dict(item_id="3690000000000000001", outer_id="QH1", price="100.00", payable="100.00"),
        dict(item_id="3690000000000000002", outer_id="QH2", price="50.00", payable="50.00"),
    ]
    return [
        dict(order_id=f"69000000000000000{n}", status="已发货", person=PEOPLE[n % 3],
             paid_time=f"2026/11/0{2 + n % 3} 09:00:00", items=[dict(i) for i in two_items])
        for n in range(4)
    ]  # fmt: skip


def _changed(change: str) -> list[dict]:
    from tests.builders.common import PEOPLE

    orders = _douyin_orders()
    first, items = orders[0], orders[0]["items"]
    if change == "status shipped to completed":
        first["status"] = "已完成"
    elif change == "memo":
        first["memo"] = "改地址"
    elif change == "title":
        items[0]["title"] = "青禾风衣 新款"
    elif change == "unpaid":
        first.update(status="待支付", paid_time="")
    elif change == "paid time":
        first["paid_time"] = "2026/11/06 09:00:00"
    elif change == "buyer":
        first["person"] = PEOPLE[2]
    elif change == "quantity":
        items[1]["quantity"] = "2"
    elif change == "price":
        items[0]["price"] = "120.00"
    elif change == "paid amount":
        items[0]["payable"] = "90.00"
    elif change == "item":
        items[1]["item_id"] = "3690000000000000003"
    elif change == "new line":
        items.append(dict(item_id="3690000000000000004", price="10.00", payable="10.00"))
    return orders


@pytest.mark.parametrize(
    ("change", "moves"),
    [("status shipped to completed", False), ("memo", False), ("title", False), ("unpaid", True),
     ("paid time", True), ("buyer", True), ("quantity", True), ("price", True), ("paid amount", True),
     ("item", True), ("new line", True)],
)  # fmt: skip
def test_an_updated_orders_figures_are_replaced_only_when_they_move(
    db, tmp_path: Path, change: str, moves: bool
) -> None:
    """A later export's changed orders are taken out of the aggregates and put back
    only when a figure of theirs moved, and so are they when that export is undone:
    either way the aggregates are a rebuild's."""
    from tests.builders import douyin

    assert import_file(db, douyin.write_orders(tmp_path / "抖店订单导出_1.csv", _douyin_orders())).added == 4
    before = _aggregate_tables(db)
    seen: list[list[int]] = []
    moved = aggregates.Before.moved
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(aggregates.Before, "moved", lambda self: seen.append(moved(self)) or seen[-1])
        result = import_file(db, douyin.write_orders(tmp_path / "抖店订单导出_2.csv", _changed(change)))
        assert (result.status, result.updated, result.added) == ("loaded", 1, 0)
        with db.engine.connect() as conn:
            first_id = conn.execute(text("SELECT id FROM orders ORDER BY id LIMIT 1")).scalar_one()
        assert seen == [[first_id] if moves else []]
        incremental = _aggregate_tables(db)
        with db.engine.begin() as conn:
            aggregates.rebuild(conn)
        assert _aggregate_tables(db) == incremental
        undo_import(db, result.batch_id)  # the old values back (and a new line gone)
        assert seen[1:] == [[first_id] if moves else []]
    assert _aggregate_tables(db) == before


def test_undoing_a_later_export_takes_its_new_orders_out_of_the_figures(db, tmp_path: Path) -> None:
    """The orders a later export added go with its undo: what they contributed goes
    too (they are no longer there to compare with their copies)."""
    from tests.builders import douyin

    import_file(db, douyin.write_orders(tmp_path / "抖店订单导出_1.csv", _douyin_orders()))
    before = _aggregate_tables(db)
    later = [*_douyin_orders(), dict(_douyin_orders()[1], order_id="6900000000000000099")]
    later[2]["items"][0]["payable"] = "80.00"  # and one order changed
    result = import_file(db, douyin.write_orders(tmp_path / "抖店订单导出_2.csv", later))
    assert (result.updated, result.added) == (1, 1)
    assert _aggregate_tables(db) != before
    undo_import(db, result.batch_id)
    assert _aggregate_tables(db) == before
    with db.engine.begin() as conn:
        aggregates.rebuild(conn)
    assert _aggregate_tables(db) == before


def test_an_error_while_updating_orders_leaves_the_aggregates_and_the_next_import_whole(
    db, tmp_path: Path, monkeypatch
) -> None:
    """An update that fails half-way (a full disk, say) rolls back with the copies
    ``aggregates.Before`` made; the file is refused with the error's name and the
    same export imports afterwards as if nothing had happened."""
    from shopdesk.services.imports import orders_writer
    from tests.builders import douyin

    assert import_file(db, douyin.write_orders(tmp_path / "抖店订单导出_1.csv", _douyin_orders())).added == 4
    tables = _aggregate_tables(db)
    later = douyin.write_orders(tmp_path / "抖店订单导出_2.csv", _changed("paid amount"))
    real_update = orders_writer.bulk.update_arrow

    def full_disk(*args, **kwargs):
        raise OSError("database or disk is full")

    monkeypatch.setattr(orders_writer.bulk, "update_arrow", full_disk)
    failed = import_file(db, later)
    assert (failed.status, failed.code) == ("refused", "unexpected") and "OSError" in failed.message
    assert _aggregate_tables(db) == tables
    monkeypatch.setattr(orders_writer.bulk, "update_arrow", real_update)
    result = import_file(db, later)
    assert (result.status, result.updated) == ("loaded", 1)
    incremental = _aggregate_tables(db)
    assert incremental != tables
    with db.engine.begin() as conn:
        aggregates.rebuild(conn)
    assert _aggregate_tables(db) == incremental


def test_undoing_most_of_the_orders_sums_what_is_left_from_scratch(loaded, monkeypatch) -> None:
    """An undo that takes away or changes more orders than it leaves rebuilds the
    aggregates from what is left (less work than a delta of every order); a small
    one keeps to the delta. Either way the figures are what is left's."""
    rebuilt: list[bool] = []
    real_rebuild = aggregates.rebuild
    monkeypatch.setattr(aggregates, "rebuild", lambda conn: rebuilt.append(True) or real_rebuild(conn))
    with loaded.engine.connect() as conn:
        batches = dict(conn.execute(text("SELECT kind || ':' || platform, id FROM import_batch")).all())
    undo_import(loaded, batches["orders:jd"])  # 2 orders of 9: a delta
    assert rebuilt == []
    assert _rows(loaded)[("2026-11-02..2026-11-08", "all")].gmv == D("410.00")
    undo_import(loaded, batches["order_items:taobao"])  # the lines of all 7 orders left: from scratch
    assert rebuilt == [True]
    assert _rows(loaded)[("2026-11-02..2026-11-08", "all")].gmv == D("410.00")  # orders without lines
    undo_import(loaded, batches["orders:taobao"])  # nothing left
    assert rebuilt == [True, True]
    with loaded.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM agg_day")).scalar_one() == 0
        assert conn.execute(text("SELECT COUNT(*) FROM agg_buyer_day")).scalar_one() == 0
    left = _rows(loaded)[("2026-11-02..2026-11-08", "taobao")]  # its traffic stays
    assert (left.gmv, left.orders, left.buyers, left.visitors) == (D("0"), 0, 0, 1000)
