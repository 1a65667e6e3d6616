"""Small openpyxl helpers every report sheet shares: typed cells, table
headings, column widths, print setup, and a save that never leaves half a file.

Why these exist rather than plain ``cell.value = x``:
- text from platforms and users (titles, keywords, explanations) may start with
  ``=`` or ``@``; it goes through :func:`shopdesk.services.excel_io.set_text`,
  so it stays inert text (DESIGN.md, Safety);
- money is Decimal all the way to the cell (openpyxl writes Decimal as a
  number), with a ``#,##0.00`` format, so no float arithmetic ever touches it;
- unknown figures (``None``) show as "—" rather than a misleading 0;
- a boss opens the workbook in Excel and prints it: readable widths for
  Chinese text, frozen headings, landscape, one page wide.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from shopdesk.services.excel_io import set_text

MONEY = "#,##0.00"
RATE = "0.00%"
COUNT = "#,##0"
# Relative change with an arrow; red for up, green for down, as Chinese reports colour them.
CHANGE = '[Red]"▲"0.00%;[Color10]"▼"0.00%;0.00%'
DAY = "yyyy-mm-dd"
TIME = "yyyy-mm-dd hh:mm"
MISSING = "—"

HEADING_FILL = PatternFill("solid", fgColor="1F4E79")
HEADING_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=16, color="1F4E79")
SECTION_FONT = Font(bold=True, size=12, color="1F4E79")
NOTE_FONT = Font(italic=True, color="7F7F7F")
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MIN_WIDTH, MAX_WIDTH = 8, 50


class ReportWriteError(Exception):
    """The workbook could not be written (the message says why, for the user)."""


@dataclass(frozen=True)
class Col:
    """One column of a table: heading and how its values are written."""

    heading: str
    kind: str = "text"  # text | money | rate | change | count | day | time
    width: int | None = None  # fixed width; None sizes it from the content


FORMATS = {"money": MONEY, "rate": RATE, "change": CHANGE, "count": COUNT, "day": DAY, "time": TIME}


def put(cell: Cell, value: object, kind: str = "text") -> Cell:
    """Write ``value`` the way ``kind`` says; None → "—" for figures, empty for text."""
    if value is None or value == "":
        if kind == "text":
            cell.value = None
        else:
            cell.value = MISSING
            cell.alignment = Alignment(horizontal="center")
        return cell
    if kind == "text":
        set_text(cell, value)
        return cell
    if kind in ("money", "rate", "change") and not isinstance(value, Decimal):
        value = Decimal(str(value))
    if kind in ("day", "time") and not isinstance(value, date | datetime):
        set_text(cell, value)  # a stamp the database kept as text: show it as it is
        return cell
    cell.value = value
    cell.number_format = FORMATS.get(kind, "General")
    return cell


def title(ws: Worksheet, text: str, subtitle: str | None = None) -> int:
    """Sheet title in A1 (and a grey subtitle in A2); returns the next free row."""
    set_text(ws.cell(row=1, column=1), text)
    ws.cell(row=1, column=1).font = TITLE_FONT
    ws.row_dimensions[1].height = 26
    if subtitle:
        set_text(ws.cell(row=2, column=1), subtitle)
        ws.cell(row=2, column=1).font = NOTE_FONT
    return 4


def section(ws: Worksheet, row: int, text: str) -> int:
    set_text(ws.cell(row=row, column=1), text)
    ws.cell(row=row, column=1).font = SECTION_FONT
    return row + 1


def note(ws: Worksheet, row: int, text: str, column: int = 1) -> int:
    set_text(ws.cell(row=row, column=column), text)
    ws.cell(row=row, column=column).font = NOTE_FONT
    return row + 1


def headings(ws: Worksheet, row: int, columns: Sequence[Col]) -> None:
    for index, col in enumerate(columns, start=1):
        cell = ws.cell(row=row, column=index)
        set_text(cell, col.heading)
        cell.font, cell.fill, cell.border = HEADING_FONT, HEADING_FILL, BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def table(
    ws: Worksheet,
    row: int,
    columns: Sequence[Col],
    rows: Sequence[Sequence[object]],
    *,
    empty: str = "本周无数据",
    bold_last: bool = False,
) -> int:
    """Headings at ``row``, then ``rows``; returns the row after the table (and a
    blank one). An empty table says so instead of leaving a bare heading."""
    headings(ws, row, columns)
    if not rows:
        note(ws, row + 1, empty)
        return row + 3
    for offset, values in enumerate(rows, start=1):
        for index, (col, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = put(ws.cell(row=row + offset, column=index), value, col.kind)
            cell.border = BOX
            if bold_last and offset == len(rows):
                cell.font = Font(bold=True)
    return row + len(rows) + 2


def display_width(value: object) -> int:
    """Excel column units: CJK characters are about two wide."""
    if value is None:
        return 0
    if isinstance(value, Decimal | float | int):
        return len(f"{value:,.2f}") if isinstance(value, Decimal | float) else len(f"{value:,}")
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(value))


def cell_width(cell: Cell) -> int:
    """The shown width of a cell: percentages as ``▲12.34%``, money with separators."""
    value = cell.value
    if isinstance(value, Decimal | float | int) and "%" in (cell.number_format or ""):
        return len(f"{Decimal(str(value)) * 100:,.2f}%") + 1
    return display_width(value)


def fit_columns(ws: Worksheet, first_row: int = 3, fixed: dict[int, int] | None = None) -> None:
    """Widths from the table cells below ``first_row``. Rows with text in the
    first column only (section titles, notes) spill over and do not count."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=first_row):
        if all(cell.value is None for cell in row[1:]):
            continue
        for cell in row:
            widths[cell.column] = max(widths.get(cell.column, 0), cell_width(cell))
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    for column, width in (fixed or {}).items():
        ws.column_dimensions[get_column_letter(column)].width = width


