"""《跨平台运营数据简报》 on the hand-computed week of test_kpi_metrics.py, with
more real-format exports and the rows other workbenches will write:

W45 (11-02 … 11-08), as in test_kpi_metrics: Taobao GMV 410.00 (T6, erin's 60.00,
is now the item ``QH-EVIL`` titled ``=HYPERLINK("x")``; the rest is QH2609,
350.00), JD 258.00, all 668.00.
W44 adds two JD orders: item 10009309374 (99.00, jd_c) and item 10003 titled
``+1 青禾加绒卫衣`` (120.00), which sells nothing in W45 → the biggest faller.
JD item traffic for 10009309374: 10 visitors in W44 (1 buyer: 10 %), 50 in W45
(1 buyer: 2 %) → visitors up, conversion down: an opportunity.
Search report W45: 连衣裙女秋冬 (148,352) and ``@SUM(A1)`` are in no Taobao title;
``纯棉 宽松`` is (青禾纯棉宽松T恤 秋冬新款).
"""

from __future__ import annotations

import json
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from shopdesk.cli import main
from shopdesk.services.imports import import_file
from shopdesk.services.reports import weekly
from shopdesk.services.reports.week_sources import covered, explanation_text, period_in_week
from shopdesk.services.reports.weekly import build_weekly, generate_weekly, last_complete_week
from shopdesk.services.reports.xlsx import ReportWriteError
from tests.builders import jd, listings, reports, taobao
from tests.test_kpi_metrics import JD_ORDERS, TAOBAO_ORDERS, _traffic

D = Decimal
EVIL_TITLE = '=HYPERLINK("x")'
TITLE = "青禾纯棉宽松T恤"

JD_LAST_WEEK = [
    dict(order_id="289000000001", account="jd_c", payable="99.00", paid_time="2026-10-28 10:00:00",
         created="2026-10-28 09:59:00"),
    dict(order_id="289000000002", account="jd_d", payable="120.00", paid_time="2026-10-29 10:00:00",
         created="2026-10-29 09:59:00",
         items=[dict(item_id="10003", title="+1 青禾加绒卫衣", price="120.00", sku="1000301")]),
]  # fmt: skip
KEYWORDS = [
    dict(keyword="连衣裙女秋冬", search_popularity=148352, click_popularity=117839, click_rate=D("1.0702"),
         conversion=D("0.0243"), online_items=859491, ref_price=D("0.65")),
    dict(keyword="纯棉 宽松", search_popularity=5000, click_popularity=100, click_rate=D("0.5"),
         conversion=D("0.06"), online_items=1000, ref_price=D("1.00")),
    dict(keyword="@SUM(A1)", search_popularity=3000, click_popularity=10, click_rate=D("0.1"),
         conversion=D("0.01"), online_items=10, ref_price=D("1.00")),
]  # fmt: skip


def _taobao_details(tmp_path: Path) -> Path:
    items = []
    for order in TAOBAO_ORDERS:
        evil = order["order_id"].endswith("6")
        items.append(
            dict(order_id=order["order_id"], price=order["total"], title=EVIL_TITLE if evil else TITLE,
                 outer_id="QH-EVIL" if evil else "QH2609")
        )  # fmt: skip
    return taobao.write_order_details(tmp_path / "ExportOrderDetailList202611100900.csv", items)


def _jd_item_traffic(tmp_path: Path) -> Path:
    row = dict(item_id="10009309374", title="青禾软糯亲肤针织开衫", page_views=1, paid_buyers=1, paid=D("99"),
               add_to_cart=1)  # fmt: skip
    return reports.jdsz_items(
        tmp_path / "京东商智_商品明细.csv",
        [dict(row, day="2026-10-28", visitors=10), dict(row, day="2026-11-06", visitors=50)],
    )


