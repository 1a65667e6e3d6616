"""``shopdesk report weekly --week YYYY-Www --out FILE.xlsx``: 《跨平台运营数据简报》
without the GUI, for the people who schedule it (the same service the GUI's
周报… action runs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shopdesk.i18n import _

EXIT_OK, EXIT_REFUSED = 0, 2


def week_argument(text: str) -> str:
    """An ISO week such as 2026-W45, refused by argparse (exit 2) before any database is opened."""
    from shopdesk.domain.kpi import parse_week

    try:
        return parse_week(text.strip()).label
    except ValueError:
        raise argparse.ArgumentTypeError(_("{value} is not an ISO week like 2026-W45", value=text)) from None


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("report", help=_("write a report workbook"))
    kinds = parser.add_subparsers(dest="report", metavar="REPORT", required=True)
    weekly = kinds.add_parser("weekly", help=_("the weekly cross-platform report (.xlsx)"))
    weekly.add_argument("--week", required=True, type=week_argument, metavar="YYYY-Www", help=_("ISO week"))
    weekly.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx", help=_("file to write"))


def run(args: argparse.Namespace, db) -> int:
    from shopdesk.services.reports.weekly import generate_weekly
    from shopdesk.services.reports.xlsx import ReportWriteError
    from shopdesk.tasks.progress import Progress

    out: Path = args.out
    if out.suffix.lower() != ".xlsx":
        print(_("{path}: the report is an Excel workbook; give a file name ending in .xlsx.", path=out),
              file=sys.stderr)  # fmt: skip
        return EXIT_REFUSED

    def show(done: int, total: int, text: str) -> None:
        if text:
            print(f"[{done}/{total}] {text}", file=sys.stderr)

    try:
        result = generate_weekly(db, args.week, out, Progress(callback=show, min_interval=0))
    except ReportWriteError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    if not result.data.has_sales:
        print(_("No orders in {week} or the week before: the report is empty.", week=args.week),
              file=sys.stderr)  # fmt: skip
    print(_("Weekly report {week} written to {path}", week=args.week, path=result.path))
    return EXIT_OK
