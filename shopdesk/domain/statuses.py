"""Platform order statuses → the unified status (DESIGN.md "Unified order status").

These are the shipped defaults (formats/README.md); users can add or change
mappings in the ``status_map`` table. ``CLOSED`` is not a final status: it means
"cancelled if the order was never paid, refunded if it was", decided per order
from its paid time.
"""

from __future__ import annotations

import unicodedata

UNPAID, PAID, SHIPPED, COMPLETED, CANCELLED, REFUNDED = (
    "unpaid",
    "paid",
    "shipped",
    "completed",
    "cancelled",
    "refunded",
)
CLOSED = "closed"  # resolved by paid time
UNIFIED = (UNPAID, PAID, SHIPPED, COMPLETED, CANCELLED, REFUNDED)
MAPPABLE = (*UNIFIED, CLOSED)
FLAG_LOCKED = "locked"

DEFAULT_STATUS_MAP: dict[str, dict[str, tuple[str, str | None]]] = {
    "taobao": {
        "等待买家付款": (UNPAID, None),
        "买家已付款，等待卖家发货": (PAID, None),
        "等待卖家发货": (PAID, None),
        "卖家部分发货": (PAID, None),
        "卖家已发货，等待买家确认": (SHIPPED, None),
        "等待买家确认收货": (SHIPPED, None),
        "交易成功": (COMPLETED, None),
        "交易关闭": (CLOSED, None),
    },
    "jd": {
        "等待付款": (UNPAID, None),
        "待付款": (UNPAID, None),
        "等待出库": (PAID, None),
        "待出库": (PAID, None),
        "等待确认收货": (SHIPPED, None),
        "已发货": (SHIPPED, None),
        "完成": (COMPLETED, None),
        "已完成": (COMPLETED, None),
        "已取消": (CLOSED, None),
        "锁定": (PAID, FLAG_LOCKED),
        "暂停": (PAID, FLAG_LOCKED),
    },
    "pdd": {
        "待支付": (UNPAID, None),
        "待付款": (UNPAID, None),
        "待发货": (PAID, None),
        "已发货，待签收": (SHIPPED, None),
        "已发货，待收货": (SHIPPED, None),
        "已发货": (SHIPPED, None),
        "已签收": (COMPLETED, None),
        "已收货": (COMPLETED, None),
        "已取消": (CANCELLED, None),
        "交易关闭": (CANCELLED, None),
        "未发货，退款成功": (REFUNDED, None),
        "已发货，退款成功": (REFUNDED, None),
        "已签收，退款成功": (REFUNDED, None),
        "已取消，退款成功": (REFUNDED, None),
    },
    "douyin": {
        "待支付": (UNPAID, None),
        "待发货": (PAID, None),
        "备货中": (PAID, None),
        "部分发货": (PAID, None),
        "已发货": (SHIPPED, None),
        "已完成": (COMPLETED, None),
        "已关闭": (CLOSED, None),
    },
}

JD_DELETED_PREFIX = "(删除)"


def normalize_status(text: str) -> str:
    """NFKC, no spaces, no commas; JD's ``(删除)`` prefix removed
    (the buyer hid the order from their list; the order itself stands)."""
    # Commas are dropped: PDD writes 已发货，待签收, 千牛 an ASCII comma, some files none.
    value = unicodedata.normalize("NFKC", text).replace(" ", "").replace(",", "").strip()
    if value.startswith(JD_DELETED_PREFIX):
        value = value[len(JD_DELETED_PREFIX) :]
    return value


def default_map(platform: str) -> dict[str, tuple[str, str | None]]:
    """The shipped mapping for ``platform`` with normalised keys."""
    return {normalize_status(k): v for k, v in DEFAULT_STATUS_MAP.get(platform, {}).items()}


def resolve(mapped: str, paid: bool) -> str:
    """Turn ``closed`` into cancelled/refunded once we know whether it was paid."""
    if mapped == CLOSED:
        return REFUNDED if paid else CANCELLED
    return mapped


def pdd_refund_suffix(status: str) -> bool:
    """Any PDD status ending in 退款成功 means refunded, even ones not listed."""
    return normalize_status(status).endswith("退款成功")
