"""Opening a database: a SQLite file (single seat) or a PostgreSQL URL (team mode).

SQLite connections get foreign keys on, WAL journaling and a busy timeout, and
run with real transactions (pysqlite's implicit-transaction mode would commit
DDL and PRAGMAs behind our back). A new SQLite file is created readable by its
owner only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from shopdesk.db import staging
from shopdesk.db.checkpoint import AUTOCHECKPOINT_PAGES, Checkpointer


@dataclass(frozen=True)
class DatabaseTarget:
    """Where the data lives: ``path`` for SQLite, ``url`` for anything else."""

    url: str
    path: Path | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    @property
    def display(self) -> str:
        if self.path is not None:
            return str(self.path)
        return make_url(self.url).render_as_string(hide_password=True)


def parse_target(value: str | os.PathLike[str]) -> DatabaseTarget:
    """Accept a file path or a database URL (``postgresql://…``, ``sqlite:///…``)."""
    text = os.fspath(value)
    if "://" in text:
        url = make_url(text)
        if url.get_backend_name() == "sqlite":
            if not url.database or url.database == ":memory:":
                raise ValueError("an in-memory SQLite database cannot hold shopdesk data")
            return DatabaseTarget(url=text, path=Path(url.database).resolve())
        if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
            text = url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
        return DatabaseTarget(url=text)
    path = Path(text).expanduser().resolve()
    return DatabaseTarget(url=f"sqlite:///{path.as_posix()}", path=path)


def create_private_file(path: Path) -> None:
    """Create an empty file that only its owner can read (no-op if it exists)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        return
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


PAGE_SIZE = 32768


def _sqlite_pragmas(foreign_keys: bool):
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA busy_timeout=10000")
        # 32 KB pages for a new database (an existing one keeps its size: SQLite
        # fixes it with the first table). SQLite reads and writes a page per
        # system call, and each WAL frame is a page plus a 24-byte header that
        # puts the next page off the OS's 4 KB boundaries: a million-line import
        # took 2-4 s longer with 4 KB pages, and 0.15-0.2 s longer with 16 KB
        # (interleaved runs); dashboard queries answer the same. 64 KB pages were
        # no quicker to import and make every small edit write twice as much.
        cursor.execute(f"PRAGMA page_size={PAGE_SIZE}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Bulk imports insert into indexes at random places; the default 2 MB page
        # cache thrashes. 64 MB is an upper bound, not an allocation.
        cursor.execute("PRAGMA cache_size=-65536")
        # Temporary tables, sorts and statement journals in files, which the OS
        # caches: kept in memory, those of a million-line re-import held 400 MB
        # of the process until it closed (and were no faster).
        cursor.execute("PRAGMA temp_store=FILE")
        cursor.close()

    return on_connect


def _begin(foreign_keys: bool, checkpointer: Checkpointer | None = None):
    def begin(conn: Connection) -> None:
        """BEGIN IMMEDIATE for a connection marked ``write=True``: a deferred
        transaction that reads first and writes later fails at once ("database is
        locked") when another connection wrote in between, whatever the busy
        timeout; taking the write lock up front waits for it instead.

        ``foreign_keys=False`` turns SQLite's foreign keys off for the transaction
        (the pragma cannot change inside one): imports write links they made
        themselves, and only then does SQLite copy staged rows as they are (see
        ``staging``). The next transaction on the connection turns them back on.

        ``checkpoint_later=True`` leaves the WAL's checkpoint to a thread of its
        own once the connection is back in the pool (see ``checkpoint``); so does
        every transaction while that thread's checkpoint is still to come.
        """
        options = conn.get_execution_options()
        wanted = bool(options.get("foreign_keys", foreign_keys))
        info = conn.connection.info
        later = options.get("checkpoint_later") or (checkpointer is not None and checkpointer.pending)
        if later and not info.get("checkpoint_later"):
            conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")  # see db.checkpoint
            info["checkpoint_later"] = True
        if info.get("foreign_keys", foreign_keys) != wanted:
            conn.exec_driver_sql(f"PRAGMA foreign_keys={'ON' if wanted else 'OFF'}")
            info["foreign_keys"] = wanted
        conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("write") else "BEGIN")

    return begin


def _checkpoint_later(engine: Engine, checkpointer: Checkpointer) -> None:
    """Give the WAL of a ``checkpoint_later`` connection's transaction to
    ``checkpointer`` when the connection is returned (committed or rolled back),
    with SQLite's automatic checkpoint back on for its next user, and its page
    cache let go: an import fills the 64 MB a pooled connection then kept for the
    rest of the session, on top of which the next import peaked (a later export
    after a first million-line import, in one process: 1,110 → 1,010 MiB)."""

    def checkin(dbapi_connection: Any, record: Any) -> None:
        if dbapi_connection is None or record is None or not record.info.pop("checkpoint_later", False):
            return
        dbapi_connection.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")
        dbapi_connection.execute("PRAGMA shrink_memory")
        checkpointer.request()

    event.listen(engine, "checkin", checkin)
    event.listen(engine, "engine_disposed", lambda _conn: checkpointer.stop())
    _checkpointers[engine] = checkpointer


_checkpointers: WeakKeyDictionary[Engine, Checkpointer] = WeakKeyDictionary()


def close_engine(engine: Engine) -> None:
    """Dispose of ``engine``, a running background checkpoint let finish first: the
    last connection's close checkpoints too, and the two at once made the thread's
    fail ("database is locked") on every close right after a big import."""
    checkpointer = _checkpointers.get(engine)
    if checkpointer is not None:
        checkpointer.stop()
    engine.dispose()


def make_engine(target: DatabaseTarget, *, foreign_keys: bool = True, **kwargs: Any) -> Engine:
    """An Engine for ``target``; for SQLite the file is created private first."""
    if target.is_sqlite:
        assert target.path is not None
        create_private_file(target.path)
        engine = create_engine(target.url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas(foreign_keys))
        checkpointer = Checkpointer(target.path)
        event.listen(engine, "begin", _begin(foreign_keys, checkpointer))
        staging.install(engine)
        _checkpoint_later(engine, checkpointer)
        return engine
    return create_engine(target.url, pool_pre_ping=True, **kwargs)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
