"""The KPI figures a rule compares, for each scope it covers and each period.

Platforms, shops and "all" come from :func:`metrics` (the same numbers as the
dashboard); a product scope adds up its items from :func:`product_kpis`. A
baseline of several periods (the same weekday of the last four weeks) is their
mean: counts and money are averaged, rates are pooled (Σ buyers / Σ visitors),
so GMV = visitors × conversion × AOV still holds for the baseline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Connection, text

from shopdesk.domain.kpi import FEN, RATE, Grain, Kpis, Period, ratio, week_label
from shopdesk.platforms import PLATFORMS
from shopdesk.services.kpi.metrics import Scope, metrics
from shopdesk.services.kpi.products import ProductKpis, product_kpis

ZERO = Decimal(0)


@dataclass(frozen=True)
class Figures:
    """One scope in one period (or the mean of several). Unknown values are None."""

    gmv: Decimal
    net_sales: Decimal
    orders: Decimal
    buyers: Decimal
    visitors: Decimal | None
    repeat_buyers: Decimal | None
    share: Decimal | None = None

    @property
    def conversion(self) -> Decimal | None:
        return ratio(self.buyers, self.visitors) if self.visitors else None

    @property
    def aov(self) -> Decimal | None:
        return ratio(self.gmv, self.buyers, FEN) if self.buyers else None

    @property
    def repeat_rate(self) -> Decimal | None:
        if self.repeat_buyers is None or not self.buyers:
            return None
        return ratio(self.repeat_buyers, self.buyers)

    @property
    def has_data(self) -> bool:
        return bool(self.orders) or self.visitors is not None

    def value(self, metric: str) -> Decimal | None:
        return getattr(self, metric)

    def volume(self, counted: str) -> Decimal:
        return getattr(self, counted) or ZERO


EMPTY = Figures(ZERO, ZERO, ZERO, ZERO, None, None, None)


def from_kpis(k: Kpis) -> Figures:
    return Figures(
        gmv=k.gmv,
        net_sales=k.net_sales,
        orders=Decimal(k.orders),
        buyers=Decimal(k.buyers),
        visitors=None if k.visitors is None else Decimal(k.visitors),
        repeat_buyers=None if k.repeat_rate is None else Decimal(k.sums.repeat_buyers),
        share=k.share,
    )


def mean(parts: list[Figures]) -> Figures:
    """The baseline of several periods; periods without any data are left out
    (a shop that did not exist yet is not a week of zero sales)."""
    parts = [p for p in parts if p.has_data]
    if not parts:
        return EMPTY
    if len(parts) == 1:
        return parts[0]
    n = Decimal(len(parts))

    def avg(values: list[Decimal]) -> Decimal:
        return (sum(values, ZERO) / n).quantize(RATE)

    visitors = [p.visitors for p in parts]
    repeat = [p.repeat_buyers for p in parts]
    shares = [p.share for p in parts]
    return Figures(
        gmv=avg([p.gmv for p in parts]).quantize(FEN),
        net_sales=avg([p.net_sales for p in parts]).quantize(FEN),
        orders=avg([p.orders for p in parts]),
        buyers=avg([p.buyers for p in parts]),
        visitors=None if None in visitors else avg(visitors),  # type: ignore[arg-type]
        repeat_buyers=None if None in repeat else avg(repeat),  # type: ignore[arg-type]
        share=None if None in shares else avg(shares),  # type: ignore[arg-type]
    )


# --- periods -----------------------------------------------------------------------------------


def shifted(period: Period, grain: str, days: int) -> Period:
    start, end = period.start - timedelta(days=days), period.end - timedelta(days=days)
    return Period(start.isoformat() if grain == "day" else week_label(start), start, end)


def last_complete(grain: str, today: date) -> Period:
    """The last whole day (yesterday) or ISO week (the one before this week) before ``today``."""
    if grain == "day":
        day = today - timedelta(days=1)
        return Period(day.isoformat(), day, day)
    monday = today - timedelta(days=today.weekday() + 7)
    return Period(week_label(monday), monday, monday + timedelta(days=6))


# --- scopes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One concrete scope a rule is evaluated for."""

    key: str  # all | platform:jd | shop:3 | product:QH2609
    kind: str
    value: str | None
    scope: Scope  # for metrics() / product_kpis()


