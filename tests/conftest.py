"""Shared fixtures: every test gets its own shopdesk home folder (settings, logs,
backups, default database) so nothing touches the real user folders, and Qt
runs offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from tests.helpers.keyring import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def shopdesk_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SHOPDESK_HOME", str(home))
    monkeypatch.delenv("SHOPDESK_DB", raising=False)
    monkeypatch.setenv("SHOPDESK_LANG", "zh_CN")
    from shopdesk import i18n

    i18n.set_language("zh_CN")
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "shop.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[object]:
    """A migrated, empty SQLite database on disk."""
    from shopdesk.services.database import open_database

    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Secrets go to a keychain in memory for the test, then the previous backend returns."""
    from shopdesk.services.alerts import channel

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    channel._session.clear()
    yield backend
    keyring.set_keyring(previous)
    channel._session.clear()
