"""The merchant's products, their SKUs, and their listings on each shop.

Listing changes are kept in ``listing_revision``; bulk edits go through a
``change_set`` that must be approved before anything reaches a platform.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shopdesk.db.base import Base, DateTime, Timestamped, in_list

CHANGE_STATES = ("draft", "in_review", "approved", "rejected", "exported", "live")


class Product(Timestamped, Base):
    __tablename__ = "product"

    id: Mapped[int] = mapped_column(primary_key=True)
    outer_id: Mapped[str] = mapped_column(String(64), unique=True)  # 商家编码 (SPU)
    name: Mapped[str] = mapped_column(String(200))
    brand: Mapped[str | None] = mapped_column(String(100))
    category: Mapped[str | None] = mapped_column(String(100))  # the merchant's unified category
    cost_fen: Mapped[int | None] = mapped_column(BigInteger)
    note: Mapped[str | None] = mapped_column(Text)

    skus: Mapped[list[Sku]] = relationship(back_populates="product", cascade="all, delete-orphan")
    listings: Mapped[list[Listing]] = relationship(back_populates="product")


class Sku(Timestamped, Base):
    __tablename__ = "sku"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), index=True)
    sku_code: Mapped[str] = mapped_column(String(64), unique=True)
    spec_text: Mapped[str | None] = mapped_column(String(200))
    price_fen: Mapped[int | None] = mapped_column(BigInteger)
    stock: Mapped[int | None] = mapped_column(Integer)
    barcode: Mapped[str | None] = mapped_column(String(64))

    product: Mapped[Product] = relationship(back_populates="skus")


class Listing(Timestamped, Base):
    __tablename__ = "listing"
    __table_args__ = (UniqueConstraint("shop_id", "platform_item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="RESTRICT"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id", ondelete="SET NULL"), index=True)
    platform_item_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300), default="")
    short_title: Mapped[str | None] = mapped_column(String(100))
    selling_points: Mapped[str | None] = mapped_column(Text)
    main_images: Mapped[str | None] = mapped_column(Text)  # JSON list of paths or URLs
    platform_category: Mapped[str | None] = mapped_column(String(200))
    category: Mapped[str | None] = mapped_column(String(100))  # unified, through category_map
    price_fen: Mapped[int | None] = mapped_column(BigInteger)
    stock: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str | None] = mapped_column(String(32))  # on_sale | off_shelf | …
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id", ondelete="SET NULL"))

    product: Mapped[Product | None] = relationship(back_populates="listings")


class ListingRevision(Base):
    __tablename__ = "listing_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listing.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))  # import | edit | change_set | api
    change_id: Mapped[int | None] = mapped_column(ForeignKey("change.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    changed_by: Mapped[str | None] = mapped_column(String(100))


class ChangeSet(Timestamped, Base):
    __tablename__ = "change_set"
    __table_args__ = (CheckConstraint(in_list("state", CHANGE_STATES), name="state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(16), default="draft")
    created_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    exported_at: Mapped[datetime | None] = mapped_column(DateTime)
    live_at: Mapped[datetime | None] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)

    changes: Mapped[list[Change]] = relationship(back_populates="change_set", cascade="all, delete-orphan")


class Change(Base):
    __tablename__ = "change"
    __table_args__ = (CheckConstraint(in_list("state", CHANGE_STATES), name="state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    change_set_id: Mapped[int] = mapped_column(ForeignKey("change_set.id", ondelete="CASCADE"), index=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listing.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(50))  # title | selling_points | main_images | …
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    checks: Mapped[str | None] = mapped_column(Text)  # JSON list of {rule, message}
    state: Mapped[str] = mapped_column(String(16), default="draft")

    change_set: Mapped[ChangeSet] = relationship(back_populates="changes")
