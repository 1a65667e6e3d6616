"""Rejected rows' cells as read: taken a column at a time, the same as cell by cell."""

from __future__ import annotations

import pyarrow as pa

from shopdesk.importers.sources import Sheet


def test_raw_rows_are_the_cells_as_read_whether_kept_or_read_again() -> None:
    header = ["订单号", "收件人", "状态", "", "金额"]
    file_rows = {  # row number → cells in header order, as the file gives them back
        n: [f"69{n:04d}", f"买家{n}", "新状态" if n % 2 else "已完成", "", f"{n}.00"] for n in range(2, 12)
    }
    numbers = list(file_rows)
    columns = [pa.array([file_rows[n][j] for n in numbers]) for j in range(len(header))]
    asked: list[list[int]] = []

    def reread(wanted: list[int]) -> dict[int, list[str]]:
        asked.append(list(wanted))
        return {n: file_rows[n] for n in wanted if n != 9}  # row 9 not found again

    sheet = Sheet("x.csv", header, columns, pa.array(numbers), reread=reread)
    sheet.release(4)  # the amounts were parsed: their text is read again when needed
    indices = [7, 0, 3]
    found = sheet.raw_rows(indices, leave_out={"收件人", ""})
    assert found == [
        {"订单号": "690009", "状态": "新状态", "金额": None},
        {"订单号": "690002", "状态": "已完成", "金额": "2.00"},
        {"订单号": "690005", "状态": "新状态", "金额": "5.00"},
    ]
    assert asked == [[9, 2, 5]]
    assert sheet.raw_rows([]) == []
    everything = sheet.raw_rows([1])
    assert everything == [{"订单号": "690003", "收件人": "买家3", "状态": "新状态", "": "", "金额": "3.00"}]


def test_blank_first_cells_are_found_as_a_full_trim_finds_them() -> None:
    """The last-byte shortcut of drop_footer_rows agrees with trimming every cell,
    for cells made of guards, spaces of every kind, digits and Chinese text."""
    import random

    import pyarrow.compute as pc

    from shopdesk.importers.sources import _blank_cells, _trimmed

    pieces = ["\t", " ", '"', "=", "\ufeff", "\u3000", "\u00a0", "\r", "6", "9", "订", "'", "-", "\u200b"]
    rng = random.Random(4)
    cells = ["", "6922443592886034872", "\t6922443592886034872", '="69"', "\u3000=\u3000", "合计"]
    cells += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(5000)]
    for column in (pa.array(cells), pa.array([*cells, None]), pa.array(cells, pa.large_string()).slice(3)):
        expected = pc.fill_null(pc.equal(pc.utf8_length(_trimmed(column)), 0), True).to_pylist()
        assert _blank_cells(column).to_pylist() == expected
        assert any(expected) and not all(expected)
    filled = pa.array([f"\t69{n}" for n in range(1000)])  # an export's order numbers: no cell trimmed
    assert not pc.any(_blank_cells(filled)).as_py()
