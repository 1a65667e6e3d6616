"""Orders and their lines, in the unified form every platform maps to.

No buyer name, phone or address is ever stored: ``buyer_key`` is a salted
SHA-256 of the platform's buyer account (see services/buyer keys); a masked or
encrypted value is not an identity, and such an order gets a key of its own with
``buyer_identified`` false.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shopdesk.db.base import ORDER_STATUSES, PLATFORMS, Base, DateTime, in_list


class Order(Base):
    """One platform order. Indexed by (shop, order number) only: the KPIs are read
    from the aggregates, never by scanning orders in a time range (migration 0008
    dropped the (shop, paid time) index no query used); undo finds a batch's rows
    by scanning, which is rare and fast enough."""

    __tablename__ = "orders"  # "order" is an SQL keyword
    __table_args__ = (
        UniqueConstraint("shop_id", "platform_order_id"),
        CheckConstraint(in_list("status", ORDER_STATUSES), name="status"),
        CheckConstraint(in_list("platform", PLATFORMS), name="platform"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="RESTRICT"))
    platform: Mapped[str] = mapped_column(String(16))  # copy of shop.platform for fast filters
    platform_order_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    platform_status: Mapped[str | None] = mapped_column(String(64))
    created_time: Mapped[datetime | None] = mapped_column(DateTime)
    paid_time: Mapped[datetime | None] = mapped_column(DateTime)
    shipped_time: Mapped[datetime | None] = mapped_column(DateTime)
    completed_time: Mapped[datetime | None] = mapped_column(DateTime)
    paid_fen: Mapped[int] = mapped_column(BigInteger, default=0)  # what the buyer paid, shipping included
    shipping_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    discount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    refund_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    buyer_key: Mapped[str] = mapped_column(String(64))
    buyer_identified: Mapped[bool] = mapped_column(Boolean, default=True)
    is_test: Mapped[bool] = mapped_column(Boolean, default=False)
    test_reason: Mapped[str | None] = mapped_column(String(100))
    flagged: Mapped[str | None] = mapped_column(String(32))  # e.g. JD 锁定/暂停
    seller_memo: Mapped[str | None] = mapped_column(Text)
    close_reason: Mapped[str | None] = mapped_column(String(200))
    traffic_source: Mapped[str | None] = mapped_column(String(64))
    influencer_id: Mapped[str | None] = mapped_column(String(64))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id", ondelete="SET NULL"))
    # Digest of everything the last import stated about the order and its lines:
    # a re-import compares digests instead of every column.
    source_hash: Mapped[str | None] = mapped_column(String(32))

    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", passive_deletes=True
    )


class OrderLine(Base):
    """One item of an order. Only the (order, line key) index: every secondary
    index costs about 15 % of a million-line import, and lookups by product or
    day go through the daily aggregates or the order's own index."""

    __tablename__ = "order_line"
    __table_args__ = (UniqueConstraint("order_id", "line_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    line_key: Mapped[str] = mapped_column(String(64))  # sub-order id, or item id + spec
    platform_item_id: Mapped[str | None] = mapped_column(String(64))
    outer_id: Mapped[str | None] = mapped_column(String(64))  # 商家编码
    sku_code: Mapped[str | None] = mapped_column(String(64))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id", ondelete="SET NULL"))
    title: Mapped[str | None] = mapped_column(String(300))
    spec: Mapped[str | None] = mapped_column(String(300))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    unit_price_fen: Mapped[int | None] = mapped_column(BigInteger)
    paid_fen: Mapped[int | None] = mapped_column(BigInteger)  # when the platform states it per line
    refund_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    refund_status: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str | None] = mapped_column(String(16))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id", ondelete="SET NULL"))

    order: Mapped[Order] = relationship(back_populates="lines")
