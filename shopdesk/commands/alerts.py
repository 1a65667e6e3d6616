"""``shopdesk alerts [--json] [--as-of YYYY-MM-DD]``: evaluate the rules, list the new alerts.

Running it again for the same period lists nothing new (events are kept once per
rule, scope and period); alerts whose webhook notification failed earlier are sent
again.
"""

from __future__ import annotations

import argparse
import sys

from shopdesk.commands.metrics import day_argument
from shopdesk.i18n import _

EXIT_OK = 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("alerts", help=_("evaluate the alert rules and list new alerts"))
    parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    parser.add_argument(
        "--as-of",
        dest="as_of",
        type=day_argument,
        metavar="YYYY-MM-DD",
        help=_("evaluate as if today were this day (default: today in Beijing time)"),
    )
    parser.add_argument("--no-notify", action="store_true", help=_("do not send to the group robot"))


def run(args: argparse.Namespace, db) -> int:
    from shopdesk.services import alerts
    from shopdesk.services.alerts.events import events_json

    outcome = alerts.run(db, args.as_of, send=not args.no_notify)
    if args.json:
        print(events_json(outcome.new))
    else:
        if not outcome.new:
            print(_("No new alerts."))
        for view in outcome.new:
            print(f"#{view.id} [{view.rule}] {view.period}")
            for line in view.lines():
                print(f"    {line}")
    report = outcome.notified
    if report is not None and report.failed:
        print(
            _(
                "{n} alerts could not be sent to the group robot; they will be retried: {error}",
                n=len(report.failed),
                error=next(iter(report.failed.values())),
            ),
            file=sys.stderr,
        )
    return EXIT_OK
