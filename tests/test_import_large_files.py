"""A large text export is read with less memory: its columns are cleaned on two
threads, and the text of columns parsed into amounts and dates is let go and
read again from the file for the rows that are rejected. What the user sees —
the rejected rows, their numbers, reasons and cells — must not change."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopdesk.importers import frame, sources
from shopdesk.services.database import open_database
from shopdesk.services.imports import import_file
from tests.builders import douyin, taobao

BAD_DOUYIN = [
    dict(order_id="6920000000000000001", memo="第一行\n备注换行"),  # a quoted cell over two lines
    dict(order_id="6920000000000000002", items=[dict(payable="12.3.4")]),
    dict(order_id="6920000000000000003", paid_time="昨天下午"),
    dict(order_id="6920000000000000004", status="神秘状态"),
    dict(order_id="6920000000000000005", items=[dict(payable="-"), dict(price="abc")]),
    dict(order_id="6920000000000000006", created="2026/11/04 10:00:00"),
]
BAD_TAOBAO = [
    dict(order_id="3302305243094339001", paid="七十九"),
    dict(order_id="3302305243094339002", paid_time="2026-13-45 99:00:00"),
    dict(order_id="3302305243094339003", memo="备注，带逗号\n和换行", paid="-"),
    dict(order_id="3302305243094339004"),
]


def _rejects(tmp_path: Path, path: Path) -> list[tuple]:
    tmp_path.mkdir(exist_ok=True)
    db = open_database(tmp_path / "shop.sqlite3")
    try:
        result = import_file(db, path, dry_run=True)
        assert result.status == "loaded", result.message
        return [(r.row_number, r.reason, r.raw) for r in result.rejects]
    finally:
        db.close()


@pytest.mark.parametrize(
    "write",
    [
        lambda p: douyin.write_orders(p / "抖店订单导出.csv", BAD_DOUYIN),  # UTF-8 with BOM, tab guards
        lambda p: taobao.write_order_list(p / "ExportOrderList202611091200.csv", BAD_TAOBAO),  # GBK
    ],
)
def test_released_columns_give_the_same_rejects(tmp_path: Path, monkeypatch, write) -> None:
    path = write(tmp_path)
    kept = _rejects(tmp_path, path)
    monkeypatch.setattr(sources, "REREAD_MIN_ROWS", 1)
    monkeypatch.setattr(frame, "PREFETCH_MIN_ROWS", 1)
    released = _rejects(tmp_path / "released", path)
    assert len(kept) >= 3
    assert any(
        "12.3.4" in reason or "七十九" in reason for _n, reason, _raw in kept
    )  # the bad cell is quoted
    assert sorted(released) == sorted(kept)


def test_rows_read_again_are_those_pyarrow_numbered(tmp_path: Path) -> None:
    """Row numbers count records, not lines: a cell over two lines does not shift them."""
    path = douyin.write_orders(tmp_path / "抖店订单导出.csv", BAD_DOUYIN)
    sheet = sources.read_sheets(path, lambda header: sum(h in douyin.HEADER for h in header))[0]
    assert sheet.reread is None  # a small file keeps its text
    again = sources._rereader(path, "utf-8-sig", ",", 0, list(range(len(sheet.header))))
    numbers = sheet.row_numbers.to_pylist()
    rows = again(numbers)
    for index, number in enumerate(numbers):
        assert rows[number][0].strip() == sheet.columns[0][index].as_py().strip()
    assert "备注换行" in rows[2][sheet.header.index("商家备注")]


def test_cells_over_several_lines_survive_a_block_cut_through_them(tmp_path: Path, monkeypatch) -> None:
    """pyarrow reads blocks cut at any newline first (in parallel); a quoted cell
    spanning lines across a cut must make it read the file again, not lose or
    split rows."""
    orders = [
        dict(order_id=f"69200000000{n:08d}", memo=f"第{n}单\n备注换行\n再一行" if n % 3 == 0 else "")
        for n in range(400)
    ]
    path = douyin.write_orders(tmp_path / "抖店订单导出.csv", orders)
    whole = sources.read_sheets(path, lambda header: sum(h in douyin.HEADER for h in header))[0]
    monkeypatch.setattr(sources, "BLOCK_BYTES", 1000)  # dozens of cuts, some inside the memos
    cut = sources.read_sheets(path, lambda header: sum(h in douyin.HEADER for h in header))[0]
    assert cut.num_rows == whole.num_rows == 400
    assert not cut.skipped_rows
    memo = cut.header.index("商家备注")
    assert cut.columns[memo].to_pylist() == whole.columns[memo].to_pylist()
    assert cut.columns[memo][3].as_py().strip() == "第3单\n备注换行\n再一行"
    assert cut.row_numbers.to_pylist() == whole.row_numbers.to_pylist()


@pytest.mark.parametrize(
    "write",
    [
        lambda p: douyin.write_orders(p / "抖店订单导出.csv", BAD_DOUYIN),  # UTF-8 with BOM
        lambda p: taobao.write_order_list(p / "ExportOrderList202611091200.csv", BAD_TAOBAO),  # GBK
    ],
)
def test_a_local_file_is_parsed_through_a_map_and_one_on_a_share_with_reads(
    tmp_path: Path, monkeypatch, write
) -> None:
    """Both ways give the same sheet; a file on a network share is never mapped
    (a share dropping under a map would end the process)."""
    path = write(tmp_path)
    opened: list[str] = []
    real = sources._opened

    def spy(source):
        stream = real(source)
        opened.append(type(stream).__name__)
        return stream

    monkeypatch.setattr(sources, "_opened", spy)
    score = lambda header: sum(h in douyin.HEADER or h in taobao.ORDER_HEADER for h in header)  # noqa: E731
    local = sources.read_sheets(path, score)[0]
    monkeypatch.setattr(sources, "is_network_path", lambda _path: True)
    shared = sources.read_sheets(path, score)[0]
    assert opened == ["MemoryMappedFile", "OSFile"]
    assert local.header == shared.header and local.num_rows == shared.num_rows > 0
    assert [c.to_pylist() for c in local.columns] == [c.to_pylist() for c in shared.columns]
