"""Listing exports → listing (+ product by 商家编码, listing_revision on change):
淘宝助理's UTF-16 file with three header lines, and a back-end product list whose
columns fit every platform."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from shopdesk.cli import main
from shopdesk.services.imports import import_file
from shopdesk.services.imports.history import UndoRefused, undo_import
from tests.builders import listings
from tests.builders.dbcheck import rows, scalar

ROOT = Path(__file__).resolve().parents[1]

DRESS = dict(
    title="2026秋冬新款青禾显瘦收腰连衣裙女装百搭气质",
    price="89.90",
    num="49",
    approve_status="0",
    picture=["qh2600_0.jpg", "qh2600_1.jpg", "qh2600_2.jpg"],
    outer_id="QH2600",
    num_id="682160920736",
    subtitle="显瘦百搭，四季可穿",
)
TEE = dict(
    title="青禾纯棉宽松T恤女",
    price="159.90",
    num="469",
    approve_status="1",
    picture=["qh2601_0.jpg"],
    outer_id="QH2601",
    num_id="689325773254",
    subtitle="",
)
HOODIE = dict(
    title="青禾加绒保暖卫衣",
    price="1,299.00",
    num="0",
    approve_status="instock",
    outer_id="QH2602",
    num_id="700000000001",
)
LISTING = (
    "l.platform_item_id, l.title, l.selling_points, l.main_images, l.platform_category, l.price_fen, "
    "l.stock, l.status, p.outer_id"
)


def stored(db) -> list[tuple]:
    sql = f"SELECT {LISTING} FROM listing l LEFT JOIN product p ON p.id = l.product_id"
    return rows(db, sql + " ORDER BY l.platform_item_id")


def test_assistant_file_creates_listings_and_products(db, tmp_path: Path) -> None:
    path = listings.write_assistant(tmp_path / "淘宝助理_宝贝导出.csv", [DRESS, TEE, HOODIE])
    head = path.read_bytes()
    assert head.startswith(b"\xff\xfe" + "version 1.00\r\ntitle\tcid".encode("utf-16-le"))

    result = import_file(db, path)

    assert (result.status, result.platform, result.kind) == ("loaded", "taobao", "listings")
    # line 3 (the Chinese names) is not a listing
    assert (result.added, result.updated, result.unchanged, result.rejected) == (3, 0, 0, 0)
    assert stored(db) == [
        (
            "682160920736",
            "2026秋冬新款青禾显瘦收腰连衣裙女装百搭气质",
            "显瘦百搭，四季可穿",
            '["qh2600_0.jpg", "qh2600_1.jpg", "qh2600_2.jpg"]',
            "50010850",
            8990,
            49,
            "on_sale",
            "QH2600",
        ),
        ("689325773254", "青禾纯棉宽松T恤女", None, '["qh2601_0.jpg"]', "50010850", 15990, 469,
         "off_shelf", "QH2601"),
        ("700000000001", "青禾加绒保暖卫衣", "显瘦百搭，四季可穿", '["qh2602_0.jpg"]', "50010850",
         129900, 0, "off_shelf", "QH2602"),
    ]  # fmt: skip
    assert json.loads(stored(db)[0][3]) == ["qh2600_0.jpg", "qh2600_1.jpg", "qh2600_2.jpg"]
    assert rows(db, "SELECT outer_id, name FROM product ORDER BY outer_id") == [
        ("QH2600", "2026秋冬新款青禾显瘦收腰连衣裙女装百搭气质"),
        ("QH2601", "青禾纯棉宽松T恤女"),
        ("QH2602", "青禾加绒保暖卫衣"),
    ]
    assert scalar(db, "SELECT COUNT(*) FROM listing_revision") == 0


def test_the_shared_sample_assistant_file(db, tmp_path: Path) -> None:
    from tests.helpers.import_files import sample

    result = import_file(db, sample(tmp_path, "淘宝助理_宝贝导出.csv"))

    assert (result.status, result.added, result.rejected) == ("loaded", 40, 0)
    assert scalar(db, "SELECT COUNT(*) FROM product") == 40
    assert rows(
        db, "SELECT title, main_images, status FROM listing WHERE platform_item_id = '682160920736'"
    ) == [
        (
            "2026秋冬新款青禾显瘦收腰连衣裙女装百搭气质",
            '["qh2600_0.jpg", "qh2600_1.jpg", "qh2600_2.jpg", "qh2600_3.jpg", "qh2600_4.jpg"]',
            "on_sale",
        )
    ]


def test_a_row_without_item_id_is_rejected_with_its_line_number(db, tmp_path: Path) -> None:
    path = listings.write_assistant(
        tmp_path / "items.csv",
        [DRESS, dict(TEE, num_id=""), dict(HOODIE, price="面议"), dict(TEE, num_id="1")],
    )

    result = import_file(db, path)

    assert (result.added, result.rejected) == (2, 2)
    # version line, English names, Chinese names: the first item is line 4
    assert [r.row_number for r in result.rejects] == [5, 6]
    assert "num_id" in result.rejects[0].reason and "price" in result.rejects[1].reason


def test_reimport_with_a_changed_title_updates_and_keeps_a_revision(db, tmp_path: Path) -> None:
    first = import_file(db, listings.write_assistant(tmp_path / "v1.csv", [DRESS, TEE]))
    same = import_file(db, listings.write_assistant(tmp_path / "v1_again.csv", [DRESS, TEE]))
    assert (same.added, same.updated, same.unchanged) == (0, 0, 2)

    renamed = dict(DRESS, title="青禾显瘦收腰连衣裙女 2026新款")
    second = import_file(db, listings.write_assistant(tmp_path / "v2.csv", [renamed, TEE, HOODIE]))

    assert (second.added, second.updated, second.unchanged, second.rejected) == (1, 1, 1, 0)
    assert rows(db, "SELECT title FROM listing WHERE platform_item_id = '682160920736'") == [
        ("青禾显瘦收腰连衣裙女 2026新款",)
    ]
    revisions = rows(
        db,
        "SELECT l.platform_item_id, r.field, r.old_value, r.new_value, r.source "
        "FROM listing_revision r JOIN listing l ON l.id = r.listing_id",
    )
    assert revisions == [("682160920736", "title", DRESS["title"], "青禾显瘦收腰连衣裙女 2026新款", "import")]

    undo_import(db, second.batch_id)

    assert stored(db)[0][1] == DRESS["title"]
    assert rows(db, "SELECT platform_item_id, batch_id FROM listing ORDER BY platform_item_id") == [
        ("682160920736", first.batch_id),
        ("689325773254", first.batch_id),
    ]


def test_undo_leaves_the_revision_history_telling_the_truth(db, tmp_path: Path) -> None:
    import_file(db, listings.write_assistant(tmp_path / "v1.csv", [DRESS]))
    second = import_file(
        db, listings.write_assistant(tmp_path / "v2.csv", [dict(DRESS, title="青禾连衣裙 新")])
    )

    undo_import(db, second.batch_id)

    latest = rows(db, "SELECT new_value FROM listing_revision WHERE field = 'title' ORDER BY id DESC LIMIT 1")
    assert latest in ([], [(DRESS["title"],)])


def test_undoing_an_import_a_later_one_built_on_is_refused(db, tmp_path: Path) -> None:
    first = import_file(db, listings.write_assistant(tmp_path / "v1.csv", [DRESS]))
    import_file(db, listings.write_assistant(tmp_path / "v2.csv", [dict(DRESS, title="青禾连衣裙 新")]))

    with pytest.raises(UndoRefused):
        undo_import(db, first.batch_id)
    assert stored(db)[0][1] == "青禾连衣裙 新"


# --- a product list that fits every platform ---------------------------------------------------------

PRODUCTS = [
    dict(item_id="3690000006623922533", title="青禾中长款风衣", price="199.00", stock="20",
         outer_id="QH2631", status="在售", images=["https://img.example.cn/a.jpg", "https://img.example.cn/b.jpg"]),
    dict(item_id="3690000003048053998", title="青禾加绒保暖卫衣", price="¥129.00", stock="0",
         outer_id="QH2632", status="已下架", images=[]),
]  # fmt: skip


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_product_list_that_fits_several_platforms_asks_which(db, tmp_path: Path, suffix: str) -> None:
    path = listings.write_product_list(tmp_path / f"商品列表{suffix}", PRODUCTS)

    refused = import_file(db, path)

    assert (refused.status, refused.code) == ("refused", "ambiguous_platform")
    assert "--platform" in refused.message
    assert scalar(db, "SELECT COUNT(*) FROM listing") == 0

    loaded = import_file(db, path, platform="douyin")

    assert (loaded.status, loaded.platform, loaded.kind, loaded.added, loaded.rejected) == (
        "loaded",
        "douyin",
        "listings",
        2,
        0,
    )
    assert stored(db) == [
        ("3690000003048053998", "青禾加绒保暖卫衣", None, None, None, 12900, 0, "off_shelf", "QH2632"),
        ("3690000006623922533", "青禾中长款风衣", None,
         '["https://img.example.cn/a.jpg", "https://img.example.cn/b.jpg"]', None, 19900, 20, "on_sale",
         "QH2631"),
    ]  # fmt: skip
    assert rows(db, "SELECT platform FROM shop") == [("douyin",)]


def test_one_product_listed_on_two_platforms_is_one_product(db, tmp_path: Path) -> None:
    import_file(db, listings.write_assistant(tmp_path / "tb.csv", [DRESS]))
    jd_list = listings.write_product_list(
        tmp_path / "jd.xlsx",
        [dict(item_id="100012345678", title="青禾连衣裙", price="99.00", outer_id="QH2600")],
    )

    result = import_file(db, jd_list, platform="jd")

    assert (result.status, result.added) == ("loaded", 1)
    assert scalar(db, "SELECT COUNT(*) FROM product") == 1
    assert rows(
        db,
        "SELECT s.platform, l.platform_item_id FROM listing l JOIN shop s ON s.id = l.shop_id "
        "JOIN product p ON p.id = l.product_id WHERE p.outer_id = 'QH2600' ORDER BY s.platform",
    ) == [("jd", "100012345678"), ("taobao", "682160920736")]


def test_cli_exit_codes_for_listing_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.sqlite3")
    good = listings.write_assistant(tmp_path / "good.csv", [DRESS, TEE])
    partial = listings.write_assistant(tmp_path / "partial.csv", [HOODIE, dict(TEE, num_id="")])
    ambiguous = listings.write_product_list(tmp_path / "list.xlsx", PRODUCTS)

    assert main(["--db", db, "import", str(good), "--json"]) == 0
    assert main(["--db", db, "import", str(partial), "--json"]) == 1
    assert main(["--db", db, "import", str(ambiguous), "--json"]) == 2
    outputs = [json.loads(part) for part in capsys.readouterr().out.replace("}\n{", "}\n\x00{").split("\x00")]
    assert [(f["status"], f["added"], f["rejected"]) for o in outputs for f in o["files"]] == [
        ("loaded", 2, 0),
        ("loaded", 1, 1),
        ("refused", 0, 0),
    ]

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "shopdesk",
            "--db",
            db,
            "import",
            str(ambiguous),
            "--platform",
            "pdd",
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    entry = json.loads(done.stdout)["files"][0]
    assert (entry["platform"], entry["kind"], entry["added"]) == ("pdd", "listings", 2)
