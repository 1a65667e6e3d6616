"""120 days of orders and order lines across all shops (~60,000 lines).

Volume follows a weekly rhythm, a slow rise and the campaign's peak; statuses
follow the order's age (paid → shipped → completed as time passes), with a few
cancelled, refunded and partly refunded orders, unpaid ones on the last day and
a handful of test orders. Buyers come from a per-platform pool with
preferential re-picking so that some buy again; most Douyin orders have no
buyer identity (encrypted receiver) and get a key of their own.

Speed: the random draws of a whole (day, shop) batch come from numpy at once
(one row of uniforms per order), times are integer seconds from the window's
start, formatted through a per-day prefix, and rows are plain tuples.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate

import numpy as np

from shopdesk.domain.buyer import anonymous_buyer_key, buyer_key
from shopdesk.services.demo.campaigns import CampaignPlan
from shopdesk.services.demo.catalog import Catalog, ListingInfo, ShopInfo
from shopdesk.services.demo.context import WINDOW_DAYS, DemoContext
from shopdesk.services.demo.order_rules import (
    LINE_COLUMNS,
    LINE_COUNTS,
    ORDER_COLUMNS,
    ORDER_IDS,
    PLATFORM_SHARE,
    close_reason,
    discount_fen,
    platform_status,
    traffic_source,
)

DAY = 86_400
TARGET_LINES = 60_000
FLUSH_DAYS = 10  # rows are written every 10 days of orders (bounded memory)
WEEKDAY = (0.95, 0.97, 1.0, 1.0, 1.05, 1.12, 1.1)
HOURS = (0.6, 0.3, 0.15, 0.1, 0.1, 0.15, 0.3, 0.6, 1.0, 1.4, 1.7, 1.6,
         1.4, 1.5, 1.6, 1.6, 1.5, 1.4, 1.3, 1.5, 2.0, 2.3, 2.2, 1.4)  # fmt: skip
QUANTITIES, CUM_QUANTITY = (1, 2, 3), (0.85, 0.96, 1.0)
REPEAT_PICK = {"taobao": 0.3, "jd": 0.28, "pdd": 0.27, "douyin": 0.3}
IDENTIFIED = {"taobao": 1.0, "jd": 1.0, "pdd": 1.0, "douyin": 0.15}
MEMOS = ("顺丰发货", "送试用装", "客户要求周末送达", "加急", "已核对地址")
TEST_REASONS = ("买家留言含“测试”", "商家备注含“测试”")
# Columns of the per-order row of uniforms; line k uses LINE_U + 3k (listing, sku, quantity).
(U_HOUR, U_SEC, U_LINES, U_TEST, U_DISC, U_DISC2, U_SHIPPING, U_STATUS, U_PAY, U_SHIP, U_DONE,
 U_REFUND, U_REFUND_KIND, U_REFUND_PART, U_BEFORE_SHIP, U_IDENT, U_REPEAT, U_POOL, U_MEMO, U_MEMO2,
 U_FLAG, U_SOURCE, U_SOURCE2, U_INQUIRY, U_REASON, LINE_U) = range(26)  # fmt: skip
N_UNIFORMS = LINE_U + 3 * 4


@dataclass
class OrderStats:
    """What the later stages need from the orders, aggregated while they are made.
    Times are seconds from the window's first day 00:00 (see DemoContext.at)."""

    shop_day: dict[tuple[int, int], list] = field(default_factory=dict)  # → [buyer keys, gmv, orders]
    listing_day: list[tuple[int, int, int]] = field(default_factory=list)  # (listing, day index, fen)
    reviewable: list[tuple] = field(default_factory=list)  # completed, non-test lines
    inquirable: list[tuple] = field(default_factory=list)  # paid orders a buyer asks about
    platform_day: dict[tuple[date, str], list] = field(default_factory=dict)  # → [gmv, orders]
    orders: int = 0
    lines: int = 0


