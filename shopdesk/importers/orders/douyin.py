"""Douyin: one row per sub-order (子订单); 主订单编号 groups them. 订单应付金额
is per sub-order, so the order's paid amount is their sum. Exported columns
are chosen by the merchant: without 支付完成时间 the submit time stands in for
paid orders (Douyin orders are paid within minutes), and the summary says so."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from shopdesk.domain import statuses, test_orders
from shopdesk.i18n import _
from shopdesk.importers.arrow_tools import codes_with_nulls, first_of_codes
from shopdesk.importers.frame import Cleaned
from shopdesk.importers.orders.common import (
    LINE_SCHEMA,
    ORDER_SCHEMA,
    Context,
    OrderData,
    buyer_keys,
    map_status,
    reject_whole_orders,
    resolve_closed,
    test_flags,
    zero_if_null,
)
from shopdesk.importers.spec import Kind

REFUNDED_AFTER_SALE = pa.array(["退款成功", "已全额退款", "退货退款成功", "仅退款成功"])


def order_file(c: Cleaned, ctx: Context) -> OrderData:
    order_id = c.get("order_id")
    c.reject_where(pc.is_null(order_id), "the order number is empty")
    sub_id = pc.coalesce(c.get("sub_order_id"), order_id)
    status_raw = c.get("status")
    mapped, flags, unknown = map_status(c, ctx, status_raw)
    notes: list[str] = []
    if c.has("paid_time"):
        paid_time = c.get("paid_time")
    else:
        shows_payment = pc.is_in(
            mapped, value_set=pa.array([statuses.PAID, statuses.SHIPPED, statuses.COMPLETED])
        )
        paid_time = pc.if_else(shows_payment, c.get("created_time"), pa.scalar(None, pa.timestamp("s")))
        notes.append(_("The file has no 支付完成时间 column: the submit time was used as the paid time."))
    status = resolve_closed(mapped, pc.is_valid(paid_time))
    payable = c.get("payable")
    c.reject_where(pc.and_(c.empty("payable"), pc.is_valid(paid_time)), "the paid amount is empty", "payable")
    quantity = zero_if_null(c.get("quantity"))
    reject_whole_orders(c, order_id)

    line_refunded = pc.fill_null(pc.is_in(c.get("after_sale"), value_set=REFUNDED_AFTER_SALE), False)
    line_refund = pc.if_else(line_refunded, zero_if_null(payable), 0)
    lines = pa.table(
        {
            "platform_order_id": order_id,
            "line_key": sub_id,
            "platform_item_id": c.get("item_id"),
            "outer_id": c.get("outer_id"),
            "sku_code": pa.nulls(c.n, pa.string()),
            "title": c.get("item_title"),
            "spec": c.get("spec"),
            "quantity": quantity,
            "unit_price_fen": c.get("price"),
            "paid_fen": payable,
            "refund_fen": line_refund,
            "refund_status": c.get("after_sale"),
            "status": status,
        },
        schema=LINE_SCHEMA,
    )

    # One row per order: its first sub-order row, with the order's totals. Columns
    # are taken at those rows before anything is computed on them (buyer keys,
    # totals), and the totals are summed with numpy over integer order codes, so a
    # million-line file never holds a second per-row copy or a hash table of strings.
    code = codes_with_nulls(order_id)
    first = first_of_codes(code)
    order_number = pc.take(order_id, first)
    of_first = code[first.to_numpy()]
    n_codes = int(code.max()) + 1 if len(code) else 0
    rank = np.empty(n_codes, np.int32)  # each code's order, by first row
    rank[of_first] = np.arange(len(of_first), dtype=np.int32)

    def at_first(column: pa.Array | pa.ChunkedArray) -> pa.Array:
        return pc.take(column, first)

    # the buyer keys (a Python loop of hashing) on a thread of their own, while the
    # test flags and totals are computed here (Arrow and numpy let it run)
    name = at_first(c.get("receiver_name")) if c.has("receiver_name") else None
    phone = at_first(c.get("receiver_phone")) if c.has("receiver_phone") else None

    def ints(values: pa.Array) -> np.ndarray:
        return np.asarray(pc.fill_null(values, 0).to_numpy(zero_copy_only=False), dtype=np.int64)

    def summed(values: pa.Array) -> pa.Array:
        # float weights are exact below 2**53 fen
        return pa.array(np.bincount(code, weights=ints(values), minlength=n_codes).astype(np.int64)[of_first])

    def largest(values: pa.Array) -> pa.Array:
        out = np.full(n_codes, np.iinfo(np.int64).min, np.int64)
        np.maximum.at(out, code, ints(values))
        return pa.array(out[of_first])

    with ThreadPoolExecutor(1, thread_name_prefix="shopdesk-buyers") as pool:
        keyed = pool.submit(buyer_keys, ctx, order_number, None, name, phone)
        is_test_row, _reason = test_flags(ctx, c.get("buyer_message"), c.get("seller_memo"))
        is_test = pc.greater(summed(pc.cast(is_test_row, pa.int64())), 0)  # any of its rows
        test_reason = pc.if_else(
            is_test, pa.scalar(test_orders.reason(ctx.test_words)), pa.scalar(None, pa.string())
        )
        per_order_columns = {  # cells are asked for in this order: rejection reasons keep theirs
            "platform_order_id": order_number,
            "platform_status": at_first(status_raw),
            "status": at_first(status),
            "flagged": at_first(flags),
            "created_time": at_first(c.get("created_time")),
            "paid_time": at_first(paid_time),
            "shipped_time": at_first(c.get("shipped_time")),
            "completed_time": at_first(c.get("completed_time")),
            "paid_fen": summed(payable),
            "shipping_fen": largest(c.get("shipping")),
            "discount_fen": summed(c.get("discount")),
            "refund_fen": summed(line_refund),
            "item_count": summed(quantity),
            "buyer_key": None,  # from the thread, below
            "buyer_identified": None,
            "is_test": is_test,
            "test_reason": test_reason,
            "seller_memo": at_first(c.get("seller_memo")),
            "close_reason": at_first(c.get("close_reason")),
            "traffic_source": at_first(c.get("traffic_source")),
            "influencer_id": at_first(c.get("influencer_id")),
        }
        per_order_columns["buyer_key"], per_order_columns["buyer_identified"] = keyed.result()
    schema = pa.schema([ORDER_SCHEMA.field(k) for k in per_order_columns])
    orders = pa.table(per_order_columns, schema=schema)
    data = OrderData("douyin", Kind.ORDERS, orders, lines, frozenset(per_order_columns), unknown, notes)
    data.owners = pa.array(rank[code])  # each line's order: its code's rank
    return data
