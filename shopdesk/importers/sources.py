"""Opening an export file as sheets of text columns.

CSV/TSV go through pyarrow's C parser (all columns as text: an ID must never
pass through a float); .xlsx/.xls through python-calamine; a JD password ZIP is
opened in memory. The header row is found by content (生意参谋 puts four title
rows above it, 淘宝助理 three header lines), and totals/notes rows under the data
are dropped without being reported as bad rows.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Callable, Sequence, Set
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from shopdesk.filesystems import is_network_path
from shopdesk.i18n import _
from shopdesk.importers.encoding import decode_head, detect_encoding, first_undecodable_line, is_utf8
from shopdesk.importers.errors import ImportRefused, refuse
from shopdesk.importers.header import normalize_header
from shopdesk.importers.unraisable import undecodable_rows_quiet
from shopdesk.memory import give_back_memory
from shopdesk.tasks.background import started

HEAD_BYTES = 256 * 1024
HEADER_SEARCH_ROWS = 30
MIN_HEADER_SCORE = 2
# A first cell starting with these marks a totals or notes row, not data.
FOOTER_PREFIXES = ("合计", "总计", "汇总", "小计", "说明", "注：", "注:", "备注：", "数据来源", "统计时间")

FOOTER_TAIL_ROWS = 200
REREAD_MIN_ROWS = 50_000  # smaller files keep every column's text: it costs little
BLOCK_BYTES = 8 << 20  # pyarrow reads a CSV in blocks of this size, in parallel

HeaderScore = Callable[[list[str]], int]
# Given a text file's header, the indices of the columns worth reading (None: all).
ColumnChoice = Callable[[list[str], str], "set[int] | None"]


@dataclass
class Sheet:
    """One table of text cells as found in a file."""

    source: str  # file name, plus the sheet or ZIP member
    header: list[str]  # normalised header cells, in file order
    columns: list[pa.Array | None]  # text columns, same order as header (None: released)
    row_numbers: pa.Array  # 1-based row number in the file of each data row
    encoding: str | None = None
    skipped_rows: list[tuple[int, str, str]] = field(default_factory=list)  # (row, raw text, reason)
    preamble: list[str] = field(default_factory=list)  # title rows above the header (统计时间：…)
    # A large text file's rows read again by row number (cells in header order), so
    # columns parsed into numbers and dates need not keep their text in memory.
    reread: Callable[[Sequence[int]], dict[int, list[str]]] | None = None

    def release(self, index: int) -> None:
        """Let column ``index``'s text go, when the file can give it back for a few rows."""
        if self.reread is not None:
            self.columns[index] = None

    def raw_rows(
        self, indices: Sequence[int], leave_out: Set[str] = frozenset()
    ) -> list[dict[str, str | None]]:
        """The cells of rows ``indices`` as read, column by header (less ``leave_out``).
        Taken a column at a time: a file whose every row is rejected (a status the
        platform has just renamed) asks for a million rows."""
        again = self._read_again(indices)
        wanted = [(j, h) for j, h in enumerate(self.header) if h not in leave_out]
        if not indices or not wanted:
            return [{} for _ in indices]
        taken = pa.array(indices, pa.int64())
        numbers = None
        cells: list[list[str | None]] = []
        for j, _header in wanted:
            values = self.columns[j]
            if values is not None:
                cells.append(values.take(taken).to_pylist())
                continue
            if numbers is None:
                numbers = self.row_numbers.take(taken).to_pylist()
            rows = [again.get(n) for n in numbers]
            cells.append([row[j] if row is not None and j < len(row) else None for row in rows])
        names = [h for _j, h in wanted]
        return [dict(zip(names, row, strict=True)) for row in zip(*cells, strict=True)]

    def raw_values(self, column: int, indices: Sequence[int]) -> list[str | None]:
        """Column ``column``'s cells at rows ``indices``, as read."""
        again = self._read_again(indices) if self.columns[column] is None else {}
        return [self._cell(column, i, again) for i in indices]

    def _read_again(self, indices: Sequence[int]) -> dict[int, list[str]]:
        if self.reread is None or all(c is not None for c in self.columns) or not indices:
            return {}
        return self.reread([self.row_numbers[i].as_py() for i in indices])

    def _cell(self, column: int, index: int, again: dict[int, list[str]]) -> str | None:
        values = self.columns[column]
        if values is not None:
            return values[index].as_py()
        row = again.get(self.row_numbers[index].as_py())
        return row[column] if row is not None and column < len(row) else None

    def drop_first_rows(self, count: int) -> None:
        """淘宝助理 has a second (Chinese) header line under the English one."""
        self.columns = [None if c is None else c.slice(count) for c in self.columns]
        self.row_numbers = self.row_numbers.slice(count)

    @property
    def num_rows(self) -> int:
        return len(self.row_numbers)

    def column(self, name: str) -> pa.Array | None:
        try:
            return self.columns[self.header.index(name)]
        except ValueError:
            return None


