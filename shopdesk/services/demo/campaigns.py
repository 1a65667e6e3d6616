"""Campaigns of the demo: a finished one whose peak shapes the order curve
(双11 when Nov 11 falls in the window, otherwise a sale ~20 days before the end)
and an upcoming one in planning, with phases (warm-up 3 d, burst 7 d, return
2 d), per-platform budgets, tasks and Douyin live-stream bookings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from shopdesk.services.demo import words
from shopdesk.services.demo.catalog import Catalog
from shopdesk.services.demo.context import PLATFORMS, DemoContext, fmt_date, fmt_dt

PHASES = (("warmup", "预热期", 3), ("burst", "爆发期", 7), ("return", "返场期", 2))
CHANNELS = {
    "taobao": ("万相台", "跨店满减 每满300减50"),
    "jd": ("京东快车", "满199减20，PLUS会员95折"),
    "pdd": ("多多搜索", "百亿补贴 + 店铺券"),
    "douyin": ("千川", "直播间专享券 满99减10"),
}
TASKS = (
    ("warmup", "确认活动报名与价格备案", "运营组"),
    ("warmup", "主图与详情页换活动版", "美工组"),
    ("burst", "客服排班：0点档加人", "客服主管"),
    ("burst", "爆款库存核对与补货", "仓储组"),
    ("return", "活动复盘报告（3天内）", "运营组"),
)


@dataclass
class Booking:
    name: str
    platform_id: str
    live_at: datetime
    fee_fen: int
    commission: float
    outer_ids: list[str]
    gmv_fen: int = 0


@dataclass
class CampaignPlan:
    name: str
    start: date  # first warm-up day
    peak: date  # last burst day
    bookings: list[Booking] = field(default_factory=list)
    multipliers: dict[date, float] = field(default_factory=dict)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=sum(days for _, _, days in PHASES) - 1)

    def active(self, day: date) -> bool:
        return self.start <= day <= self.end


def _phase_rows(campaign_id: int, start: date, first_id: int) -> list[tuple]:
    rows, day = [], start
    for offset, (kind, label, days) in enumerate(PHASES):
        begin = datetime.combine(day, time())
        day += timedelta(days=days)
        end = datetime.combine(day - timedelta(days=1), time(23, 59, 59))
        rows.append((first_id + offset, campaign_id, kind, label, fmt_dt(begin), fmt_dt(end)))
    return rows


def plan_campaign(ctx: DemoContext, catalog: Catalog) -> CampaignPlan:
    """Decide the finished campaign's dates, its daily GMV multipliers and bookings."""
    rng = ctx.rng
    peak = None
    for year in (ctx.today.year, ctx.today.year - 1):
        candidate = date(year, 11, 11)
        if ctx.first_day + timedelta(days=12) <= candidate <= ctx.last_day:
            peak = candidate
    if peak is not None:
        name = f"{peak.year}年双11全球狂欢节"
    else:
        peak = ctx.last_day - timedelta(days=20)
        name = f"{peak.year}年{words.CAMPAIGN_NAMES[peak.month]}"
    start = peak - timedelta(days=9)
    plan = CampaignPlan(name, start, peak)
    ramp = [1.25, 1.4, 1.55, 1.5, 1.6, 1.7, 1.8, 2.0, 2.3, rng.uniform(4.2, 5.0), 1.6, 1.3]
    for i, factor in enumerate(ramp):
        plan.multipliers[start + timedelta(days=i)] = factor
    for i in range(1, 6):  # buyers hold back just before the warm-up
        plan.multipliers[start - timedelta(days=i)] = 0.9
    douyin = next(shop for shop in catalog.shops if shop.platform == "douyin")
    outer_ids = sorted({lst.product.outer_id for lst in catalog.listings_of(douyin.id)})
    streamers = rng.sample(words.STREAMERS, rng.choice((2, 3)))
    for k, streamer in enumerate(streamers):
        live_day = peak - timedelta(days=2 * k + 1)
        plan.bookings.append(
            Booking(
                streamer,
                ctx.digits(11, "9"),
                datetime.combine(live_day, time(19, 30)),
                rng.randrange(20, 80) * 100_000,
                rng.choice((0.15, 0.2, 0.25)),
                sorted(rng.sample(outer_ids, 4)),
            )
        )
    return plan


