"""The KPI definitions of DESIGN.md, as pure functions over summed figures.

Everything that shows a KPI — the dashboard, the weekly report, the alerts and
``shopdesk metrics`` — gets its numbers from :func:`kpis`, so a definition is
written down once. Money arrives as integer fen and leaves as Decimal yuan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

FEN = Decimal("0.01")
RATE = Decimal("0.000001")


class Grain(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    TOTAL = "total"


@dataclass(frozen=True)
class Period:
    """A labelled, inclusive range of Beijing days."""

    label: str
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of equal length just before this one (for comparisons)."""
        length = timedelta(days=self.days)
        start, end = self.start - length, self.end - length
        return Period(period_label(start, end), start, end)


def period_label(start: date, end: date) -> str:
    if start == end:
        return start.isoformat()
    return f"{start.isoformat()}..{end.isoformat()}"


def week_label(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(label: str) -> Period:
    """``2026-W45`` → Monday … Sunday of that ISO week; ValueError when malformed."""
    try:
        year_text, week_text = label.upper().split("-W")
        monday = date.fromisocalendar(int(year_text), int(week_text), 1)
    except ValueError as exc:
        raise ValueError(label) from exc
    return Period(week_label(monday), monday, monday + timedelta(days=6))


def periods(start: date, end: date, grain: Grain) -> list[Period]:
    """Split [start, end] into days, ISO weeks, calendar months or one total.
    Weeks and months at the edges are clipped to the range."""
    if end < start:
        raise ValueError("end before start")
    if grain is Grain.TOTAL:
        return [Period(f"{start.isoformat()}..{end.isoformat()}", start, end)]
    result: list[Period] = []
    day = start
    while day <= end:
        if grain is Grain.DAY:
            last, label = day, day.isoformat()
        elif grain is Grain.WEEK:
            last, label = day + timedelta(days=6 - day.weekday()), week_label(day)
        else:
            next_month = date(day.year + day.month // 12, day.month % 12 + 1, 1)
            last, label = next_month - timedelta(days=1), f"{day.year}-{day.month:02d}"
        last = min(last, end)
        result.append(Period(label, day, last))
        day = last + timedelta(days=1)
    return result


@dataclass
class Sums:
    """What the aggregates give for one scope and period."""

    gmv_fen: int = 0
    refund_fen: int = 0
    orders: int = 0
    unidentified: int = 0  # paid orders whose buyer cannot be matched
    buyers: int = 0
    repeat_buyers: int = 0
    visitors: int | None = None  # None: no traffic data

    def add(self, other: Sums) -> None:
        self.gmv_fen += other.gmv_fen
        self.refund_fen += other.refund_fen
        self.orders += other.orders
        self.unidentified += other.unidentified
        self.buyers += other.buyers
        self.repeat_buyers += other.repeat_buyers


@dataclass
class Kpis:
    """One row of figures, as DESIGN.md defines them. ``None`` means unknown."""

    period: str
    platform: str  # "all" or a platform code
    gmv: Decimal
    net_sales: Decimal
    orders: int
    buyers: int
    visitors: int | None
    conversion: Decimal | None
    aov: Decimal | None
    repeat_rate: Decimal | None
    share: Decimal | None
    sums: Sums = field(repr=False, default_factory=Sums)

    def value(self, metric: str) -> Decimal | int | None:
        return getattr(self, metric)


def yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(FEN)


def ratio(
    numerator: int | Decimal, denominator: int | Decimal | None, quantum: Decimal = RATE
) -> Decimal | None:
    if denominator is None or denominator == 0:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(quantum, rounding=ROUND_HALF_UP)


def kpis(period: str, platform: str, sums: Sums, all_gmv_fen: int) -> Kpis:
    """The KPI row for ``sums``; ``all_gmv_fen`` is the all-platform GMV of the
    same period, for the share."""
    gmv = yuan(sums.gmv_fen)
    aov = ratio(sums.gmv_fen, sums.buyers * 100, FEN) if sums.buyers else None
    # More than half the paid orders without a buyer identity: the repeat rate
    # would count strangers as new buyers, so it is unknown.
    matchable = sums.orders > 0 and sums.unidentified * 2 <= sums.orders
    return Kpis(
        period=period,
        platform=platform,
        gmv=gmv,
        net_sales=yuan(sums.gmv_fen - sums.refund_fen),
        orders=sums.orders,
        buyers=sums.buyers,
        visitors=sums.visitors,
        conversion=ratio(sums.buyers, sums.visitors) if sums.visitors else None,
        aov=aov,
        repeat_rate=ratio(sums.repeat_buyers, sums.buyers) if matchable else None,
        share=ratio(sums.gmv_fen, all_gmv_fen),
        sums=sums,
    )


def change(current: Decimal | int | None, previous: Decimal | int | None) -> Decimal | None:
    """Relative change (0.25 = +25 %); None when either side is unknown or the base is 0."""
    if current is None or previous is None or previous == 0:
        return None
    return ((Decimal(current) - Decimal(previous)) / Decimal(previous)).quantize(RATE, rounding=ROUND_HALF_UP)
