"""Pinduoduo: one row per order (PDD orders hold a single SKU)."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from shopdesk.domain import statuses
from shopdesk.importers.frame import Cleaned
from shopdesk.importers.orders.common import (
    LINE_SCHEMA,
    ORDER_SCHEMA,
    Context,
    OrderData,
    buyer_keys,
    order_status,
    test_flags,
    unique_line_keys,
    zero_if_null,
)
from shopdesk.importers.spec import Kind

REFUND_DONE = "退款成功"


def order_file(c: Cleaned, ctx: Context) -> OrderData:
    basics = order_status(c, ctx, None)
    order_id, status_raw, status, flags, unknown = (
        basics.order_id,
        basics.raw,
        basics.status,
        basics.flags,
        basics.unknown,
    )
    paid_time = pc.coalesce(c.get("paid_time"), c.get("paid_time_old"), c.get("group_time"))
    paid = c.get("paid")
    was_paid = pc.invert(pc.is_in(status, value_set=pa.array([statuses.UNPAID, statuses.CANCELLED])))
    c.reject_where(pc.and_(c.empty("paid"), was_paid), "the paid amount is empty", "paid")
    quantity = zero_if_null(c.get("quantity"))
    refunded_after_sale = pc.equal(pc.fill_null(c.get("after_sale"), ""), REFUND_DONE)
    fully_refunded = pc.or_(pc.equal(pc.fill_null(status, ""), statuses.REFUNDED), refunded_after_sale)
    refund = pc.if_else(fully_refunded, zero_if_null(paid), 0)
    is_test, test_reason = test_flags(ctx, c.get("seller_memo"))
    keys, identified = buyer_keys(
        ctx,
        order_id,
        None,
        c.get("receiver_name") if c.has("receiver_name") else None,
        c.get("receiver_phone") if c.has("receiver_phone") else None,
    )
    discount = pc.add(
        pc.add(zero_if_null(c.get("shop_discount")), zero_if_null(c.get("platform_discount"))),
        zero_if_null(c.get("duoduo_discount")),
    )
    columns = {
        "platform_order_id": order_id,
        "platform_status": status_raw,
        "status": status,
        "flagged": flags,
        "created_time": c.get("created_time"),
        "paid_time": pc.if_else(was_paid, paid_time, pa.scalar(None, pa.timestamp("s"))),
        "shipped_time": c.get("shipped_time"),
        "completed_time": c.get("completed_time"),
        "paid_fen": zero_if_null(paid),
        "shipping_fen": zero_if_null(c.get("shipping")),
        "discount_fen": discount,
        "refund_fen": refund,
        "item_count": quantity,
        "buyer_key": keys,
        "buyer_identified": identified,
        "is_test": is_test,
        "test_reason": test_reason,
        "seller_memo": c.get("seller_memo"),
    }
    orders = pa.table(columns, schema=pa.schema([ORDER_SCHEMA.field(k) for k in columns]))
    unit = c.get("goods_amount")
    lines = pa.table(
        {
            "platform_order_id": order_id,
            "line_key": unique_line_keys(
                order_id, pc.coalesce(c.get("style_id"), c.get("sku_code"), c.get("item_id"))
            ),
            "platform_item_id": c.get("item_id"),
            "outer_id": c.get("outer_id"),
            "sku_code": c.get("sku_code"),
            "title": c.get("item_title"),
            "spec": c.get("spec"),
            "quantity": quantity,
            "unit_price_fen": pc.if_else(
                pc.greater(quantity, 0), pc.divide(zero_if_null(unit), pc.max_element_wise(quantity, 1)), unit
            ),
            "paid_fen": zero_if_null(paid),
            "refund_fen": refund,
            "refund_status": c.get("after_sale"),
            "status": status,
        },
        schema=LINE_SCHEMA,
    )
    return OrderData("pdd", Kind.ORDERS, orders, lines, frozenset(columns), unknown)