def write_campaigns(ctx: DemoContext, plan: CampaignPlan, platform_gmv: dict[str, int]) -> None:
    """Write the finished campaign (goals set ~10 % above what it made) and an upcoming one."""
    rng = ctx.rng
    made = sum(platform_gmv.values())
    upcoming_start = ctx.today + timedelta(days=rng.randint(10, 20))
    upcoming_name = f"{upcoming_start.year}年{words.CAMPAIGN_NAMES[upcoming_start.month]}"
    if upcoming_name == plan.name:
        upcoming_name += "（二期）"
    state = "finished" if plan.end < ctx.today else "running"
    campaigns = [
        (1, plan.name, plan.start, plan.end, int(made * 1.1) // 10_000 * 10_000, state, "演示：已结束的大促"),
        (2, upcoming_name, upcoming_start, upcoming_start + timedelta(days=11),
         int(made * 1.2) // 10_000 * 10_000, "planning", "演示：筹备中的活动"),
    ]  # fmt: skip
    campaign_rows, phase_rows, budget_rows, task_rows = [], [], [], []
    for cid, name, start, end, goal, cstate, note in campaigns:
        budget = goal // 12 // 100_000 * 100_000
        campaign_rows.append(
            (cid, name, fmt_date(start), fmt_date(end), goal, budget, cstate, note, ctx.stamp, ctx.stamp)
        )
        phases = _phase_rows(cid, start, len(phase_rows) + 1)
        phase_rows += phases
        shares = {"taobao": 0.4, "jd": 0.15, "pdd": 0.2, "douyin": 0.25}
        for platform in PLATFORMS:
            channel, mechanics = CHANNELS[platform]
            budget_rows.append(
                (len(budget_rows) + 1, cid, platform, channel, int(budget * shares[platform]), mechanics)
            )
        phase_of = {row[2]: row for row in phases}
        for kind, title, assignee in TASKS:
            phase = phase_of[kind]
            due = datetime.fromisoformat(phase[4][:19]) - timedelta(days=1 if kind != "return" else -3)
            task_rows.append(
                (len(task_rows) + 1, cid, phase[0], title, assignee, fmt_dt(due), int(cstate != "planning"))
            )
    ctx.insert(
        "campaign",
        ("id", "name", "start_date", "end_date", "gmv_goal_fen", "budget_fen", "state", "note",
         "created_at", "updated_at"),
        campaign_rows,
    )  # fmt: skip
    ctx.insert("campaign_phase", ("id", "campaign_id", "kind", "name", "starts_at", "ends_at"), phase_rows)
    ctx.insert(
        "campaign_budget",
        ("id", "campaign_id", "platform", "channel", "amount_fen", "mechanics"),
        budget_rows,
    )
    ctx.insert(
        "campaign_task", ("id", "campaign_id", "phase_id", "title", "assignee", "due_at", "done"), task_rows
    )
    booking_rows = []
    for b in plan.bookings:
        booking_rows.append(
            (len(booking_rows) + 1, 1, "douyin", b.name, b.platform_id, fmt_dt(b.live_at), b.fee_fen,
             b.commission, json.dumps(b.outer_ids), "done" if b.live_at < ctx.now else "booked", b.gmv_fen)
        )  # fmt: skip
    upcoming_live = datetime.combine(upcoming_start + timedelta(days=8), time(20, 0))
    booking_rows.append(
        (len(booking_rows) + 1, 2, "douyin", plan.bookings[0].name, plan.bookings[0].platform_id,
         fmt_dt(upcoming_live), plan.bookings[0].fee_fen, plan.bookings[0].commission,
         json.dumps(plan.bookings[0].outer_ids), "booked", None)
    )  # fmt: skip
    ctx.insert(
        "influencer_booking",
        ("id", "campaign_id", "platform", "influencer_name", "influencer_platform_id", "live_at", "fee_fen",
         "commission_rate", "products", "state", "gmv_fen"),
        booking_rows,
    )  # fmt: skip


def write_metrics(
    ctx: DemoContext, plan: CampaignPlan, daily: dict[tuple[date, str], tuple[int, int]]
) -> None:
    """Daily GMV and paid orders per platform over the finished campaign, as tracked live."""
    rows = []
    for (day, platform), (gmv, orders) in sorted(daily.items()):
        if plan.active(day):
            rows.append((len(rows) + 1, 1, fmt_date(day), platform, "gmv", round(gmv / 100, 2)))
            rows.append((len(rows) + 1, 1, fmt_date(day), platform, "orders", float(orders)))
    ctx.insert("campaign_metric", ("id", "campaign_id", "day", "platform", "metric", "value"), rows)
