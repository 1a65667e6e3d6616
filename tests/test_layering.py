"""The core never depends on Qt: every rule can run in the CLI and in tests
without a window (DESIGN.md, "Rules that keep the house easy to live in")."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import shopdesk

PACKAGE = Path(shopdesk.__file__).parent
QT_FREE = ("domain", "db", "importers", "services", "integrations")
QT_MODULES = ("PySide6", "shiboken6", "pyqtgraph")


def imported_modules(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_packages_do_not_import_qt() -> None:
    offenders = []
    for package in QT_FREE:
        for source in (PACKAGE / package).rglob("*.py"):
            for name in imported_modules(source):
                if name.split(".")[0] in QT_MODULES or name.startswith("shopdesk.ui"):
                    offenders.append(f"{source.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_importing_the_core_loads_no_qt() -> None:
    """Checks transitive imports too, in a clean interpreter."""
    modules = []
    for package in QT_FREE:
        for source in sorted((PACKAGE / package).rglob("*.py")):
            rel = source.relative_to(PACKAGE.parent).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules.append(".".join(parts))
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
