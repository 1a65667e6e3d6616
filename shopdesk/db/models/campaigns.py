"""Campaigns (618, 双11…): goals, budget split, phases, tasks, live-stream
bookings and the metrics tracked while they run."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shopdesk.db.base import Base, DateTime, Timestamped, in_list

CAMPAIGN_STATES = ("planning", "running", "finished", "reviewed")
PHASE_KINDS = ("warmup", "burst", "return", "custom")


class Campaign(Timestamped, Base):
    __tablename__ = "campaign"
    __table_args__ = (
        CheckConstraint(in_list("state", CAMPAIGN_STATES), name="state"),
        CheckConstraint("end_date >= start_date", name="dates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    gmv_goal_fen: Mapped[int | None] = mapped_column(BigInteger)
    budget_fen: Mapped[int | None] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(String(16), default="planning")
    note: Mapped[str | None] = mapped_column(Text)

    phases: Mapped[list[CampaignPhase]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", order_by="CampaignPhase.starts_at"
    )


class CampaignPhase(Base):
    __tablename__ = "campaign_phase"
    __table_args__ = (
        CheckConstraint(in_list("kind", PHASE_KINDS), name="kind"),
        CheckConstraint("ends_at > starts_at", name="span"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime] = mapped_column(DateTime)

    campaign: Mapped[Campaign] = relationship(back_populates="phases")


class CampaignBudget(Base):
    __tablename__ = "campaign_budget"
    __table_args__ = (UniqueConstraint("campaign_id", "platform", "channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(50), default="")  # 直通车, 千川, 达人…
    amount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    mechanics: Mapped[str | None] = mapped_column(Text)  # 满减, 跨店满减, 百亿补贴…


class CampaignTask(Base):
    __tablename__ = "campaign_task"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    phase_id: Mapped[int | None] = mapped_column(ForeignKey("campaign_phase.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    assignee: Mapped[str | None] = mapped_column(String(100))
    due_at: Mapped[datetime | None] = mapped_column(DateTime)
    done: Mapped[bool] = mapped_column(Boolean, default=False)


class InfluencerBooking(Base):
    __tablename__ = "influencer_booking"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    influencer_name: Mapped[str] = mapped_column(String(100))  # public streamer name
    influencer_platform_id: Mapped[str | None] = mapped_column(String(64))
    live_at: Mapped[datetime] = mapped_column(DateTime)
    fee_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    commission_rate: Mapped[Decimal | None] = mapped_column(Numeric(6, 4))
    products: Mapped[str | None] = mapped_column(Text)  # JSON list of outer ids
    state: Mapped[str] = mapped_column(String(16), default="booked")
    gmv_fen: Mapped[int | None] = mapped_column(BigInteger)


class CampaignMetric(Base):
    __tablename__ = "campaign_metric"
    __table_args__ = (UniqueConstraint("campaign_id", "day", "platform", "metric"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    platform: Mapped[str] = mapped_column(String(16))
    metric: Mapped[str] = mapped_column(String(32))
    value: Mapped[Decimal] = mapped_column(Numeric(18, 4))
