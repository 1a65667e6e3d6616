"""Checkpoints of a big write's WAL on a thread of their own.

In WAL mode a commit appends the transaction's pages to the ``-wal`` file; a
*checkpoint* later copies them into the database file. SQLite runs one inside the
commit of whichever connection pushes the WAL past 1,000 pages, so after a
million-line import the user waited about a second more for the copy of 400 MB
they had just written. A connection marked ``checkpoint_later`` (imports) runs
its transaction with the automatic checkpoint off; when it goes back to the pool
its data is committed, and a :class:`Checkpointer` thread copies the WAL while
the user already sees the result. This is what SQLite's documentation suggests
for such writes (wal.html, "Application-Initiated Checkpoints").

While a checkpoint is asked for and not yet done (:attr:`Checkpointer.pending`),
other transactions run with the automatic checkpoint off too: otherwise the first
write after an import (the alert rules' evaluation) could start the checkpoint of
those 400 MB in its own commit, before the thread does, and the user waited for
it after all (one run in a few).

The checkpoint is PASSIVE: it never waits for readers or writers and never
blocks them; what it could not copy the next checkpoint copies. Closing the
database waits for a running checkpoint, and SQLite's own checkpoint when the
last connection closes does the rest.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

log = logging.getLogger(__name__)

BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}  # the file is held by another connection for now
AUTOCHECKPOINT_PAGES = 1000  # SQLite's default, restored after a transaction that turned it off


class Checkpointer:
    """One background thread per database file, started on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.runs = 0  # checkpoints done, for tests
        self.pending = False  # asked for, not yet done: commits leave the WAL to the thread
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._stopping = False
        self._thread: threading.Thread | None = None

    def request(self) -> None:
        """Ask for a checkpoint soon (returns at once)."""
        with self._lock:
            if self._stopping:
                return
            self.pending = True
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="shopdesk-checkpoint", daemon=True)
                self._thread.start()
            self._wake.set()

    def stop(self) -> None:
        """Let a running checkpoint finish, then end the thread."""
        with self._lock:
            self._stopping = True
            thread = self._thread
        self._wake.set()
        if thread is not None:
            thread.join()
        with self._lock:  # an engine may be used again after dispose()
            self._stopping, self._thread, self.pending = False, None, False

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._stopping:
                return
            try:
                with closing(sqlite3.connect(self.path, timeout=0)) as conn:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                self.runs += 1
            except sqlite3.Error as error:  # the next request tries again; SQLite's own on close anyway
                if getattr(error, "sqlite_errorcode", None) in BUSY:  # another connection's checkpoint
                    log.info("background checkpoint of %s put off: %s", self.path, error)
                else:
                    log.warning("background checkpoint of %s failed", self.path, exc_info=True)
            finally:
                with self._lock:
                    if not self._wake.is_set():  # (a request meanwhile: another run follows)
                        self.pending = False
