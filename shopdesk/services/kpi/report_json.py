"""KPI rows as the JSON of DESIGN.md's CLI contract: money as numbers in yuan
with exactly two decimals (``12.50``, not ``12.5``), rates as fractions, null
when unknown."""

from __future__ import annotations

from decimal import Decimal

from shopdesk.domain.kpi import FEN, Kpis
from shopdesk.services.decimal_json import dumps

FIELDS = ("gmv", "net_sales", "orders", "buyers", "visitors", "conversion", "aov", "repeat_rate", "share")
MONEY = {"gmv", "net_sales", "aov"}


def _shaped(value: Decimal, money: bool) -> Decimal:
    """Money keeps its two decimals (the domain quantizes it); a rate loses
    trailing zeros (0.003000 → 0.003)."""
    return value.quantize(FEN) if money else value.normalize()


def kpi_json(rows: list[Kpis], indent: int = 2) -> str:
    items = []
    for row in rows:
        item: dict[str, object] = {"period": row.period, "platform": row.platform}
        for name in FIELDS:
            value = getattr(row, name)
            item[name] = _shaped(value, name in MONEY) if isinstance(value, Decimal) else value
        items.append(item)
    return dumps(items, indent)