def _series(conn: Connection, spans: list[Period], grain: str, scope: Scope) -> dict[tuple[str, str], Kpis]:
    """KPI rows for every span (spans are whole days or ISO weeks), by (label, platform)."""
    start, end = min(p.start for p in spans), max(p.end for p in spans)
    g = Grain.DAY if grain == "day" else Grain.WEEK
    wanted = {p.label for p in spans}
    return {(k.period, k.platform): k for k in metrics(conn, start, end, g, scope) if k.period in wanted}


def shops(conn: Connection) -> dict[int, tuple[str, str]]:
    """shop id → (platform, name)."""
    return {
        int(i): (p, n) for i, p, n in conn.execute(text("SELECT id, platform, name FROM shop ORDER BY id"))
    }


def figures_by_target(
    conn: Connection, kind: str, value: str | None, spans: list[Period], grain: str
) -> dict[Target, dict[str, Figures]]:
    """For each target of a rule's scope: period label → Figures."""
    out: dict[Target, dict[str, Figures]] = {}
    if kind in ("all", "platform"):
        rows = _series(conn, spans, grain, Scope())
        if kind == "all":
            targets = [Target("all", "all", None, Scope())]
            column = {"all": "all"}
        else:
            chosen = [value] if value else [p for p in PLATFORMS if any(k[1] == p for k in rows)]
            targets = [Target(f"platform:{p}", "platform", p, Scope(platform=p)) for p in chosen]
            column = {t.key: t.value for t in targets}
        for t in targets:
            out[t] = {
                p.label: from_kpis(rows[(p.label, column[t.key])])
                if (p.label, column[t.key]) in rows
                else EMPTY
                for p in spans
            }
        return out
    if kind == "shop":
        known = shops(conn)
        ids = [int(value)] if value and value.isdigit() else ([] if value else list(known))
        for shop_id in ids:
            if shop_id not in known:
                continue
            platform = known[shop_id][0]
            rows = _series(conn, spans, grain, Scope(platform=platform, shop_id=shop_id))
            target = Target(
                f"shop:{shop_id}", "shop", str(shop_id), Scope(platform=platform, shop_id=shop_id)
            )
            out[target] = {
                p.label: from_kpis(rows[(p.label, platform)]) if (p.label, platform) in rows else EMPTY
                for p in spans
            }
        return out
    if kind == "product" and value:
        target = Target(f"product:{value}", "product", value, Scope())
        out[target] = {p.label: product_figures(conn, p, value) for p in spans}
    return out


def matches(row: ProductKpis, value: str) -> bool:
    return value in (row.item_key, row.outer_id)


def product_figures(conn: Connection, period: Period, value: str) -> Figures:
    """One product (by 商家编码 or platform item id) over every shop that sells it."""
    rows = [r for r in product_kpis(conn, period) if matches(r, value)]
    if not rows:
        return EMPTY
    visitors = [r.visitors for r in rows]
    return Figures(
        gmv=sum((r.gmv for r in rows), ZERO),
        net_sales=sum((r.net_sales for r in rows), ZERO),
        orders=Decimal(sum(r.orders for r in rows)),
        buyers=Decimal(sum(r.buyers for r in rows)),
        visitors=None if all(v is None for v in visitors) else Decimal(sum(v or 0 for v in visitors)),
        repeat_buyers=None,
        share=None,
    )


def spans_for(period: Period, grain: str, comparison: str) -> list[Period]:
    """The baseline periods: the one before, or the same weekday (week) of the 4 before."""
    if comparison == "same_weekday_4w":
        return [shifted(period, grain, 7 * k) for k in range(1, 5)]
    step = 1 if grain == "day" else 7
    return [shifted(period, grain, step)]
