"""The demo's one transaction: a plain sqlite3 connection that takes rows as
tuples (``executemany``) and commits only when everything is written.

A writer thread was tried (SQLite's B-tree work runs without the GIL), but
binding the parameters needs the GIL and the contention ate the gain on two
cores; the straight version is as fast and simpler.
"""

from __future__ import annotations

import sqlite3
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=10000",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA cache_size=-65536",  # 64 MB: random-order index inserts (buyer keys, order ids)
)


class RowWriter:
    def __init__(self, path: Path) -> None:
        self._connection = sqlite3.connect(path, isolation_level=None)
        for pragma in PRAGMAS:
            self._connection.execute(pragma)
        self._connection.execute("BEGIN")
        self.seconds: dict[str, float] = defaultdict(float)  # per table, for benchmarks/demo.py

    def put(self, sql: str, rows: Sequence[Sequence[Any]], table: str) -> None:
        started = time.perf_counter()
        self._connection.executemany(sql, rows)
        self.seconds[table] += time.perf_counter() - started

    def commit(self) -> None:
        self._connection.execute("COMMIT")
        self._connection.execute("PRAGMA optimize")
        self._connection.close()

    def abort(self) -> None:
        """Roll back and close (the caller then deletes the file)."""
        self._connection.close()