def _insert_team_rows(db) -> None:
    with db.engine.begin() as conn:
        listing = conn.execute(
            text("SELECT id FROM listing WHERE platform_item_id = '726651234567'")
        ).scalar_one()
        revision = (
            "INSERT INTO listing_revision (listing_id, field, old_value, new_value, source, changed_at) "
            "VALUES (:l, 'title', :old, :new, 'edit', :at)"
        )
        conn.execute(text(revision), dict(l=listing, old="青禾纯棉T恤", new="青禾纯棉宽松T恤 秋冬新款",
                                          at="2026-11-04 15:30:00"))  # fmt: skip
        conn.execute(text(revision), dict(l=listing, old="a", new="下周的修改", at="2026-11-10 09:00:00"))
        change_set = conn.execute(
            text(
                "INSERT INTO change_set (name, state, live_at) VALUES ('双11卖点优化', 'live', "
                "'2026-11-05 09:00:00') RETURNING id"
            )
        ).scalar_one()
        conn.execute(
            text("INSERT INTO change (change_set_id, listing_id, field, old_value, new_value, state) "
                 "VALUES (:c, :l, 'selling_points', '显瘦百搭', '-显瘦 百搭', 'live')"),
            dict(c=change_set, l=listing),
        )  # fmt: skip
        campaign = conn.execute(
            text(
                "INSERT INTO campaign (name, start_date, end_date, state) VALUES ('双11', '2026-11-01', "
                "'2026-11-13', 'running') RETURNING id"
            )
        ).scalar_one()
        for kind, name, start, end in [
            ("warmup", "预热期", "2026-11-01 00:00:00", "2026-11-03 23:59:59"),
            ("burst", "爆发期", "2026-11-04 00:00:00", "2026-11-11 23:59:59"),
            ("return", "返场期", "2026-11-12 00:00:00", "2026-11-13 23:59:59"),
        ]:
            conn.execute(
                text("INSERT INTO campaign_phase (campaign_id, kind, name, starts_at, ends_at) "
                     "VALUES (:c, :k, :n, :s, :e)"),
                dict(c=campaign, k=kind, n=name, s=start, e=end),
            )  # fmt: skip
        rule = conn.execute(
            text(
                "INSERT INTO alert_rule (name, metric, scope, scope_value, comparison, direction, threshold, "
                "min_volume, period, enabled) VALUES ('京东转化率下降', 'conversion', 'platform', 'jd', "
                "'prev_period', 'down', 0.2, 0, 'week', 1) RETURNING id"
            )
        ).scalar_one()
        event = (
            "INSERT INTO alert_event (rule_id, period, value, baseline, explanation, created_at) "
            "VALUES (:r, :p, :v, :b, :e, :at)"
        )
        for period, explanation, at in [
            (
                "2026-W45",
                json.dumps({"text": "京东转化率下降 80%，主要来自 青禾软糯亲肤针织开衫"}),
                "2026-11-09 08:00:00",
            ),
            ("2026-11-06", json.dumps("=cmd|' /C calc'!A0"), "2026-11-07 08:00:00"),
            ("2026-W44", json.dumps({"text": "上周的预警"}), "2026-11-02 08:00:00"),
            ("自定义", "不是 JSON 的说明", "2026-11-07 12:00:00"),
            ("2026-11-05", json.dumps({"drivers": [1, 2]}), "2026-11-06 08:00:00"),
        ]:
            conn.execute(text(event), dict(r=rule, p=period, v="0.02", b="0.1", e=explanation, at=at))


@pytest.fixture
def loaded(db, tmp_path: Path):
    files = [
        taobao.write_order_list(tmp_path / "ExportOrderList202611100900.csv", TAOBAO_ORDERS),
        _taobao_details(tmp_path),
        _traffic(tmp_path),
        jd.write_orders(tmp_path / "jd.csv", JD_ORDERS),
        jd.write_orders(tmp_path / "jd_w44.csv", JD_LAST_WEEK),
        _jd_item_traffic(tmp_path),
        listings.write_assistant(
            tmp_path / "宝贝.csv",
            [dict(title="青禾纯棉宽松T恤 秋冬新款", outer_id="QH2609", num_id="726651234567")],
        ),
        reports.sycm_keywords(tmp_path / "生意参谋_搜索分析.xls", KEYWORDS),
    ]
    for path in files:
        result = import_file(db, path)
        assert result.status == "loaded", (path.name, result.message)
    _insert_team_rows(db)
    return db


