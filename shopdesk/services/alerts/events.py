"""Alert events as the app, the CLI and the webhook show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, text

from shopdesk.services.alerts import explain
from shopdesk.services.alerts.rules import MONEY_METRICS


@dataclass
class AlertView:
    id: int
    rule_id: int
    rule: str
    metric: str
    scope: str
    period: str
    value: Decimal | None
    baseline: Decimal | None
    explanation: dict[str, Any]
    created_at: datetime | str | None
    acknowledged_at: datetime | str | None
    notified_at: datetime | str | None
    notify_error: str | None
    notify_attempts: int

    @property
    def change(self) -> Decimal | None:
        value = self.explanation.get("change")
        return None if value is None else Decimal(value)

    @property
    def scope_label(self) -> str:
        return explain.scope_label(self.explanation)

    def lines(self) -> list[str]:
        """The explanation in the current language."""
        return explain.describe(self.explanation) if self.explanation else []

    def to_json(self) -> dict[str, Any]:
        money = self.metric in MONEY_METRICS
        return {
            "id": self.id,
            "rule_id": self.rule_id,
            "rule": self.rule,
            "metric": self.metric,
            "scope": self.scope,
            "scope_label": self.scope_label,
            "period": self.period,
            "value": _number(self.value, money),
            "baseline": _number(self.baseline, money),
            "change": self.change,
            "explanation": {**self.explanation, "text": "\n".join(self.lines())},
            "created_at": None if self.created_at is None else str(self.created_at),
            "acknowledged": self.acknowledged_at is not None,
            "notified": self.notified_at is not None,
            "notify_error": self.notify_error,
        }


def _number(value: Decimal | None, money: bool) -> Decimal | None:
    if value is None:
        return None
    value = Decimal(value)
    return value.quantize(Decimal("0.01")) if money else value.normalize()


_SELECT = (
    "SELECT e.id, e.rule_id, r.name, r.metric, e.scope_key, e.period, e.value, e.baseline, e.explanation, "
    "e.created_at, e.acknowledged_at, e.notified_at, e.notify_error, e.notify_attempts "
    "FROM alert_event e JOIN alert_rule r ON r.id = e.rule_id"
)


def _view(row) -> AlertView:
    return AlertView(
        id=row[0],
        rule_id=row[1],
        rule=row[2],
        metric=row[3],
        scope=row[4],
        period=row[5],
        value=None if row[6] is None else Decimal(str(row[6])),
        baseline=None if row[7] is None else Decimal(str(row[7])),
        explanation=explain.loads(row[8]),
        created_at=row[9],
        acknowledged_at=row[10],
        notified_at=row[11],
        notify_error=row[12],
        notify_attempts=int(row[13] or 0),
    )


def events(conn: Connection, *, ids: list[int] | None = None, limit: int = 500) -> list[AlertView]:
    """Events newest first (or exactly ``ids``, in that order)."""
    if ids is not None:
        if not ids:
            return []
        wanted = ", ".join(str(int(i)) for i in ids)
        found = {v.id: v for v in map(_view, conn.execute(text(f"{_SELECT} WHERE e.id IN ({wanted})")))}
        return [found[i] for i in ids if i in found]
    rows = conn.execute(text(f"{_SELECT} ORDER BY e.created_at DESC, e.id DESC LIMIT :n"), {"n": limit})
    return [_view(r) for r in rows]


def acknowledge(conn: Connection, event_id: int) -> None:
    conn.execute(
        text(
            "UPDATE alert_event SET acknowledged_at = CURRENT_TIMESTAMP "
            "WHERE id = :id AND acknowledged_at IS NULL"
        ),
        {"id": event_id},
    )


def events_json(views: list[AlertView]) -> str:
    return explain.dumps([v.to_json() for v in views], indent=2)