def find_header(rows: list[list[str]], score: HeaderScore) -> int:
    """Index of the row that looks most like a known header."""
    best, best_score = -1, MIN_HEADER_SCORE - 1
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        s = score([normalize_header(c) for c in row])
        if s > best_score:
            best, best_score = i, s
    if best < 0:
        raise refuse(
            "unknown_header",
            "No known column header was found: this is not a platform export shopdesk knows. "
            "Check that you exported orders, traffic, keywords, listings or reviews.",
        )
    return best


def read_sheets(
    path: Path, score: HeaderScore, password: str | None = None, choose: ColumnChoice | None = None
) -> list[Sheet]:
    """All tables in ``path`` (one for CSV, one per sheet for workbooks).

    ``choose`` lets the caller skip columns of a text export it will not use
    (addresses, logistics…): they are never parsed, which saves time and memory
    on million-line files and keeps personal data out of memory.
    """
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return _read_zip(path, score, password, choose)
    data_source: Path | bytes = path
    return _read_any(path.name, suffix, data_source, score, choose)


def _read_any(
    name: str, suffix: str, source: Path | bytes, score: HeaderScore, choose: ColumnChoice | None = None
) -> list[Sheet]:
    head = source[:HEAD_BYTES] if isinstance(source, bytes) else _head(source)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        return _read_workbook(name, source, score)
    # A ".xls" that is really CSV (some back-ends do this) falls through to text.
    workbook_name = suffix in {".xlsx", ".xlsm", ".xls"} and not head.startswith(b"\xef\xbb\xbf")
    if workbook_name and not _maybe_text(head):
        raise refuse("broken_workbook", "The workbook {name} cannot be read.", name=name)
    return [_read_text(name, source, head, score, choose)]


