"""Traffic as the platforms' reports state it: daily shop rows (item_key '')
whose visitors match the orders at a 2–6 % conversion, item rows for each
shop's ~30 best sellers, and weekly search-keyword figures for Taobao and JD.

JD's conversion sags in the last week, so the default alert rule has something
to report in the demo.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np

from shopdesk.services.demo import words
from shopdesk.services.demo.campaigns import CampaignPlan
from shopdesk.services.demo.catalog import Catalog
from shopdesk.services.demo.context import WINDOW_DAYS, DemoContext, fmt_date
from shopdesk.services.demo.orders import OrderStats

TOP_ITEMS = 30
KEYWORDS_PER_SHOP = 50
KEYWORD_WEEKS = 4
SAGGING_PLATFORM = "jd"
TRAFFIC_COLUMNS = (
    "shop_id", "day", "item_key", "listing_id", "visitors", "page_views", "add_to_cart", "clicks",
    "impressions", "paid_buyers", "paid_fen", "batch_id",
)  # fmt: skip


def _conversion_factors(ctx: DemoContext, plan: CampaignPlan, platform: str) -> np.ndarray:
    days = ctx.days()
    factor = np.array([1.25 if plan.active(d) else 1.0 for d in days])
    if plan.peak in days:
        factor[days.index(plan.peak)] = 1.6
    if platform == SAGGING_PLATFORM:
        factor[-7:] *= 0.7
    return factor * ctx.np_rng.lognormal(0.0, 0.1, WINDOW_DAYS)


def _shop_rows(ctx: DemoContext, catalog: Catalog, plan: CampaignPlan, stats: OrderStats) -> list[tuple]:
    rng, days, batch = ctx.np_rng, [fmt_date(d) for d in ctx.days()], ctx.batches["traffic"]
    rows = []
    for shop in catalog.shops:
        buyers = np.array([len(stats.shop_day.get((shop.id, i), ((),))[0]) for i in range(WINDOW_DAYS)])
        gmv = [stats.shop_day.get((shop.id, i), (0, 0))[1] for i in range(WINDOW_DAYS)]
        conv = ctx.rng.uniform(0.025, 0.05) * _conversion_factors(ctx, plan, shop.platform)
        visitors = np.maximum(np.rint(buyers / conv), buyers + rng.integers(20, 60, WINDOW_DAYS)).astype(int)
        views = np.rint(visitors * rng.uniform(2.2, 3.8, WINDOW_DAYS)).astype(int)
        carts = np.rint(visitors * rng.uniform(0.06, 0.12, WINDOW_DAYS) * conv / conv.mean()).astype(int)
        douyin = shop.platform == "douyin"
        shows = np.rint(visitors * rng.uniform(6, 12, WINDOW_DAYS)).astype(int)
        for i in range(WINDOW_DAYS):
            rows.append(
                (shop.id, days[i], "", None, int(visitors[i]), int(views[i]), int(carts[i]),
                 int(visitors[i]) if douyin else None, int(shows[i]) if douyin else None,
                 int(buyers[i]), gmv[i], batch)
            )  # fmt: skip
    return rows


def _item_rows(ctx: DemoContext, catalog: Catalog, stats: OrderStats) -> list[tuple]:
    rng, days, batch = ctx.np_rng, [fmt_date(d) for d in ctx.days()], ctx.batches["traffic"]
    n = len(catalog.listings) + 1
    sold = np.zeros((n, WINDOW_DAYS), dtype=np.int64)
    amount = np.zeros((n, WINDOW_DAYS), dtype=np.int64)
    if stats.listing_day:
        ids, day_idx, fen = (np.array(col) for col in zip(*stats.listing_day, strict=True))
        np.add.at(sold, (ids, day_idx), 1)
        np.add.at(amount, (ids, day_idx), fen)
    totals = sold.sum(axis=1)
    rows = []
    for shop in catalog.shops:
        listings = catalog.listings_of(shop.id)
        listings.sort(key=lambda lst: (-int(totals[lst.id]), lst.id))
        douyin = shop.platform == "douyin"
        for lst in listings[:TOP_ITEMS]:
            buyers = sold[lst.id]
            conv = rng.uniform(0.04, 0.1) * rng.lognormal(0.0, 0.15, WINDOW_DAYS)
            idle = rng.poisson(max(3.0, buyers.mean() / 0.07 * 0.5), WINDOW_DAYS)
            visitors = np.where(buyers > 0, np.maximum(np.rint(buyers / conv), buyers + 1), idle).astype(int)
            views = np.rint(visitors * rng.uniform(1.3, 2.0, WINDOW_DAYS)).astype(int)
            carts = np.rint(visitors * rng.uniform(0.05, 0.15, WINDOW_DAYS)).astype(int)
            shows = np.rint(visitors * rng.uniform(8, 15, WINDOW_DAYS)).astype(int)
            for i in range(WINDOW_DAYS):
                rows.append(
                    (shop.id, days[i], lst.item_id, lst.id, int(visitors[i]), int(views[i]), int(carts[i]),
                     int(visitors[i]) if douyin else None, int(shows[i]) if douyin else None,
                     int(buyers[i]), int(amount[lst.id, i]), batch)
                )  # fmt: skip
    return rows


def build_traffic(ctx: DemoContext, catalog: Catalog, plan: CampaignPlan, stats: OrderStats) -> int:
    rows = _shop_rows(ctx, catalog, plan, stats) + _item_rows(ctx, catalog, stats)
    return ctx.insert("traffic_daily", TRAFFIC_COLUMNS, rows)


def _keyword_pool() -> list[str]:
    pool: list[str] = []
    for category in words.CATEGORIES:
        for word in category.words:
            pool.append(word)
            pool.extend(f"{word} {kw}" for kw in category.keywords[:3])
            pool.extend(f"{mod}{word}" for mod in words.KEYWORD_MODIFIERS[:2])
    return sorted(set(pool))


def build_keywords(ctx: DemoContext, catalog: Catalog, plan: CampaignPlan) -> int:
    """Weekly 搜索分析 rows (Mon–Sun) for the last full weeks, Taobao and JD shops."""
    rng = ctx.rng
    pool = _keyword_pool()
    base = {kw: int(2_000 * 60 ** rng.random()) for kw in pool}
    items = {kw: int(5_000 * 400 ** rng.random()) for kw in pool}
    last_sunday = ctx.last_day - timedelta(days=(ctx.last_day.weekday() + 1) % 7)
    weeks = [(last_sunday - timedelta(days=7 * w + 6), last_sunday - timedelta(days=7 * w)) for w in
             range(KEYWORD_WEEKS)][::-1]  # fmt: skip
    rows, batch = [], ctx.batches["keywords"]
    for shop in catalog.shops:
        if shop.platform not in ("taobao", "jd"):
            continue
        for kw in sorted(rng.sample(pool, KEYWORDS_PER_SHOP)):
            for start, end in weeks:
                boost = 2.5 if start <= plan.peak <= end else 1.0
                popularity = int(base[kw] * boost * rng.uniform(0.85, 1.15))
                rows.append(
                    (shop.id, fmt_date(start), fmt_date(end), kw, popularity,
                     int(popularity * rng.uniform(0.4, 0.8)), round(rng.uniform(0.02, 0.15), 4),
                     round(rng.uniform(0.005, 0.08), 4), items[kw], round(items[kw] / popularity, 4),
                     rng.randrange(30, 400), batch)
                )  # fmt: skip
    return ctx.insert(
        "keyword_stat",
        ("shop_id", "date_from", "date_to", "keyword", "search_popularity", "click_popularity", "click_rate",
         "conversion", "online_items", "competition", "ref_price_fen", "batch_id"),
        rows,
    )  # fmt: skip
