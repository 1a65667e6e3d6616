"""Real-format exports for the alert tests, with answers worked out by hand.

青禾淘宝旗舰店, two products (商家编码 in ExportOrderDetailList), one buyer per order:

  W44 (10-26 … 11-01): T恤 QH2609 60 orders × 100.00, 裤 QH3001 20 × 200.00
        → GMV 10,000.00, buyers 80, visitors 2,000, conversion 4 %, AOV 125.00
  W45 (11-02 … 11-08): T恤 20 × 100.00, 裤 20 × 200.00
        → GMV 6,000.00, buyers 40, visitors 2,000, conversion 2 %, AOV 150.00
  Conversion −50 % (the shipped rule fires for taobao), visitors flat, AOV +20 %:
  the factor that moved is conversion; the T恤 lost 4,000.00 of GMV, the 裤 nothing.

JD (no traffic export: conversion unknown, the default rule skips JD): 3 orders in each week.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from tests.builders import jd, reports, taobao

W44 = date(2026, 10, 26)
W45 = date(2026, 11, 2)
AS_OF = date(2026, 11, 11)  # a Wednesday in W46: the last complete week is W45


def _orders(start: date, counts: dict[tuple[str, str, str], int], prefix: str) -> tuple[list, list]:
    """``counts``: (outer id, title, price) → number of orders, spread over the 7 days."""
    orders, details = [], []
    n = 0
    for (outer_id, title, price), count in counts.items():
        for i in range(count):
            n += 1
            order_id = f"33{prefix}{n:015d}"
            day = start + timedelta(days=i % 7)
            orders.append(
                dict(order_id=order_id, buyer=f"buyer_{prefix}_{n}", paid=price, total=price, goods=price,
                     paid_time=f"{day.isoformat()} 10:{i % 60:02d}:00", titles=title)
            )  # fmt: skip
            details.append(dict(order_id=order_id, price=price, title=title, outer_id=outer_id))
    return orders, details


TEE = ("QH2609", "青禾纯棉宽松T恤", "100.00")
PANTS = ("QH3001", "青禾阔腿休闲裤", "200.00")


def write_taobao(tmp_path: Path, visitors_per_day: int = 2000 // 7) -> list[Path]:
    o44, d44 = _orders(W44, {TEE: 60, PANTS: 20}, "44")
    o45, d45 = _orders(W45, {TEE: 20, PANTS: 20}, "45")
    days = [W44 + timedelta(days=i) for i in range(14)]
    visitors = [286, 286, 286, 286, 286, 285, 285] * 2  # 2,000 a week
    traffic = reports.sycm_shop(
        tmp_path / "生意参谋_店铺整体_日报.xls",
        [dict(day=d.isoformat(), visitors=v, page_views=v * 3, paid_buyers=1, paid=Decimal("1"),
              conversion=Decimal("0.01"), aov=Decimal("1"), add_to_cart=1)
         for d, v in zip(days, visitors, strict=True)],
        period=(days[0].isoformat(), days[-1].isoformat()),
    )  # fmt: skip
    return [
        taobao.write_order_list(tmp_path / "ExportOrderList202611100900.csv", o44 + o45),
        taobao.write_order_details(tmp_path / "ExportOrderDetailList202611100900.csv", d44 + d45),
        traffic,
    ]


def write_jd(tmp_path: Path) -> Path:
    orders = [
        dict(order_id=f"2900000000{w}{i}", account=f"jd_{w}_{i}", payable="99.00",
             paid_time=f"{(start + timedelta(days=i)).isoformat()} 08:00:00")
        for w, start in ((4, W44), (5, W45)) for i in range(3)
    ]  # fmt: skip
    return jd.write_orders(tmp_path / "jd.csv", orders)
