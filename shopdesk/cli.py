"""The front door: ``shopdesk`` opens the GUI, sub-commands do headless work.

Exit codes follow DESIGN.md: 0 success, 1 partial (some rows rejected), 2 a
refused input or bad arguments — always with a clear message on stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import time
from pathlib import Path
from typing import NoReturn

from shopdesk import __version__, i18n, paths
from shopdesk.commands import alerts as alerts_command
from shopdesk.commands import metrics as metrics_command
from shopdesk.commands import report as report_command
from shopdesk.db.migrate import MigrationError
from shopdesk.i18n import _
from shopdesk.log import setup_logging
from shopdesk.platforms import PLATFORMS
from shopdesk.settings import Settings

log = logging.getLogger(__name__)

# Sub-commands living in shopdesk/commands: name → module with add_parser() and run(args, db).
COMMANDS = {"metrics": metrics_command, "report": report_command, "alerts": alerts_command}

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
    imp = sub.add_parser("import", help=_("import platform export files"))
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument(
        "--platform", choices=PLATFORMS, help=_("skip detection: the files are from this platform")
    )
    imp.add_argument("--shop", metavar="NAME", help=_("the shop the files belong to"))
    imp.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    imp.add_argument(
        "--ask-password",
        action="store_true",
        help=_("ask for the password of encrypted ZIP files (never stored)"),
    )

    history = sub.add_parser("imports", help=_("list past imports"))
    history.add_argument("--json", action="store_true", help=_("print the result as JSON"))

    undo = sub.add_parser("undo-import", help=_("undo one import"))
    undo.add_argument("batch_id", type=int, metavar="BATCH_ID")
    for command in COMMANDS.values():
        command.add_parser(sub)
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


def open_db(args: argparse.Namespace):
    from shopdesk.services.database import open_database

    db = open_database(db_location(args))
    for warning in db.warnings:
        print(warning, file=sys.stderr)
    return db


def cmd_import(args: argparse.Namespace) -> int:
    from shopdesk.services.imports import import_file

    password = None
    if args.ask_password:
        import getpass

        password = getpass.getpass(_("ZIP password: "))
    db = open_db(args)
    results = []
    try:
        for path in args.files:
            result = import_file(db, path, platform=args.platform, shop=args.shop, password=password)
            results.append(result)
            if not args.json:
                print(describe_result(result))
    finally:
        db.close()
    if args.json:
        print(json.dumps({"files": [r.to_json() for r in results]}, ensure_ascii=False, indent=2))
    if any(r.status == "refused" for r in results):
        return EXIT_REFUSED
    return EXIT_PARTIAL if any(r.rejected for r in results) else EXIT_OK


def describe_result(result) -> str:
    name = Path(result.file).name
    if result.status == "refused":
        return _("✗ {name}: refused — {message}", name=name, message=result.message)
    lines = [
        _(
            "✓ {name} ({label}, shop {shop}, import #{batch}): {message}",
            name=name,
            label=result.label,
            shop=result.shop,
            batch=result.batch_id,
            message=result.message,
        )
    ]
    for reject in result.rejects[:20]:
        lines.append(_("    row {row}: {reason}", row=reject.row_number, reason=reject.reason))
    if len(result.rejects) > 20:
        lines.append(_("    … and {n} more rejected rows", n=len(result.rejects) - 20))
    return "\n".join(lines)


def cmd_imports(args: argparse.Namespace) -> int:
    from shopdesk.services.imports.history import list_batches

    db = open_db(args)
    try:
        batches = list_batches(db)
    finally:
        db.close()
    if args.json:
        print(json.dumps([b.to_json() for b in batches], ensure_ascii=False, indent=2))
        return EXIT_OK
    for b in batches:
        state = _("undone") if b.undone_at else ""
        print(
            f"#{b.id}\t{b.started_at}\t{b.platform or ''}\t{b.kind or ''}\t{b.shop or ''}\t{b.file_name}\t"
            f"+{b.added} ~{b.updated} ={b.unchanged} ✗{b.rejected}\t{state}"
        )
    return EXIT_OK


def cmd_undo_import(args: argparse.Namespace) -> int:
    from shopdesk.services.imports.history import UndoRefused, undo_import

    db = open_db(args)
    try:
        batch = undo_import(db, args.batch_id)
    except UndoRefused as refused:
        print(str(refused), file=sys.stderr)
        return EXIT_REFUSED
    finally:
        db.close()
    print(_("Import #{batch} ({name}) was undone.", batch=batch.id, name=batch.file_name))
    return EXIT_OK


def _run_with_db(command, args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        return command.run(args, db)
    finally:
        db.close()


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
    handlers = {
        "demo": cmd_demo,
        "import": cmd_import,
        "imports": cmd_imports,
        "undo-import": cmd_undo_import,
    }
    try:
        if args.command in COMMANDS:
            return _run_with_db(COMMANDS[args.command], args)
        return handlers[args.command](args)
    except MigrationError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print(_("Cancelled"), file=sys.stderr)
        return 130
