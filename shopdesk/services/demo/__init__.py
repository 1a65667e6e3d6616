"""A deterministic demo database: the merchant 青禾 on Taobao, JD, Pinduoduo and
Douyin with 120 days of orders, traffic, keywords, reviews, inquiries and
campaigns — realistic enough to try every workbench, with no real person in it.

The same ``(seed, today)`` always writes identical rows: every random draw comes
from ``random.Random(seed)`` / ``numpy.random.default_rng(seed)``, bookkeeping
stamps are derived from ``today``, and the buyer-key salt of a demo database is
derived from the seed (its buyer accounts are invented, so nothing is exposed).
No buyer name, phone or address is generated.

Rows are written as plain tuples with ``executemany`` in one transaction (see
``writer.py``), which keeps the whole database to a few seconds.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from shopdesk.i18n import _
from shopdesk.services.database import SALT_KEY, open_database
from shopdesk.services.demo.campaigns import plan_campaign, write_campaigns, write_metrics
from shopdesk.services.demo.catalog import build_catalog
from shopdesk.services.demo.context import DemoContext, demo_salt
from shopdesk.services.demo.orders import build_orders
from shopdesk.services.demo.service import build_inquiries, build_reviews, build_templates
from shopdesk.services.demo.traffic import build_keywords, build_traffic
from shopdesk.services.demo.writer import RowWriter
from shopdesk.services.kpi import aggregates
from shopdesk.tasks.progress import NO_PROGRESS, Progress

__all__ = ["DemoSummary", "generate"]

STAGES = 7


@dataclass(frozen=True)
class DemoSummary:
    shops: int
    products: int
    skus: int
    listings: int
    orders: int
    order_lines: int
    traffic_rows: int
    keyword_rows: int
    reviews: int
    inquiries: int
    tickets: int
    campaigns: int
    first_day: date | None = None
    last_day: date | None = None

    def describe(self) -> str:
        lines = [
            f"店铺 {self.shops} · 商品 {self.products:,} · SKU {self.skus:,} · 平台商品 {self.listings:,}",
            f"订单 {self.orders:,} · 订单行 {self.order_lines:,}",
            f"流量 {self.traffic_rows:,} 行 · 搜索词 {self.keyword_rows:,} 行",
            f"评价 {self.reviews:,} · 咨询 {self.inquiries:,} · 工单 {self.tickets:,}"
            f" · 活动 {self.campaigns}",
        ]
        if self.first_day and self.last_day:
            lines.append(f"数据区间 {self.first_day:%Y-%m-%d} 至 {self.last_day:%Y-%m-%d}")
        return "\n".join(lines)


def shanghai_today() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def generate(
    path: Path, *, seed: int = 2026, today: date | None = None, progress: Progress | None = None
) -> DemoSummary:
    """Write a new demo database at ``path`` (which must not exist) and say what is in it.

    The data window is the 120 days ending the day before ``today`` (default: today
    in Asia/Shanghai). Raises :class:`~shopdesk.tasks.progress.Cancelled` when the
    user cancels; the partly written file is then removed.
    """
    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    progress = progress or NO_PROGRESS
    today = today or shanghai_today()
    step = _("Writing demo data")
    writer = None
    try:
        progress.step(0, STAGES, step)
        open_database(path).close()  # migrated, salted, private; the writer takes it from here
        writer = RowWriter(path)
        ctx = DemoContext(seed, today, demo_salt(seed), writer)
        writer.put("UPDATE app_meta SET value = ? WHERE key = ?", [(ctx.salt, SALT_KEY)], "app_meta")
        summary = _fill(ctx, progress, step)
        writer.commit()
        db = open_database(path)
        try:
            with db.engine.begin() as conn:
                aggregates.rebuild(conn)
        finally:
            db.close()
        progress.step(STAGES, STAGES, step)
        return summary
    except BaseException:
        if writer is not None:
            writer.abort()
        _remove(path)
        raise


def _fill(ctx: DemoContext, progress: Progress, step: str) -> DemoSummary:
    ctx.write_batches()
    catalog = build_catalog(ctx)
    progress.step(1, STAGES, step)
    plan = plan_campaign(ctx, catalog)
    stats = build_orders(ctx, catalog, plan)
    progress.step(2, STAGES, step)
    traffic_rows = build_traffic(ctx, catalog, plan, stats)
    keyword_rows = build_keywords(ctx, catalog, plan)
    progress.step(3, STAGES, step)
    template_ids = build_templates(ctx)
    reviews = build_reviews(ctx, stats, template_ids)
    progress.step(4, STAGES, step)
    inquiries = build_inquiries(ctx, catalog, stats, template_ids)
    progress.step(5, STAGES, step)
    platform_gmv: dict[str, int] = {}
    for (day, platform), (gmv, _orders) in stats.platform_day.items():
        if plan.active(day):
            platform_gmv[platform] = platform_gmv.get(platform, 0) + gmv
    write_campaigns(ctx, plan, platform_gmv)
    write_metrics(ctx, plan, stats.platform_day)
    _write_alert_rule(ctx)
    counts = ctx.counts
    ctx.finish_batches(
        {
            "orders": stats.orders,
            "listings": counts["listing"],
            "traffic": traffic_rows,
            "keywords": keyword_rows,
            "reviews": reviews,
            "inquiries": inquiries,
        }
    )
    progress.step(6, STAGES, step)
    return DemoSummary(
        shops=counts["shop"],
        products=counts["product"],
        skus=counts["sku"],
        listings=counts["listing"],
        orders=stats.orders,
        order_lines=stats.lines,
        traffic_rows=traffic_rows,
        keyword_rows=keyword_rows,
        reviews=reviews,
        inquiries=inquiries,
        tickets=counts.get("ticket", 0),
        campaigns=counts["campaign"],
        first_day=ctx.first_day,
        last_day=ctx.last_day,
    )


def _write_alert_rule(ctx: DemoContext) -> None:
    ctx.insert(
        "alert_rule",
        ("name", "metric", "scope", "scope_value", "comparison", "direction", "threshold", "min_volume",
         "period", "enabled", "created_at", "updated_at"),
        [("各平台转化率环比下降 ≥ 20%", "conversion", "platform", None, "prev_period", "down", 0.2, 100,
          "week", 1, ctx.stamp, ctx.stamp)],
    )  # fmt: skip


def _remove(path: Path) -> None:
    """Delete a partly written database with its -wal / -shm / -journal companions."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()
