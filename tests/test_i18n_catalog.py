"""Every message the Qt-free core can show a user has a Chinese translation
(the GUI's own strings are checked by test_translations.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import shopdesk
from shopdesk import i18n

PACKAGE = Path(shopdesk.__file__).parent
# call name → index of the argument that is a translatable message
MESSAGE_ARGUMENT = {"_": 0, "refuse": 1, "reject_where": 1}


def core_messages() -> dict[str, str]:
    found: dict[str, str] = {}
    for source in PACKAGE.rglob("*.py"):
        if "ui" in source.relative_to(PACKAGE).parts[:1] or "migrations" in source.parts:
            continue
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                index = MESSAGE_ARGUMENT.get(name or "")
                if index is not None and len(node.args) > index:
                    arg = node.args[index]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found[arg.value] = f"{source.relative_to(PACKAGE)}:{node.lineno}"
            if isinstance(node, ast.Tuple) and len(node.elts) == 2:  # PARSERS = {Cell.X: (parser, "reason")}
                second = node.elts[1]
                if (
                    isinstance(second, ast.Constant)
                    and isinstance(second.value, str)
                    and source.name == "frame.py"
                    and second.value.startswith("not ")
                ):
                    found[second.value] = f"{source.relative_to(PACKAGE)}:{node.lineno}"
    return found


def test_every_core_message_has_a_chinese_translation() -> None:
    missing = {text: where for text, where in core_messages().items() if text not in i18n.ZH_CN}
    assert missing == {}


def test_translations_keep_their_placeholders() -> None:
    import string

    formatter = string.Formatter()
    for english, chinese in i18n.ZH_CN.items():
        names = {f for _, f, _, _ in formatter.parse(english) if f}
        assert names == {f for _, f, _, _ in formatter.parse(chinese) if f}, english


def test_every_module_that_translates_imports_the_translator() -> None:
    """A message wrapped in _() in a module that never imported it fails only
    when that rare path runs (a bad row, a refusal): catch it here instead."""
    missing = []
    for source in PACKAGE.rglob("*.py"):
        if "ui" in source.relative_to(PACKAGE).parts[:1]:
            continue
        tree = ast.parse(source.read_text(encoding="utf-8"))
        calls = any(isinstance(n, ast.Call) and getattr(n.func, "id", None) == "_" for n in ast.walk(tree))
        imported = any(
            isinstance(n, ast.ImportFrom) and any(a.name == "_" for a in n.names) for n in ast.walk(tree)
        ) or any(isinstance(n, ast.FunctionDef) and n.name == "_" for n in ast.walk(tree))
        if calls and not imported:
            missing.append(str(source.relative_to(PACKAGE)))
    assert missing == []
