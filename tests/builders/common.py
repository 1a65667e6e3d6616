"""Pieces the platform builders share: CSV cell writing, invented people, and
the damage Excel does to a CSV it opened and saved."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Person:
    """An invented receiver. Nothing of it may ever reach the database."""

    name: str
    phone: str
    province: str
    city: str
    district: str
    street: str

    @property
    def address(self) -> str:
        return f"{self.province} {self.city} {self.district} {self.street}"


PEOPLE = (
    Person("欧阳砚秋", "13797179748", "四川省", "成都市", "武侯区", "棕北山路498号"),
    Person("司马青禾", "15523776199", "上海", "上海市", "浦东新区", "锦绣三路994号"),
    Person("诸葛婉清", "19832568492", "北京", "北京市", "朝阳区", "望京大街260号"),
    Person("上官晓岚", "13254015579", "江苏省", "苏州市", "姑苏区", "平江设路946号"),
    Person("慕容雪梅", "17342371379", "浙江省", "杭州市", "西湖区", "文三民路561号"),
    Person("东方若兰", "14304504161", "广东省", "深圳市", "南山区", "科技学路532号"),
)


def columns(line: str) -> list[str]:
    """A header written the way it appears in the file (trailing spaces and all)."""
    return line.split(",")


def mask_phone(phone: str) -> str:
    """``13797179748`` → ``1******9748`` as newer exports show it."""
    return phone[0] + "*" * 6 + phone[-4:]


class Raw(str):
    """A cell written exactly as is (Taobao's ``="…"`` guard is not CSV-quoted)."""


def csv_cell(value: object) -> str:
    """A cell as the platforms' CSV writers put it: quoted only when it must be."""
    if isinstance(value, Raw):
        return value
    text = "" if value is None else str(value)
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], newline: str = "\r\n") -> str:
    lines = [",".join(csv_cell(h) for h in header)]
    lines.extend(",".join(csv_cell(v) for v in row) for row in rows)
    return newline.join(lines) + newline


def write_text(path: Path, text: str, encoding: str, bom: bool = False) -> Path:
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


def fill(header: Sequence[str], defaults: Mapping[str, object], values: Mapping[str, object]) -> list[object]:
    """One row in header order: the test's values over the builder's defaults."""
    merged = {**defaults, **values}
    unknown = set(values) - {h.strip() for h in header} - set(defaults)
    if unknown:
        raise KeyError(f"not a column of this export: {sorted(unknown)}")
    return [merged.get(h.strip(), "") for h in header]


def rename(row: Mapping[str, object], aliases: Mapping[str, str]) -> dict[str, object]:
    """Short English keys (``paid``) → the export's header (``买家实际支付金额``)."""
    return {aliases.get(k, k): v for k, v in row.items()}


# --- Excel damage ------------------------------------------------------------------------------

_LONG_NUMBER = re.compile(r"^(\d{12,})$")
_GUARDED_NUMBER = re.compile(r'^="(\d+)"$')
_DECIMAL = re.compile(r"^(\d+)\.(\d*?)0*$")
_FULL_DATE = re.compile(r"^(\t?)(\d{4})[-/](\d{2})[-/](\d{2}) (\d{2}):(\d{2}):(\d{2})$")


def excel_number(digits: str) -> str:
    """What Excel shows for a long number in a General cell: ``3.28471E+18``."""
    mantissa, exponent = f"{float(digits):.5E}".split("E")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}E+{int(exponent):02d}"


def excel_date(match: re.Match[str]) -> str:
    _, y, m, d, hh, mm, _ss = match.groups()
    return f"{int(y)}/{int(m)}/{int(d)} {int(hh)}:{mm}"


def sniff_encoding(data: bytes) -> tuple[str, bool]:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8", True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030", False
    return "utf-8", False


def excel_resave(path: Path, *, ids: bool = True, dates: bool = True) -> Path:
    """Open ``path`` in Excel and press Save: bare long numbers become ``3.28471E+18``
    (``="…"`` formulas keep their text), ``2026-09-22 10:11:12`` becomes
    ``2026/9/22 10:11``, ``169.00`` becomes ``169``; written back in the same
    encoding with CRLF."""
    data = path.read_bytes()
    encoding, bom = sniff_encoding(data)
    text = data.decode(encoding).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = []
    for r, row in enumerate(rows):
        new_row = []
        for cell in row:
            value = cell
            if r > 0:
                guarded = _GUARDED_NUMBER.match(cell)
                if guarded:  # ="…" is a formula: its text result survives one save
                    value = guarded.group(1)
                elif ids and _LONG_NUMBER.match(cell):
                    value = excel_number(cell)
                elif dates and _FULL_DATE.match(cell):
                    value = _FULL_DATE.sub(excel_date, cell)
                elif _DECIMAL.match(cell):  # 169.00 → 169, 58.50 → 58.5
                    whole, frac = _DECIMAL.match(cell).groups()
                    value = f"{whole}.{frac}" if frac else whole
            new_row.append(value)
        out.append(new_row)
    write_text(path, csv_text(out[0], out[1:]), encoding, bom)
    return path
