"""User-editable mapping tables; shipped defaults are seeded by the first
migration and can be changed in the settings dialog."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.base import Base


class CategoryMap(Base):
    __tablename__ = "category_map"
    __table_args__ = (UniqueConstraint("platform", "platform_category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    platform_category: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(100))


class StatusMap(Base):
    __tablename__ = "status_map"
    __table_args__ = (UniqueConstraint("platform", "platform_status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    platform_status: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    flag: Mapped[str | None] = mapped_column(String(32))
    user_defined: Mapped[bool] = mapped_column(Boolean, default=False)


class ColumnAlias(Base):
    __tablename__ = "column_alias"
    __table_args__ = (UniqueConstraint("platform", "kind", "alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32))
    alias: Mapped[str] = mapped_column(String(100))  # header as found in files, after NFKC/trim
    canonical: Mapped[str] = mapped_column(String(64))  # shopdesk's field name
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"))
