"""Sending alerts to the group robot — and keeping the ones that did not go.

Nothing is sent inside a database transaction (a slow robot must not hold the
SQLite write lock an import needs). A failed send leaves the event with
``notify_error`` set and ``notified_at`` empty: it is retried at the next
evaluation or from the alerts panel, and the error stays visible until it goes
through. Events raised while no robot was configured are shown in the app only
— configuring a robot later does not flood the group with old alerts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import text

from shopdesk.i18n import _
from shopdesk.integrations import webhooks
from shopdesk.integrations.webhooks import Message, Webhook, WebhookError
from shopdesk.services.alerts import channel
from shopdesk.services.alerts.events import AlertView, events
from shopdesk.services.database import Database

log = logging.getLogger(__name__)

MAX_PER_ROUND = 10  # DingTalk and WeCom block a robot after 20 messages a minute

Sender = Callable[[Webhook, Message], None]


@dataclass
class NotifyReport:
    configured: bool = True
    sent: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)  # event id → error shown to the user


def message_for(view: AlertView) -> Message:
    return Message(_("shopdesk alert: {rule}", rule=view.rule), tuple(view.lines()))


def test_message() -> Message:
    return Message(
        _("shopdesk test message"),
        (_("The group robot is set up: shopdesk alerts will arrive in this group."),),
    )


def pending_ids(db: Database) -> list[int]:
    """Events whose notification failed and is still owed, oldest first."""
    with db.engine.connect() as conn:
        return [
            int(i)
            for (i,) in conn.execute(
                text(
                    "SELECT id FROM alert_event WHERE notified_at IS NULL AND notify_error IS NOT NULL "
                    "ORDER BY id"
                )
            )
        ]


def notify(
    db: Database,
    event_ids: list[int],
    *,
    webhook: Webhook | None = None,
    sender: Sender | None = None,
) -> NotifyReport:
    """Send ``event_ids`` plus every earlier failure still owed. Returns what happened."""
    webhook = webhook or channel.load_webhook()
    if webhook is None:
        return NotifyReport(configured=False)
    send = sender or (lambda w, m: webhooks.send(w, m))
    wanted = list(dict.fromkeys([*pending_ids(db), *event_ids]))
    with db.engine.connect() as conn:
        views = [v for v in events(conn, ids=wanted) if v.notified_at is None]
    report = NotifyReport()
    for index, view in enumerate(views):
        if index >= MAX_PER_ROUND:
            _failed(
                db, view.id, _("Not sent yet: too many alerts at once for the group robot; retried later.")
            )
            report.failed[view.id] = _(
                "Not sent yet: too many alerts at once for the group robot; retried later."
            )
            continue
        try:
            send(webhook, message_for(view))
        except WebhookError as exc:
            _failed(db, view.id, str(exc), attempt=True)
            report.failed[view.id] = str(exc)
            continue
        except Exception as exc:  # a bug must not lose the alert either
            log.exception("sending alert %s failed", view.id)
            _failed(db, view.id, f"{type(exc).__name__}", attempt=True)
            report.failed[view.id] = type(exc).__name__
            continue
        with db.writing() as conn:
            conn.execute(
                text(
                    "UPDATE alert_event SET notified_at = CURRENT_TIMESTAMP, notify_error = NULL, "
                    "notify_attempts = notify_attempts + 1 WHERE id = :id"
                ),
                {"id": view.id},
            )
        report.sent.append(view.id)
    return report


def _failed(db: Database, event_id: int, error: str, *, attempt: bool = False) -> None:
    with db.writing() as conn:
        conn.execute(
            text(
                "UPDATE alert_event SET notify_error = :e, notify_attempts = notify_attempts + :n "
                "WHERE id = :id"
            ),
            {"e": error, "n": 1 if attempt else 0, "id": event_id},
        )


def send_test(webhook: Webhook, *, sender: Sender | None = None) -> None:
    """Send the test message; raises WebhookError with a user-facing reason."""
    (sender or (lambda w, m: webhooks.send(w, m)))(webhook, test_message())
