"""Alerts on KPIs (issue 5): rules, evaluation, explanations, notifications.

The CLI (``shopdesk alerts``), the import service (after every committed
import) and the GUI all go through :func:`run`: evaluate the rules, store the
new events, then notify the group robot if one is configured.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from shopdesk.services.alerts import rules
from shopdesk.services.alerts.evaluation import evaluate_rules
from shopdesk.services.alerts.events import AlertView, events
from shopdesk.services.alerts.notify import NotifyReport, notify
from shopdesk.services.alerts.rules import Rule, RuleRefused, ensure_default_rule
from shopdesk.services.database import Database

log = logging.getLogger(__name__)

__all__ = [
    "AlertView",
    "NotifyReport",
    "Outcome",
    "Rule",
    "RuleRefused",
    "acknowledge",
    "after_import",
    "delete_rule",
    "evaluate",
    "list_events",
    "list_rules",
    "list_shops",
    "notify",
    "run",
    "save_rule",
]


@dataclass
class Outcome:
    new: list[AlertView] = field(default_factory=list)
    notified: NotifyReport | None = None


def evaluate(db: Database, today: date | None = None) -> list[int]:
    """Evaluate every enabled rule in one transaction; the ids of the new events."""
    with db.writing() as conn:
        return evaluate_rules(conn, today)


def run(db: Database, today: date | None = None, *, send: bool = True) -> Outcome:
    """Evaluate, then send the new events (and earlier failures) to the group robot."""
    ids = evaluate(db, today)
    with db.engine.connect() as conn:
        new = events(conn, ids=ids)
    report = notify(db, ids) if send else None
    if report is not None and (report.sent or report.failed):
        with db.engine.connect() as conn:  # show the notify state as it is now
            new = events(conn, ids=ids)
    return Outcome(new, report)


def after_import(db: Database) -> list[AlertView]:
    """Called once an import has committed. An alert problem never fails the
    import: it is logged, and the alerts are evaluated again next time."""
    try:
        return run(db).new
    except Exception:
        log.exception("alerts could not be evaluated after the import")
        return []


# --- what the GUI needs, each in its own short transaction --------------------------------------


def list_events(db: Database, limit: int = 500) -> list[AlertView]:
    with db.engine.connect() as conn:
        return events(conn, limit=limit)


def acknowledge(db: Database, event_id: int) -> None:
    from shopdesk.services.alerts.events import acknowledge as ack

    with db.writing() as conn:
        ack(conn, event_id)


def list_rules(db: Database) -> list[Rule]:
    """Every rule, the shipped default included (created on first look)."""
    with db.writing() as conn:
        ensure_default_rule(conn)
        return rules.list_rules(conn)


def save_rule(db: Database, rule: Rule) -> Rule:
    """Insert or update; RuleRefused (with the reasons) when the rule is not valid."""
    with db.writing() as conn:
        return rules.save_rule(conn, rule)


def delete_rule(db: Database, rule_id: int) -> None:
    with db.writing() as conn:
        rules.delete_rule(conn, rule_id)


def list_shops(db: Database) -> dict[int, tuple[str, str]]:
    """shop id → (platform, name), for choosing a rule's shop."""
    from shopdesk.services.alerts.figures import shops

    with db.engine.connect() as conn:
        return shops(conn)
