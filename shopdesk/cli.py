"""The front door: ``shopdesk`` opens the GUI, sub-commands do headless work.

Exit codes follow DESIGN.md: 0 success, 1 partial (some rows rejected), 2 a
refused input or bad arguments — always with a clear message on stderr.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import time
from pathlib import Path
from typing import NoReturn

from shopdesk import __version__, i18n, paths
from shopdesk.i18n import _
from shopdesk.log import setup_logging
from shopdesk.settings import Settings

log = logging.getLogger(__name__)

EXIT_OK, EXIT_PARTIAL, EXIT_REFUSED = 0, 1, 2


# argparse's own messages, so a mistyped command is explained in Chinese too.
_ARGPARSE_MESSAGES = [
    (re.compile(r"^unrecognized arguments: (?P<x>.*)$"), "Unrecognized arguments: {x}"),
    (re.compile(r"^the following arguments are required: (?P<x>.*)$"), "Missing required arguments: {x}"),
    (re.compile(r"^argument (?P<a>[^:]+): expected one argument$"), "Argument {a} needs a value"),
    (
        re.compile(r"^argument (?P<a>[^:]+): invalid choice: (?P<x>\S+) \(choose from (?P<c>.*)\)$"),
        "Argument {a}: {x} is not a valid choice (choose from {c})",
    ),
    (
        re.compile(r"^argument (?P<a>[^:]+): invalid (?P<t>\w+) value: (?P<x>.*)$"),
        "Argument {a}: {x} is not a valid {t} value",
    ),
]


def explain_argparse_error(message: str) -> str:
    for pattern, template in _ARGPARSE_MESSAGES:
        match = pattern.match(message)
        if match:
            return _(template, **match.groupdict())
    return _(message)


class ArgumentParser(argparse.ArgumentParser):
    """argparse that says what went wrong in the user's language, exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        hint = _("Run '{prog} --help' to see what it accepts.", prog=self.prog)
        text = _("{prog}: error: {message}", prog=self.prog, message=explain_argparse_error(message))
        self.exit(EXIT_REFUSED, f"{text}\n{hint}\n")


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="shopdesk",
        description=_("shopdesk — one desk for Taobao/Tmall, JD, Pinduoduo and Douyin operations."),
    )
    parser.add_argument("--version", action="version", version=f"shopdesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        default=os.environ.get("SHOPDESK_DB"),
        help=_("database file or postgresql:// URL (default: SHOPDESK_DB or the user data folder)"),
    )
    parser.add_argument("--demo", action="store_true", help=_("open the GUI on a generated demo database"))
    parser.add_argument("--lang", choices=["zh_CN", "en"], help=_("language of messages and the GUI"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)

    demo = sub.add_parser("demo", help=_("write a demo database"))
    demo.add_argument("--out", required=True, type=Path, metavar="PATH", help=_("file to write"))
    demo.add_argument("--seed", type=int, default=2026, help=argparse.SUPPRESS)
    demo.add_argument("--force", action="store_true", help=_("overwrite PATH if it exists"))
    return parser


def db_location(args: argparse.Namespace) -> str:
    return args.db or str(paths.default_db_path())


def cmd_demo(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.exists():
        if not args.force:
            print(
                _("{path} already exists; choose another path or delete it first.", path=out), file=sys.stderr
            )
            return EXIT_REFUSED
        out.unlink()
    from shopdesk.services.demo import generate

    started = time.perf_counter()
    summary = generate(out, seed=args.seed)
    seconds = time.perf_counter() - started
    print(_("Demo database written to {path} in {seconds:.1f} s", path=out, seconds=seconds))
    print(summary.describe())
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    settings = Settings.load()
    i18n.set_language(os.environ.get("SHOPDESK_LANG", settings.language))
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        i18n.set_language(args.lang)
    setup_logging()
    if args.command is None:
        from shopdesk.app import run_gui

        return run_gui(db=args.db, demo=args.demo, language=args.lang)
    if args.demo:
        parser.error(_("--demo opens the GUI and cannot be combined with a command"))
    handlers = {"demo": cmd_demo}
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        print(_("Cancelled"), file=sys.stderr)
        return 130
