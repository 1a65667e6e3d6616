"""Open a shopdesk database for use: migrate it, check where it lives, and make
sure its per-database secrets (the buyer-key salt) exist.

Both the CLI and the GUI go through :func:`open_database`, so a file is never
used at an old schema and every seat sees the same rules.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from shopdesk.db.engine import DatabaseTarget, close_engine, make_engine, parse_target, session_factory
from shopdesk.db.migrate import upgrade
from shopdesk.db.models import AppMeta
from shopdesk.filesystems import is_network_path
from shopdesk.i18n import _
from shopdesk.services.kpi import aggregates

log = logging.getLogger(__name__)

SALT_KEY = "buyer_key_salt"


@dataclass
class Database:
    target: DatabaseTarget
    engine: Engine
    sessions: sessionmaker[Session]
    warnings: list[str] = field(default_factory=list)
    backup: Path | None = None

    def session(self) -> Session:
        return self.sessions()

    def close(self) -> None:
        close_engine(self.engine)

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A connection in a write transaction (BEGIN IMMEDIATE on SQLite, see
        db/engine.py): committed at the end of the block, rolled back on error."""
        with self.engine.connect().execution_options(write=True) as conn, conn.begin():
            yield conn


def open_database(location: str | Path) -> Database:
    """Migrate (with a backup) and open ``location``, a file path or a URL."""
    target = parse_target(location)
    warnings: list[str] = []
    if target.path is not None and is_network_path(target.path):
        warnings.append(
            _(
                "The database file {path} is on a network drive. SQLite locking is not safe there; "
                "use team mode (PostgreSQL) to share data.",
                path=target.path,
            )
        )
    backup = upgrade(target)
    if backup is not None:
        log.info("database upgraded; backup at %s", backup)
    engine = make_engine(target)
    db = Database(target, engine, session_factory(engine), warnings, backup)
    try:
        with db.session() as session, session.begin():
            ensure_salt(session)
        with engine.begin() as conn:
            aggregates.ensure_built(conn)
    except Exception:
        close_engine(engine)
        raise
    return db


def ensure_salt(session: Session) -> str:
    """The per-database salt for buyer keys, created on first use."""
    row = session.scalar(select(AppMeta).where(AppMeta.key == SALT_KEY))
    if row is None:
        row = AppMeta(key=SALT_KEY, value=secrets.token_hex(16))
        session.add(row)
        session.flush()
    return row.value


def ensure_salt_conn(conn: Connection) -> str:
    """:func:`ensure_salt` for code that works on a Core connection."""
    value = conn.execute(text("SELECT value FROM app_meta WHERE key = :k"), {"k": SALT_KEY}).scalar()
    if value is None:
        value = secrets.token_hex(16)
        conn.execute(text("INSERT INTO app_meta (key, value) VALUES (:k, :v)"), {"k": SALT_KEY, "v": value})
    return value
