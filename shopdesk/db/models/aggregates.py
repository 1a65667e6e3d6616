"""Daily aggregates the KPIs are read from, kept in step with the orders by
every import and undo (services/kpi/aggregates.py).

Sums (GMV, refunds, orders) add up across days, so ``agg_day`` and
``agg_item_day`` answer any period by summing. Distinct buyers do not add up;
``agg_buyer_day`` has one row per buyer, day and shop, and remembers the same
buyer's previous row (``p_*`` across the platform's shops, ``s_*`` within the
shop). A buyer is counted in a period [a, b] on the first row whose previous
row lies before ``a``, and is a repeat buyer when that row has two orders, or
when the next row is also in the period while the first had one — so a
period's buyers and repeat buyers are one range scan, without DISTINCT.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.base import Base


class AggDay(Base):
    """Paid orders of one shop on one Beijing day (test orders excluded)."""

    __tablename__ = "agg_day"

    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    gmv_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    refund_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    orders: Mapped[int] = mapped_column(Integer, default=0)
    unidentified: Mapped[int] = mapped_column(Integer, default=0)  # orders without a buyer identity


class AggItemDay(Base):
    """Paid order lines of one platform item in one shop on one day. A line's
    amount is what the platform states for it, else its share of the order's
    paid amount by list value."""

    __tablename__ = "agg_item_day"

    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    item_key: Mapped[str] = mapped_column(String(64), primary_key=True)  # platform item id, else outer id
    platform: Mapped[str] = mapped_column(String(16))
    gmv_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    refund_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    orders: Mapped[int] = mapped_column(Integer, default=0)
    quantity: Mapped[int] = mapped_column(Integer, default=0)


class AggBuyerDay(Base):
    """One buyer's paid orders in one shop on one day, with the previous rows."""

    __tablename__ = "agg_buyer_day"
    # by day only: the blocks of the days an import changed are packed again from
    # their rows (periods are counted from the blocks, not from this table)
    __table_args__ = (Index("ix_agg_buyer_day_day", "day"),)

    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    buyer_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"), primary_key=True)
    orders: Mapped[int] = mapped_column(Integer, default=0)
    p_prev: Mapped[date | None] = mapped_column(Date)
    p_prev2: Mapped[date | None] = mapped_column(Date)
    p_prev_orders: Mapped[int | None] = mapped_column(Integer)
    s_prev: Mapped[date | None] = mapped_column(Date)
    s_prev2: Mapped[date | None] = mapped_column(Date)
    s_prev_orders: Mapped[int | None] = mapped_column(Integer)


class AggBuyerBlock(Base):
    """``agg_buyer_day`` rows of one day packed for numpy (services/kpi/buyer_blocks.py):
    reading a year of them is one range of BLOBs instead of a million rows."""

    __tablename__ = "agg_buyer_block"

    day: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)  # days since 1970-01-01
    rows: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AggItemCode(Base):
    """A small integer for each (shop, item key), so the item blocks can hold
    items as int32 numpy columns; with the title and 商家编码 the order lines
    gave it, for items no listing import has named."""

    __tablename__ = "agg_item_code"
    __table_args__ = (UniqueConstraint("shop_id", "item_key"),)

    code: Mapped[int] = mapped_column(Integer, primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"))
    item_key: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(String(300))
    outer_id: Mapped[str | None] = mapped_column(String(64))


class AggItemBlock(Base):
    """One shop-day of item figures packed for numpy (services/kpi/item_blocks.py):
    the shop-day's ``agg_item_day`` rows by item code, and its distinct (item,
    buyer) pairs, so a product list counts each item's buyers of any period
    without reading the orders; and its (item, order) rows, to find one
    product's order lines by id."""

    __tablename__ = "agg_item_block"

    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)  # days since 1970-01-01
    items: Mapped[int] = mapped_column(Integer)
    pairs: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    orders: Mapped[int] = mapped_column(Integer)
    order_data: Mapped[bytes] = mapped_column(LargeBinary)  # (item, order id) rows


class AggBlockChange(Base):
    """Which days' blocks an import or undo rewrote, by the data version it
    made (services/kpi/block_cache.py): a cache holding a year of blocks reads
    only those again. ``day`` -1 means all of them (a rebuild)."""

    __tablename__ = "agg_block_change"
    __table_args__ = (Index("ix_agg_block_change_version", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8))  # buyer | item
    day: Mapped[int] = mapped_column(Integer)  # days since 1970-01-01
