"""Traffic reports → traffic_daily, as a user imports them: 生意参谋 .xls/.xlsx with
their title rows, 京东商智 GBK CSVs, 抖店罗盘 product data; checked with SQL."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from shopdesk.cli import main
from shopdesk.services.imports import import_file
from shopdesk.services.imports.history import UndoRefused, undo_import
from tests.builders import reports
from tests.builders.dbcheck import rows, scalar

ROOT = Path(__file__).resolve().parents[1]
D = Decimal
TRAFFIC = "day, item_key, visitors, page_views, add_to_cart, clicks, impressions, paid_buyers, paid_fen"


def shop_day(day: str, visitors: int, paid: str, **more: object) -> dict[str, object]:
    """A 店铺整体 row whose other figures follow from visitors (rates as the report shows them)."""
    buyers = more.pop("paid_buyers", visitors * 3 // 100)
    return dict(
        day=day,
        visitors=visitors,
        page_views=more.pop("page_views", visitors * 3),
        paid_buyers=buyers,
        paid=D(paid),
        conversion=D("0.03"),
        aov=D("140"),
        add_to_cart=more.pop("add_to_cart", visitors // 10),
        **more,
    )


WEEK_ROWS = [
    shop_day("2026-11-02", 3925, "16485.00", page_views=11775, paid_buyers=117, add_to_cart=392),
    shop_day("2026-11-03", 2743, "11520.60", page_views=8229, paid_buyers=82, add_to_cart=274),
    shop_day("2026-11-04", 12, "0.00", page_views=20, paid_buyers=0, add_to_cart=0),
]


def traffic(db, shop: str | None = None) -> list[tuple]:
    sql = f"SELECT {TRAFFIC} FROM traffic_daily t JOIN shop s ON s.id = t.shop_id"
    if shop is None:
        return rows(db, sql + " ORDER BY s.id, day, item_key")
    return rows(db, sql + " WHERE s.name = :n ORDER BY day, item_key", n=shop)


# --- 生意参谋 店铺整体 -----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".xls", ".xlsx"])
def test_sycm_shop_report_stores_exact_daily_figures(db, tmp_path: Path, suffix: str) -> None:
    path = reports.sycm_shop(tmp_path / f"生意参谋_店铺整体_日报{suffix}", WEEK_ROWS, totals=True)
    if suffix == ".xls":
        assert path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # a real BIFF file, not CSV renamed

    result = import_file(db, path)

    assert (result.status, result.platform, result.kind) == ("loaded", "taobao", "traffic_shop")
    # the 合计 row under the data is neither a day nor a rejected row
    assert (result.added, result.updated, result.unchanged, result.rejected) == (3, 0, 0, 0)
    assert result.shop == "青禾淘宝旗舰店"
    assert rows(db, "SELECT platform, name FROM shop") == [("taobao", "青禾淘宝旗舰店")]
    # '3,925' → 3925, '16,485.00' → 1648500 fen; 支付转化率 3.00% and 客单价 are not counts:
    # nothing stores 3, 300 or 14000
    assert traffic(db) == [
        ("2026-11-02", "", 3925, 11775, 392, None, None, 117, 1648500),
        ("2026-11-03", "", 2743, 8229, 274, None, None, 82, 1152060),
        ("2026-11-04", "", 12, 20, 0, None, None, 0, 0),
    ]
    assert scalar(db, "SELECT COUNT(*) FROM import_reject") == 0
    assert scalar(db, "SELECT kind FROM import_batch") == "traffic_shop"


def test_xls_and_xlsx_of_the_same_report_store_the_same_rows(tmp_path: Path) -> None:
    from shopdesk.services.database import open_database

    stored = []
    for suffix in (".xls", ".xlsx"):
        database = open_database(tmp_path / f"db{suffix}.sqlite3")
        try:
            path = reports.sycm_shop(tmp_path / f"report{suffix}", WEEK_ROWS, totals=True)
            assert import_file(database, path).status == "loaded"
            stored.append((traffic(database), rows(database, "SELECT platform, name FROM shop")))
        finally:
            database.close()
    assert stored[0] == stored[1]
    # and importing the .xlsx twin of an imported .xls changes nothing
    from shopdesk.services.database import open_database as reopen

    database = reopen(tmp_path / "db.xls.sqlite3")
    try:
        again = import_file(database, tmp_path / "report.xlsx")
        assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    finally:
        database.close()


def test_the_shared_sample_report_loads_every_day(db, tmp_path: Path) -> None:
    from tests.helpers.import_files import sample

    result = import_file(db, sample(tmp_path, "生意参谋_店铺整体_日报.xlsx"))

    assert (result.status, result.added, result.rejected) == ("loaded", 17, 0)
    assert result.shop == "青禾淘宝旗舰店"
    assert traffic(db)[0] == ("2026-10-24", "", 3925, 11775, None, None, None, 117, 1648500)


def test_bad_cells_are_rejected_with_their_row_in_the_workbook(db, tmp_path: Path) -> None:
    path = reports.sycm_shop(
        tmp_path / "report.xls",
        [
            shop_day("2026-11-02", 3925, "16485.00"),
            dict(day="2026-11-03", visitors="约3千", paid=D("10")),  # row 7
            dict(day="", visitors=100, paid=D("10")),  # row 8
            dict(day="2026-11-05", visitors=100, paid="一万"),  # row 9
            shop_day("2026-11-06", 200, "28.00"),
        ],
        totals=True,
    )

    result = import_file(db, path)

    assert (result.status, result.added, result.rejected) == ("loaded", 2, 3)
    # title rows 1–4, header row 5: the first day is row 6
    assert [r.row_number for r in result.rejects] == [7, 8, 9]
    assert "访客数" in result.rejects[0].reason and "约3千" in result.rejects[0].reason
    assert "统计日期" in result.rejects[1].reason
    assert "支付金额" in result.rejects[2].reason
    assert [r[0] for r in traffic(db)] == ["2026-11-02", "2026-11-06"]
    assert rows(db, "SELECT row_number FROM import_reject ORDER BY row_number") == [(7,), (8,), (9,)]


def test_numbers_stored_as_numbers_and_dates_as_dates_in_the_xls(db, tmp_path: Path) -> None:
    """A report re-exported with real number and date cells reads the same."""
    import datetime as dt

    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("店铺整体")
    for r, title in enumerate(
        ["生意参谋-取数-店铺整体日报", "统计时间：2026-11-02 ~ 2026-11-08", "店铺：青禾"]
    ):
        ws.write(r, 0, title)
    for c, name in enumerate(["统计日期", "访客数", "浏览量", "支付买家数", "支付金额", "支付转化率"]):
        ws.write(4, c, name)
    day_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    ws.write(5, 0, dt.datetime(2026, 11, 2), day_style)
    for c, value in enumerate([3925, 11775.0, 117, 11520.6, 0.03], start=1):
        ws.write(5, c, value)
    book.save(str(tmp_path / "numbers.xls"))

    result = import_file(db, tmp_path / "numbers.xls")

    assert (result.status, result.added, result.rejected) == ("loaded", 1, 0)
    assert traffic(db) == [("2026-11-02", "", 3925, 11775, None, None, None, 117, 1152060)]


# --- keys: shop, day, item --------------------------------------------------------------------------


def test_rows_are_keyed_by_shop_day_and_item(db, tmp_path: Path) -> None:
    shop_file = reports.sycm_shop(tmp_path / "shop.xls", WEEK_ROWS[:1])
    items_file = reports.sycm_items(
        tmp_path / "【生意参谋平台】商品_全部_2026-11-02_2026-11-08.xls",
        [
            dict(
                day="2026-11-02",
                item_id="682160920736",
                title="青禾显瘦收腰连衣裙",
                visitors=1204,
                page_views=3010,
                paid_buyers=31,
                paid=D("2786.90"),
                refunded=D("89.90"),
                add_to_cart=88,
                ordering_buyers=35,
                search_visitors=502,
            ),
            dict(day="2026-11-02", item_id="689325773254", title="T恤", visitors=5, paid=D("0")),
            dict(day="2026-11-03", item_id="682160920736", title="青禾显瘦收腰连衣裙", visitors=7),
        ],
        totals=True,
    )
    other_shop = reports.sycm_shop(
        tmp_path / "other.xlsx", [shop_day("2026-11-02", 50, "70.00")], shop="青禾二店"
    )

    results = [import_file(db, f) for f in (shop_file, items_file, other_shop)]

    assert [(r.status, r.kind, r.added, r.rejected) for r in results] == [
        ("loaded", "traffic_shop", 1, 0),
        ("loaded", "traffic_item", 3, 0),
        ("loaded", "traffic_shop", 1, 0),
    ]
    assert [r.shop for r in results] == ["青禾淘宝旗舰店", "青禾淘宝旗舰店", "青禾二店"]
    assert traffic(db, "青禾淘宝旗舰店") == [
        ("2026-11-02", "", 3925, 11775, 392, None, None, 117, 1648500),
        ("2026-11-02", "682160920736", 1204, 3010, 88, None, None, 31, 278690),
        ("2026-11-02", "689325773254", 5, None, None, None, None, None, 0),
        ("2026-11-03", "682160920736", 7, None, None, None, None, None, None),
    ]
    assert traffic(db, "青禾二店") == [("2026-11-02", "", 50, 150, 5, None, None, 1, 7000)]


def test_an_overlapping_later_report_updates_only_the_days_that_changed(db, tmp_path: Path) -> None:
    first = [shop_day(f"2026-11-{d:02d}", 100 * d, f"{10 * d}.00") for d in range(2, 9)]
    later = [
        shop_day(f"2026-11-{d:02d}", 100 * d + (1 if d == 8 else 0), f"{10 * d}.00") for d in range(5, 12)
    ]
    import_file(db, reports.sycm_shop(tmp_path / "w45.xls", first))

    result = import_file(
        db, reports.sycm_shop(tmp_path / "w46.xls", later, period=("2026-11-05", "2026-11-11"))
    )

    assert (result.added, result.updated, result.unchanged) == (3, 1, 3)
    assert scalar(db, "SELECT COUNT(*) FROM traffic_daily") == 10
    assert scalar(db, "SELECT visitors FROM traffic_daily WHERE day = '2026-11-08'") == 801
    assert scalar(db, "SELECT COUNT(*) FROM shop") == 1

    undo_import(db, result.batch_id)
    assert scalar(db, "SELECT COUNT(*) FROM traffic_daily") == 7
    assert scalar(db, "SELECT visitors FROM traffic_daily WHERE day = '2026-11-08'") == 800


def test_undoing_a_report_a_later_import_corrected_is_refused(db, tmp_path: Path) -> None:
    first = import_file(db, reports.sycm_shop(tmp_path / "w45.xls", WEEK_ROWS))
    corrected = [dict(WEEK_ROWS[0], visitors=4000), *WEEK_ROWS[1:]]
    second = import_file(db, reports.sycm_shop(tmp_path / "w45_again.xls", corrected))
    assert second.updated == 1

    with pytest.raises(UndoRefused):
        undo_import(db, first.batch_id)
    assert scalar(db, "SELECT visitors FROM traffic_daily WHERE day = '2026-11-02'") == 4000


# --- reports without a date column --------------------------------------------------------------


ITEM = dict(item_id="682160920736", title="青禾显瘦收腰连衣裙", visitors=1204, paid=D("2786.90"))


@pytest.mark.parametrize("period", ["2026-11-05", ("2026-11-05", "2026-11-05")])
def test_item_report_without_dates_for_one_day_takes_that_day(db, tmp_path: Path, period) -> None:
    path = reports.sycm_items(tmp_path / "items.xlsx", [ITEM], with_day=False, period=period, totals=True)

    result = import_file(db, path)

    assert (result.status, result.added, result.rejected) == ("loaded", 1, 0)
    assert traffic(db) == [("2026-11-05", "682160920736", 1204, None, None, None, None, None, 278690)]


def test_item_report_without_dates_over_several_days_is_refused(db, tmp_path: Path) -> None:
    path = reports.sycm_items(
        tmp_path / "items.xls", [ITEM], with_day=False, period=("2026-11-02", "2026-11-08")
    )

    result = import_file(db, path)

    assert (result.status, result.code, result.batch_id) == ("refused", "no_daily_dates", None)
    assert "items.xls" in result.message and "按日" in result.message
    assert scalar(db, "SELECT COUNT(*) FROM traffic_daily") == 0
    assert scalar(db, "SELECT COUNT(*) FROM import_batch") == 0


def test_shop_report_without_dates_for_one_day_takes_that_day(db, tmp_path: Path) -> None:
    row = {k: v for k, v in WEEK_ROWS[0].items() if k != "day"}
    path = reports.sycm_shop(tmp_path / "shop.xls", [row], with_day=False, period="2026-11-05")

    result = import_file(db, path)

    assert (result.status, result.added) == ("loaded", 1), result.message
    assert traffic(db) == [("2026-11-05", "", 3925, 11775, 392, None, None, 117, 1648500)]


def test_shop_report_without_dates_over_several_days_says_export_by_day(db, tmp_path: Path) -> None:
    row = {k: v for k, v in WEEK_ROWS[0].items() if k != "day"}
    path = reports.sycm_shop(tmp_path / "shop.xls", [row], with_day=False)

    result = import_file(db, path)

    assert (result.status, result.code) == ("refused", "no_daily_dates"), result.code


# --- 京东商智, 抖店罗盘 ------------------------------------------------------------------------------


def test_jd_shangzhi_gbk_shop_and_item_reports(db, tmp_path: Path) -> None:
    shop_file = reports.jdsz_shop(
        tmp_path / "京东商智_店铺概况.csv",
        [
            dict(day="2026-11-02", visitors=2430, page_views=4860, paid_buyers=97, paid=D("12393.00"),
                 conversion=D("0.04"), aov=D("128"), add_to_cart=194),
            dict(day="2026-11-03", visitors=831, paid="499.00（系统计算中，该值仅供参考）"),
            dict(day="2026-11-04", visitors=0, paid="-"),
        ],
    )  # fmt: skip
    items_file = reports.jdsz_items(
        tmp_path / "京东商智_商品明细.csv",
        [dict(day="2026-11-02", item_id="100012345678", title="青禾 连衣裙 M", visitors=300, paid=D("899"))],
    )
    assert shop_file.read_bytes().startswith("日期,访客数".encode("gbk"))

    shop_result, item_result = import_file(db, shop_file), import_file(db, items_file)

    assert (shop_result.platform, shop_result.kind, shop_result.added, shop_result.rejected) == (
        "jd",
        "traffic_shop",
        3,
        0,
    )
    assert (item_result.kind, item_result.added) == ("traffic_item", 1)
    assert traffic(db) == [
        ("2026-11-02", "", 2430, 4860, 194, None, None, 97, 1239300),
        ("2026-11-02", "100012345678", 300, None, None, None, None, None, 89900),
        ("2026-11-03", "", 831, None, None, None, None, None, 49900),
        ("2026-11-04", "", 0, None, None, None, None, None, None),  # '-' is unknown, not 0
    ]
    assert rows(db, "SELECT platform FROM shop") == [("jd",)]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_douyin_compass_product_report(db, tmp_path: Path, suffix: str) -> None:
    data = [
        dict(day="2026-11-02", item_id="3690000006623922533", title="青禾中长款风衣", impressions=12034,
             clicks=903, paid_buyers=31, paid=D("6169.00"), click_rate=D("0.075"), conversion=D("0.0343")),
        dict(day="2026-11-03", item_id="3690000006623922533", title="青禾中长款风衣", impressions=9000,
             clicks=600, paid_buyers=0, paid=D("0"), click_rate=D("0.0667"), conversion=D("0")),
    ]  # fmt: skip
    path = reports.compass_items(tmp_path / f"抖店罗盘_商品数据{suffix}", data)

    result = import_file(db, path)

    assert (result.status, result.platform, result.kind, result.added, result.rejected) == (
        "loaded",
        "douyin",
        "traffic_item",
        2,
        0,
    )
    # the ID comes without Douyin's tab guard; 点击率/转化率 are not stored as counts
    assert traffic(db) == [
        ("2026-11-02", "3690000006623922533", None, None, None, 903, 12034, 31, 616900),
        ("2026-11-03", "3690000006623922533", None, None, None, 600, 9000, 0, 0),
    ]


# --- the command line --------------------------------------------------------------------------------


def test_cli_exit_codes_for_traffic_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cli.sqlite3"
    good = reports.sycm_shop(tmp_path / "good.xls", WEEK_ROWS, totals=True)
    partial = reports.sycm_shop(tmp_path / "partial.xls", [dict(day="2026-11-09", visitors="很多")])
    refused = reports.sycm_items(tmp_path / "week.xls", [ITEM], with_day=False)

    assert main(["--db", str(db), "import", str(good), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)["files"][0]
    assert (payload["platform"], payload["kind"], payload["status"], payload["added"]) == (
        "taobao",
        "traffic_shop",
        "loaded",
        3,
    )
    assert main(["--db", str(db), "import", str(partial), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["files"][0]["rejected"] == 1
    assert main(["--db", str(db), "import", str(refused), "--json"]) == 2
    entry = json.loads(capsys.readouterr().out)["files"][0]
    assert (entry["status"], entry["batch_id"]) == ("refused", None)

    # the same as a real process, the worst file deciding
    done = subprocess.run(
        [sys.executable, "-m", "shopdesk", "--db", str(db), "import", str(good), str(refused), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    files = json.loads(done.stdout)["files"]
    assert [(f["status"], f["unchanged"]) for f in files] == [("loaded", 3), ("refused", 0)]
