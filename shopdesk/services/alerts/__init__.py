"""Alerts on KPIs (issue 5): rules, evaluation, explanations, notifications.

The CLI (``shopdesk alerts``), the import service (after every committed
import) and the GUI all go through :func:`run`: evaluate the rules, store the
new events, then notify the group robot if one is configured.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from shopdesk.services.alerts.evaluation import evaluate_rules
from shopdesk.services.alerts.events import AlertView, events
from shopdesk.services.alerts.notify import NotifyReport, notify
from shopdesk.services.database import Database

log = logging.getLogger(__name__)

__all__ = ["AlertView", "NotifyReport", "Outcome", "after_import", "evaluate", "notify", "run"]


@dataclass
class Outcome:
    new: list[AlertView] = field(default_factory=list)
    notified: NotifyReport | None = None


def evaluate(db: Database, today: date | None = None) -> list[int]:
    """Evaluate every enabled rule in one transaction; the ids of the new events."""
    with db.engine.connect() as conn, conn.begin():
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
