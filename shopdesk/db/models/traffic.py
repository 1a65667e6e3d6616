"""Traffic and search-keyword figures as the platforms report them.

``item_key`` is the platform item id, or the empty string for a shop-level row,
so that one unique key covers both (NULLs never collide in a unique index).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.base import Base


class TrafficDaily(Base):
    __tablename__ = "traffic_daily"
    __table_args__ = (
        UniqueConstraint("shop_id", "day", "item_key"),
        Index("ix_traffic_daily_day", "day", "item_key"),  # KPI queries: a range of days, shop rows
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="RESTRICT"))
    day: Mapped[date] = mapped_column(Date)
    item_key: Mapped[str] = mapped_column(String(64), default="")
    listing_id: Mapped[int | None] = mapped_column(ForeignKey("listing.id", ondelete="SET NULL"))
    visitors: Mapped[int | None] = mapped_column(Integer)
    page_views: Mapped[int | None] = mapped_column(Integer)
    add_to_cart: Mapped[int | None] = mapped_column(Integer)
    clicks: Mapped[int | None] = mapped_column(Integer)
    impressions: Mapped[int | None] = mapped_column(Integer)
    paid_buyers: Mapped[int | None] = mapped_column(Integer)  # as the platform counts them
    paid_fen: Mapped[int | None] = mapped_column(BigInteger)  # as the platform reports it
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL"), index=True
    )


class KeywordStat(Base):
    __tablename__ = "keyword_stat"
    __table_args__ = (UniqueConstraint("shop_id", "date_from", "date_to", "keyword"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="RESTRICT"))
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date] = mapped_column(Date)
    keyword: Mapped[str] = mapped_column(String(100))
    search_popularity: Mapped[int | None] = mapped_column(Integer)  # an index, not a count
    click_popularity: Mapped[int | None] = mapped_column(Integer)
    click_rate: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    conversion: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    online_items: Mapped[int | None] = mapped_column(Integer)
    competition: Mapped[Decimal | None] = mapped_column(Numeric(12, 4))
    ref_price_fen: Mapped[int | None] = mapped_column(BigInteger)
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL"), index=True
    )
