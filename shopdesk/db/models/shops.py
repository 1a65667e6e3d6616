"""A shop: one storefront of the merchant on one platform."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.base import PLATFORMS, Base, Timestamped, in_list


class Shop(Timestamped, Base):
    __tablename__ = "shop"
    __table_args__ = (
        UniqueConstraint("platform", "name"),
        CheckConstraint(in_list("platform", PLATFORMS), name="platform"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    platform_shop_id: Mapped[str | None] = mapped_column(String(64))

    def __repr__(self) -> str:
        return f"Shop({self.platform}:{self.name})"
