"""The dashboard's background jobs: each reads everything one screen needs in one go.

They run on a worker thread (:class:`~shopdesk.tasks.runner.Task`) with a
connection of their own and return plain dataclasses; the widgets only format
what comes back. No Qt here, so a job can be timed or tested from a script.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, text

from shopdesk.domain.kpi import Grain, Kpis, Period
from shopdesk.services.database import Database
from shopdesk.services.kpi.metrics import ALL, Scope, metrics
from shopdesk.services.kpi.products import (
    ItemDay,
    LineTrace,
    Marker,
    ProductKpis,
    item_days,
    item_lines,
    markers,
    product_kpis,
)
from shopdesk.services.overview import Overview, database_overview
from shopdesk.tasks.progress import Progress
from shopdesk.ui.dashboard.selection import Selection


@dataclass(frozen=True)
class ShopChoice:
    id: int
    platform: str
    name: str


@dataclass
class KpiData:
    """The overview level: the period's KPIs beside the previous period's, and the daily series."""

    selection: Selection
    period: Period
    previous: Period
    current: dict[str, Kpis]  # platform code or "all" → KPIs of the period
    before: dict[str, Kpis]
    series: list[Kpis]  # by day over selection.chart_span(), one row per platform (and "all")
    markers: list[Marker]
    shops: list[ShopChoice]
    span: tuple[date, date]  # the days of the series
    overview: Overview | None = None  # only when the database itself was (re)read


@dataclass
class ProductsData:
    selection: Selection
    platform: str | None
    period: Period
    previous: Period
    rows: list[ProductKpis]


@dataclass
class ProductData:
    selection: Selection
    product: ProductKpis
    period: Period
    days: list[ItemDay]  # every day of the chart span, zeros where nothing happened
    lines: list[LineTrace]
    markers: list[Marker] = field(default_factory=list)


def shops(conn: Connection) -> list[ShopChoice]:
    rows = conn.execute(text("SELECT id, platform, name FROM shop ORDER BY platform, name")).all()
    return [ShopChoice(int(i), p, n) for i, p, n in rows]


def latest_day(overview: Overview, today: date) -> date:
    """The day the dashboard opens on: the newest paid day, never after today."""
    days = [p.last_paid for p in overview.platforms if p.last_paid is not None]
    return min(max(days), today) if days else today


def shanghai_today() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def load_start(
    database: Database, remembered: object, current: Selection | None, progress: Progress
) -> KpiData | Overview:
    """Read the database overview, then — unless it is empty — the KPIs of
    ``current``, or of the remembered choices anchored on the newest data day.
    Returns the bare overview when the database has no data."""
    progress.step(0, 0)
    with database.session() as session:
        overview = database_overview(session)
    if overview.is_empty:
        return overview
    selection = current or Selection.from_settings(remembered, latest_day(overview, shanghai_today()))
    data = load_kpis(database, selection, progress)
    if selection.shop_id is not None and selection.shop_id not in {s.id for s in data.shops}:
        data = load_kpis(database, replace(selection, shop_id=None), progress)  # the shop is gone
    data.overview = overview
    return data


def load_kpis(database: Database, selection: Selection, progress: Progress) -> KpiData:
    progress.step(0, 0)
    period, previous = selection.period(), selection.previous()
    scope = selection.scope()
    first, last = selection.chart_span(shanghai_today())
    with database.engine.connect() as conn:
        now = metrics(conn, period.start, period.end, Grain.TOTAL, scope)
        progress.step(1, 4)
        before = metrics(conn, previous.start, previous.end, Grain.TOTAL, scope)
        progress.step(2, 4)
        series = metrics(conn, first, last, Grain.DAY, scope)
        progress.step(3, 4)
        found = markers(conn, first, last, scope)
        choices = shops(conn)
    return KpiData(
        selection=selection,
        period=period,
        previous=previous,
        current={row.platform: row for row in now},
        before={row.platform: row for row in before},
        series=series,
        markers=found,
        shops=choices,
        span=(first, last),
    )


def load_products(
    database: Database, selection: Selection, platform: str | None, progress: Progress
) -> ProductsData:
    progress.step(0, 0)
    with database.engine.connect() as conn:
        rows = _products(conn, selection, selection.scope(platform))
    return ProductsData(selection, platform, selection.period(), selection.previous(), rows)


def _products(conn: Connection, selection: Selection, scope: Scope) -> list[ProductKpis]:
    """Every item of the scope with its change against the dashboard's comparison period
    (which for a month is the previous calendar month, not the service's equal-length one)."""
    return product_kpis(conn, selection.period(), scope, previous=selection.previous())


def load_product(
    database: Database, selection: Selection, product: ProductKpis, progress: Progress
) -> ProductData:
    """One item's days, order lines and markers — and its figures again, for this
    period (the user may have stepped on since picking it from the list)."""
    progress.step(0, 0)
    period = selection.period()
    first, last = selection.chart_span(shanghai_today())
    shop = Scope(product.platform, product.shop_id)
    with database.engine.connect() as conn:
        now = next((r for r in _products(conn, selection, shop) if r.item_key == product.item_key), None)
        days = item_days(conn, product.shop_id, product.item_key, first, last)
        lines = item_lines(conn, product.shop_id, product.item_key, period.start, period.end)
        found = markers(conn, first, last, shop)
    if now is None:  # nothing sold or visited in this period
        zero = Decimal("0.00")
        now = replace(product, gmv=zero, net_sales=zero, orders=0, quantity=0, buyers=0, visitors=None,
                      conversion=None, prev_gmv=zero, prev_visitors=None, prev_conversion=None)  # fmt: skip
    return ProductData(selection, now, period, _every_day(days, first, last), lines, found)


def _every_day(days: list[ItemDay], first: date, last: date) -> list[ItemDay]:
    """A bar per day, also on days without sales, so gaps show as gaps."""
    known = {d.day: d for d in days}
    out = []
    day = first
    while day <= last:
        out.append(known.get(day) or ItemDay(day, Decimal("0.00"), 0, 0, None))
        day += timedelta(days=1)
    return out


def platforms_in(data: KpiData) -> list[str]:
    """The platform codes the overview has rows for, in the house order, without "all"."""
    return [p for p in data.current if p != ALL]
