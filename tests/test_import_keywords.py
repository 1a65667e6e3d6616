"""Search keyword reports → keyword_stat: the 生意参谋 搜索分析 report, whose date
range is only in its 统计时间 title row, and 京东商智's per-day keyword CSV."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from shopdesk.cli import main
from shopdesk.services.imports import import_file
from shopdesk.services.imports.history import undo_import
from tests.builders import reports
from tests.builders.dbcheck import rows, scalar

D = Decimal
COLUMNS = (
    "date_from, date_to, keyword, search_popularity, click_popularity, click_rate, conversion, "
    "online_items, competition, ref_price_fen"
)

KEYWORDS = [
    dict(keyword="连衣裙女秋冬", search_popularity=148352, click_popularity=117839, click_rate=D("1.0702"),
         conversion=D("0.0243"), online_items=859491, ref_price=D("0.65")),
    dict(keyword="收腰连衣裙", search_popularity=79188, click_popularity=199786, click_rate=D("0.5058"),
         conversion=D("0.0648"), online_items=979917, ref_price=D("1.81")),
    dict(keyword="ins风连衣裙", search_popularity=1204, click_popularity=0, click_rate=D("0"),
         conversion=D("0"), online_items=12, ref_price=D("2.96")),
]  # fmt: skip


def stats(db) -> list[tuple]:
    return [
        tuple(float(v) if isinstance(v, Decimal) else v for v in row)
        for row in rows(db, f"SELECT {COLUMNS} FROM keyword_stat ORDER BY date_from, date_to, keyword")
    ]


@pytest.mark.parametrize("suffix", [".xls", ".xlsx"])
def test_sycm_search_report_takes_its_range_from_the_title_row(db, tmp_path: Path, suffix: str) -> None:
    path = reports.sycm_keywords(tmp_path / f"生意参谋_搜索分析{suffix}", KEYWORDS, totals=True)

    result = import_file(db, path)

    assert (result.status, result.platform, result.kind) == ("loaded", "taobao", "keywords")
    assert (result.added, result.rejected) == (3, 0)  # the 合计 row is skipped, not rejected
    # 人气 are indices stored as written ('148,352' → 148352), rates as fractions
    assert stats(db) == [
        ("2026-11-02", "2026-11-08", "ins风连衣裙", 1204, 0, 0.0, 0.0, 12, None, 296),
        ("2026-11-02", "2026-11-08", "收腰连衣裙", 79188, 199786, 0.5058, 0.0648, 979917, None, 181),
        ("2026-11-02", "2026-11-08", "连衣裙女秋冬", 148352, 117839, 1.0702, 0.0243, 859491, None, 65),
    ]
    assert scalar(db, "SELECT COUNT(*) FROM import_reject") == 0


def test_the_shared_sample_keyword_report(db, tmp_path: Path) -> None:
    from tests.helpers.import_files import sample

    result = import_file(db, sample(tmp_path, "生意参谋_搜索分析_关键词.xlsx"))

    assert (result.status, result.kind, result.added, result.rejected) == ("loaded", "keywords", 10, 0)
    assert rows(db, "SELECT DISTINCT date_from, date_to FROM keyword_stat") == [("2026-11-02", "2026-11-08")]
    sql = "SELECT search_popularity, click_popularity, online_items FROM keyword_stat WHERE keyword = :k"
    assert rows(db, sql, k="连衣裙女秋冬") == [(148352, 117839, 859491)]


def test_reimport_is_unchanged_and_a_newer_report_of_the_range_updates(db, tmp_path: Path) -> None:
    first = import_file(db, reports.sycm_keywords(tmp_path / "w45.xls", KEYWORDS))
    again = import_file(db, reports.sycm_keywords(tmp_path / "w45_copy.xlsx", KEYWORDS))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)

    newer = [dict(KEYWORDS[0], search_popularity=150001, click_rate=D("1.1")), *KEYWORDS[1:]]
    update = import_file(db, reports.sycm_keywords(tmp_path / "w45_final.xls", newer))

    assert (update.added, update.updated, update.unchanged, update.rejected) == (0, 1, 2, 0)
    assert scalar(db, "SELECT COUNT(*) FROM keyword_stat") == 3
    assert rows(
        db, "SELECT search_popularity, click_rate, batch_id FROM keyword_stat WHERE keyword = '连衣裙女秋冬'"
    ) == [(150001, 1.1, first.batch_id)]

    undo_import(db, update.batch_id)
    assert rows(
        db, "SELECT search_popularity, click_rate FROM keyword_stat WHERE keyword = '连衣裙女秋冬'"
    ) == [(148352, 1.0702)]


def test_another_range_is_kept_beside_the_first(db, tmp_path: Path) -> None:
    import_file(db, reports.sycm_keywords(tmp_path / "w45.xls", KEYWORDS))

    day = import_file(db, reports.sycm_keywords(tmp_path / "day.xls", KEYWORDS[:1], period="2026-11-09"))
    month = import_file(
        db,
        reports.sycm_keywords(
            tmp_path / "month.xls", KEYWORDS[:1], period=("2026年11月01日", "2026年11月30日")
        ),
    )

    assert (day.added, month.added) == (1, 1)
    assert rows(
        db, "SELECT date_from, date_to FROM keyword_stat WHERE keyword = '连衣裙女秋冬' ORDER BY id"
    ) == [
        ("2026-11-02", "2026-11-08"),
        ("2026-11-09", "2026-11-09"),
        ("2026-11-01", "2026-11-30"),
    ]


def test_a_report_without_its_title_rows_is_refused(db, tmp_path: Path) -> None:
    path = reports.sycm_keywords(tmp_path / "搜索分析.xlsx", KEYWORDS, period=None)

    result = import_file(db, path)

    assert (result.status, result.code) == ("refused", "no_period")
    assert "统计时间" in result.message
    assert scalar(db, "SELECT COUNT(*) FROM keyword_stat") == 0


def test_shop_named_in_the_title_row_and_empty_keywords_rejected(db, tmp_path: Path) -> None:
    path = reports.sycm_keywords(
        tmp_path / "kw.xls",
        [KEYWORDS[0], dict(keyword="", search_popularity=5), dict(keyword="卫衣", search_popularity="高")],
        third="店铺：青禾淘宝旗舰店",
    )

    result = import_file(db, path)

    assert (result.shop, result.added, result.rejected) == ("青禾淘宝旗舰店", 1, 2)
    assert [r.row_number for r in result.rejects] == [7, 8]
    assert "搜索词" in result.rejects[0].reason and "搜索人气" in result.rejects[1].reason


def test_jd_keywords_one_row_per_day(db, tmp_path: Path) -> None:
    path = reports.jdsz_keywords(
        tmp_path / "京东商智_关键词.csv",
        [
            dict(day="2026-11-02", keyword="连衣裙", search_popularity=2430, click_popularity=486,
                 click_rate=D("0.2"), conversion=D("0.04"), competition=77),
            dict(day="2026-11-03", keyword="连衣裙", search_popularity=2500, click_popularity=500,
                 click_rate=D("0.2"), conversion=D("0.041"), competition=78),
        ],
    )  # fmt: skip

    result = import_file(db, path)

    assert (result.status, result.platform, result.kind, result.added) == ("loaded", "jd", "keywords", 2)
    assert stats(db) == [
        ("2026-11-02", "2026-11-02", "连衣裙", 2430, 486, 0.2, 0.04, None, 77.0, None),
        ("2026-11-03", "2026-11-03", "连衣裙", 2500, 500, 0.2, 0.041, None, 78.0, None),
    ]


def test_cli_exit_codes_for_keyword_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.sqlite3")
    good = reports.sycm_keywords(tmp_path / "good.xls", KEYWORDS)
    partial = reports.sycm_keywords(tmp_path / "partial.xls", [dict(keyword="卫衣", search_popularity="高")])
    refused = reports.sycm_keywords(tmp_path / "refused.xls", KEYWORDS, period=None)

    codes = []
    for path in (good, partial, refused):
        codes.append(main(["--db", db, "import", str(path), "--json"]))
        entry = json.loads(capsys.readouterr().out)["files"][0]
        assert entry["kind"] == ("keywords" if entry["status"] == "loaded" else None)
    assert codes == [0, 1, 2]
