"""A sheet's columns cleaned by type, with the reasons bad rows are rejected.

Rejections are kept as boolean masks while cleaning (columnar), and only the
few bad rows are turned into Python to write their reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from shopdesk.i18n import _
from shopdesk.importers import clean
from shopdesk.importers.errors import refuse
from shopdesk.importers.sources import Sheet
from shopdesk.importers.spec import Cell, FileSpec

PREFETCH_MIN_ROWS = 50_000  # below this, threads cost more than they save

PARSERS = {
    Cell.MONEY: (clean.money_fen, "not an amount of money"),
    Cell.INT: (clean.integer, "not a whole number"),
    Cell.DATETIME: (clean.datetime_, "not a date and time"),
    Cell.PERCENT: (clean.percent, "not a percentage"),
}


@dataclass
class Problem:
    mask: pa.Array  # True where the row is bad
    field: str | None
    reason: str  # English source text, translated when reported


@dataclass
class Cleaned:
    sheet: Sheet
    spec: FileSpec
    found: dict[str, int]
    values: dict[str, pa.Array] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    empties: dict[str, pa.Array] = field(default_factory=dict)  # parsed columns: where the cell was blank
    # being cleaned ahead by prefetch, not yet asked for
    pending: dict[str, Future[Clean]] = field(default_factory=dict)
    _pool: ThreadPoolExecutor | None = None

    @property
    def n(self) -> int:
        return self.sheet.num_rows

    def has(self, name: str) -> bool:
        return name in self.found

    def get(self, name: str, type_: pa.DataType | None = None) -> pa.Array:
        """The cleaned column, or all-null when the file lacks it."""
        if name in self.values:
            return self.values[name]
        if name in self.found:
            ahead = self.pending.pop(name, None)
            if ahead is not None and not ahead.cancel():  # being cleaned, or done
                self._store(name, ahead.result())
            else:  # still queued: cleaned here rather than waited for
                self._store(name, clean_column(self, name))
            return self.values[name]
        if type_ is None:
            col = self.spec.col_or_none(name)
            cell = col.cell if col is not None else Cell.TEXT
            type_ = {
                Cell.MONEY: pa.int64(),
                Cell.INT: pa.int64(),
                Cell.DATETIME: pa.timestamp("s"),
                Cell.PERCENT: pa.decimal128(12, 6),
            }.get(cell, pa.string())
        return pa.nulls(self.n, type_)

    def prefetch(self, names: Iterable[str], workers: int = 2) -> None:
        """Start cleaning ``names`` on ``workers`` threads (Arrow's kernels release
        the GIL) and return: the mapper runs meanwhile, and takes each column up
        when it asks for it, so the rejection reasons come out as when it cleans
        them one by one, and a column it does not read rejects nothing. A
        million-line file's columns and mapping take 2.3 s one after the other,
        about 1.6 s this way. :meth:`close` ends it."""
        todo = [n for n in dict.fromkeys(names) if n in self.found and n not in self.values]
        if len(todo) < 2 or self.n < PREFETCH_MIN_ROWS:
            return
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="shopdesk-clean")
        for name in todo:
            self.pending[name] = self._pool.submit(clean_column, self, name)

    def close(self) -> None:
        """Stop cleaning ahead; what the mapper never asked for is dropped."""
        for future in self.pending.values():
            future.cancel()
        self.pending.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def _store(self, name: str, column: Clean) -> None:
        self.values[name] = column.values
        if column.invalid is not None:
            self.reject_where(column.invalid, column.reason, name)
        if column.empty is not None:
            self.empties[name] = column.empty
            # the raw text is wanted only for rejected rows, which a large text
            # file can read again from the file (Sheet.reread): let it go
            self.sheet.release(self.found[name])
        else:
            # the cleaned text stands in for the raw column from now on (a rejected
            # row shows it without Excel's guards): a million-line file no longer
            # holds both copies of every text column while it is mapped
            self.sheet.columns[self.found[name]] = column.values

    def empty(self, name: str) -> pa.Array:
        """True where the cell is empty (or the file lacks the column) — unlike a
        cleaned null, which may also be a value that could not be read."""
        if name in self.empties:
            return self.empties[name]
        raw = self.raw(name)
        if raw is None:
            return pa.array([True] * self.n, pa.bool_())
        return pc.is_null(clean.text(raw))

    def raw(self, name: str) -> pa.Array | None:
        """The column as read (None when the file lacks it, or once released)."""
        index = self.found.get(name)
        return None if index is None else self.sheet.columns[index]

    def reject_where(self, mask: pa.Array, reason: str, field_name: str | None = None) -> None:
        mask = pc.fill_null(mask, False)
        if pc.any(mask).as_py():
            self.problems.append(Problem(mask, field_name, reason))

    def bad_rows(self) -> pa.Array:
        bad = pa.repeat(pa.scalar(False), self.n)
        for problem in self.problems:
            bad = pc.or_(bad, problem.mask)
        return bad

    def reasons(self) -> list[tuple[int, int, str]]:
        """(row index, file row number, translated reason) for every bad row."""
        by_row: dict[int, list[str]] = {}
        for problem in self.problems:
            indices = pc.indices_nonzero(problem.mask).to_pylist()
            index = self.found.get(problem.field) if problem.field else None
            header = self.sheet.header[index] if index is not None else ""
            values = self.sheet.raw_values(index, indices) if index is not None else [None] * len(indices)
            # made once per problem and value: a renamed status can reject a million rows
            reason, said = _(problem.reason), {}
            for i, value in zip(indices, values, strict=True):
                text = reason
                if header:
                    text = said.get(value) or said.setdefault(
                        value, _("{column}: {reason} ({value!r})", column=header, reason=reason, value=value)
                    )
                by_row.setdefault(i, []).append(text)
        rows = sorted(by_row)
        numbers = self.sheet.row_numbers.take(pa.array(rows, pa.int64())).to_pylist() if rows else []
        return [(i, n, "；".join(by_row[i])) for i, n in zip(rows, numbers, strict=True)]


def clean_sheet(sheet: Sheet, spec: FileSpec, found: dict[str, int], *, from_text: bool) -> Cleaned:
    """Check the whole file for Excel damage (refused outright); columns are then
    cleaned lazily, the first time the mapper asks for them, so columns a mapper
    never reads (addresses, logistics…) cost nothing."""
    ids = [name for name in found if spec.col(name).cell is Cell.ID]

    def checked(name: str) -> tuple[pa.Array, bool]:
        values = clean.text(sheet.columns[found[name]])
        return values, clean.excel_damaged(values)

    if len(ids) > 1 and sheet.num_rows >= PREFETCH_MIN_ROWS:  # two cores, as Cleaned.prefetch
        with ThreadPoolExecutor(2) as pool:
            results = dict(zip(ids, pool.map(checked, ids), strict=True))
    else:
        results = {name: checked(name) for name in ids}
    cleaned_ids = {name: values for name, (values, _damaged) in results.items()}
    for name, index in found.items():
        col = spec.col(name)
        raw = sheet.columns[index]
        if col.cell is Cell.ID and results[name][1]:
            raise refuse(
                "excel_damaged_id",
                "Column {column} holds numbers like 1.23E+17: the file was opened and saved in "
                "Excel, which destroys the last digits of IDs. Export it again from the platform "
                "and import that file without opening it.",
                column=sheet.header[index],
            )
        if (
            col.cell is Cell.DATETIME
            and from_text
            and spec.check_excel_dates
            and clean.looks_excel_resaved(raw)
        ):
            raise refuse(
                "excel_resaved_dates",
                "Column {column} has dates like 2026/9/22 10:11 where the platform writes "
                "2026-09-22 10:11:12: the file was re-saved in Excel. Export it again from the "
                "platform and import that file without opening it.",
                column=sheet.header[index],
            )
    for name, values in cleaned_ids.items():
        sheet.columns[found[name]] = values  # as Cleaned._store does: one copy of each ID column
    return Cleaned(sheet, spec, found, values=cleaned_ids)


@dataclass
class Clean:
    """A cleaned column and, for parsed cells, where they could not be read and why."""

    values: pa.Array
    invalid: pa.Array | None = None
    reason: str = ""
    empty: pa.Array | None = None  # parsed cells: where there was no text


def clean_column(result: Cleaned, name: str) -> Clean:
    """Clean one column; reads ``result`` only (safe on several threads at once)."""
    col = result.spec.col(name)
    raw = result.sheet.columns[result.found[name]]
    if col.cell in PARSERS:
        parser, reason = PARSERS[col.cell]
        parsed = parser(raw)
        return Clean(parsed.values, parsed.invalid, reason, parsed.empty)
    return Clean(clean.text(raw))  # IDs, text, and personal cells (kept in memory only, never stored)
