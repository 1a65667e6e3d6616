"""Files shopdesk must refuse as a whole (DESIGN.md "Imports"): nothing is written,
not even an import batch, and the message tells the user what to do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from shopdesk.services.imports import import_file
from tests.builders import douyin, excel_resave, jd, pdd, taobao
from tests.builders.dbcheck import counts, dump, rows

JD_ROWS = [
    dict(order_id="290284494314", items=[{}, {"item_id": "10009558631"}]),
    dict(order_id="290494121061", status="等待出库"),
]


def excel_damaged_jd_ids(tmp_path: Path) -> Path:
    return excel_resave(jd.write_orders(tmp_path / "jd_orders.csv", JD_ROWS))


def excel_resaved_taobao(tmp_path: Path) -> Path:
    # ="…" guards keep the order numbers, but the dates lose their seconds
    path = taobao.write_order_list(tmp_path / "ExportOrderList.csv", [dict(order_id="3302305243094339242")])
    return excel_resave(path)


def excel_resaved_douyin_dates(tmp_path: Path) -> Path:
    return excel_resave(
        douyin.write_orders(tmp_path / "抖店订单导出.csv", [dict(order_id="6922443592886034280")])
    )


def unknown_header(tmp_path: Path) -> Path:
    path = tmp_path / "report.csv"
    path.write_bytes("日期,仓库,库存数量,备注\r\n2026-11-01,杭州仓,12,\r\n".encode("gbk"))
    return path


def undecodable_header(tmp_path: Path) -> Path:
    path = tmp_path / "orders.csv"
    path.write_bytes("订单号,".encode("gbk") + b"\xff\xfe\xfd\x80,\xff\xff\r\n1,2\r\n")
    return path


def empty_file(tmp_path: Path) -> Path:
    path = tmp_path / "ExportOrderList.csv"
    path.write_bytes(b"")
    return path


def missing_file(tmp_path: Path) -> Path:
    return tmp_path / "does_not_exist.csv"


def zip_with_wrong_password(tmp_path: Path) -> Path:
    data = jd.write_orders(tmp_path / "inner.csv", JD_ROWS).read_bytes()
    return jd.write_zip(tmp_path / "订单导出.zip", "订单导出.csv", data, "802417")


def broken_workbook(tmp_path: Path) -> Path:
    path = taobao.write_qianniu_xlsx(tmp_path / "千牛.xlsx", [dict(order_id="4102345678901234567")], [])
    path.write_bytes(path.read_bytes()[:1500])
    return path


CASES: list[tuple[str, Callable[[Path], Path], str | None, str | None]] = [
    # (story, file maker, expected code, password given)
    ("Excel turned JD order numbers into 2.90284E+11", excel_damaged_jd_ids, "excel_damaged_id", None),
    (
        "a Taobao file re-saved in Excel (dates 2026/11/2 10:00)",
        excel_resaved_taobao,
        "excel_resaved_dates",
        None,
    ),
    ("a Douyin file re-saved in Excel", excel_resaved_douyin_dates, "excel_resaved_dates", None),
    ("a spreadsheet that is no platform export", unknown_header, "unknown_header", None),
    ("a header that is neither UTF-8 nor GBK", undecodable_header, "encoding", None),
    ("an empty file", empty_file, None, None),
    ("a file that is not there", missing_file, "missing", None),
    ("a JD ZIP opened with the wrong password", zip_with_wrong_password, "zip_password_wrong", "123456"),
    ("a JD ZIP opened without a password", zip_with_wrong_password, "zip_password", None),
    ("a truncated 千牛 workbook", broken_workbook, "broken_workbook", None),
]


@pytest.fixture
def db_with_orders(db, tmp_path: Path):
    """A database that already holds an import, so "nothing changed" means something."""
    first = tmp_path / "earlier"
    first.mkdir()
    result = import_file(
        db, douyin.write_orders(first / "抖店订单导出.csv", [dict(order_id="6900000000000000001")])
    )
    assert result.status == "loaded"
    return db


@pytest.mark.parametrize(("story", "make", "code", "password"), CASES, ids=[c[0] for c in CASES])
def test_a_file_that_cannot_be_read_is_refused_and_changes_nothing(
    db_with_orders, tmp_path: Path, story, make, code, password
) -> None:
    db = db_with_orders
    before_counts, before = counts(db), dump(db)
    batches = rows(db, "SELECT * FROM import_batch")

    result = import_file(db, make(tmp_path), password=password)

    assert result.status == "refused", f"{story}: {result.message}"
    assert result.message.strip()
    if code is not None:
        assert result.code == code
    assert result.batch_id is None
    assert (result.added, result.updated, result.unchanged, result.rejected) == (0, 0, 0, 0)
    assert counts(db) == before_counts
    assert dump(db) == before
    assert rows(db, "SELECT * FROM import_batch") == batches


def test_excel_damage_message_asks_for_a_fresh_export(db, tmp_path: Path) -> None:
    result = import_file(db, excel_damaged_jd_ids(tmp_path))
    assert result.status == "refused"
    assert "订单号" in result.message  # names the damaged column
    assert "E+" in result.message or "Excel" in result.message


def test_the_excel_resave_builder_damages_like_excel(tmp_path: Path) -> None:
    path = excel_damaged_jd_ids(tmp_path)
    text = path.read_bytes().decode("gbk")
    assert "2.90284E+11" in text and "290284494314" not in text
    assert "2026/11/2 8:39" in text and "2026-11-02 08:39:48" not in text
    assert text.endswith("\r\n")


HEADER_ONLY = {
    "taobao": lambda p: taobao.write_order_list(p / "ExportOrderList.csv", []),
    "jd": lambda p: jd.write_orders(p / "jd_orders.csv", []),
    "pdd": lambda p: pdd.write_orders(p / "orders_export.csv", []),
    "douyin": lambda p: douyin.write_orders(p / "抖店订单导出.csv", []),
}


@pytest.mark.parametrize("platform", sorted(HEADER_ONLY))
def test_an_export_without_orders_loads_nothing_and_does_not_crash(db, tmp_path: Path, platform) -> None:
    result = import_file(db, HEADER_ONLY[platform](tmp_path))
    assert result.status in ("loaded", "refused")
    assert result.status == "refused" or (result.added, result.rejected) == (0, 0)
    assert rows(db, "SELECT COUNT(*) FROM orders") == [(0,)]


@pytest.mark.parametrize("bad_line", [6, 8001])  # in the head read for the header, and far beyond it
def test_bytes_that_are_not_text_are_refused_with_their_line(db, tmp_path: Path, bad_line: int) -> None:
    rows = [dict(order_id=f"6920000000{i:09d}") for i in range(max(20, bad_line))]
    path = douyin.write_orders(tmp_path / "抖店订单导出.csv", rows)
    lines = path.read_bytes().split(b"\n")
    lines[bad_line - 1] = lines[bad_line - 1].replace(b",", b",\xff\xfe", 1)
    path.write_bytes(b"\n".join(lines))
    result = import_file(db, path)
    assert (result.status, result.code) == ("refused", "encoding")
    assert f"第 {bad_line} 行" in result.message and "UTF-8" in result.message
    assert counts(db)["orders"] == 0


def test_the_line_of_bad_bytes_is_found_in_every_encoding_and_across_reads() -> None:
    import codecs

    from shopdesk.importers.encoding import first_undecodable_line

    body = "订单,中文\n".encode() * 150_000  # over a megabyte: a read cuts a character
    assert first_undecodable_line(codecs.BOM_UTF8 + body, "utf-8-sig") is None
    assert first_undecodable_line(codecs.BOM_UTF8 + body + b"ok\n\xff\n", "utf-8-sig") == 150_002
    assert first_undecodable_line(codecs.BOM_UTF8 + "表头\n中".encode() + b"\xe4\n", "utf-8-sig") == 2
    gbk = "表头,行\n".encode("gb18030") * 3 + b"\x81\x20\n"
    assert first_undecodable_line(gbk, "gb18030") == 4
    utf16 = codecs.BOM_UTF16_LE + "表头,行\n".encode("utf-16-le") * 3 + b"\x00\xd8\x41\x00"
    assert first_undecodable_line(utf16, "utf-16") == 4


def test_bytes_that_are_not_text_in_a_column_never_read_still_refuse_the_file(db, tmp_path: Path) -> None:
    """A UTF-8 file is checked whole (its cells are then parsed unchecked): bad
    bytes in the address, a column the import leaves out, say the file is damaged."""
    path = douyin.write_orders(
        tmp_path / "抖店订单导出.csv", [dict(order_id=f"6920{i:015d}") for i in range(9000)]
    )
    lines = path.read_bytes().split(b"\n")
    header = lines[0].decode("utf-8-sig").split(",")
    cells = lines[8000].split(b",")
    cells[header.index("详细地址")] = b"\xe4\xb8"  # a character cut short
    lines[8000] = b",".join(cells)
    path.write_bytes(b"\n".join(lines))
    result = import_file(db, path)
    assert (result.status, result.code) == ("refused", "encoding")
    assert "第 8001 行" in result.message
    assert counts(db)["orders"] == 0


def test_an_export_cut_short_in_a_character_is_refused_without_a_traceback(
    db, tmp_path: Path, monkeypatch
) -> None:
    """A copy that stopped mid-file ends in half a row cut inside a character:
    pyarrow decodes that short row to hand it over and fails inside its own
    callback, which Python printed as a traceback ("Exception ignored in …") on
    stderr; the user is told only of the refusal, with the line."""
    import sys

    rows = [dict(order_id=f"6920{i:015d}") for i in range(30)]
    path = douyin.write_orders(tmp_path / "抖店订单导出.csv", rows)
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex("青".encode()) + 1])  # the last row stops inside 青
    printed: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", printed.append)  # what Python would print
    result = import_file(db, path)
    assert (result.status, result.code) == ("refused", "encoding")
    assert "第 31 行" in result.message
    assert printed == []
    assert sys.unraisablehook == printed.append  # put back as it was
    assert counts(db)["orders"] == 0


def test_utf8_is_checked_across_the_reads_blocks(monkeypatch) -> None:
    from shopdesk.importers import encoding

    text = "订单号,标题\n1,青禾加绒保暖卫衣 😀\n".encode()
    for block in (1, 2, 3, 5, 8, 64):
        monkeypatch.setattr(encoding, "UTF8_BLOCK", block)
        assert encoding.is_utf8(text)
        for at in range(len(text) + 1):
            assert not encoding.is_utf8(text[:at] + b"\xff" + text[at:])
            try:
                text[:at].decode()
            except UnicodeDecodeError:
                assert not encoding.is_utf8(text[:at])  # a character cut at the end
            else:
                assert encoding.is_utf8(text[:at])
