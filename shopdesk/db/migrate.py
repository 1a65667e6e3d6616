"""Bring a database to the current schema, safely, at start-up.

SQLite specifics (see DEVELOPERS.md "Known traps"):
- the file is copied with the sqlite3 backup API before any upgrade of a
  database that already has data;
- batch mode recreates tables, which with ``foreign_keys=ON`` would cascade
  deletes: the migration connection runs with foreign keys OFF (set before the
  transaction; SQLite ignores the pragma inside one), then
  ``PRAGMA foreign_key_check`` must come back empty before we commit.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from shopdesk import paths
from shopdesk.db.engine import DatabaseTarget, make_engine
from shopdesk.i18n import _

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


class MigrationError(RuntimeError):
    """The database could not be brought to the current schema; it is unchanged."""


def alembic_config(script_location: Path | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location or MIGRATIONS_DIR))
    return config


def head_revision(script_location: Path | None = None) -> str:
    head = ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_sqlite(path: Path, label: str) -> Path:
    """Copy a live SQLite file with the backup API (consistent even under WAL)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = paths.backup_dir() / f"{path.stem}-{label}-{stamp}.sqlite3"
    n = 1
    while target.exists():
        target = target.with_name(f"{path.stem}-{label}-{stamp}-{n}.sqlite3")
        n += 1
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    target.chmod(0o600)
    return target


def upgrade(
    target: DatabaseTarget, revision: str = "head", *, script_location: Path | None = None
) -> Path | None:
    """Upgrade ``target`` to ``revision``; returns the backup path if one was made.

    ``script_location`` is for tests that need an extra, test-only revision.
    """
    engine = make_engine(target, foreign_keys=False)
    config = alembic_config(script_location)
    try:
        script = ScriptDirectory.from_config(config)
        current = current_revision(engine)
        if current is not None and current not in {r.revision for r in script.walk_revisions()}:
            raise MigrationError(
                _(
                    "The database {path} was made by a newer shopdesk (schema {found}); this version "
                    "knows up to {known}. Please update shopdesk.",
                    path=target.display,
                    found=current,
                    known=script.get_current_head(),
                )
            )
        wanted = script.get_current_head() if revision == "head" else revision
        if current == wanted:
            return None
        backup = None
        if target.is_sqlite and _has_tables(engine):
            assert target.path is not None
            backup = backup_sqlite(target.path, f"before-{wanted}")
            log.info("backed up %s to %s", target.path, backup)
        try:
            _run_upgrade(engine, target, config, revision)
        except Exception as exc:  # the transaction was rolled back
            log.exception("migration failed")
            raise MigrationError(
                _("Database upgrade failed, the file was left as before: {reason}", reason=exc)
            ) from exc
        return backup
    finally:
        engine.dispose()


def _has_tables(engine: Engine) -> bool:
    return bool(inspect(engine).get_table_names())


def _run_upgrade(engine: Engine, target: DatabaseTarget, config: Config, revision: str) -> None:
    with engine.connect() as conn:
        config.attributes["connection"] = conn
        with conn.begin():
            command.upgrade(config, revision)
            if target.is_sqlite:
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise MigrationError(f"foreign key check failed after migration: {problems[:5]}")
