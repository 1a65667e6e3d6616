"""The review / service queue of the demo: ~3,000 reviews of completed orders
(mostly 5 stars, some complaints about 尺码/质量/物流/客服态度, follow-ups and
replies), pre- and after-sale inquiries with reply times under each platform's
rules, tickets for negative reviews and open or after-sale inquiries, and the
reply-template handbook."""

from __future__ import annotations

from datetime import datetime, timedelta

from shopdesk.domain.buyer import buyer_key
from shopdesk.services.demo import words
from shopdesk.services.demo.catalog import Catalog
from shopdesk.services.demo.context import DemoContext, fmt_dt
from shopdesk.services.demo.orders import OrderStats
from shopdesk.services.demo.templates import TEMPLATES

REVIEWS = 3_000
PRE_SALE_INQUIRIES = 700
# First-reply limit (seconds) and service hours, from formats/README.md.
SLA = {"taobao": (180, 9, 23), "jd": (30, 9, 23), "pdd": (3600, 8, 23), "douyin": (180, 9, 23)}
REPLY_SPEED = {"taobao": (10, 150), "jd": (5, 40), "pdd": (60, 2400), "douyin": (15, 200)}
ASSIGNEES = ("客服A组", "客服B组", "售后组")
TOPIC_WEIGHTS = (("size", 30), ("quality", 35), ("logistics", 20), ("attitude", 15))


def sla_due(platform: str, received: datetime) -> datetime:
    """When the first reply is due: the platform's limit, counted from the opening
    of service hours when the message came in outside them."""
    limit, opens, closes = SLA[platform]
    start = received
    if received.hour < opens:
        start = received.replace(hour=opens, minute=0, second=0, microsecond=0)
    elif received.hour >= closes:
        start = (received + timedelta(days=1)).replace(hour=opens, minute=0, second=0, microsecond=0)
    return start + timedelta(seconds=limit)


def _review_key(ctx: DemoContext, platform: str, used: set[str]) -> str:
    length, first = {"taobao": (13, "1"), "jd": (11, "2"), "pdd": (15, "4"), "douyin": (19, "7")}[platform]
    while True:
        key = ctx.digits(length, first)
        if key not in used:
            used.add(key)
            return key


def build_reviews(ctx: DemoContext, stats: OrderStats, template_ids: dict[tuple[str, str], int]) -> int:
    rng = ctx.rng
    pool = stats.reviewable
    picks = sorted(rng.sample(range(len(pool)), min(REVIEWS, len(pool))))
    topics, topic_weights = zip(*TOPIC_WEIGHTS, strict=True)
    reviews, tickets, used = [], [], set()
    batch = ctx.batches["reviews"]
    for index in picks:
        shop_id, platform, pid, item_id, product_id, spec, completed_s = pool[index]
        completed = ctx.at(completed_s)
        review_time = completed + timedelta(seconds=rng.randrange(600, 3 * 86_400))
        if review_time >= ctx.now:
            review_time = completed + (ctx.now - completed) * rng.random()
        rating = rng.choices((5, 4, 3, 2, 1), (80, 9, 4, 2, 5))[0]
        topic = None
        if rating <= 2 or (rating == 3 and rng.random() < 0.5):
            topic = rng.choices(topics, topic_weights)[0]
            content = rng.choice(words.COMPLAINTS[topic])
        elif rating == 3:
            content = rng.choice(words.NEUTRAL)
        else:
            content = "，".join(rng.sample(words.POSITIVE, rng.choice((1, 1, 2))))
        follow_up = None
        if rng.random() < (0.15 if topic else 0.06):
            follow_up = (
                words.FOLLOW_UPS[2] if topic else rng.choice(words.FOLLOW_UPS[:2] + words.FOLLOW_UPS[3:])
            )
        replied = rng.random() < (0.7 if topic else 0.15)
        reply = (rng.choice(words.REPLIES[1:]) if topic else words.REPLIES[0]) if replied else None
        review_id = len(reviews) + 1
        reviews.append(
            (review_id, shop_id, _review_key(ctx, platform, used), pid, item_id, product_id, spec, rating,
             content, follow_up, int(replied), reply, fmt_dt(review_time), batch)
        )  # fmt: skip
        if topic is None:
            continue
        category, sub = words.COMPLAINT_TICKET[topic]
        due = review_time + timedelta(hours=24)
        answered = review_time + timedelta(minutes=rng.randrange(20, 600)) if replied else None
        if answered is not None and answered >= ctx.now:
            answered = None
        state = (
            "open" if answered is None else "closed" if answered < ctx.now - timedelta(days=2) else "answered"
        )
        closed = answered + timedelta(days=1) if state == "closed" else None
        tickets.append(
            (review_id, None, category, sub, rng.choice(ASSIGNEES), fmt_dt(due), state,
             reply if answered else None, template_ids.get((category, sub)) if answered else None,
             fmt_dt(answered), fmt_dt(closed), ctx.stamp, ctx.stamp)
        )  # fmt: skip
    written = ctx.insert(
        "review",
        ("id", "shop_id", "review_key", "platform_order_id", "platform_item_id", "product_id", "spec",
         "rating", "content", "follow_up", "replied", "reply_content", "review_time", "batch_id"),
        reviews,
    )  # fmt: skip
    _insert_tickets(ctx, tickets)
    return written


