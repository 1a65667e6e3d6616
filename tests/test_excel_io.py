"""Rejected rows go to Excel exactly as the platform wrote them, and never as formulas."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from shopdesk.services.database import Database
from shopdesk.services.excel_io import RejectHeadings, batch_rejects, write_rejects
from shopdesk.services.imports import import_file
from shopdesk.services.imports.reading import Reject

HEADER = (
    "商品,订单号,订单状态,商品总价(元),邮费(元),用户实付金额(元),商品数量(件),"
    "订单成交时间,商品id,商品规格,商家编码-商品维度"
)


def write_pdd(path: Path, *rows: str) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8-sig")
    return path


def cells(path: Path) -> list[list[object]]:
    sheet = load_workbook(path).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_formula_like_texts_stay_text(tmp_path: Path) -> None:
    rejects = [
        Reject(4, "=bad reason", {"商品": "=SUM(A1)", "备注": "+86 138", "编码": "-5", "邮箱": "@x"}),
        Reject(9, "tab", {"商品": "\t=1+1", "备注": "普通文字\x01"}),
        Reject(12, "unsplittable", {"": "261101-1,待发货"}),
    ]
    path = write_rejects(
        tmp_path / "rejects.xlsx", rejects, RejectHeadings("行号", "原因", "原始行", "被拒行")
    )
    book = load_workbook(path)
    sheet = book.active
    assert sheet.title == "被拒行"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    rows = cells(path)
    assert rows[0] == ["行号", "原因", "商品", "备注", "编码", "邮箱", "原始行"]
    assert rows[1] == [4, "=bad reason", "=SUM(A1)", "+86 138", "-5", "@x", None]
    assert rows[2] == [9, "tab", "\t=1+1", "普通文字", None, None, None]  # control character dropped
    assert rows[3][0] == 12 and rows[3][-1] == "261101-1,待发货"
    assert sheet["C2"].quotePrefix and not sheet["B3"].quotePrefix


def test_rejects_of_a_batch_are_read_back_and_exported(db: Database, tmp_path: Path) -> None:
    source = write_pdd(
        tmp_path / "pdd.csv",
        "纯棉T恤,261101-000000000001,待发货,59.00,0.00,59.00,1,2026-11-01 10:00:00,1001,白色 L,TS-01",
        "=SUM(A1),261101-000000000002,待发货,abc,0.00,59.00,1,2026-11-01 10:00:00,1001,白色 L,TS-01",
    )
    result = import_file(db, source)
    assert (result.added, result.rejected) == (1, 1)
    rejects = batch_rejects(db, result.batch_id)
    assert [r.row_number for r in rejects] == [3]
    assert rejects[0].raw["商品"] == "=SUM(A1)"
    path = write_rejects(tmp_path / "out.xlsx", rejects)
    rows = cells(path)
    assert rows[0][:3] == ["Row", "Reason", "商品"]
    assert rows[1][0] == 3 and rows[1][2] == "=SUM(A1)" and rows[1][3] == "261101-000000000002"
    assert load_workbook(path).active["C2"].data_type == "s"
