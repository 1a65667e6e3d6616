"""Refresh the GUI translations: ``python -m shopdesk.tools.translations``.

Runs ``pyside6-lupdate`` over the Qt code (``ui/``, ``app.py``, ``tasks/``) into
``resources/translations/shopdesk_zh_CN.ts`` and ``pyside6-lrelease`` into the
``.qm`` the app loads. Source locations are not stored (``-locations none``), so
the .ts only changes when a message does, and obsolete messages are dropped.
Then translate the ``unfinished`` entries (Qt Linguist or a text editor) and run
this again; ``tests/test_translations.py`` fails while any is left.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
TS_FILE = PACKAGE / "resources" / "translations" / "shopdesk_zh_CN.ts"
QM_FILE = TS_FILE.with_suffix(".qm")


def source_files() -> list[Path]:
    """Every Python file whose strings go through Qt's tr()."""
    files = sorted((PACKAGE / "ui").rglob("*.py")) + sorted((PACKAGE / "tasks").glob("*.py"))
    return [PACKAGE / "app.py", *files]


def find_tool(name: str) -> str | None:
    """The PySide6 tool next to this interpreter (the venv), else on PATH."""
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else shutil.which(name)


def tool(name: str) -> str:
    found = find_tool(name)
    if not found:
        raise SystemExit(f"{name} not found; install PySide6 into this environment")
    return found


def lupdate(ts_file: Path = TS_FILE) -> None:
    files = [str(p) for p in source_files()]
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            "-target-language",
            "zh_CN",
            *files,
            "-ts",
            str(ts_file),
        ],
        check=True,
    )


def lrelease(ts_file: Path = TS_FILE, qm_file: Path = QM_FILE) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-update", action="store_true", help="only compile the .ts to .qm")
    args = parser.parse_args(argv)
    if not args.no_update:
        lupdate()
        print(f"updated {TS_FILE.relative_to(PACKAGE.parent)}")
    lrelease()
    print(f"compiled {QM_FILE.relative_to(PACKAGE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
