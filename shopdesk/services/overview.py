"""What is in this database, per platform: the first screen after opening a file.

Before KPIs exist, the team still needs to see at a glance which shops, listings
and orders a database holds and which dates it covers, to know whether an import
worked. Everything is a SQL aggregate (never rows pulled into Python), money stays
integer fen until it becomes a :class:`~decimal.Decimal` of yuan, and the GMV rules
match DESIGN.md: test orders never count, unpaid and cancelled orders are not GMV.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.db.base import PLATFORMS
from shopdesk.db.models import Listing, Order, OrderLine, Shop

NOT_PAID = ("unpaid", "cancelled")
FEN_PER_YUAN = Decimal(100)
CENT = Decimal("0.01")


def fen_to_yuan(fen: int) -> Decimal:
    """Exact yuan with two decimals (money never goes through float)."""
    return (Decimal(int(fen)) / FEN_PER_YUAN).quantize(CENT)


@dataclass
class PlatformOverview:
    platform: str
    shops: int = 0
    listings: int = 0
    orders: int = 0  # non-test orders of any status
    order_lines: int = 0
    paid_orders: int = 0
    gmv_fen: int = 0
    first_paid: date | None = None
    last_paid: date | None = None

    @property
    def gmv(self) -> Decimal:
        return fen_to_yuan(self.gmv_fen)


@dataclass
class Overview:
    platforms: list[PlatformOverview] = field(default_factory=list)
    test_orders: int = 0  # excluded from every figure above

    @property
    def is_empty(self) -> bool:
        return not any(p.shops or p.listings or p.orders for p in self.platforms)

    @property
    def shops(self) -> int:
        return sum(p.shops for p in self.platforms)

    @property
    def orders(self) -> int:
        return sum(p.orders for p in self.platforms)

    @property
    def gmv(self) -> Decimal:
        return fen_to_yuan(sum(p.gmv_fen for p in self.platforms))


def database_overview(session: Session) -> Overview:
    """Per-platform counts, GMV and paid-date range, in platform order."""
    rows: dict[str, PlatformOverview] = {}

    def row(platform: str) -> PlatformOverview:
        return rows.setdefault(platform, PlatformOverview(platform))

    for platform, count in session.execute(select(Shop.platform, func.count()).group_by(Shop.platform)):
        row(platform).shops = count
    listings = select(Shop.platform, func.count(Listing.id)).join(Shop, Listing.shop_id == Shop.id)
    for platform, count in session.execute(listings.group_by(Shop.platform)):
        row(platform).listings = count
    real = Order.is_test.is_(False)
    for platform, count in session.execute(
        select(Order.platform, func.count()).where(real).group_by(Order.platform)
    ):
        row(platform).orders = count
    lines = select(Order.platform, func.count(OrderLine.id)).join(Order, OrderLine.order_id == Order.id)
    for platform, count in session.execute(lines.where(real).group_by(Order.platform)):
        row(platform).order_lines = count
    _add_paid(session, row)
    test_orders = session.scalar(select(func.count()).select_from(Order).where(Order.is_test.is_(True)))
    order = {p: i for i, p in enumerate(PLATFORMS)}
    platforms = sorted(rows.values(), key=lambda p: (order.get(p.platform, len(order)), p.platform))
    return Overview(platforms=platforms, test_orders=test_orders or 0)


def _add_paid(session: Session, row: Callable[[str], PlatformOverview]) -> None:
    paid = (
        select(
            Order.platform,
            func.count(),
            func.coalesce(func.sum(Order.paid_fen), 0),
            func.min(Order.paid_time),
            func.max(Order.paid_time),
        )
        .where(Order.is_test.is_(False), Order.status.not_in(NOT_PAID), Order.paid_time.is_not(None))
        .group_by(Order.platform)
    )
    for platform, count, fen, first, last in session.execute(paid):
        target = row(platform)
        target.paid_orders = count
        target.gmv_fen = int(fen)
        target.first_paid = _as_date(first)
        target.last_paid = _as_date(last)


def _as_date(value: datetime | date | str | None) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.fromisoformat(str(value)).date()