@pytest.fixture
def data(loaded):
    with loaded.engine.connect() as conn:
        return build_weekly(conn, "2026-W45")


def test_kpis_this_week_and_last_are_the_metrics_figures(data) -> None:
    assert (data.week.start, data.week.end, data.previous.label) == (
        date(2026, 11, 2),
        date(2026, 11, 8),
        "2026-W44",
    )
    assert data.platforms == ["taobao", "jd"]
    tb, jdr, total = data.this_week["taobao"], data.this_week["jd"], data.this_week["all"]
    assert (tb.gmv, tb.net_sales, tb.orders, tb.buyers, tb.aov) == (
        D("410.00"),
        D("330.00"),
        4,
        3,
        D("136.67"),
    )
    assert (jdr.gmv, total.gmv, total.net_sales, total.orders) == (D("258.00"), D("668.00"), D("588.00"), 6)
    assert (data.last_week["jd"].gmv, data.last_week["taobao"].gmv, data.last_week["all"].gmv) == (
        D("219.00"),
        D("0.00"),
        D("219.00"),
    )
    assert data.daily_gmv[(date(2026, 11, 8), "taobao")] == D("60.00")
    assert sum(data.daily_gmv[(d, "all")] for d in data.days) == D("668.00")


def test_products_that_moved_most_and_the_opportunities(data) -> None:
    assert [(p.item_key, p.gmv, p.prev_gmv) for p in data.risers] == [
        ("QH2609", D("350.00"), D("0.00")),
        ("10001", D("99.00"), D("0.00")),
        ("10002", D("60.00"), D("0.00")),
        ("QH-EVIL", D("60.00"), D("0.00")),
    ]  # 10009309374 sold 99.00 in both weeks: neither up nor down
    assert [(p.item_key, p.title, p.gmv, p.prev_gmv) for p in data.fallers] == [
        ("10003", "+1 青禾加绒卫衣", D("0.00"), D("120.00"))
    ]
    [worse] = data.converting_worse
    assert (worse.item_key, worse.visitors, worse.prev_visitors) == ("10009309374", 50, 10)
    assert (worse.conversion, worse.prev_conversion) == (D("0.02"), D("0.1"))
    assert weekly.missed_buyers(worse) == D("4.0")
    assert [(g.platform, g.keyword, g.search_popularity) for g in data.keyword_gaps] == [
        ("taobao", "连衣裙女秋冬", 148352),
        ("taobao", "@SUM(A1)", 3000),
    ]
    assert data.keywords_unchecked == []


def test_alerts_changes_and_phases_of_the_week(data) -> None:
    assert [(a.period, a.explanation) for a in data.alerts] == [
        ("2026-11-05", ""),  # an explanation shape we do not know: left empty, the row stays
        ("2026-11-06", "=cmd|' /C calc'!A0"),
        ("自定义", "不是 JSON 的说明"),  # an unreadable period: the stamp decides
        ("2026-W45", "京东转化率下降 80%，主要来自 青禾软糯亲肤针织开衫"),
    ]
    assert data.alerts[-1].rule == "京东转化率下降" and data.alerts[-1].scope == "platform: jd"
    assert [(e.field, e.old_value, e.new_value, e.source) for e in data.edits] == [
        ("标题", "青禾纯棉T恤", "青禾纯棉宽松T恤 秋冬新款", "手工编辑"),
        ("卖点", "显瘦百搭", "-显瘦 百搭", "批量修改上线：双11卖点优化"),
    ]
    assert [(p.campaign, p.phase, p.kind) for p in data.phases] == [
        ("双11", "预热期", "预热"),
        ("双11", "爆发期", "爆发"),
    ]


def _cells(ws) -> list[list]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


def _row(ws, first: str) -> list:
    for row in ws.iter_rows(values_only=True):
        if row[0] == first:
            return list(row)
    raise AssertionError(f"no row starting with {first!r} in {ws.title}")


