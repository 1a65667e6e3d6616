"""KPI rows as the JSON of DESIGN.md's CLI contract: money as numbers in yuan
with exactly two decimals (``12.50``, not ``12.5``), rates as fractions, null
when unknown."""

from __future__ import annotations

import json
from decimal import Decimal

from shopdesk.domain.kpi import Kpis

FIELDS = ("gmv", "net_sales", "orders", "buyers", "visitors", "conversion", "aov", "repeat_rate", "share")
MONEY = {"gmv", "net_sales", "aov"}


def _number(value: Decimal, money: bool) -> str:
    if money:
        return f"{value:.2f}"
    text = format(value.normalize(), "f")
    return text if text not in ("-0", "") else "0"


def kpi_json(rows: list[Kpis], indent: int = 2) -> str:
    """Serialise with Decimal values written as literal JSON numbers."""
    marks: dict[str, str] = {}

    def mark(value: Decimal, money: bool) -> str:
        key = f"\x00{len(marks)}\x00"
        marks[key] = _number(value, money)
        return key

    items = []
    for row in rows:
        item: dict[str, object] = {"period": row.period, "platform": row.platform}
        for name in FIELDS:
            value = getattr(row, name)
            item[name] = mark(value, name in MONEY) if isinstance(value, Decimal) else value
        items.append(item)
    text = json.dumps(items, ensure_ascii=False, indent=indent)
    for key, number in marks.items():
        text = text.replace(json.dumps(key), number)
    return text
