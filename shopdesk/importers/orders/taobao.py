"""Taobao/Tmall: the order file (one row per order) and the item file (one row
per item) are joined on 订单编号 in the database, so either may come first."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

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


def order_file(c: Cleaned, ctx: Context) -> OrderData:
    paid_time = c.get("paid_time")
    basics = order_status(c, ctx, paid_time)
    order_id, status_raw, status, flags, unknown = (
        basics.order_id,
        basics.raw,
        basics.status,
        basics.flags,
        basics.unknown,
    )
    is_test, test_reason = test_flags(ctx, c.get("buyer_message"), c.get("seller_memo"))
    keys, identified = buyer_keys(ctx, order_id, c.get("buyer_account") if c.has("buyer_account") else None)
    paid = c.get("paid")
    c.reject_where(pc.and_(c.empty("paid"), pc.is_valid(paid_time)), "the paid amount is empty", "paid")
    shipping = zero_if_null(c.get("shipping"))
    goods = c.get("goods_amount")
    discount = zero_if_null(pc.subtract(pc.add(goods, shipping), paid)) if c.has("goods_amount") else None
    columns = {
        "platform_order_id": order_id,
        "platform_status": status_raw,
        "status": status,
        "flagged": flags,
        "created_time": c.get("created_time"),
        "paid_time": paid_time,
        "shipped_time": c.get("shipped_time"),
        "completed_time": c.get("completed_time"),
        "paid_fen": zero_if_null(paid),
        "shipping_fen": shipping,
        "discount_fen": discount if discount is not None else pa.array([0] * c.n, pa.int64()),
        "refund_fen": zero_if_null(c.get("refund")),
        "item_count": zero_if_null(c.get("quantity")),
        "buyer_key": keys,
        "buyer_identified": identified,
        "is_test": is_test,
        "test_reason": test_reason,
        "seller_memo": c.get("seller_memo"),
        "close_reason": pc.if_else(
            pc.equal(pc.fill_null(c.get("close_reason"), ""), "订单未关闭"),
            pa.scalar(None, pa.string()),
            c.get("close_reason"),
        ),
    }
    orders = pa.table(columns).cast(_schema(columns))
    shops = [s for s in pc.unique(c.get("shop_name")).to_pylist() if s]
    return OrderData("taobao", Kind.ORDERS, orders, None, frozenset(columns), unknown, [], shops)


def item_file(c: Cleaned, ctx: Context) -> OrderData:
    """Lines, plus a partial order row (number and status) so the lines have an
    order to hang on until the order file arrives."""
    # Without a paid time, 交易关闭 is taken as cancelled until the order file says otherwise.
    basics = order_status(c, ctx, pa.nulls(c.n, pa.timestamp("s")))
    order_id, status_raw, status, flags, unknown = (
        basics.order_id,
        basics.raw,
        basics.status,
        basics.flags,
        basics.unknown,
    )
    quantity = c.get("quantity")
    c.reject_where(pc.is_null(quantity), "the quantity is empty", "quantity")
    base_key = pc.coalesce(
        c.get("sub_order_id"),
        c.get("item_id"),
        pc.binary_join_element_wise(
            pc.fill_null(c.get("outer_id"), ""),
            pc.fill_null(c.get("spec"), pc.fill_null(c.get("item_title"), "")),
            "|",
        ),
    )
    refund = zero_if_null(c.get("refund"))
    lines = pa.table(
        {
            "platform_order_id": order_id,
            "line_key": unique_line_keys(order_id, base_key),
            "platform_item_id": c.get("item_id"),
            "outer_id": c.get("outer_id"),
            "sku_code": c.get("external_id"),
            "title": c.get("item_title"),
            "spec": c.get("spec"),
            "quantity": zero_if_null(quantity),
            "unit_price_fen": c.get("price"),
            "paid_fen": c.get("line_paid"),
            "refund_fen": refund,
            "refund_status": c.get("refund_status"),
            "status": status,
        },
        schema=LINE_SCHEMA,
    )
    partial = {
        "platform_order_id": order_id,
        "platform_status": status_raw,
        "status": status,
        "flagged": flags,
    }
    orders = pa.table(partial).cast(_schema(partial))
    return OrderData("taobao", Kind.ORDER_ITEMS, orders, lines, frozenset(partial), unknown)


def _schema(columns: dict) -> pa.Schema:
    return pa.schema([ORDER_SCHEMA.field(name) for name in columns])