def _head(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(HEAD_BYTES)


def _maybe_text(head: bytes) -> bool:
    try:
        detect_encoding(head)
    except Exception:
        return False
    return True


def _read_text(
    name: str, source: Path | bytes, head: bytes, score: HeaderScore, choose: ColumnChoice | None = None
) -> Sheet:
    encoding = detect_encoding(head)
    try:
        lines = decode_head(head, encoding)
    except UnicodeDecodeError as exc:
        raise _undecodable(name, source, encoding) from exc
    delimiter = _sniff_delimiter(lines)
    rows = list(csv.reader(lines, delimiter=delimiter))
    header_index = find_header(rows, score)
    header = [normalize_header(c) for c in rows[header_index]]
    ncols = len(header)
    chosen = choose(header, name) if choose is not None else None
    keep = sorted(chosen) if chosen else list(range(ncols))
    skipped: list[tuple[int, str, str]] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        text = row.text or ""
        first = text.split(delimiter, 1)[0].strip().strip('"').strip()
        if text.strip(delimiter + ' \r\n"') and not first.startswith(FOOTER_PREFIXES):
            reason = _("expected {expected} columns, found {found}", expected=ncols, found=row.actual_columns)
            skipped.append((0, text[:500], reason))  # numbered below: pyarrow does not know the row
        return "skip"

    utf8 = encoding in {"utf-8", "utf-8-sig"}
    pyarrow_encoding = "utf8" if utf8 else encoding
    # A UTF-8 file is checked whole, on a thread, while pyarrow parses it without
    # checking each cell (a tenth of the parse); other encodings reach pyarrow
    # transcoded to UTF-8 by Python's strict decoders.
    checked = started("shopdesk-utf8", is_utf8, source) if utf8 else None

    def read(newlines_in_values: bool) -> pa.Table:
        with _opened(source) as stream, undecodable_rows_quiet(on_invalid):
            return pacsv.read_csv(
                stream,
                read_options=pacsv.ReadOptions(
                    skip_rows=header_index + 1,
                    column_names=[f"c{i}" for i in range(ncols)],
                    encoding=pyarrow_encoding,
                    block_size=BLOCK_BYTES,
                ),
                parse_options=pacsv.ParseOptions(
                    delimiter=delimiter, newlines_in_values=newlines_in_values, invalid_row_handler=on_invalid
                ),
                convert_options=pacsv.ConvertOptions(
                    column_types={f"c{i}": pa.string() for i in range(ncols)},
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                    include_columns=[f"c{i}" for i in keep],
                    check_utf8=checked is None,
                ),
            )

    try:
        try:
            # Blocks cut at any newline parse in parallel, twice as fast; a quoted
            # cell spanning lines across a cut makes pyarrow stop ("out of sync"),
            # and then the file is read again with cuts only between records.
            table = read(newlines_in_values=False)
        except pa.ArrowInvalid as exc:
            if "out of sync" not in str(exc):
                raise
            skipped.clear()
            table = read(newlines_in_values=True)
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        undecodable = checked is not None and not checked.result()
        if undecodable or isinstance(exc, UnicodeDecodeError) or "utf8" in str(exc).lower():
            raise _undecodable(name, source, encoding) from exc
        raise refuse(
            "broken_text", "{name} cannot be read as a table: {reason}", name=name, reason=str(exc)[:200]
        ) from exc
    if checked is not None and not checked.result():
        raise _undecodable(name, source, encoding)
    numbers = pa.array(np.arange(header_index + 2, header_index + 2 + table.num_rows, dtype=np.int64))
    if skipped:
        skipped = _number_bad_rows(source, encoding, delimiter, ncols, header_index, skipped)
    # one column at a time, each dropped from the table once copied: combining them
    # all while the table still holds its chunks would double a big file's memory
    columns = []
    with ThreadPoolExecutor(2) as pool:  # two at a time: memcpy of 300 MB on two cores
        for start in range(0, len(keep), 2):
            names = [f"c{i}" for i in keep[start : start + 2]]
            columns += pool.map(pa.ChunkedArray.combine_chunks, [table.column(name) for name in names])
            table = table.drop_columns(names)
    del table
    give_back_memory()  # the parser's buffers, back to the system
    preamble = [" ".join(c for c in row if c.strip()) for row in rows[:header_index]]
    sheet = Sheet(name, [header[i] for i in keep], columns, numbers, encoding, skipped, preamble)
    if not skipped and len(numbers) >= REREAD_MIN_ROWS:  # rows numbered as the csv module counts them
        sheet.reread = _rereader(source, encoding, delimiter, header_index, keep)
    return drop_footer_rows(sheet)


def _opened(source: Path | bytes) -> pa.NativeFile:
    """``source`` to parse. A local file through a memory map: the parser takes its
    blocks where the system's cache holds them, instead of each copied into fresh
    memory first (0.8 s of CPU less for a 300 MB export). One on a network share
    with plain reads: a share that drops mid-read fails the read, but would take
    the whole process down under a map."""
    if isinstance(source, bytes):
        return pa.BufferReader(source)
    if is_network_path(source):
        return pa.OSFile(str(source), "rb")
    return pa.memory_map(str(source), "r")


def _undecodable(name: str, source: Path | bytes, encoding: str) -> ImportRefused:
    """The refusal of a file with bytes that are not its text encoding, naming the line."""
    try:
        line = first_undecodable_line(source, encoding)
    except (OSError, UnicodeError, LookupError):  # only the message's detail is lost
        line = None
    shown = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "gb18030": "GBK/GB18030"}.get(encoding, "UTF-16")
    if line is None:  # pyarrow found what Python's codec lets pass: say so plainly
        return refuse(
            "encoding", "{name} holds bytes that are not {encoding} text.", name=name, encoding=shown
        )
    return refuse(
        "encoding",
        "Line {line} of {name} holds bytes that are not {encoding} text: the file was damaged "
        "or saved in another encoding. Export it again from the platform and import that file "
        "without opening it in another program.",
        line=line,
        name=name,
        encoding=shown,
    )