def _find(ws, value):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell
    raise AssertionError(f"{value!r} not in {ws.title}")


def test_cli_writes_the_workbook_the_boss_reads(loaded, tmp_path: Path, capsys) -> None:
    out = tmp_path / "周报.xlsx"
    code = main(
        ["--db", str(loaded.target.path), "report", "weekly", "--week", "2026-W45", "--out", str(out)]
    )
    assert code == 0, capsys.readouterr().err
    assert "2026-W45" in capsys.readouterr().out
    book = load_workbook(out)
    assert book.sheetnames == ["摘要", "分平台", "商品", "预警", "机会", "本周变更"]

    summary = book["摘要"]
    assert summary["A1"].value == "《跨平台运营数据简报》"
    assert "2026-11-02 至 2026-11-08" in summary["A2"].value
    gmv = _row(summary, "GMV（元）")
    assert gmv[1:4] == [668, 219, pytest.approx(2.050228)]
    assert _find(summary, 668).number_format == "#,##0.00"
    assert _row(summary, "订单数")[1:3] == [6, 2]
    assert any("GMV ¥668.00" in (row[0] or "") for row in _cells(summary))

    platforms = book["分平台"]
    taobao_row = _row(platforms, "淘宝/天猫")
    assert taobao_row[1:3] == [410, 0] and taobao_row[4] == pytest.approx(0.613772)
    assert _row(platforms, "京东")[1:3] == [258, 219]
    assert _row(platforms, "全部平台")[1] == 668
    assert platforms.cell(row=_find(platforms, "淘宝/天猫").row, column=5).number_format == "0.00%"
    assert len(platforms._charts) == 3
    assert platforms.freeze_panes == "A5"
    assert platforms.page_setup.orientation == "landscape"

    products = book["商品"]
    top = _row(products, 1)
    assert top[1:4] == ["淘宝/天猫", "青禾淘宝旗舰店", "青禾纯棉宽松T恤"] and top[6] == 350
    assert _find(products, "+1 青禾加绒卫衣")

    alerts = book["预警"]
    assert _find(alerts, "京东转化率下降 80%，主要来自 青禾软糯亲肤针织开衫")
    assert _find(alerts, "不是 JSON 的说明")

    chances = book["机会"]
    assert _find(chances, "连衣裙女秋冬")
    assert _row(chances, "京东")[3:6] == ["10009309374", 50, 10]
    with pytest.raises(AssertionError):
        _find(chances, "纯棉 宽松")  # already in a title

    changes = book["本周变更"]
    edit = _find(changes, "青禾纯棉宽松T恤 秋冬新款")
    assert changes.cell(row=edit.row, column=6).value == "标题"
    assert _find(changes, "爆发期")
    with pytest.raises(AssertionError):
        _find(changes, "下周的修改")


def test_text_from_platforms_and_users_never_becomes_a_formula(loaded, tmp_path: Path) -> None:
    out = generate_weekly(loaded, "2026-W45", tmp_path / "w45.xlsx").path
    book = load_workbook(out)
    for sheet, value in [
        ("商品", EVIL_TITLE),
        ("商品", "+1 青禾加绒卫衣"),
        ("机会", "@SUM(A1)"),
        ("预警", "=cmd|' /C calc'!A0"),
        ("本周变更", "-显瘦 百搭"),
    ]:
        cell = _find(book[sheet], value)
        assert cell.data_type == "s", (sheet, value)
        assert cell.quotePrefix, (sheet, value)
    with zipfile.ZipFile(out) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any("<f>" in archive.read(n).decode() for n in sheets)


def test_a_bad_week_or_target_is_refused_with_exit_2(loaded, tmp_path: Path, capsys) -> None:
    db = str(loaded.target.path)
    for week in ("2026-45", "2026-W54", "W45"):
        with pytest.raises(SystemExit) as exited:
            main(["--db", db, "report", "weekly", "--week", week, "--out", str(tmp_path / "x.xlsx")])
        assert exited.value.code == 2
        assert f"{week} 不是 ISO 周" in capsys.readouterr().err
    assert main(["--db", db, "report", "weekly", "--week", "2026-W45", "--out", str(tmp_path / "x.csv")]) == 2
    assert ".xlsx" in capsys.readouterr().err
    missing = tmp_path / "no such folder" / "x.xlsx"
    assert main(["--db", db, "report", "weekly", "--week", "2026-W45", "--out", str(missing)]) == 2
    assert "文件夹不存在" in capsys.readouterr().err


