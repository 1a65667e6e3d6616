"""Evaluating the rules: which alerts the data raises now.

The period looked at is the last complete day (yesterday) or ISO week before
"today" in Beijing time — a day still in progress would always look like a
drop. Each (rule, scope, period) raises at most one event, whoever evaluates
and however often: the first evaluation writes it, later ones find it there
(a unique key backs this up when two seats of a team evaluate at once).
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, text
from sqlalchemy.exc import IntegrityError

from shopdesk.domain.kpi import change
from shopdesk.services.alerts import explain
from shopdesk.services.alerts.figures import (
    Figures,
    Target,
    figures_by_target,
    last_complete,
    mean,
    shops,
    spans_for,
)
from shopdesk.services.alerts.rules import (
    RATIO_METRICS,
    Rule,
    db_number,
    ensure_default_rule,
    list_rules,
    volume_metric,
)

log = logging.getLogger(__name__)

BEIJING = ZoneInfo("Asia/Shanghai")
MIN_WEEKS_OF_HISTORY = 2  # same_weekday_4w needs at least this many of the 4 weeks with data


def today_in_beijing() -> date:
    return datetime.now(BEIJING).date()


def fires(rule: Rule, value: Decimal | None, baseline: Decimal | None) -> tuple[bool, Decimal | None]:
    """Whether ``value`` against ``baseline`` breaks the rule, and the relative change."""
    moved = change(value, baseline)
    if value is None:
        return False, moved
    if rule.comparison == "absolute":
        hit = value < rule.threshold if rule.direction == "down" else value > rule.threshold
        return (hit if rule.direction in ("down", "up") else False), moved
    if moved is None:
        return False, None
    if rule.direction == "down":
        return moved <= -rule.threshold, moved
    if rule.direction == "up":
        return moved >= rule.threshold, moved
    return abs(moved) >= rule.threshold, moved


def enough_volume(rule: Rule, current: Figures, base: Figures) -> bool:
    """``min_volume`` keeps small numbers quiet. A rate (conversion, AOV…) needs
    the volume on both sides, or one side is noise; a count or money dropping to
    almost nothing is exactly what should alarm, so one side is enough; an
    absolute threshold looks at the current period only."""
    counted = volume_metric(rule.metric)
    now, before = current.volume(counted), base.volume(counted)
    if rule.comparison == "absolute":
        return now >= rule.min_volume
    if rule.metric in RATIO_METRICS:
        return min(now, before) >= rule.min_volume
    return max(now, before) >= rule.min_volume


def evaluate_rules(conn: Connection, today: date | None = None) -> list[int]:
    """Evaluate every enabled rule in the caller's transaction; the ids of new events.
    A rule that fails (a bug, odd data) is logged and skipped: the others still run."""
    today = today or today_in_beijing()
    ensure_default_rule(conn)
    created: list[int] = []
    for rule in list_rules(conn, enabled_only=True):
        try:
            with conn.begin_nested():
                created += evaluate_rule(conn, rule, today)
        except Exception:
            log.exception("alert rule %s (%s) could not be evaluated", rule.id, rule.name)
    return created


def evaluate_rule(conn: Connection, rule: Rule, today: date) -> list[int]:
    period = last_complete(rule.period, today)
    # absolute rules still explain themselves against the period before
    compare = spans_for(
        period, rule.period, "prev_period" if rule.comparison == "absolute" else rule.comparison
    )
    data = figures_by_target(conn, rule.scope, rule.scope_value, [period, *compare], rule.period)
    existing = {
        key
        for (key,) in conn.execute(
            text("SELECT scope_key FROM alert_event WHERE rule_id = :r AND period = :p"),
            {"r": rule.id, "p": period.label},
        )
    }
    created = []
    for target, by_label in data.items():
        if target.key in existing:
            continue
        current = by_label[period.label]
        history = [by_label[p.label] for p in compare]
        if rule.comparison == "same_weekday_4w" and sum(h.has_data for h in history) < MIN_WEEKS_OF_HISTORY:
            continue
        base = mean(history)
        baseline = rule.threshold if rule.comparison == "absolute" else base.value(rule.metric)
        value = current.value(rule.metric)
        hit, moved = fires(rule, value, baseline)
        if not hit or not enough_volume(rule, current, base):
            continue
        event_id = _record(conn, rule, target, period, compare, value, baseline, moved, base, current)
        if event_id is not None:
            created.append(event_id)
    return created


def _scope_name(conn: Connection, target: Target, products: list[dict]) -> str | None:
    if target.kind == "shop" and target.value:
        found = shops(conn).get(int(target.value))
        return found[1] if found else None
    if target.kind == "product":
        return next((p["title"] for p in products if p.get("title")), None)
    return None


def _record(conn, rule, target, period, compare, value, baseline, moved, base, current) -> int | None:
    products = explain.top_products(conn, target, period, compare, rule.direction)
    explanation = explain.build(
        rule,
        target,
        _scope_name(conn, target, products),
        period,
        compare,
        value,
        baseline,
        moved,
        explain.decompose(base, current),
        products,
    )
    params = {"r": rule.id, "k": target.key, "p": period.label}
    try:
        with conn.begin_nested():
            conn.execute(
                text(
                    "INSERT INTO alert_event (rule_id, scope_key, period, value, baseline, explanation, "
                    "created_at, notify_attempts) VALUES (:r, :k, :p, :v, :b, :e, CURRENT_TIMESTAMP, 0)"
                ),
                {
                    **params,
                    "v": db_number(conn, value),
                    "b": db_number(conn, baseline),
                    "e": explain.dumps(explanation),
                },
            )
    except IntegrityError:  # another seat wrote it a moment ago
        return None
    event_id = conn.execute(
        text("SELECT id FROM alert_event WHERE rule_id = :r AND scope_key = :k AND period = :p"), params
    ).scalar_one()
    log.info("alert %s: rule %s, %s, %s", event_id, rule.id, target.key, period.label)
    return int(event_id)
