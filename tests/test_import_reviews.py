"""Buyer review exports → review: the documented 抖店 商品评价导出 (UTF-8 BOM, ``-``
for empty) and the guessed Taobao/JD layouts; ratings 1–5 from digits, stars or
words, re-imports that add nothing twice."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from shopdesk.cli import main
from shopdesk.services.imports import import_file
from shopdesk.services.imports.history import undo_import
from tests.builders import reviews
from tests.builders.common import excel_number
from tests.builders.dbcheck import rows, scalar
from tests.builders.reports import write_table

ROOT = Path(__file__).resolve().parents[1]
ORDER = 6922443592886034280


def order_id(n: int) -> str:
    return str(ORDER + n)


def stored(db) -> list[tuple]:
    return rows(
        db,
        "SELECT platform_order_id, rating, content, follow_up, replied, reply_content, review_time "
        "FROM review ORDER BY platform_order_id",
    )


def test_douyin_reviews_with_ratings_replies_and_dashes(db, tmp_path: Path) -> None:
    path = reviews.write_douyin(
        tmp_path / "抖店_商品评价导出.csv",
        [
            dict(order_id=order_id(1), rating="5", time="2026-11-08 09:22:33"),
            dict(order_id=order_id(2), rating="3", content="尺码偏小，建议拍大一码",
                 follow_up="换了大一码，合适", replied="是", reply="亲，已为您换货"),
            dict(order_id=order_id(3), rating="1", content="客服态度很差，不理人", replied="是", reply="-"),
            dict(order_id=order_id(4), rating="-", content="-"),
        ],
    )  # fmt: skip
    assert path.read_bytes().startswith(b"\xef\xbb\xbf" + "评价日期,订单ID".encode())

    result = import_file(db, path)

    assert (result.status, result.platform, result.kind) == ("loaded", "douyin", "reviews")
    assert (result.added, result.rejected) == (4, 0)
    assert stored(db) == [
        (order_id(1), 5, "面料很舒服，颜色正", None, False, None, "2026-11-08 09:22:33"),
        (
            order_id(2),
            3,
            "尺码偏小，建议拍大一码",
            "换了大一码，合适",
            True,
            "亲，已为您换货",
            "2026-11-08 09:22:33",
        ),
        (order_id(3), 1, "客服态度很差，不理人", None, True, None, "2026-11-08 09:22:33"),
        (order_id(4), None, None, None, False, None, "2026-11-08 09:22:33"),  # '-' is no rating, not 0
    ]
    assert rows(db, "SELECT DISTINCT platform_item_id, spec FROM review") == [
        ("3690000006623922533", "雾霾蓝;S")
    ]


@pytest.mark.parametrize(
    ("text", "rating"),
    [
        ("5", 5),
        ("4分", 4),
        ("5.0", 5),
        ("★★★★", 4),
        ("★★★☆☆", 3),
        ("★", 1),
        ("好评", 5),
        ("中评", 3),
        ("差评", 1),
    ],
)
def test_ratings_are_read_from_digits_stars_and_words(db, tmp_path: Path, text: str, rating: int) -> None:
    result = import_file(
        db, reviews.write_douyin(tmp_path / "r.csv", [dict(order_id=order_id(1), rating=text)])
    )

    assert (result.added, result.rejected) == (1, 0)
    assert scalar(db, "SELECT rating FROM review") == rating


def test_a_rating_outside_1_to_5_is_rejected_with_its_row(db, tmp_path: Path) -> None:
    path = reviews.write_douyin(
        tmp_path / "r.csv",
        [
            dict(order_id=order_id(1), rating="5"),
            dict(order_id=order_id(2), rating="6"),  # row 3
            dict(order_id=order_id(3), rating="很好"),  # row 4
            dict(order_id=order_id(4), rating="4"),
            dict(order_id=order_id(5), rating="0"),  # row 6
            dict(order_id="", rating="5"),  # row 7: no order, no review ID
        ],
    )

    result = import_file(db, path)

    assert (result.status, result.added, result.rejected) == ("loaded", 2, 4)
    assert [r.row_number for r in result.rejects] == [3, 4, 6, 7]
    assert "商品评价得分" in result.rejects[0].reason and "'6'" in result.rejects[0].reason
    assert [r[0] for r in stored(db)] == [order_id(1), order_id(4)]
    reject = rows(db, "SELECT row_number, raw FROM import_reject ORDER BY row_number")[0]
    assert reject[0] == 3 and json.loads(reject[1])["商品评价得分"] == "6"


def test_reimport_adds_nothing_twice_and_a_later_reply_updates(db, tmp_path: Path) -> None:
    batch = [dict(order_id=order_id(n), rating="4", time=f"2026-11-0{n} 10:00:00") for n in range(1, 4)]
    first = import_file(db, reviews.write_douyin(tmp_path / "r1.csv", batch))
    again = import_file(db, reviews.write_douyin(tmp_path / "r1_again.csv", batch))
    assert (first.added, again.added, again.updated, again.unchanged) == (3, 0, 0, 3)

    batch[0].update(replied="是", reply="谢谢亲的支持")
    later = import_file(
        db,
        reviews.write_douyin(
            tmp_path / "r2.csv", [*batch, dict(order_id=order_id(9), rating="2", time="2026-11-09 08:00:00")]
        ),
    )

    assert (later.added, later.updated, later.unchanged) == (1, 1, 2)
    assert scalar(db, "SELECT COUNT(*) FROM review") == 4
    assert rows(
        db, "SELECT replied, reply_content FROM review WHERE platform_order_id = :o", o=order_id(1)
    ) == [(True, "谢谢亲的支持")]
    undo_import(db, later.batch_id)
    assert scalar(db, "SELECT COUNT(*) FROM review") == 3
    assert rows(
        db, "SELECT replied, reply_content FROM review WHERE platform_order_id = :o", o=order_id(1)
    ) == [(False, None)]


def test_two_reviews_of_one_order_are_two_reviews(db, tmp_path: Path) -> None:
    path = reviews.write_douyin(
        tmp_path / "r.csv",
        [
            dict(order_id=order_id(1), item_id="3690000006623922533", rating="5"),
            dict(order_id=order_id(1), item_id="3690000008801118356", title="青禾高腰A字半身裙", rating="2"),
        ],
    )

    result = import_file(db, path)

    assert result.added == 2
    assert rows(db, "SELECT platform_item_id, rating FROM review ORDER BY rating") == [
        ("3690000008801118356", 2),
        ("3690000006623922533", 5),
    ]


def test_the_shared_sample_review_export(db, tmp_path: Path) -> None:
    from tests.helpers.import_files import sample

    path = sample(tmp_path, "抖店_商品评价导出.csv")
    lines = path.read_text(encoding="utf-8-sig").splitlines()

    result = import_file(db, path)

    assert (result.status, result.kind, result.rejected) == ("loaded", "reviews", 0)
    assert result.added == len(lines) - 1
    assert scalar(db, "SELECT MIN(rating) >= 1 AND MAX(rating) <= 5 FROM review") == 1
    assert import_file(db, path).added == 0


def test_a_taobao_review_export_with_word_ratings(db, tmp_path: Path) -> None:
    path = write_table(
        tmp_path / "评价管理.csv",
        ["评价时间", "订单编号", "宝贝ID", "宝贝标题", "评价等级", "评价内容", "买家昵称", "解释内容"],
        [
            [
                "2026-11-03 12:00:00",
                "3302305243094339242",
                "682160920736",
                "连衣裙",
                "好评",
                "很好看",
                "t**1",
                "",
            ],
            [
                "2026-11-04 12:00:00",
                "3302305243094339243",
                "682160920736",
                "连衣裙",
                "差评",
                "起球",
                "t**2",
                "亲，抱歉",
            ],
        ],
        encoding="gbk",
    )

    result = import_file(db, path)

    assert (result.status, result.platform, result.kind, result.added) == ("loaded", "taobao", "reviews", 2)
    assert rows(db, "SELECT platform_order_id, rating, replied, reply_content FROM review ORDER BY id") == [
        ("3302305243094339242", 5, False, None),
        ("3302305243094339243", 1, True, "亲，抱歉"),
    ]
    # the buyer's nickname is personal: it is in no stored row or reject
    assert "t**" not in json.dumps(rows(db, "SELECT * FROM review"), default=str, ensure_ascii=False)


def test_cli_exit_codes_for_review_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.sqlite3")
    good = reviews.write_douyin(tmp_path / "good.csv", [dict(order_id=order_id(1))])
    partial = reviews.write_douyin(tmp_path / "partial.csv", [dict(order_id=order_id(2), rating="六星")])
    # opened and saved in Excel: the order IDs became 6.92244E+18
    damaged = reviews.write_douyin(tmp_path / "damaged.csv", [dict(order_id=excel_number(order_id(3)))])

    assert main(["--db", db, "import", str(good), "--json"]) == 0
    assert main(["--db", db, "import", str(partial), "--json"]) == 1
    assert main(["--db", db, "import", str(damaged), "--json"]) == 2
    capsys.readouterr()

    done = subprocess.run(
        [sys.executable, "-m", "shopdesk", "--db", db, "import", str(good), str(damaged), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    files = json.loads(done.stdout)["files"]
    assert [(f["kind"], f["status"], f["unchanged"]) for f in files] == [
        ("reviews", "loaded", 1),
        (None, "refused", 0),
    ]
    assert "Excel" in files[1]["message"]