def day_weights(ctx: DemoContext, plan: CampaignPlan) -> np.ndarray:
    """Relative sales volume of each day of the window."""
    days = ctx.days()
    noise = ctx.np_rng.lognormal(0.0, 0.08, len(days))
    trend = [WEEKDAY[d.weekday()] * (1 + 0.12 * i / WINDOW_DAYS) for i, d in enumerate(days)]
    return np.array([t * plan.multipliers.get(d, 1.0) for t, d in zip(trend, days, strict=True)]) * noise


class OrderMaker:
    def __init__(self, ctx: DemoContext, catalog: Catalog, plan: CampaignPlan) -> None:
        self.ctx, self.catalog, self.plan = ctx, catalog, plan
        self.batch = ctx.batches["orders"]
        self.stats = OrderStats()
        self.order_rows: list[tuple] = []
        self.line_rows: list[tuple] = []
        self.next_order = self.next_line = 0
        self.used_ids: set[str] = set()
        self.pool_keys: dict[str, list[str]] = defaultdict(list)  # one entry per identified order
        self.accounts: dict[str, int] = defaultdict(int)
        self.cum_listings: dict[int, tuple[list[ListingInfo], list[float]]] = {}
        for shop in catalog.shops:
            listings = catalog.listings_of(shop.id)
            self.cum_listings[shop.id] = (listings, list(accumulate(lst.weight for lst in listings)))
        total = sum(HOURS)
        self.cum_hours = [c / total for c in accumulate(HOURS)]
        peak_hours = [h * 8 if i == 0 else h for i, h in enumerate(HOURS)]
        self.cum_hours_peak = [c / sum(peak_hours) for c in accumulate(peak_hours)]
        self.cum_lines = {p: (c, [x / sum(w) for x in accumulate(w)]) for p, (c, w) in LINE_COUNTS.items()}
        self.live = {(b.live_at.date() - ctx.first_day).days: b for b in plan.bookings}
        self.now = WINDOW_DAYS * DAY
        self.fmt = ctx.second_formatter()
        self.days = ctx.days()

    def buyer(self, platform: str, pid: str, u: list[float]) -> tuple[str, bool]:
        if u[U_IDENT] >= IDENTIFIED[platform]:
            return anonymous_buyer_key(self.ctx.salt, platform, pid), False
        pool = self.pool_keys[platform]
        if pool and u[U_REPEAT] < REPEAT_PICK[platform]:
            key = pool[int(u[U_POOL] * len(pool))]
        else:
            self.accounts[platform] += 1
            key = buyer_key(self.ctx.salt, platform, f"demo_{platform}_{self.accounts[platform]:06d}")
        pool.append(key)
        return key, True

    def run(self) -> OrderStats:
        ctx = self.ctx
        weights = day_weights(ctx, self.plan)
        weights = weights / weights.sum()
        total = TARGET_LINES * ctx.rng.uniform(0.97, 1.03)
        for di, day in enumerate(ctx.days()):
            if di % FLUSH_DAYS == 0:
                self.flush()
            campaign = self.plan.active(day)
            for shop in self.catalog.shops:
                counts, weights_n = LINE_COUNTS[shop.platform]
                mean_lines = sum(c * w for c, w in zip(counts, weights_n, strict=True)) / sum(weights_n)
                expected = total * PLATFORM_SHARE[shop.platform] * shop.weight * weights[di] / mean_lines
                n = int(ctx.np_rng.poisson(expected))
                if n:
                    self.make_batch(shop, day, di, campaign, n)
        self.flush()
        return self.stats

    def flush(self) -> None:
        """Write the rows made so far (orders before their lines)."""
        self.stats.orders += self.ctx.insert("orders", ORDER_COLUMNS, self.order_rows)
        self.stats.lines += self.ctx.insert("order_line", LINE_COLUMNS, self.line_rows)
        self.order_rows, self.line_rows = [], []

    def make_batch(self, shop: ShopInfo, day: date, di: int, campaign: bool, n: int) -> None:
        np_rng = self.ctx.np_rng
        uniforms = np_rng.random((n, N_UNIFORMS)).tolist()
        low, high = ORDER_IDS[shop.platform]
        raw_ids = np_rng.integers(low, high, n).tolist()
        prefix = f"{day:%y%m%d}-" if shop.platform == "pdd" else ""
        cum_hours = self.cum_hours_peak if day == self.plan.peak else self.cum_hours
        for u, raw_id in zip(uniforms, raw_ids, strict=True):
            pid = f"{prefix}{raw_id}"
            while pid in self.used_ids:
                raw_id += 1
                pid = f"{prefix}{raw_id}"
            self.used_ids.add(pid)
            hour = min(bisect_right(cum_hours, u[U_HOUR]), 23)
            self.make_order(shop, di, campaign, u, pid, di * DAY + hour * 3600 + int(u[U_SEC] * 3600))

    def make_order(
        self, shop: ShopInfo, di: int, campaign: bool, u: list[float], pid: str, created: int
    ) -> None:
        platform, now, fmt = shop.platform, self.now, self.fmt
        counts, cum_counts = self.cum_lines[platform]
        n_lines = counts[bisect_right(cum_counts, u[U_LINES])]
        listings, cum = self.cum_listings[shop.id]
        is_test = u[U_TEST] < 0.003
        lines, goods, seen = [], 0, set()
        for k in range(n_lines):
            base = LINE_U + 3 * k
            lst = listings[bisect_right(cum, u[base] * cum[-1])]
            if lst.id in seen:
                continue
            seen.add(lst.id)
            skus = lst.product.skus
            sku = skus[int(u[base + 1] * len(skus))]
            unit = 1 if is_test else round(sku.price_fen * lst.price_factor / 10) * 10
            qty = 1 if is_test else QUANTITIES[bisect_right(CUM_QUANTITY, u[base + 2])]
            lines.append((lst, sku, qty, unit, unit * qty))
            goods += unit * qty
        discount = 0 if is_test else discount_fen(platform, goods, campaign, u[U_DISC], u[U_DISC2])
        shipping = 0
        if platform in ("taobao", "jd") and not is_test and goods - discount < 4900 and u[U_SHIPPING] < 0.3:
            shipping = 600
        due = goods - discount + shipping

        paid_t = shipped_t = completed_t = None
        refund = 0
        if u[U_STATUS] < 0.03:
            status = "cancelled"
        elif created > now - DAY and u[U_STATUS] < 0.07:
            status = "unpaid"
        else:
            paid_t = created + 5 + int(u[U_PAY] * 900)
            shipped_t = paid_t + int(3600 * (12 + 78 * u[U_SHIP] if campaign else 2 + 38 * u[U_SHIP]))
            completed_t = shipped_t + int(DAY * (2 + 8 * u[U_DONE]))
            if shipped_t >= now:
                status, shipped_t, completed_t = "paid", None, None
            elif completed_t >= now:
                status, completed_t = "shipped", None
            else:
                status = "completed"
            if u[U_REFUND] < 0.03:
                status, refund, completed_t = "refunded", due, None
                if u[U_BEFORE_SHIP] < 0.4:
                    shipped_t = None
            elif u[U_REFUND] < 0.08 and status in ("shipped", "completed") and not is_test:
                if len(lines) > 1 and u[U_REFUND_KIND] < 0.5:
                    refund = lines[-1][4]
                else:
                    refund = max(100, int(due * (0.1 + 0.3 * u[U_REFUND_PART])) // 100 * 100)
        paid_fen = 0 if status == "cancelled" else due
        refund = min(refund, paid_fen)
        key, identified = self.buyer(platform, pid, u)

        self.next_order += 1
        order_id = self.next_order
        memo = test_reason = None
        if is_test:
            test_reason = TEST_REASONS[int(u[U_REASON] * 2)]
            memo = "测试订单 勿发货" if test_reason.startswith("商家") else None
        elif u[U_MEMO] < 0.02:
            memo = MEMOS[int(u[U_MEMO2] * len(MEMOS))]
        p_status = platform_status(platform, status, shipped_t is not None, completed_t is not None)
        flagged = None
        if platform == "jd" and status == "paid" and u[U_FLAG] < 0.05:
            p_status = flagged = "锁定"
        booking = self.live.get(di) if platform == "douyin" else None
        source, booking = traffic_source(platform, created % DAY // 3600, booking, u[U_SOURCE], u[U_SOURCE2])
        line_refund = self.write_lines(
            order_id, platform, pid, lines, goods, paid_fen - shipping, refund, status
        )
        if status != "refunded":
            refund = line_refund
        self.order_rows.append(
            (order_id, shop.id, platform, pid, status, p_status, fmt(created), fmt(paid_t), fmt(shipped_t),
             fmt(completed_t), paid_fen, shipping, discount, refund, sum(line[2] for line in lines), key,
             int(identified), int(is_test), test_reason, flagged, memo,
             close_reason(status, u[U_REASON]), source, booking.platform_id if booking else None, self.batch)
        )  # fmt: skip
        if paid_t is None or is_test:
            return
        self.count(
            shop, di, key, paid_fen, booking, lines, pid, completed_t if status == "completed" else None
        )
        if u[U_INQUIRY] < 0.012:
            self.stats.inquirable.append(
                (shop.id, platform, pid, lines[0][0].item_id, key if identified else None, paid_t)
            )

    def count(self, shop, di, key, paid_fen, booking, lines, pid, completed_t) -> None:
        """Aggregate a paid, non-test order for traffic, reviews, campaigns."""
        stats = self.stats
        cell = stats.shop_day.setdefault((shop.id, di), [set(), 0, 0])
        cell[0].add(key)
        cell[1] += paid_fen
        cell[2] += 1
        day = self.days[di]
        pday = stats.platform_day.setdefault((day, shop.platform), [0, 0])
        pday[0] += paid_fen
        pday[1] += 1
        if booking is not None:
            booking.gmv_fen += paid_fen
        for lst, sku, _qty, _unit, amount in lines:
            stats.listing_day.append((lst.id, di, amount))
            if completed_t is not None:
                stats.reviewable.append(
                    (shop.id, shop.platform, pid, lst.item_id, lst.product.id, sku.short_spec, completed_t)
                )

    def write_lines(
        self,
        order_id: int,
        platform: str,
        pid: str,
        lines: list,
        goods: int,
        net: int,
        refund: int,
        status: str,
    ) -> int:
        """Order lines with the net paid amount shared by value; returns the lines' refund total."""
        left, refund_left, last = net, refund, len(lines) - 1
        for k, (lst, sku, qty, unit, amount) in enumerate(lines):
            share = left if k == last else (net * amount // goods if goods else 0)
            left -= share
            if platform in ("taobao", "douyin"):
                line_key = pid if last == 0 else str(int(pid) + k + 1)
            else:
                line_key = lst.item_id
            self.next_line += 1
            line_refund = 0
            if status == "refunded":
                line_refund = share
            elif refund_left and k == last:
                line_refund = min(refund_left, share)
            refund_left -= line_refund
            self.line_rows.append(
                (self.next_line, order_id, line_key, lst.item_id, lst.product.outer_id, sku.code,
                 lst.product.id, lst.title, sku.spec if platform == "taobao" else sku.short_spec, qty, unit,
                 share, line_refund, "退款成功" if line_refund else None, status, self.batch)
            )  # fmt: skip
        return refund - refund_left


def build_orders(ctx: DemoContext, catalog: Catalog, plan: CampaignPlan) -> OrderStats:
    return OrderMaker(ctx, catalog, plan).run()
