"""How the dashboard writes numbers: exact yuan, counts, rates and changes.

One place, so a card, a table cell and a chart tooltip never disagree about
rounding. Money stays Decimal until it is text; rates are fractions (0.0375)
shown as percentages; a change of a rate is in percentage points (the rate
itself is already a percentage, a "+10 %" of 3 % would read as 13 %), a change
of money or a count is relative.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

DASH = "—"
UP, DOWN, FLAT = "▲", "▼", "■"
GREEN, RED, GREY = "#2b8a3e", "#c92a2a", "#868e96"


def yuan(value: Decimal | None) -> str:
    return DASH if value is None else f"¥{value:,.2f}"


def count(value: int | None) -> str:
    return DASH if value is None else f"{int(value):,}"


def percent(value: Decimal | None, places: int = 2) -> str:
    if value is None:
        return DASH
    quantum = Decimal(1).scaleb(-places)
    return f"{(value * 100).quantize(quantum, rounding=ROUND_HALF_UP)}%"


def relative_change(value: Decimal | None) -> str:
    """+0.1234 → "▲12.3%"; None (no base to compare with) → "—"."""
    if value is None:
        return DASH
    shown = (abs(value) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{arrow(value if shown else Decimal(0))}{shown:,}%"


def points_change(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """The change of a rate in percentage points (0.0342 → 0.0375 is +0.33)."""
    if current is None or previous is None:
        return None
    return ((current - previous) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def points(value: Decimal | None, unit: str = "pp") -> str:
    if value is None:
        return DASH
    return f"{arrow(value)}{abs(value)}{unit}"


def arrow(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    return UP if value > 0 else DOWN if value < 0 else FLAT


def colour(value: Decimal | int | None) -> str:
    """Red for up, green for down: the Chinese convention (生意参谋, stock
    quotes) that the team reads every day, and the weekly report's too."""
    if value is None or value == 0:
        return GREY
    return RED if value > 0 else GREEN


def short_day(day: date) -> str:
    return f"{day.month:02d}-{day.day:02d}"