def _rereader(
    source: Path | bytes, encoding: str, delimiter: str, header_index: int, keep: list[int]
) -> Callable[[Sequence[int]], dict[int, list[str]]]:
    """A function giving rows of the file again by row number, read with the
    csv module (only rejected rows ask: usually none, or a few)."""

    last = max(keep, default=-1)

    def reread(numbers: Sequence[int]) -> dict[int, list[str]]:
        wanted, found = set(numbers), {}
        raw = io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")
        with io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="") as text:
            number = header_index + 1  # the header's row
            for index, record in enumerate(csv.reader(text, delimiter=delimiter)):
                if index <= header_index or not record:  # above the data; pyarrow skips empty lines
                    continue
                number += 1
                if number in wanted:
                    found[number] = (
                        [record[k] for k in keep]
                        if len(record) > last
                        else [record[k] if k < len(record) else "" for k in keep]
                    )
                    if len(found) == len(wanted):
                        break
        return found

    return reread


def _number_bad_rows(
    source: Path | bytes,
    encoding: str,
    delimiter: str,
    ncols: int,
    header_index: int,
    skipped: list[tuple[int, str, str]],
) -> list[tuple[int, str, str]]:
    """Give rows with the wrong number of cells their row number in the file by
    reading it once more with the csv module (only files that have such rows)."""
    raw = source if isinstance(source, bytes) else source.read_bytes()
    text = raw.decode(encoding, errors="replace")
    numbers = []
    for number, record in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
        bad = number > header_index + 1 and len(record) != ncols and any(c.strip() for c in record)
        if bad and not record[0].strip().strip('"=').startswith(FOOTER_PREFIXES):
            numbers.append(number)
    return [(numbers[i] if i < len(numbers) else 0, t, r) for i, (_n, t, r) in enumerate(skipped)]


def _sniff_delimiter(lines: list[str]) -> str:
    sample = "\n".join(lines[:10])
    return "\t" if sample.count("\t") > sample.count(",") else ","


def drop_footer_rows(sheet: Sheet) -> Sheet:
    """Remove totals/notes rows and completely empty rows."""
    if sheet.num_rows == 0:
        return sheet
    first = sheet.columns[0]
    # Totals and notes sit under the data: look at the last rows only.
    tail_start = max(0, len(first) - FOOTER_TAIL_ROWS)
    tail = _trimmed(first.slice(tail_start))
    tail_footer = pc.starts_with(tail, FOOTER_PREFIXES[0])
    for prefix in FOOTER_PREFIXES[1:]:
        tail_footer = pc.or_(tail_footer, pc.starts_with(tail, prefix))
    footer = pa.concat_arrays([pa.repeat(pa.scalar(False), tail_start), pc.fill_null(tail_footer, False)])
    empty = _blank_cells(first)
    if pc.any(empty).as_py():  # only then look at the other cells of those rows
        for col in sheet.columns[1:]:
            empty = pc.and_(
                empty, pc.fill_null(pc.equal(pc.utf8_length(pc.utf8_trim_whitespace(col)), 0), True)
            )
    keep = pc.invert(pc.or_(pc.fill_null(footer, False), empty))
    if pc.all(keep).as_py():
        return sheet
    sheet.columns = [pc.filter(c, keep) for c in sheet.columns]
    sheet.row_numbers = pc.filter(sheet.row_numbers, keep)
    return sheet


