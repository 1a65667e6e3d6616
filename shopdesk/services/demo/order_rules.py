"""Each platform's own words and habits for the demo orders: status strings
(the reverse of the status mappings in formats/README.md), close reasons,
campaign mechanics, lines per order and Douyin traffic sources."""

from __future__ import annotations

from bisect import bisect_right
from typing import TypeVar

# Share of order lines per platform, and lines-per-order distribution (PDD orders are single-SKU).
PLATFORM_SHARE = {"taobao": 0.40, "jd": 0.15, "pdd": 0.20, "douyin": 0.25}
LINE_COUNTS = {
    "taobao": ((1, 2, 3, 4), (75, 18, 5, 2)),
    "jd": ((1, 2, 3, 4), (75, 18, 5, 2)),
    "pdd": ((1,), (1,)),
    "douyin": ((1, 2, 3), (88, 10, 2)),
}

# Columns as written (orders, order_line).
ORDER_COLUMNS = (
    "id", "shop_id", "platform", "platform_order_id", "status", "platform_status", "created_time",
    "paid_time", "shipped_time", "completed_time", "paid_fen", "shipping_fen", "discount_fen",
    "refund_fen", "item_count", "buyer_key", "buyer_identified", "is_test", "test_reason", "flagged",
    "seller_memo", "close_reason", "traffic_source", "influencer_id", "batch_id",
)  # fmt: skip
LINE_COLUMNS = (
    "id", "order_id", "line_key", "platform_item_id", "outer_id", "sku_code", "product_id", "title",
    "spec", "quantity", "unit_price_fen", "paid_fen", "refund_fen", "refund_status", "status", "batch_id",
)  # fmt: skip

STATUS_WORDS = {
    "taobao": {
        "unpaid": "等待买家付款",
        "paid": "买家已付款，等待卖家发货",
        "shipped": "卖家已发货，等待买家确认",
        "completed": "交易成功",
        "cancelled": "交易关闭",
        "refunded": "交易关闭",
    },
    "jd": {
        "unpaid": "等待付款",
        "paid": "等待出库",
        "shipped": "等待确认收货",
        "completed": "完成",
        "cancelled": "已取消",
        "refunded": "已取消",
    },
    "pdd": {
        "unpaid": "待支付",
        "paid": "待发货",
        "shipped": "已发货，待签收",
        "completed": "已签收",
        "cancelled": "已取消",
        "refunded": "未发货，退款成功",
    },
    "douyin": {
        "unpaid": "待支付",
        "paid": "待发货",
        "shipped": "已发货",
        "completed": "已完成",
        "cancelled": "已关闭",
        "refunded": "已关闭",
    },
}
CANCEL_REASONS = ("买家不想买了", "超时未付款，订单自动关闭", "信息填写错误，重新拍", "拍错了")
REFUND_REASONS = ("买家申请退款，退款成功", "退款成功")
DOUYIN_SOURCES, DOUYIN_CUM = ("直播", "商品卡", "短视频", "搜索"), (0.4, 0.7, 0.9, 1.0)
# platform_order_id ranges: Taobao 19 digits, JD 12, PDD YYMMDD-15 digits, Douyin 19 digits from 69….
ORDER_IDS = {
    "taobao": (3 * 10**18, 4 * 10**18),
    "jd": (2 * 10**11, 4 * 10**11),
    "pdd": (10**14, 10**15),
    "douyin": (69 * 10**17, 70 * 10**17),
}
T = TypeVar("T")


def platform_status(platform: str, status: str, shipped: bool, completed: bool) -> str:
    """The status as the platform's export words it."""
    if platform == "pdd" and status == "refunded" and shipped:
        return "已签收，退款成功" if completed else "已发货，退款成功"
    return STATUS_WORDS[platform][status]


def close_reason(status: str, u: float) -> str | None:
    if status == "cancelled":
        return CANCEL_REASONS[int(u * len(CANCEL_REASONS))]
    if status == "refunded":
        return REFUND_REASONS[int(u * len(REFUND_REASONS))]
    return None


def discount_fen(platform: str, goods: int, campaign: bool, u: float, u_amount: float) -> int:
    """Campaign mechanics on campaign days, otherwise a shop coupon now and then."""
    discount = 0
    if campaign:
        if platform == "taobao":
            discount = goods // 30_000 * 5_000
        elif platform == "jd":
            discount = 2_000 if goods >= 19_900 else 0
        elif platform == "pdd":
            discount = int(goods * (0.05 + 0.05 * u_amount)) // 100 * 100
        else:
            discount = 1_000 if goods >= 9_900 else 0
    elif u < 0.3:
        discount = int(goods * (0.03 + 0.07 * u_amount)) // 100 * 100
    return max(0, min(discount, goods - 100))


def traffic_source(
    platform: str, hour: int, booking: T | None, u: float, u_pick: float
) -> tuple[str | None, T | None]:
    """(流量来源, booking) of a Douyin order; the booking when it came from that day's live stream."""
    if platform != "douyin":
        return None, None
    if booking is not None and hour >= 19 and u < 0.6:
        return "达人直播", booking
    return DOUYIN_SOURCES[bisect_right(DOUYIN_CUM, u_pick)], None
