"""Rejected import rows: read them back from a batch, write them to .xlsx.

Operators fix rejected rows in Excel and import them again, so the workbook
must hold exactly what the platform's file said — and must never run it. A
cell text such as ``=HYPERLINK(...)`` or ``+1-2`` would become a live formula
when openpyxl infers the type from the leading ``=``; every value here is
written as a *string* cell (``data_type = "s"``), and the dangerous ones also
get Excel's ``quotePrefix`` style, so even editing the cell in Excel keeps it
text. The value itself is not changed (no visible apostrophe or hidden
character ends up in the data).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy import text

from shopdesk.services.database import Database
from shopdesk.services.imports.reading import Reject

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60


@dataclass(frozen=True)
class RejectHeadings:
    """Column titles for the fixed columns; the GUI passes translated ones."""

    row: str = "Row"
    reason: str = "Reason"
    raw_line: str = "Line as read"  # rows the reader could not split into columns
    sheet: str = "Rejected rows"


def batch_rejects(db: Database, batch_id: int) -> list[Reject]:
    """The rows import ``batch_id`` refused, in file order."""
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT row_number, reason, raw FROM import_reject WHERE batch_id = :b "
                "ORDER BY row_number, id"
            ),
            {"b": batch_id},
        ).all()
    return [Reject(number, reason, _raw(raw)) for number, reason, raw in rows]


def _raw(value: str | None) -> dict[str, str | None]:
    try:
        loaded = json.loads(value or "{}")
    except ValueError:
        return {"": value}
    return loaded if isinstance(loaded, dict) else {"": str(loaded)}


def raw_columns(rejects: Sequence[Reject]) -> list[str]:
    """The union of the rows' column names, in the order first met."""
    seen: dict[str, None] = {}
    for reject in rejects:
        for key in reject.raw:
            seen.setdefault(key, None)
    return list(seen)


def set_text(cell: Cell, value: object) -> None:
    """Put ``value`` in ``cell`` as inert text (never a formula)."""
    if value is None:
        cell.value = None
        return
    clean = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell.value = clean
    cell.data_type = "s"  # openpyxl guessed "f" for a leading "="; this is text
    if clean.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True  # Excel keeps it text even when the cell is edited


def write_rejects(path: Path, rejects: Sequence[Reject], headings: RejectHeadings | None = None) -> Path:
    """Write ``rejects`` to the workbook ``path``: row number, reason, then the raw columns."""
    headings = headings or RejectHeadings()
    columns = raw_columns(rejects)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = headings.sheet[:31]
    titles = [headings.row, headings.reason, *[c or headings.raw_line for c in columns]]
    for index, title in enumerate(titles, start=1):
        cell = sheet.cell(row=1, column=index)
        set_text(cell, title)
        cell.font = Font(bold=True)
    for row_index, reject in enumerate(rejects, start=2):
        sheet.cell(row=row_index, column=1, value=int(reject.row_number))
        set_text(sheet.cell(row=row_index, column=2), reject.reason)
        for offset, column in enumerate(columns, start=3):
            set_text(sheet.cell(row=row_index, column=offset), reject.raw.get(column))
    sheet.freeze_panes = "C2"
    for index, title in enumerate(titles, start=1):
        values = [title, *(_cell_text(sheet.cell(row=r, column=index).value) for r in range(2, 52))]
        width = max(_display_width(v) for v in values) + 2
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 8), MAX_WIDTH)
    path = Path(path)
    book.save(path)
    return path


def _cell_text(value: object) -> str:
    return "" if value is None else str(value)


def _display_width(value: str) -> int:
    """Columns in Excel units: CJK characters are about two wide."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in value)
