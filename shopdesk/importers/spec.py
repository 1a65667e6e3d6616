"""What a platform's export looks like: its columns (with every known alias),
which of them identify the file, and how each is cleaned.

Specs are data, so a new export layout is usually one more alias; users can add
aliases of their own (``column_alias`` table) without a new release.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from shopdesk.importers.header import normalize_header


class Kind(StrEnum):
    ORDERS = "orders"
    ORDER_ITEMS = "order_items"
    LISTINGS = "listings"
    TRAFFIC_SHOP = "traffic_shop"
    TRAFFIC_ITEM = "traffic_item"
    KEYWORDS = "keywords"
    REVIEWS = "reviews"


class Cell(StrEnum):
    ID = "id"  # text, Excel guards removed, Excel damage refused
    TEXT = "text"
    MONEY = "money"  # → integer fen
    INT = "int"
    DATETIME = "datetime"
    PERCENT = "percent"
    PERSONAL = "personal"  # receiver name/phone/address: read only to derive a buyer key, never stored


@dataclass(frozen=True)
class Col:
    field: str
    aliases: tuple[str, ...]
    cell: Cell = Cell.TEXT
    required: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(normalize_header(a) for a in self.aliases)


@dataclass(frozen=True)
class FileSpec:
    platform: str
    kind: Kind
    label: str  # what the user calls the file, e.g. 淘宝 已卖出的宝贝 订单报表
    columns: tuple[Col, ...]
    signature: frozenset[str]  # fields that must all be present to recognise the file
    skip_after_header: int = 0  # 淘宝助理 has a Chinese header line under the English one
    # Order exports write full timestamps; Excel's short form means the file was re-saved.
    check_excel_dates: bool = False

    def match(self, header: list[str], extra_aliases: dict[str, str] | None = None) -> dict[str, int]:
        """Map field → column index for the header cells this spec knows."""
        found: dict[str, int] = {}
        lookup: dict[str, str] = {}
        for col in self.columns:
            for key in col.keys:
                lookup.setdefault(key, col.field)
        for alias, field_name in (extra_aliases or {}).items():
            lookup.setdefault(normalize_header(alias), field_name)
        for index, cell in enumerate(header):
            name = lookup.get(cell)
            if name is not None and name not in found:
                found[name] = index
        return found

    def recognises(self, found: dict[str, int]) -> bool:
        return self.signature <= found.keys()

    def col_or_none(self, field_name: str) -> Col | None:
        return next((col for col in self.columns if col.field == field_name), None)

    def col(self, field_name: str) -> Col:
        for col in self.columns:
            if col.field == field_name:
                return col
        raise KeyError(field_name)


def cols(*specs: tuple) -> tuple[Col, ...]:
    """Compact column tables: ``("paid", Cell.MONEY, "实付金额", "买家实付金额")``."""
    out = []
    for spec in specs:
        name, cell, *aliases = spec
        out.append(Col(name, tuple(aliases), cell))
    return tuple(out)
