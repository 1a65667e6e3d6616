"""The dashboard's periods: stepping days, ISO weeks, calendar months and custom ranges,
the comparison period, and what is remembered between sessions (no Qt)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from shopdesk.ui.dashboard import formats
from shopdesk.ui.dashboard.selection import Kind, Selection, opening_anchor


def span(period) -> tuple[date, date]:
    return period.start, period.end


def test_week_is_iso_and_steps_by_weeks() -> None:
    s = Selection(Kind.WEEK, date(2026, 11, 5))  # a Thursday in W45
    assert (s.period().label, span(s.period())) == ("2026-W45", (date(2026, 11, 2), date(2026, 11, 8)))
    assert span(s.previous()) == (date(2026, 10, 26), date(2026, 11, 1))
    assert s.stepped(1).period().label == "2026-W46"
    assert Selection(Kind.WEEK, date(2027, 1, 1)).period().label == "2026-W53"  # ISO year


def test_month_compares_with_the_previous_calendar_month() -> None:
    s = Selection(Kind.MONTH, date(2026, 3, 31))
    assert span(s.period()) == (date(2026, 3, 1), date(2026, 3, 31))
    assert span(s.previous()) == (date(2026, 2, 1), date(2026, 2, 28))  # not "the 31 days before"
    assert span(Selection(Kind.MONTH, date(2026, 1, 15)).previous()) == (
        date(2025, 12, 1),
        date(2025, 12, 31),
    )
    assert s.stepped(10).period().label == "2027-01"


def test_custom_range_steps_by_its_own_length() -> None:
    s = Selection(Kind.CUSTOM, date(2026, 11, 11), start=date(2026, 11, 1), end=date(2026, 11, 11))
    assert span(s.previous()) == (date(2026, 10, 21), date(2026, 10, 31))
    assert span(s.stepped(1).period()) == (date(2026, 11, 12), date(2026, 11, 22))


def test_day_period_charts_two_weeks_and_never_the_future() -> None:
    s = Selection(Kind.DAY, date(2026, 11, 11))
    assert s.previous().start == date(2026, 11, 10)
    assert s.chart_span() == (date(2026, 10, 29), date(2026, 11, 11))
    week = Selection(Kind.WEEK, date(2026, 11, 25))
    assert week.chart_span(today=date(2026, 11, 25)) == (date(2026, 11, 16), date(2026, 11, 25))


def test_a_session_opens_on_the_last_complete_period() -> None:
    monday = date(2026, 11, 9)
    assert opening_anchor(Kind.WEEK, monday) == date(2026, 11, 2)
    assert opening_anchor(Kind.WEEK, date(2026, 11, 8)) == date(2026, 11, 8)  # Sunday: the week is whole
    assert opening_anchor(Kind.MONTH, date(2026, 11, 25)) == date(2026, 10, 31)
    assert opening_anchor(Kind.DAY, monday) == monday


def test_settings_round_trip_and_bad_values_fall_back() -> None:
    s = Selection(Kind.CUSTOM, date(2026, 11, 8), date(2026, 11, 2), date(2026, 11, 8), "jd", 7)
    back = Selection.from_settings(s.to_settings(), latest=date(2026, 11, 25))
    assert back == s
    week = Selection.from_settings({"kind": "week", "platform": "taobao"}, latest=date(2026, 11, 25))
    assert (week.kind, week.platform, week.period().label) == (Kind.WEEK, "taobao", "2026-W47")
    junk = Selection.from_settings({"kind": "year", "platform": "ebay", "shop_id": "x"}, date(2026, 11, 8))
    assert (junk.kind, junk.platform, junk.shop_id) == (Kind.WEEK, None, None)
    assert Selection.from_settings(None, date(2026, 11, 8)).kind is Kind.WEEK


def test_number_formats() -> None:
    assert formats.yuan(Decimal("1234567.5")) == "¥1,234,567.50"
    assert formats.percent(Decimal("0.003")) == "0.30%"
    assert formats.relative_change(Decimal("-0.895210")) == "▼89.5%"
    assert formats.relative_change(None) == "—"
    assert formats.points(formats.points_change(Decimal("0.0375"), Decimal("0.0342")), "pp") == "▲0.33pp"
