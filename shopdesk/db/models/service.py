"""Buyer reviews and inquiries, the service tickets made from them, and the
reply-template handbook. Reviews keep their text (it is public on the platform);
no buyer name or contact is kept, only the salted buyer key where one exists."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.base import Base, DateTime, Timestamped, in_list

TICKET_STATES = ("open", "pending", "answered", "closed")
TICKET_CATEGORIES = ("pre_sale", "after_sale", "complaint", "praise", "other")


class Review(Base):
    __tablename__ = "review"
    __table_args__ = (UniqueConstraint("shop_id", "review_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="RESTRICT"), index=True)
    review_key: Mapped[str] = mapped_column(String(128))  # platform review id, or order+item+time
    platform_order_id: Mapped[str | None] = mapped_column(String(64))
    platform_item_id: Mapped[str | None] = mapped_column(String(64), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id", ondelete="SET NULL"))
    spec: Mapped[str | None] = mapped_column(String(200))
    rating: Mapped[int | None] = mapped_column(Integer)  # 1–5
    content: Mapped[str | None] = mapped_column(Text)
    follow_up: Mapped[str | None] = mapped_column(Text)
    replied: Mapped[bool] = mapped_column(Boolean, default=False)
    reply_content: Mapped[str | None] = mapped_column(Text)
    review_time: Mapped[datetime | None] = mapped_column(DateTime)
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL"), index=True
    )


class Inquiry(Base):
    __tablename__ = "inquiry"
    __table_args__ = (UniqueConstraint("shop_id", "inquiry_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="RESTRICT"), index=True)
    inquiry_key: Mapped[str] = mapped_column(String(128))
    buyer_key: Mapped[str | None] = mapped_column(String(64))
    platform_order_id: Mapped[str | None] = mapped_column(String(64))
    platform_item_id: Mapped[str | None] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    first_reply_at: Mapped[datetime | None] = mapped_column(DateTime)
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL"), index=True
    )


class ReplyTemplate(Timestamped, Base):
    __tablename__ = "reply_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(String(32))
    subcategory: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    platform: Mapped[str | None] = mapped_column(String(16))  # None = all platforms


class Ticket(Timestamped, Base):
    __tablename__ = "ticket"
    __table_args__ = (
        CheckConstraint(in_list("state", TICKET_STATES), name="state"),
        CheckConstraint(in_list("category", TICKET_CATEGORIES), name="category"),
        CheckConstraint("(review_id IS NULL) <> (inquiry_id IS NULL)", name="one_source"),
        Index("ix_ticket_state_due_at", "state", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int | None] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"))
    inquiry_id: Mapped[int | None] = mapped_column(ForeignKey("inquiry.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(16), default="other")
    subcategory: Mapped[str | None] = mapped_column(String(32))  # size, material, returns, logistics…
    assignee: Mapped[str | None] = mapped_column(String(100))
    due_at: Mapped[datetime | None] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(16), default="open")
    reply_text: Mapped[str | None] = mapped_column(Text)
    template_id: Mapped[int | None] = mapped_column(ForeignKey("reply_template.id", ondelete="SET NULL"))
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
