"""Column cleaners that work on whole Arrow arrays (no per-row Python).

Each parser returns the cleaned array and a boolean mask of cells that had a
value but could not be read; the caller turns those into rejected rows with a
reason. ``-`` and empty cells are null, never 0 (formats/README.md).

Why Arrow: a 1M-line export is ~30M cells; turning them into Python objects
costs 10–20 s, while these kernels run in C over the columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from shopdesk import arrays
from shopdesk.importers.arrow_tools import few_distinct

# Excel guards and junk the platforms put around cell values.
_GUARDS = "\t\r\n \ufeff\u200b\u00a0"
_NULL_TOKENS = ["", "-", "--", "—", "null", "NULL", "None", "无"]
# Refund cells say so in words when there is no refund (Taobao: 无退款申请).
_MONEY_NULL_TOKENS = [*_NULL_TOKENS, "无退款申请", "无退款", "未退款", "暂无"]


@dataclass(frozen=True)
class Parsed:
    values: pa.Array
    invalid: pa.Array  # bool: had text, could not be parsed
    empty: pa.Array  # bool: no text at all (blank, ``-``…), as :func:`text` sees it


def _chunk(arr: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(arr, pa.ChunkedArray):
        return arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    return arr


def text(arr: pa.Array | pa.ChunkedArray, null_tokens: list[str] | None = None) -> pa.Array:
    """Strip Excel guards: ``="123"`` → ``123``, leading ``'`` and tabs, BOMs;
    ``-`` and empty → null."""
    return _nulled(_unguarded(arr), null_tokens if null_tokens is not None else _NULL_TOKENS)


def _nulled(arr: pa.Array, null_tokens: list[str]) -> pa.Array:
    if _longer_than_any(arr, null_tokens):  # IDs, titles, times: no cell can be a token
        return arr
    blank = pc.is_in(arr, value_set=pa.array(null_tokens, pa.string()))
    if not pc.any(blank).as_py():  # most columns: no copy of a million strings
        return arr
    return pc.if_else(blank, pa.scalar(None, pa.string()), arr)


def _longer_than_any(arr: pa.Array, tokens: list[str]) -> bool:
    """Whether every cell is longer (in bytes) than the longest of ``tokens``: then
    none is one, known from the offsets alone instead of a hash lookup per cell."""
    shortest = pc.min(pc.binary_length(arr)).as_py()
    return shortest is not None and shortest > max(len(t.encode()) for t in tokens)


def _empty(unguarded: pa.Array) -> pa.Array:
    """Where :func:`text` would give null."""
    if _longer_than_any(unguarded, _NULL_TOKENS):
        return pc.is_null(unguarded)
    blank = pc.is_in(unguarded, value_set=pa.array(_NULL_TOKENS, pa.string()))
    return pc.or_(pc.is_null(unguarded), blank)


def _unguarded(arr: pa.Array | pa.ChunkedArray) -> pa.Array:
    arr = _chunk(arr)
    if not pa.types.is_string(arr.type) and not pa.types.is_large_string(arr.type):
        arr = pc.cast(arr, pa.string())
    arr = pc.utf8_trim(arr, characters=_GUARDS)
    if pc.any(pc.starts_with(arr, '="')).as_py():  # Taobao's ="…" guard around IDs
        arr = pc.replace_substring_regex(arr, pattern=r'^="(.*)"$', replacement=r"\1")
        arr = pc.utf8_trim(arr, characters=_GUARDS)
    if pc.any(pc.starts_with(arr, "'")).as_py():  # Taobao's ' before phone numbers
        arr = pc.utf8_ltrim(arr, characters="'")
    return arr


EXCEL_NUMBER = r"^-?\d+(\.\d+)?[eE][+-]?\d+$"


def excel_damaged(arr: pa.Array) -> bool:
    """True when an ID column holds values Excel turned into ``1.23E+17``."""
    if pc.all(pc.ascii_is_decimal(arr)).as_py() is not False:  # plain digits: 10× quicker than the regex
        return False
    return bool(pc.any(pc.match_substring_regex(arr, EXCEL_NUMBER)).as_py())


_MONEY_JUNK = r"[¥￥,，元\s]|RMB|CNY"
_NUMBER = r"^(?P<sign>-?)(?P<int>\d+)(?:\.(?P<frac>\d*))?$"


def money_fen(arr: pa.Array | pa.ChunkedArray) -> Parsed:
    """``¥1,299.00`` / ``1299.00元`` / ``499.00（系统计算中，该值仅供参考）`` → 129900 fen.

    More than two decimals are rounded half-up on the third digit. A column of
    few distinct amounts has only those parsed (each cell is read by itself, so
    every cell gets what it would have got): the regexes then run over a handful
    of strings instead of a million cells, a sixth of the time.
    """
    arr = _chunk(arr)
    encoded = few_distinct(arr)
    if encoded is None:
        return _money_fen(arr)
    each = _money_fen(encoded.dictionary)
    codes = encoded.indices  # null where the cell is null: no amount, empty, not invalid
    return Parsed(
        pc.take(each.values, codes),
        pc.fill_null(pc.take(each.invalid, codes), False),
        pc.fill_null(pc.take(each.empty, codes), True),
    )


def _money_fen(arr: pa.Array) -> Parsed:
    unguarded = _unguarded(arr)
    empty = _empty(unguarded)
    cleaned = _nulled(unguarded, _MONEY_NULL_TOKENS)
    del unguarded
    if pc.all(pc.fill_null(pc.match_substring_regex(cleaned, r"^-?\d{1,13}\.\d\d$"), True)).as_py():
        # The common case (199.00): no separators, notes or odd decimals.
        fen = pc.cast(pc.replace_substring(cleaned, ".", ""), pa.int64())
        return Parsed(fen, pa.repeat(pa.scalar(False), len(cleaned)), empty)
    stripped = pc.replace_substring_regex(cleaned, pattern=r"[（(].*$", replacement="")
    stripped = pc.replace_substring_regex(stripped, pattern=_MONEY_JUNK, replacement="")
    parts = pc.extract_regex(stripped, pattern=_NUMBER)
    # More than 13 integer digits (a trillion yuan) is not a price: an invalid cell,
    # not an overflow that would stop the whole file.
    too_long = pc.fill_null(pc.greater(pc.utf8_length(pc.struct_field(parts, "int")), 13), False)
    parts = pc.if_else(too_long, pa.scalar(None, parts.type), parts)
    integer = pc.cast(pc.struct_field(parts, "int"), pa.int64(), safe=False)
    frac = pc.utf8_rpad(pc.struct_field(parts, "frac"), width=3, padding="0")
    cents = pc.cast(pc.utf8_slice_codeunits(frac, 0, 2), pa.int64())
    third = pc.cast(pc.utf8_slice_codeunits(frac, 2, 3), pa.int64())
    fen = pc.add(pc.add(pc.multiply(integer, 100), cents), pc.if_else(pc.greater_equal(third, 5), 1, 0))
    negative = pc.equal(pc.struct_field(parts, "sign"), "-")
    fen = pc.if_else(negative, pc.negate(fen), fen)
    invalid = pc.and_(pc.is_valid(cleaned), pc.is_null(parts))
    return Parsed(_fill_null_where(fen, invalid), pc.fill_null(invalid, False), empty)


def integer(arr: pa.Array | pa.ChunkedArray) -> Parsed:
    """``1,234`` → 1234; ``12.0`` → 12 (Excel likes to add .0)."""
    nulled = text(arr)
    empty = pc.is_null(nulled)
    if _plain_digits(nulled, 15):  # the common case: a cast, 10× quicker than the regexes below
        return Parsed(pc.cast(nulled, pa.int64()), pa.repeat(pa.scalar(False), len(nulled)), empty)
    cleaned = pc.replace_substring_regex(nulled, pattern=r"[,，\s]|件|个", replacement="")
    del nulled
    parts = pc.extract_regex(cleaned, pattern=r"^(?P<int>-?\d{1,15})(?:\.0*)?$")
    values = pc.cast(pc.struct_field(parts, "int"), pa.int64(), safe=False)
    invalid = pc.and_(pc.is_valid(cleaned), pc.is_null(parts))
    return Parsed(values, pc.fill_null(invalid, False), empty)


def _plain_digits(arr: pa.Array, most: int) -> bool:
    """True when every cell present is 1 to ``most`` ASCII digits (nulls aside)."""
    if arr.null_count == len(arr):
        return False
    if pc.all(pc.ascii_is_decimal(arr)).as_py() is False:
        return False
    return (pc.max(pc.utf8_length(arr)).as_py() or 0) <= most


def percent(arr: pa.Array | pa.ChunkedArray) -> Parsed:
    """``3.75%`` → 0.0375 and ``0.0375`` → 0.0375, as decimal128(12, 6); ``-`` → null."""
    nulled = text(arr)
    empty = pc.is_null(nulled)
    cleaned = pc.replace_substring_regex(nulled, pattern=r"[,\s]", replacement="")
    del nulled
    is_pct = pc.match_substring(cleaned, "%")
    bare = pc.replace_substring(cleaned, "%", "")
    ok = pc.match_substring_regex(bare, r"^-?\d{1,9}(\.\d{1,8})?$")
    number = pc.cast(pc.if_else(ok, bare, pa.scalar(None, pa.string())), pa.decimal128(18, 8))
    scaled = pc.if_else(is_pct, pc.divide(number, pa.scalar(100, pa.decimal128(3, 0))), number)
    values = pc.cast(pc.round(scaled, 6), pa.decimal128(12, 6))
    invalid = pc.and_(pc.is_valid(cleaned), pc.invert(pc.fill_null(ok, False)))
    return Parsed(values, pc.fill_null(invalid, False), empty)


# Formats the platforms write natively, most common first.
DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M",
    "%Y年%m月%d日 %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y年%m月%d日",
    "%Y%m%d",
)
# What Excel writes when it re-saves a CSV: no seconds (2026/9/22 10:11) or no time.
EXCEL_RESAVED = r"^\d{4}/\d{1,2}/\d{1,2}( \d{1,2}:\d{2})?$"


def datetime_(arr: pa.Array | pa.ChunkedArray) -> Parsed:
    """Any of the platforms' date forms → naive timestamp (Asia/Shanghai wall time).

    A fractional-seconds tail (``.683``) is dropped.
    """
    nulled = text(arr)
    empty = pc.is_null(nulled)
    exact = _exact_datetimes(nulled)
    if exact is not None:
        return Parsed(exact, pa.repeat(pa.scalar(False), len(nulled)), empty)
    cleaned = nulled
    if pc.any(pc.match_substring(nulled, ".")).as_py():  # a plain search is 4× quicker than the regex
        cleaned = pc.replace_substring_regex(nulled, pattern=r"\.\d+$", replacement="")
    del nulled
    formats = _formats_by_sample(cleaned)
    fast = _iso_cast(cleaned, formats[0])
    if fast is not None:
        return Parsed(fast, pa.repeat(pa.scalar(False), len(cleaned)), empty)
    result = pa.nulls(len(cleaned), pa.timestamp("s"))
    for fmt in formats:
        parsed = pc.strptime(cleaned, format=fmt, unit="s", error_is_null=True)
        result = pc.coalesce(result, parsed)
        if result.null_count == cleaned.null_count:
            break
    result = _without_rolled_over_days(cleaned, result)
    invalid = pc.and_(pc.is_valid(cleaned), pc.is_null(result))
    return Parsed(result, pc.fill_null(invalid, False), empty)


_DIGITS = (0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18)  # of YYYY-MM-DD HH:MM:SS
_DAYS_BEFORE_MONTH = np.array([0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 0], np.int32)
_DAYS_IN_MONTH = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 0], np.int32)


def _exact_datetimes(nulled: pa.Array) -> pa.Array | None:
    """The column read as timestamps when every value is exactly the platforms' usual
    ``2026-10-28 02:16:07`` (or ``2026/10/28 02:16:07``), a real date and time; else
    None (and the general path reads it). The nineteen bytes of each cell are read
    as digits in numpy: a sixth of the time of Arrow's search, replace and cast."""
    n = len(nulled)
    if n == 0 or nulled.null_count == n:
        return None
    filled = nulled
    if nulled.null_count:  # filled for a view of fixed width, once the cells present are known to fit
        if pc.min_max(pc.binary_length(nulled)).as_py() != {"min": 19, "max": 19}:
            return None
        filled = pc.fill_null(nulled, "1970-01-01 00:00:00")
    cells = arrays.fixed_width_bytes(filled, 19)
    if cells is None:
        return None
    separator = cells[:, 4]
    if not (
        bool(((separator == ord("-")) | (separator == ord("/"))).all())
        and bool((cells[:, 7] == separator).all())
        and bool((cells[:, 10] == ord(" ")).all())
        and bool((cells[:, 13] == ord(":")).all() and (cells[:, 16] == ord(":")).all())
    ):
        return None
    digits = {i: cells[:, i] - np.uint8(ord("0")) for i in _DIGITS}  # (bytes below "0" wrap round)
    if any(bool((d > 9).any()) for d in digits.values()):
        return None

    def number(*positions: int) -> np.ndarray:
        value = digits[positions[0]].astype(np.int32)
        for i in positions[1:]:
            value = value * 10 + digits[i]
        return value

    year, month, day = number(0, 1, 2, 3), number(5, 6), number(8, 9)
    hour, minute, second = number(11, 12), number(14, 15), number(17, 18)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month = np.minimum(month, 13)  # (13: no such month, caught below)
    in_month = _DAYS_IN_MONTH[month] + (leap & (month == 2))
    if not bool(
        ((year >= 1) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= in_month)).all()
        and ((hour <= 23) & (minute <= 59) & (second <= 59)).all()
    ):
        return None
    # days since 1970-01-01 (proleptic Gregorian, as Arrow counts)
    before = year - 1
    days = (
        365 * (year - 1970)
        + (before // 4 - before // 100 + before // 400)
        - (1969 // 4 - 1969 // 100 + 1969 // 400)
        + _DAYS_BEFORE_MONTH[month]
        + ((month > 2) & leap)
        + day
        - 1
    )
    seconds = days.astype(np.int64) * 86400 + (hour * 3600 + minute * 60 + second)
    values = pa.Array.from_buffers(pa.timestamp("s"), n, [None, pa.py_buffer(seconds)])
    if nulled.null_count:
        values = pc.if_else(pc.is_valid(nulled), values, pa.scalar(None, pa.timestamp("s")))
    return values


_ISO_LIKE = {"%Y-%m-%d %H:%M:%S": None, "%Y/%m/%d %H:%M:%S": "/"}


def _iso_cast(cleaned: pa.Array, first_format: str) -> pa.Array | None:
    """Every date of a column in the platforms' usual ``2026-10-28 02:16:07`` (or
    ``2026/10/28 …``) form, read by Arrow's ISO parser — 3× quicker than strptime,
    and strict: a day the month lacks fails it. None when any cell differs."""
    if first_format not in _ISO_LIKE or cleaned.null_count == len(cleaned):
        return None
    lengths = pc.min_max(pc.utf8_length(cleaned)).as_py()
    if lengths["min"] != 19 or lengths["max"] != 19:
        return None
    separator = _ISO_LIKE[first_format]
    iso = cleaned if separator is None else pc.replace_substring(cleaned, separator, "-")
    try:
        return pc.cast(iso, pa.timestamp("s"))
    except pa.ArrowInvalid:
        return None


_DAY_OF_MONTH = r"^\d{4}(?:\D+\d{1,2}\D+|\d{2})(?P<day>\d{1,2})"


def _without_rolled_over_days(cleaned: pa.Array, parsed: pa.Array) -> pa.Array:
    """``parsed`` with null where the text names a day its month does not have.

    Arrow's strptime rolls 2026-02-30 over to 2026-03-02 instead of failing; such
    a cell is wrong, not a date. A rolled-over date lands on day 1-3 of the next
    month, so only those rows are read again (a tenth of a column at most)."""
    day = pc.day(parsed)
    suspect = pc.fill_null(pc.less_equal(day, 3), False)
    if not pc.any(suspect).as_py():
        return parsed
    rows = pc.indices_nonzero(suspect)
    stated = pc.struct_field(pc.extract_regex(pc.take(cleaned, rows), _DAY_OF_MONTH), "day")
    wrong = pc.fill_null(pc.not_equal(pc.cast(stated, pa.int64()), pc.take(day, rows)), False)
    if not pc.any(wrong).as_py():
        return parsed
    mask = np.zeros(len(parsed), bool)
    mask[rows.to_numpy()[np.asarray(wrong.to_numpy(zero_copy_only=False), bool)]] = True
    return pc.if_else(pa.array(mask), pa.scalar(None, parsed.type), parsed)


def _formats_by_sample(cleaned: pa.Array) -> list[str]:
    """The formats, the one that reads the first dated cells first (one pass
    over a million dates instead of several)."""
    sample = pc.drop_null(cleaned.slice(0, 200))
    if len(sample) == 0:
        return list(DATETIME_FORMATS)
    for fmt in DATETIME_FORMATS:
        parsed = pc.strptime(sample, format=fmt, unit="s", error_is_null=True)
        if parsed.null_count == 0:
            return [fmt, *(f for f in DATETIME_FORMATS if f != fmt)]
    return list(DATETIME_FORMATS)


def looks_excel_resaved(arr: pa.Array) -> bool:
    """True when every dated cell has Excel's short form instead of the
    platform's ``YYYY-MM-DD HH:MM:SS``: the file was opened and saved in Excel."""
    cleaned = text(_chunk(arr).slice(0, 5000))  # Excel rewrites the whole column: a sample tells
    present = len(cleaned) - cleaned.null_count
    if present == 0:
        return False
    short = pc.sum(pc.cast(pc.match_substring_regex(cleaned, EXCEL_RESAVED), pa.int64())).as_py() or 0
    return short == present


def _fill_null_where(values: pa.Array, mask: pa.Array) -> pa.Array:
    return pc.if_else(pc.fill_null(mask, False), pa.scalar(None, values.type), values)
