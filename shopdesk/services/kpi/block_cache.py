"""An in-memory copy of per-day packed blocks, shared by the queries of one engine.

The buyer blocks and the item blocks are BLOBs, one per day. A dashboard asks
for overlapping ranges again and again (this period, the previous one, the
trend), so the blocks of one contiguous range of days are read and
concatenated once and then sliced without copying, until the data version
says an import or undo changed them.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable

import numpy as np
from sqlalchemy import Connection, Engine

# name → (day of each row, rows), sorted by day
Sections = dict[str, tuple[np.ndarray, np.ndarray]]
Loader = Callable[[Connection, int, int], Sections]


class _State:
    def __init__(self) -> None:
        self.version = -1
        self.first: int | None = None
        self.last: int | None = None
        self.sections: Sections = {}
        self.lock = threading.Lock()


class BlockCache:
    """Blocks of epoch days ``first…last`` as loaded by ``load``, per engine."""

    def __init__(self, load: Loader) -> None:
        self._load = load
        self._states: weakref.WeakKeyDictionary[Engine, _State] = weakref.WeakKeyDictionary()

    def get(self, conn: Connection, first: int, last: int, version: int) -> Sections:
        state = self._states.setdefault(conn.engine, _State())
        with state.lock:
            if state.version != version:
                state.version, state.first, state.last = version, None, None
            if state.first is None or state.last is None or first < state.first or last > state.last:
                low = first if state.first is None else min(first, state.first)
                high = last if state.last is None else max(last, state.last)
                state.sections = self._load(conn, low, high)
                state.first, state.last = low, high
            out: Sections = {}
            a, b = np.int32(first), np.int32(last)  # int32 like the days: no cast of the whole array
            for name, (days, rows) in state.sections.items():
                lo = int(np.searchsorted(days, a, "left"))
                hi = int(np.searchsorted(days, b, "right"))
                out[name] = (days[lo:hi], rows[lo:hi])
            return out
