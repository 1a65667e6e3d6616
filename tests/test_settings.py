"""Settings survive restarts, keep what they do not know, and a damaged file
is moved aside instead of crashing the app."""

from __future__ import annotations

import json
from pathlib import Path

from shopdesk import paths
from shopdesk.settings import Settings


def test_round_trip_and_unknown_keys_kept() -> None:
    path = paths.settings_file()
    path.write_text(json.dumps({"language": "en", "future_option": [1, 2]}), encoding="utf-8")
    settings = Settings.load()
    assert settings.language == "en"
    settings.current_tab = 3
    settings.save()
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["current_tab"] == 3
    assert Settings.load().extra["future_option"] == [1, 2]


def test_damaged_file_is_kept_aside(shopdesk_home: Path) -> None:
    paths.settings_file().write_text("{not json", encoding="utf-8")
    assert Settings.load().language == "zh_CN"
    assert list(shopdesk_home.glob("settings.json.broken-*"))


def test_unknown_language_falls_back_to_chinese() -> None:
    paths.settings_file().write_text(json.dumps({"language": "fr"}), encoding="utf-8")
    assert Settings.load().language == "zh_CN"
