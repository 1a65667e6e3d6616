"""Every GUI string has a Chinese translation, and the committed .qm matches the .ts.

lupdate runs over the current sources into a copy of the committed .ts, so a new
``self.tr("…")`` without a translation fails here rather than showing English to
the team; lrelease of the committed .ts must give exactly the committed .qm.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from shopdesk.tools import translations

pytestmark = pytest.mark.skipif(
    translations.find_tool("pyside6-lupdate") is None, reason="PySide6 tools not installed"
)


def untranslated(ts_file: Path) -> list[str]:
    problems = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source")
            if (
                translation is None
                or translation.get("type") in {"unfinished", "vanished", "obsolete"}
                or not (translation.text or "").strip()
            ):
                problems.append(f"{name}: {source!r}")
    return problems


def test_every_message_is_translated(tmp_path: Path) -> None:
    ts = tmp_path / "shopdesk_zh_CN.ts"
    shutil.copy(translations.TS_FILE, ts)
    translations.lupdate(ts)
    problems = untranslated(ts)
    assert not problems, "run `python -m shopdesk.tools.translations` and translate:\n" + "\n".join(problems)


def test_committed_ts_is_up_to_date_with_the_sources(tmp_path: Path) -> None:
    ts = tmp_path / "shopdesk_zh_CN.ts"
    shutil.copy(translations.TS_FILE, ts)
    translations.lupdate(ts)
    assert ts.read_bytes() == translations.TS_FILE.read_bytes(), "run `python -m shopdesk.tools.translations`"


def test_committed_qm_is_compiled_from_the_committed_ts(tmp_path: Path) -> None:
    qm = tmp_path / "shopdesk_zh_CN.qm"
    translations.lrelease(translations.TS_FILE, qm)
    assert qm.read_bytes() == translations.QM_FILE.read_bytes(), "run `python -m shopdesk.tools.translations`"


def test_placeholders_survive_translation() -> None:
    import re

    for context in ET.parse(translations.TS_FILE).getroot().iter("context"):
        for message in context.iter("message"):
            source, target = message.findtext("source") or "", message.findtext("translation") or ""
            assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", target)), source