def test_a_workbook_open_in_excel_is_refused_and_left_alone(loaded, tmp_path: Path, capsys) -> None:
    target = tmp_path / "周报.xlsx"
    target.write_bytes(b"the boss's copy")
    (tmp_path / "~$周报.xlsx").write_bytes(b"owner")
    code = main(
        ["--db", str(loaded.target.path), "report", "weekly", "--week", "2026-W45", "--out", str(target)]
    )
    assert code == 2
    assert "正在 Excel 中打开" in capsys.readouterr().err
    assert target.read_bytes() == b"the boss's copy"


def test_a_failed_write_leaves_no_half_file(loaded, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "周报.xlsx"
    target.write_bytes(b"last week's report")

    def broken_save(self, filename) -> None:
        Path(filename).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", broken_save)
    with pytest.raises(ReportWriteError, match="No space left"):
        generate_weekly(loaded, "2026-W45", target)
    assert target.read_bytes() == b"last week's report"
    assert sorted(p.name for p in tmp_path.iterdir() if "周报" in p.name) == ["周报.xlsx"]


def test_an_empty_database_still_gives_a_readable_report(db, tmp_path: Path, capsys) -> None:
    out = tmp_path / "empty.xlsx"
    assert (
        main(["--db", str(db.target.path), "report", "weekly", "--week", "2026-W45", "--out", str(out)]) == 0
    )
    assert "没有订单数据" in capsys.readouterr().err
    book = load_workbook(out)
    assert _row(book["摘要"], "GMV（元）")[1:4] == [0, 0, "—"]
    assert _find(book["预警"], "本周没有预警。")
    assert book["分平台"]._charts == []


def test_helpers() -> None:
    assert last_complete_week(date(2026, 11, 25)) == "2026-W47"
    assert last_complete_week(date(2026, 11, 23)) == "2026-W47"
    assert last_complete_week(date(2026, 11, 22)) == "2026-W46"
    assert last_complete_week(date(2027, 1, 6)) == "2026-W53"
    assert explanation_text(None) == "" and explanation_text("plain") == "plain"
    assert explanation_text('{"text": "t", "x": 1}') == "t" and explanation_text("[1]") == ""
    week = weekly.parse_week("2026-W45")
    assert period_in_week("2026-11-08", week) and not period_in_week("2026-11-09", week)
    assert period_in_week("2026-10-30..2026-11-02", week) and period_in_week("other", week) is None
    assert covered("纯棉 宽松", ["青禾纯棉宽松t恤"]) and not covered("连衣裙", ["青禾纯棉宽松t恤"])
    assert covered("Ｔ恤", ["青禾纯棉宽松t恤"])


def test_alerts_raised_by_the_rules_are_reported_with_their_scope_and_explanation(db, tmp_path: Path) -> None:
    """The evaluator's own alerts (the shipped rule on each platform): the report
    names the platform that fired and explains it, as the alerts panel does."""
    from shopdesk.services import alerts
    from tests import alerts_data

    for path in (*alerts_data.write_taobao(tmp_path), alerts_data.write_jd(tmp_path)):
        assert import_file(db, path).status == "loaded"
    assert alerts.run(db, alerts_data.AS_OF, send=False).new
    with db.engine.connect() as conn:
        data = build_weekly(conn, "2026-W45")
    (alert,) = data.alerts
    assert alert.scope == "淘宝/天猫"
    assert "转化率" in alert.explanation and "青禾纯棉宽松T恤" in alert.explanation
    out = tmp_path / "weekly.xlsx"
    generate_weekly(db, "2026-W45", out)
    assert _find(load_workbook(out)["预警"], "淘宝/天猫")
