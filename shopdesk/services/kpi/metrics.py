"""KPIs for a range of days, by day, week, month or in total — the one place
the dashboard, the weekly report, the alerts and ``shopdesk metrics`` read
their figures from.

Two grouped queries per call, whatever the range — sums from ``agg_day``,
visitors from the shop rows of ``traffic_daily``, periods joined as a VALUES
list — and buyers and repeat buyers counted with numpy over the packed
per-day blocks (services/kpi/buyer_blocks.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, text

from shopdesk.db import bulk
from shopdesk.domain.kpi import Grain, Kpis, Period, Sums, kpis, periods
from shopdesk.platforms import PLATFORMS
from shopdesk.services.kpi import aggregates, buyer_blocks

ALL = "all"


@dataclass(frozen=True)
class Scope:
    """Which orders count: every platform, one platform, or one shop."""

    platform: str | None = None
    shop_id: int | None = None


def periods_cte(conn: Connection, spans: list[Period]) -> str:
    """``WITH periods(label, d0, d1) AS (VALUES …)`` for ``spans``. Labels and
    dates are made here from date objects, never from user text."""
    literal = "'{}'" if bulk.is_sqlite(conn) else "DATE '{}'"
    values = ", ".join(
        f"('{p.label}', {literal.format(p.start.isoformat())}, {literal.format(p.end.isoformat())})"
        for p in spans
    )
    return f"WITH periods(label, d0, d1) AS (VALUES {values})"


def shop_filter(scope: Scope, alias: str) -> tuple[str, dict]:
    if scope.shop_id is not None:
        return f" AND {alias}.shop_id = :shop", {"shop": scope.shop_id}
    return "", {}


def _money(conn: Connection, spans: list[Period], scope: Scope) -> dict[tuple[str, str], Sums]:
    """Per (period label, platform): GMV, refunds, orders, unidentified orders."""
    shop_sql, params = shop_filter(scope, "a")
    out: dict[tuple[str, str], Sums] = defaultdict(Sums)
    for label, platform, gmv, refund, orders, unidentified in conn.execute(
        text(
            f"{periods_cte(conn, spans)} SELECT p.label, a.platform, SUM(a.gmv_fen), "
            f"SUM(a.refund_fen), SUM(a.orders), SUM(a.unidentified) "
            f"FROM agg_day a JOIN periods p ON a.day BETWEEN p.d0 AND p.d1 "
            f"WHERE 1 = 1{shop_sql} GROUP BY p.label, a.platform"
        ),
        params,
    ):
        sums = out[(label, platform)]
        sums.gmv_fen, sums.refund_fen = int(gmv or 0), int(refund or 0)
        sums.orders, sums.unidentified = int(orders or 0), int(unidentified or 0)
    return out


def _sums(conn: Connection, spans: list[Period], scope: Scope) -> dict[tuple[str, str], Sums]:
    """Per (period label, platform): money, orders, buyers, repeat buyers, visitors.
    Money is summed for every platform (the share needs the all-platform GMV)."""
    out = _money(conn, spans, scope)
    version = aggregates.data_version(conn)
    for key, (buyers, repeat) in buyer_blocks.buyer_counts(
        conn, spans, version, scope.platform, scope.shop_id
    ).items():
        out[key].buyers, out[key].repeat_buyers = buyers, repeat
    shop_sql, params = shop_filter(scope, "t")
    for label, platform, visitors, reported in conn.execute(
        text(
            f"{periods_cte(conn, spans)} SELECT p.label, s.platform, SUM(t.visitors), COUNT(t.visitors) "
            f"FROM traffic_daily t JOIN shop s ON s.id = t.shop_id "
            f"JOIN periods p ON t.day BETWEEN p.d0 AND p.d1 "
            f"WHERE t.item_key = ''{shop_sql} GROUP BY p.label, s.platform"
        ),
        params,
    ):
        if reported:
            out[(label, platform)].visitors = int(visitors)
    return out


def metrics(conn: Connection, start: date, end: date, grain: Grain, scope: Scope | None = None) -> list[Kpis]:
    """KPI rows for each period: one per platform with data in the range (or the
    scope's platform), then — for all platforms — an ``all`` row."""
    scope = scope or Scope()
    if scope.shop_id is not None and scope.platform is None:
        platform = conn.execute(
            text("SELECT platform FROM shop WHERE id = :s"), {"s": scope.shop_id}
        ).scalar()
        scope = Scope(platform, scope.shop_id)
    spans = periods(start, end, grain)
    found = _sums(conn, spans, scope)
    with_data = {platform for (_label, platform), s in found.items() if s.orders or s.visitors is not None}
    # a shop's share is of the whole business: the money of every shop
    all_gmv = _all_gmv(found if scope.shop_id is None else _money(conn, spans, Scope()))
    shown = [scope.platform] if scope.platform else [p for p in PLATFORMS if p in with_data]
    rows: list[Kpis] = []
    for span in spans:
        for platform in shown:
            sums = found.get((span.label, platform), Sums())
            rows.append(kpis(span.label, platform, sums, all_gmv.get(span.label, 0)))
        if scope.platform is None:
            rows.append(kpis(span.label, ALL, _total(found, span.label), all_gmv.get(span.label, 0)))
    return rows


def _total(found: dict[tuple[str, str], Sums], label: str) -> Sums:
    """All platforms together. Visitors only when every platform with buyers
    reported traffic: mixing one platform's buyers into another's visitors
    would make up a conversion."""
    total = Sums()
    parts = [found[(label, p)] for p in PLATFORMS if (label, p) in found]
    for sums in parts:
        total.add(sums)
    reported = [s.visitors for s in parts if s.visitors is not None]
    missing = any(s.buyers and s.visitors is None for s in parts)
    total.visitors = sum(reported) if reported and not missing else None
    return total


def _all_gmv(found: dict[tuple[str, str], Sums]) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for (label, _platform), sums in found.items():
        totals[label] += sums.gmv_fen
    return totals