def _insert_tickets(ctx: DemoContext, rows: list[tuple]) -> None:
    ctx.insert(
        "ticket",
        ("review_id", "inquiry_id", "category", "subcategory", "assignee", "due_at", "state", "reply_text",
         "template_id", "answered_at", "closed_at", "created_at", "updated_at"),
        rows,
    )  # fmt: skip


def _inquiry_sources(ctx: DemoContext, catalog: Catalog, stats: OrderStats) -> list[tuple]:
    """(received, shop_id, platform, order id, item id, buyer key, kind, topic) in time order."""
    rng = ctx.rng
    shops = catalog.shops
    span = (ctx.now - datetime.combine(ctx.first_day, datetime.min.time())).total_seconds()
    items: list[tuple] = []
    for _ in range(PRE_SALE_INQUIRIES):
        shop = rng.choices(shops, [s.weight for s in shops])[0]
        listing = rng.choice(catalog.listings_of(shop.id))
        received = ctx.now - timedelta(seconds=rng.random() * span)
        key = None
        if shop.platform != "douyin":
            account = f"demo_{shop.platform}_{rng.randint(1, 20_000):06d}"
            key = buyer_key(ctx.salt, shop.platform, account)
        topic = rng.choice(("size", "material"))
        items.append((received, shop.id, shop.platform, None, listing.item_id, key, "pre_sale", topic))
    for shop_id, platform, pid, item_id, key, paid_s in stats.inquirable:
        received = ctx.at(paid_s) + timedelta(seconds=rng.randrange(1_800, 5 * 86_400))
        if received < ctx.now:
            topic = rng.choice(("returns", "logistics"))
            items.append((received, shop_id, platform, pid, item_id, key, "after_sale", topic))
    items.sort(key=lambda row: (row[0], row[1], row[4]))
    return items


def build_inquiries(
    ctx: DemoContext, catalog: Catalog, stats: OrderStats, template_ids: dict[tuple[str, str], int]
) -> int:
    rng = ctx.rng
    inquiries, tickets = [], []
    batch = ctx.batches["inquiries"]
    for received, shop_id, platform, pid, item_id, key, kind, topic in _inquiry_sources(ctx, catalog, stats):
        phrases = words.PRE_SALE[topic] if kind == "pre_sale" else words.AFTER_SALE[topic]
        limit = SLA[platform][0]
        low, high = REPLY_SPEED[platform]
        start = sla_due(platform, received) - timedelta(seconds=limit)
        reply = start + timedelta(seconds=rng.randint(low, high) * (6 if rng.random() < 0.08 else 1))
        if reply >= ctx.now or rng.random() < 0.01:
            reply = None
        inquiry_id = len(inquiries) + 1
        inquiries.append(
            (inquiry_id, shop_id, f"{platform}-{ctx.digits(16, '8')}", key, pid, item_id, rng.choice(phrases),
             fmt_dt(received), fmt_dt(reply), batch)
        )  # fmt: skip
        if kind == "pre_sale" and reply is not None:
            continue
        state = "open" if reply is None else "closed"
        template = template_ids.get((kind, topic))
        tickets.append(
            (None, inquiry_id, kind, topic, rng.choice(ASSIGNEES), fmt_dt(sla_due(platform, received)), state,
             None if reply is None else "已按话术回复", None if reply is None else template, fmt_dt(reply),
             fmt_dt(reply + timedelta(hours=2)) if reply else None, ctx.stamp, ctx.stamp)
        )  # fmt: skip
    written = ctx.insert(
        "inquiry",
        ("id", "shop_id", "inquiry_key", "buyer_key", "platform_order_id", "platform_item_id", "content",
         "received_at", "first_reply_at", "batch_id"),
        inquiries,
    )  # fmt: skip
    _insert_tickets(ctx, tickets)
    return written


def build_templates(ctx: DemoContext) -> dict[tuple[str, str], int]:
    """Write the reply-template handbook; returns (category, subcategory) → first template id."""
    rows, first = [], {}
    for template_id, (category, sub, title, body, platform) in enumerate(TEMPLATES, start=1):
        rows.append((template_id, category, sub, title, body, platform, ctx.stamp, ctx.stamp))
        first.setdefault((category, sub), template_id)
    ctx.insert(
        "reply_template",
        ("id", "category", "subcategory", "title", "body", "platform", "created_at", "updated_at"),
        rows,
    )
    return first
