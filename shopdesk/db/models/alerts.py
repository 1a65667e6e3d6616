"""Alert rules on KPIs and the events they raised."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.base import Base, DateTime, Timestamped


class AlertRule(Timestamped, Base):
    __tablename__ = "alert_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    metric: Mapped[str] = mapped_column(String(32))  # gmv | conversion | aov | …
    scope: Mapped[str] = mapped_column(String(16), default="all")  # all | platform | shop | product
    scope_value: Mapped[str | None] = mapped_column(String(64))
    comparison: Mapped[str] = mapped_column(String(32))  # prev_period | same_weekday_4w | absolute
    direction: Mapped[str] = mapped_column(String(8), default="down")  # down | up | either
    threshold: Mapped[Decimal] = mapped_column(Numeric(12, 4))  # fraction for %, value for absolute
    min_volume: Mapped[int] = mapped_column(Integer, default=0)
    period: Mapped[str] = mapped_column(String(8), default="day")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)


class AlertEvent(Base):
    """One rule firing for one scope (``all``, ``platform:jd``, ``shop:3``,
    ``product:QH2609``) and one period. The unique key makes re-evaluation —
    by this seat or another seat of a team — never add the same alert twice."""

    __tablename__ = "alert_event"
    __table_args__ = (UniqueConstraint("rule_id", "scope_key", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("alert_rule.id", ondelete="CASCADE"), index=True)
    scope_key: Mapped[str] = mapped_column(String(80), server_default="")
    period: Mapped[str] = mapped_column(String(32))
    value: Mapped[Decimal | None] = mapped_column(Numeric(18, 6))
    baseline: Mapped[Decimal | None] = mapped_column(Numeric(18, 6))
    explanation: Mapped[str | None] = mapped_column(Text)  # JSON
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime)
    notified_at: Mapped[datetime | None] = mapped_column(DateTime)
    notify_error: Mapped[str | None] = mapped_column(Text)  # set while a webhook send is owed
    notify_attempts: Mapped[int] = mapped_column(Integer, server_default="0")
