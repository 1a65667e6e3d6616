"""JD: one row per SKU, and the order-level amounts (订单金额, 应付金额, 运费金额…)
repeat on every row of the order. They are taken once per order — summing the
rows would double-count."""

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
    first_row_per_order,
    order_status,
    reject_whole_orders,
    sum_by_order,
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
    paid = pc.coalesce(c.get("payable"), c.get("receivable"))
    no_amount = pc.and_(c.empty("payable"), c.empty("receivable"))
    c.reject_where(pc.and_(no_amount, pc.is_valid(paid_time)), "the paid amount is empty", "payable")
    quantity = c.get("quantity")
    c.reject_where(pc.is_null(quantity), "the quantity is empty", "quantity")
    reject_whole_orders(c, order_id)

    line_key = unique_line_keys(order_id, pc.coalesce(c.get("sku_code"), c.get("item_id"), c.get("outer_id")))
    lines = pa.table(
        {
            "platform_order_id": order_id,
            "line_key": line_key,
            "platform_item_id": c.get("item_id"),
            "outer_id": c.get("outer_id"),
            "sku_code": c.get("sku_code"),
            "title": c.get("item_title"),
            "spec": pa.nulls(c.n, pa.string()),
            "quantity": zero_if_null(quantity),
            "unit_price_fen": c.get("price"),
            "paid_fen": pa.nulls(c.n, pa.int64()),
            "refund_fen": pa.array([0] * c.n, pa.int64()),
            "refund_status": pa.nulls(c.n, pa.string()),
            "status": status,
        },
        schema=LINE_SCHEMA,
    )

    first = first_row_per_order(order_id)
    is_test, test_reason = test_flags(ctx, c.get("buyer_message"), c.get("seller_memo"))
    keys, identified = buyer_keys(ctx, order_id, c.get("buyer_account") if c.has("buyer_account") else None)
    items = sum_by_order(order_id, zero_if_null(quantity))
    item_count = pc.take(items["v_sum"], pc.index_in(order_id, value_set=items["k"]))
    # Refund: a JD cancelled-after-payment order is refunded in full.
    refund = pc.if_else(pc.equal(status, "refunded"), zero_if_null(paid), 0)
    per_row = {
        "platform_order_id": order_id,
        "platform_status": status_raw,
        "status": status,
        "flagged": flags,
        "created_time": c.get("created_time"),
        "paid_time": paid_time,
        "shipped_time": c.get("shipped_time"),
        "completed_time": c.get("completed_time"),
        "paid_fen": zero_if_null(paid),
        "shipping_fen": zero_if_null(c.get("shipping")),
        "discount_fen": zero_if_null(pc.subtract(c.get("order_amount"), paid)),
        "refund_fen": refund,
        "item_count": item_count,
        "buyer_key": keys,
        "buyer_identified": identified,
        "is_test": is_test,
        "test_reason": test_reason,
        "seller_memo": c.get("seller_memo"),
    }
    schema = pa.schema([ORDER_SCHEMA.field(k) for k in per_row])
    orders = pa.table(per_row, schema=schema).take(first)
    return OrderData("jd", Kind.ORDERS, orders, lines, frozenset(per_row), unknown)
