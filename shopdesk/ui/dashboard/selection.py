"""What the dashboard is looking at: a period, its comparison period, a platform and a shop.

Plain data and date arithmetic, no widgets, so stepping through weeks and months
is tested without Qt. The comparison period is the one just before: the day
before, the ISO week before, the calendar month before (what a team compares
in Excel: 11月 against 10月, not "the 30 days before"), and for a custom range
the range of equal length just before it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from shopdesk.domain.kpi import Period, period_label, week_label
from shopdesk.platforms import PLATFORMS
from shopdesk.services.kpi.metrics import Scope

CHART_MIN_DAYS = 14  # a one-day period still gets a readable trend: the 14 days up to it


class Kind(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    CUSTOM = "custom"


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` away from ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Selection:
    kind: Kind = Kind.WEEK
    anchor: date = date(2026, 1, 1)  # any day inside the period (day/week/month)
    start: date | None = None  # custom range only
    end: date | None = None
    platform: str | None = None  # None: all platforms
    shop_id: int | None = None

    # --- periods --------------------------------------------------------------
    def period(self) -> Period:
        a = self.anchor
        if self.kind is Kind.DAY:
            return Period(a.isoformat(), a, a)
        if self.kind is Kind.WEEK:
            monday = a - timedelta(days=a.weekday())
            return Period(week_label(monday), monday, monday + timedelta(days=6))
        if self.kind is Kind.MONTH:
            return Period(f"{a.year}-{a.month:02d}", month_start(a), month_end(a))
        start = self.start or a
        end = max(self.end or a, start)
        return Period(period_label(start, end), start, end)

    def previous(self) -> Period:
        return self.stepped(-1).period()

    def stepped(self, steps: int) -> Selection:
        """The same kind of period, ``steps`` periods later (negative: earlier)."""
        if self.kind is Kind.DAY:
            return replace(self, anchor=self.anchor + timedelta(days=steps))
        if self.kind is Kind.WEEK:
            return replace(self, anchor=self.anchor + timedelta(weeks=steps))
        if self.kind is Kind.MONTH:
            return replace(self, anchor=add_months(self.anchor, steps))
        current = self.period()
        shift = timedelta(days=current.days * steps)
        return replace(self, start=current.start + shift, end=current.end + shift, anchor=current.end + shift)

    def chart_span(self, today: date | None = None) -> tuple[date, date]:
        """The days the trend charts show: the period, widened to two weeks when
        shorter, and ending at ``today`` (days to come have no figures, not zero ones)."""
        period = self.period()
        start = min(period.start, period.end - timedelta(days=CHART_MIN_DAYS - 1))
        end = period.end if today is None else max(start, min(period.end, today))
        return start, end

    def scope(self, platform: str | None = None) -> Scope:
        """The KPI scope; ``platform`` narrows a drill-down from all platforms to one."""
        platform = platform or self.platform
        shop = self.shop_id if self.platform is None or platform == self.platform else None
        return Scope(platform=platform, shop_id=shop)

    # --- settings -------------------------------------------------------------
    def to_settings(self) -> dict[str, Any]:
        """The choices worth keeping between sessions. The anchor is not kept: a
        new session starts at the newest data, which is what the team opens the
        app for; a custom range is kept as chosen."""
        data: dict[str, Any] = {"kind": self.kind.value, "platform": self.platform, "shop_id": self.shop_id}
        if self.kind is Kind.CUSTOM:
            period = self.period()
            data.update(start=period.start.isoformat(), end=period.end.isoformat())
        return data

    @classmethod
    def from_settings(cls, data: object, latest: date) -> Selection:
        """Rebuild from settings (anything malformed falls back to a default),
        anchored on ``latest``, the newest day with data."""
        raw = data if isinstance(data, dict) else {}
        try:
            kind = Kind(raw.get("kind", Kind.WEEK.value))
        except ValueError:
            kind = Kind.WEEK
        platform = raw.get("platform") if raw.get("platform") in PLATFORMS else None
        shop = raw.get("shop_id") if platform and isinstance(raw.get("shop_id"), int) else None
        start = end = None
        if kind is Kind.CUSTOM:
            try:
                start, end = date.fromisoformat(raw["start"]), date.fromisoformat(raw["end"])
            except (KeyError, TypeError, ValueError):
                kind = Kind.WEEK
            else:
                if end < start:
                    start, end = end, start
        anchor = end or opening_anchor(kind, latest)
        return cls(kind=kind, anchor=anchor, start=start, end=end, platform=platform, shop_id=shop)


def opening_anchor(kind: Kind, latest: date) -> date:
    """The period a session opens on: the last complete one up to ``latest``
    (last week, not a week of two days compared with a full one). ▶ steps on
    to the running period."""
    if kind is Kind.WEEK and latest.weekday() != 6:
        return latest - timedelta(days=7)
    if kind is Kind.MONTH and latest != month_end(latest):
        return month_start(latest) - timedelta(days=1)
    return latest
