"""``shopdesk metrics --from --to [--by] [--platform] [--json]``."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from shopdesk.domain.kpi import Grain
from shopdesk.i18n import _
from shopdesk.platforms import PLATFORMS

EXIT_OK, EXIT_REFUSED = 0, 2


def day_argument(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{value} is not a date like 2026-11-02", value=text)) from None


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("metrics", help=_("KPIs for a range of days"))
    parser.add_argument("--from", dest="start", required=True, type=day_argument, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, type=day_argument, metavar="YYYY-MM-DD")
    parser.add_argument("--by", choices=[g.value for g in Grain], default="total", help=_("period size"))
    parser.add_argument("--platform", choices=PLATFORMS, help=_("only this platform"))
    parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))


def run(args: argparse.Namespace, db) -> int:
    from shopdesk.services.kpi.metrics import Scope, metrics
    from shopdesk.services.kpi.report_json import kpi_json

    if args.end < args.start:
        print(_("--to ({end}) is before --from ({start}).", start=args.start, end=args.end), file=sys.stderr)
        return EXIT_REFUSED
    with db.engine.connect() as conn:
        rows = metrics(conn, args.start, args.end, Grain(args.by), Scope(platform=args.platform))
    if args.json:
        print(kpi_json(rows))
        return EXIT_OK
    print(
        _("period\tplatform\tGMV\tnet sales\torders\tbuyers\tvisitors\tconversion\tAOV\trepeat rate\tshare")
    )
    for r in rows:
        cells = [r.period, r.platform, r.gmv, r.net_sales, r.orders, r.buyers, r.visitors]
        cells += [_percent(r.conversion), r.aov, _percent(r.repeat_rate), _percent(r.share)]
        print("\t".join("—" if c is None else str(c) for c in cells))
    return EXIT_OK


def _percent(value) -> str | None:
    return None if value is None else f"{value * 100:.2f}%"