def _trimmed(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """A first cell as the footer and blank-row checks see it: no Excel guards, no spaces."""
    return pc.utf8_trim_whitespace(pc.utf8_trim(values, characters=' \t"=\ufeff'))


# Where a cell's last byte is one of these, the trims of _trimmed might leave it
# blank: ASCII blanks, '"' and '=', and any byte of a multi-byte character (the end
# of a BOM, a no-break or an ideographic space, but also of any Chinese text); none
# is an empty cell, null a missing one. A cell ending in any other byte keeps at
# least that character.
_MAYBE_BLANK = pa.array(
    [
        None,
        b"",
        *(bytes([b]) for b in (0x00, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x22, 0x3D, *range(0x80, 0x100))),
    ],
    pa.binary(),
)


def _blank_cells(column: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """True where the cell is blank once trimmed. Trimming a million order numbers
    to find none blank took a tenth of a second, one core idle; now only cells whose
    last byte leaves it open are trimmed (a typical export: none). Arrow's kernels
    only: numpy's temporaries here raised the import's peak memory by 100 MB (glibc
    keeps such blocks for reuse once one has been freed)."""

    def exact(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
        return pc.fill_null(pc.equal(pc.utf8_length(_trimmed(values)), 0), True)

    if isinstance(column, pa.ChunkedArray) or column.type not in (pa.string(), pa.large_string()):
        return exact(column)
    as_bytes = column.view(pa.binary() if column.type == pa.string() else pa.large_binary())
    maybe = pc.indices_nonzero(pc.is_in(pc.binary_slice(as_bytes, -1), value_set=_MAYBE_BLANK))
    if len(maybe) == len(column):
        return exact(column)
    if not len(maybe):
        return pa.repeat(pa.scalar(False), len(column))
    blank = np.zeros(len(column), bool)  # (a file with such cells: rare, and small ones)
    blank[maybe.filter(exact(column.take(maybe))).to_numpy()] = True
    return pa.array(blank)


# --- workbooks -----------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value) if abs(value) >= 1e15 else f"{value:.10g}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _read_workbook(name: str, source: Path | bytes, score: HeaderScore) -> list[Sheet]:
    from python_calamine import CalamineWorkbook

    try:
        book = (
            CalamineWorkbook.from_filelike(io.BytesIO(source))
            if isinstance(source, bytes)
            else CalamineWorkbook.from_path(str(source))
        )
    except Exception as exc:  # calamine raises its own error types
        raise refuse(
            "broken_workbook",
            "The workbook {name} cannot be read: {reason}",
            name=name,
            reason=str(exc)[:200],
        ) from exc
    sheets = []
    for sheet_name in book.sheet_names:
        try:
            rows = [[_cell_text(v) for v in row] for row in book.get_sheet_by_name(sheet_name).to_python()]
        except Exception as exc:  # calamine's own error types
            raise refuse(
                "broken_workbook",
                "The workbook {name} cannot be read: {reason}",
                name=name,
                reason=str(exc)[:200],
            ) from exc
        if not rows:
            continue
        try:
            header_index = find_header(rows, score)
        except Exception:
            continue  # a notes or pivot sheet
        header = [normalize_header(c) for c in rows[header_index]]
        data = rows[header_index + 1 :]
        width = len(header)
        columns = [pa.array([r[i] if i < len(r) else "" for r in data], pa.string()) for i in range(width)]
        numbers = pa.array(range(header_index + 2, header_index + 2 + len(data)), pa.int64())
        label = f"{name} [{sheet_name}]" if len(book.sheet_names) > 1 else name
        preamble = [" ".join(c for c in row if c.strip()) for row in rows[:header_index]]
        sheets.append(drop_footer_rows(Sheet(label, header, columns, numbers, preamble=preamble)))
    if not sheets:
        find_header([], score)  # raises the unknown-header refusal
    return sheets


# --- password ZIPs (JD export centre) -------------------------------------------------------


def _read_zip(
    path: Path, score: HeaderScore, password: str | None, choose: ColumnChoice | None
) -> list[Sheet]:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise refuse("broken_zip", "{name} is not a readable ZIP file.", name=path.name) from exc
    sheets: list[Sheet] = []
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir() and not m.filename.startswith("__MACOSX")]
        for member in members:
            encrypted = bool(member.flag_bits & 0x1)
            if encrypted and not password:
                raise refuse(
                    "zip_password", "{name} is protected by a password (JD sends it by SMS).", name=path.name
                )
            try:
                data = archive.read(member, pwd=password.encode() if encrypted and password else None)
            except NotImplementedError as exc:
                raise refuse(
                    "zip_aes", "{name} uses AES encryption, which this version cannot open.", name=path.name
                ) from exc
            except (RuntimeError, zipfile.BadZipFile, zlib.error) as exc:
                # ZipCrypto checks a password against one byte: about 1 in 256 wrong
                # passwords pass that check and then fail as corrupt data.
                if encrypted:
                    raise refuse(
                        "zip_password_wrong", "The password for {name} is wrong.", name=path.name
                    ) from exc
                raise refuse("broken_zip", "{name} is not a readable ZIP file.", name=path.name) from exc
            inner = member.filename.rsplit("/", 1)[-1]
            sheets.extend(_read_any(f"{path.name}/{inner}", Path(inner).suffix.lower(), data, score, choose))
    return sheets
