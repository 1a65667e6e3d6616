"""Where shopdesk keeps its files.

Everything lives under one per-user folder chosen by platformdirs (on Windows
``%LOCALAPPDATA%\\shopdesk``). ``SHOPDESK_HOME`` moves the whole tree, which the
tests use so they never touch the real user folders.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "shopdesk"


def home() -> Path:
    """The root folder for data, settings, logs and backups."""
    override = os.environ.get("SHOPDESK_HOME")
    if override:
        root = Path(override)
    else:
        root = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))
    root.mkdir(parents=True, exist_ok=True)
    return root


def _sub(name: str) -> Path:
    path = home() / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    return _sub("data")


def log_dir() -> Path:
    return _sub("logs")


def backup_dir() -> Path:
    return _sub("backups")


def settings_file() -> Path:
    return home() / "settings.json"


def default_db_path() -> Path:
    return data_dir() / "shopdesk.sqlite3"


def demo_db_path() -> Path:
    return data_dir() / "demo.sqlite3"


def resources_dir() -> Path:
    return Path(__file__).resolve().parent / "resources"
