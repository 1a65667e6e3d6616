"""《跨平台运营数据简报》: the weekly cross-platform report for the boss.

:func:`build_weekly` gathers everything the workbook shows for one ISO week —
KPIs this week and last (the same :func:`metrics` as the dashboard and
``shopdesk metrics``, so the numbers agree), daily GMV by platform, products
that moved most, alerts, opportunities and what the team changed — into a
plain :class:`WeeklyData`. :func:`write_weekly` turns that into the workbook
(weekly_sheets.py). Gathering and writing are apart so tests and other front
ends can check the figures without opening Excel, and so a failed write never
costs a second trip to the database.

Qt-free: the CLI calls :func:`generate_weekly` directly, the GUI runs it in a
background task with the same ``Progress``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from shopdesk.domain.kpi import Grain, Kpis, Period, Sums, kpis, parse_week
from shopdesk.domain.kpi import week_label as week_label_of
from shopdesk.platforms import PLATFORMS
from shopdesk.services.kpi.metrics import ALL, metrics
from shopdesk.services.kpi.products import ProductKpis, product_kpis
from shopdesk.services.reports import week_sources
from shopdesk.services.reports.week_sources import AlertRow, Edit, KeywordGap, PhaseRow
from shopdesk.services.reports.xlsx import check_writable
from shopdesk.tasks.progress import NO_PROGRESS, Progress

BEIJING = ZoneInfo("Asia/Shanghai")
TOP = 10  # products shown in each of 上涨 / 下滑, and opportunities listed
STEPS = 7
# 机会: visitors up ≥ 20 % and conversion down ≥ 10 % (relative), on at least 30 visitors
MIN_VISITORS, VISITOR_RISE, CONVERSION_DROP = 30, Decimal("0.2"), Decimal("0.1")


@dataclass
class WeeklyData:
    week: Period
    previous: Period
    generated_at: datetime
    platforms: list[str]  # platforms with data in either week, in the usual order
    this_week: dict[str, Kpis]  # platform code or "all" → KPIs
    last_week: dict[str, Kpis]
    days: list[date]
    daily_gmv: dict[tuple[date, str], Decimal]  # (day, platform) → GMV
    products: list[ProductKpis]  # every product with sales or visitors in either week
    risers: list[ProductKpis] = field(default_factory=list)
    fallers: list[ProductKpis] = field(default_factory=list)
    converting_worse: list[ProductKpis] = field(default_factory=list)
    keyword_gaps: list[KeywordGap] = field(default_factory=list)
    keywords_unchecked: list[str] = field(default_factory=list)  # platforms without titles
    alerts: list[AlertRow] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    phases: list[PhaseRow] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """False while the week is still running (the figures are partial)."""
        return self.generated_at.date() > self.week.end

    @property
    def has_sales(self) -> bool:
        return self.this_week[ALL].orders > 0 or self.last_week[ALL].orders > 0


@dataclass
class WeeklyResult:
    path: Path
    data: WeeklyData


def today() -> date:
    return datetime.now(BEIJING).date()


def last_complete_week(day: date | None = None) -> str:
    """The ISO week before the one ``day`` (default: today in Beijing) falls in."""
    day = day or today()
    return week_label_of(day - timedelta(days=day.weekday() + 7))


def gmv_delta(product: ProductKpis) -> Decimal:
    return product.gmv - product.prev_gmv


def converting_worse_than_before(p: ProductKpis) -> bool:
    """Visitors clearly up and conversion clearly down: traffic that arrives and
    is not turned into buyers (small moves are noise, not an opportunity)."""
    return (
        (p.visitors or 0) >= MIN_VISITORS
        and p.visitors_change is not None
        and p.visitors_change >= VISITOR_RISE
        and p.conversion_change is not None
        and p.conversion_change <= -CONVERSION_DROP
    )


def missed_buyers(p: ProductKpis) -> Decimal:
    """Buyers this week's visitors would have brought at last week's conversion, minus
    the buyers they did bring: what the drop cost, in buyers."""
    if p.visitors is None or p.conversion is None or p.prev_conversion is None:
        return Decimal(0)
    return (p.visitors * (p.prev_conversion - p.conversion)).quantize(Decimal("0.1"))


def _kpis_by_platform(rows: list[Kpis], label: str, platforms: list[str]) -> dict[str, Kpis]:
    found = {r.platform: r for r in rows if r.period == label}
    all_gmv = found[ALL].sums.gmv_fen if ALL in found else 0
    out = {p: found.get(p) or kpis(label, p, Sums(), all_gmv) for p in platforms}
    out[ALL] = found.get(ALL) or kpis(label, ALL, Sums(), 0)
    return out


def build_weekly(
    conn: Connection, week_label: str, progress: Progress = NO_PROGRESS, now: datetime | None = None
) -> WeeklyData:
    """Everything the report shows for ``week_label`` (``2026-W45``); ValueError
    when the label is not an ISO week."""
    week = parse_week(week_label)
    previous = parse_week(week_label_of(week.start - timedelta(days=7)))
    progress.step(0, STEPS, "计算本周与上周指标…")
    rows = metrics(conn, previous.start, week.end, Grain.WEEK)
    platforms = [p for p in PLATFORMS if any(r.platform == p for r in rows)]
    this_week = _kpis_by_platform(rows, week.label, platforms)
    last_week = _kpis_by_platform(rows, previous.label, platforms)

    progress.step(1, STEPS, "计算每日GMV…")
    days = [week.start + timedelta(days=i) for i in range(7)]
    daily_gmv = {
        (date.fromisoformat(r.period), r.platform): r.gmv
        for r in metrics(conn, week.start, week.end, Grain.DAY)
    }

    progress.step(2, STEPS, "计算商品表现…")
    # a product that stopped selling is the biggest faller of all: keep it in
    products = product_kpis(conn, week, include_gone=True)
    risers = sorted((p for p in products if gmv_delta(p) > 0), key=lambda p: (-gmv_delta(p), p.item_key))
    fallers = sorted((p for p in products if gmv_delta(p) < 0), key=lambda p: (gmv_delta(p), p.item_key))
    converting_worse = sorted(
        filter(converting_worse_than_before, products), key=lambda p: (-missed_buyers(p), p.item_key)
    )

    progress.step(3, STEPS, "读取预警…")
    alerts = week_sources.week_alerts(conn, week)
    progress.step(4, STEPS, "比对热搜词与标题…")
    gaps, unchecked = week_sources.keyword_gaps(conn, week)
    progress.step(5, STEPS, "汇总本周变更…")
    edits = week_sources.week_edits(conn, week)
    phases = week_sources.week_phases(conn, week)
    return WeeklyData(
        week=week,
        previous=previous,
        generated_at=now or datetime.now(BEIJING).replace(tzinfo=None, microsecond=0),
        platforms=platforms,
        this_week=this_week,
        last_week=last_week,
        days=days,
        daily_gmv=daily_gmv,
        products=products,
        risers=risers[:TOP],
        fallers=fallers[:TOP],
        converting_worse=converting_worse[:TOP],
        keyword_gaps=gaps,
        keywords_unchecked=unchecked,
        alerts=alerts,
        edits=edits,
        phases=phases,
    )


def write_weekly(data: WeeklyData, path: Path) -> Path:
    """Write the workbook to ``path`` (temp file, then rename); ReportWriteError
    with a message for the user when the file is open elsewhere or unwritable."""
    from shopdesk.services.reports.weekly_sheets import weekly_workbook
    from shopdesk.services.reports.xlsx import save_atomically

    return save_atomically(weekly_workbook(data), Path(path))


def default_file_name(week_label: str) -> str:
    return f"跨平台运营数据简报_{parse_week(week_label).label}.xlsx"


def generate_weekly(db, week_label: str, path: Path, progress: Progress = NO_PROGRESS) -> WeeklyResult:
    """Build and write the report: what the CLI and the GUI's background task run.
    The target is checked first, so a locked file is refused before any work."""
    path = Path(path)
    parse_week(week_label)
    check_writable(path)
    with db.engine.connect() as conn:
        data = build_weekly(conn, week_label, progress)
    progress.step(6, STEPS, "写入工作簿…")
    write_weekly(data, path)
    progress.step(STEPS, STEPS, "完成")
    return WeeklyResult(path, data)