def wrap_column(ws: Worksheet, column: int, first_row: int) -> None:
    """Long text (explanations, old → new titles) wraps instead of running on."""
    for (cell,) in ws.iter_rows(min_row=first_row, min_col=column, max_col=column):
        if cell.font.b:  # a heading further down keeps its centred look
            continue
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def print_setup(ws: Worksheet, heading_row: int | None = None) -> None:
    """Landscape A4, one page wide, headings frozen and repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    if heading_row is not None:
        ws.freeze_panes = ws.cell(row=heading_row + 1, column=1)
        ws.print_title_rows = f"{heading_row}:{heading_row}"


# --- saving --------------------------------------------------------------------------------------


def check_writable(path: Path) -> None:
    """Refuse early, with a message the user can act on, when ``path`` cannot be
    replaced: its folder is missing, or Excel has it open (Excel keeps a
    ``~$name`` owner file beside it, and on Windows locks the file itself)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ReportWriteError(f"文件夹不存在：{path.parent}")
    if path.is_dir():
        raise ReportWriteError(f"{path} 是一个文件夹，请给出文件名（.xlsx）。")
    if (path.parent / f"~${path.name}").exists():
        raise ReportWriteError(f"{path.name} 正在 Excel 中打开，请先关闭它再生成，或换一个文件名。")
    if path.exists():
        try:
            with open(path, "r+b"):
                pass
        except PermissionError as exc:
            raise ReportWriteError(
                f"无法覆盖 {path.name}：文件被其他程序占用或只读，请先关闭它，或换一个文件名。"
            ) from exc


def save_atomically(book: Workbook, path: Path) -> Path:
    """Write to a temporary file in the same folder, then rename over ``path``:
    a failed or interrupted write never leaves half a workbook behind."""
    path = Path(path)
    check_writable(path)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".xlsx.tmp", dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        book.save(temp)
        os.replace(temp, path)
    except PermissionError as exc:
        raise ReportWriteError(
            f"无法写入 {path.name}：文件被其他程序占用或没有写权限，请先关闭它，或换一个文件名。"
        ) from exc
    except OSError as exc:
        raise ReportWriteError(f"无法写入 {path}：{exc.strerror or exc}") from exc
    finally:
        temp.unlink(missing_ok=True)
    return path
