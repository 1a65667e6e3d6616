"""An in-memory copy of per-day packed blocks, shared by the queries of one engine.

The buyer blocks and the item blocks are BLOBs, one per day (or shop-day). A
dashboard asks for overlapping ranges again and again (this period, the
previous one, the trend), so the blocks of one contiguous range of days are
read and concatenated once and then sliced without copying.

When an import or undo changes some days, it notes them in
``agg_block_change`` under the data version it creates (:func:`note_changes`).
The next query then reads only those days' blocks again and splices them in,
instead of reading a year of blocks: the first product list after an import
would otherwise wait a second for its range to load. A rebuild, or a gap
longer than the notes kept, loads everything again.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable

import numpy as np
from sqlalchemy import Connection, Engine, text

# name → (day of each row, rows), sorted by day
Sections = dict[str, tuple[np.ndarray, np.ndarray]]
# the sections of the blocks matching a condition on ``day`` (SQL, with its
# parameters), of one part (a shop) when the cache is kept in parts
Loader = Callable[[Connection, str, dict, "int | None"], Sections]

EVERYTHING = -1  # a noted "day" meaning every block changed (a rebuild)
KEEP_VERSIONS = 1000  # notes older than this many data versions are dropped
MAX_SPLICED_DAYS = 400  # more changed days than this: load the range again
MAX_GAP_DAYS = 92  # a range further than this from the held one replaces it


def note_changes(conn: Connection, kind: str, days: Iterable[int] | None) -> None:
    """Note that the blocks of ``kind`` on epoch ``days`` (None: all) change in
    the current data version (the caller has just bumped it for this change)."""
    from shopdesk.services.kpi.aggregates import data_version  # the one version counter

    version = data_version(conn)
    wanted = [EVERYTHING] if days is None else sorted(set(days))
    if not wanted:
        return
    conn.execute(
        text("INSERT INTO agg_block_change (version, kind, day) VALUES (:v, :k, :d)"),
        [{"v": version, "k": kind, "d": int(d)} for d in wanted],
    )
    conn.execute(text("DELETE FROM agg_block_change WHERE version < :v"), {"v": version - KEEP_VERSIONS})


class _State:
    def __init__(self) -> None:
        self.version = -1
        self.first: int | None = None
        self.last: int | None = None
        self.sections: Sections = {}
        self.lock = threading.Lock()

    def clear(self) -> None:
        self.first, self.last, self.sections = None, None, {}


class BlockCache:
    """Blocks of ``kind`` for a range of epoch days as ``load`` reads them, per
    engine and part (the item blocks are kept per shop, so a platform's first
    query reads only its own shops' blocks)."""

    def __init__(self, kind: str, load: Loader) -> None:
        self.kind = kind
        self._load_part = load
        self._states: weakref.WeakKeyDictionary[Engine, dict[int | None, _State]] = (
            weakref.WeakKeyDictionary()
        )
        self._lock = threading.Lock()

    def get(self, conn: Connection, first: int, last: int, version: int, part: int | None = None) -> Sections:
        with self._lock:
            state = self._states.setdefault(conn.engine, {}).setdefault(part, _State())

        def load(c: Connection, where: str, params: dict) -> Sections:
            return self._load_part(c, where, params, part)

        with state.lock:
            if state.version != version:
                if state.first is not None:
                    self._catch_up(conn, state, version, load)
                state.version = version
            far = (
                state.first is not None
                and state.last is not None
                and (first > state.last + MAX_GAP_DAYS or last < state.first - MAX_GAP_DAYS)
            )
            if far:  # a distant period (last year's): hold it alone, not all the days between
                state.clear()
            if state.first is None or state.last is None:
                state.sections = load(conn, "day BETWEEN :a AND :b", {"a": first, "b": last})
                state.first, state.last = first, last
            else:
                if first < state.first:
                    more = load(conn, "day BETWEEN :a AND :b", {"a": first, "b": state.first - 1})
                    self._extend(state, more, before=True)
                    state.first = first
                if last > state.last:
                    more = load(conn, "day BETWEEN :a AND :b", {"a": state.last + 1, "b": last})
                    self._extend(state, more, before=False)
                    state.last = last
            out: Sections = {}
            a, b = np.int32(first), np.int32(last)  # int32 like the days: no cast of the whole array
            for name, (days, rows) in state.sections.items():
                lo = int(np.searchsorted(days, a, "left"))
                hi = int(np.searchsorted(days, b, "right"))
                out[name] = (days[lo:hi], rows[lo:hi])
            return out

    def _catch_up(
        self, conn: Connection, state: _State, version: int, load: Callable[[Connection, str, dict], Sections]
    ) -> None:
        """Bring the held range from ``state.version`` to ``version``."""
        if version < state.version or version - state.version > KEEP_VERSIONS:
            state.clear()
            return
        days = {
            int(d)
            for (d,) in conn.execute(
                text("SELECT day FROM agg_block_change WHERE kind = :k AND version > :v0 AND version <= :v1"),
                {"k": self.kind, "v0": state.version, "v1": version},
            )
        }
        if EVERYTHING in days or len(days) > MAX_SPLICED_DAYS:
            state.clear()
            return
        assert state.first is not None and state.last is not None
        days = {d for d in days if state.first <= d <= state.last}
        if not days:
            return
        listed = ", ".join(str(d) for d in sorted(days))  # integers from the database
        fresh = load(conn, f"day IN ({listed})", {})
        changed = np.array(sorted(days), np.int32)
        for name in set(state.sections) | set(fresh):
            if name not in state.sections:
                state.sections[name] = fresh[name]
                continue
            state.sections[name] = _spliced(*state.sections[name], changed, fresh.get(name))

    @staticmethod
    def _extend(state: _State, more: Sections, *, before: bool) -> None:
        """Add the days just ``before`` (or after) the held range."""
        for name, (new_days, new_rows) in more.items():
            if name not in state.sections:
                state.sections[name] = (new_days, new_rows)
                continue
            days, rows = state.sections[name]
            if before:
                state.sections[name] = (np.concatenate([new_days, days]), np.concatenate([new_rows, rows]))
            else:
                state.sections[name] = (np.concatenate([days, new_days]), np.concatenate([rows, new_rows]))


def _spliced(
    days: np.ndarray, rows: np.ndarray, changed: np.ndarray, fresh: tuple[np.ndarray, np.ndarray] | None
) -> tuple[np.ndarray, np.ndarray]:
    """``days``/``rows`` with the rows of the ``changed`` days replaced by
    ``fresh`` ones: slices between the changed days, copied once."""
    new_days, new_rows = fresh if fresh is not None else (days[:0], rows[:0])
    spans = []
    for day in changed:
        lo, hi = np.searchsorted(days, day, "left"), np.searchsorted(days, day, "right")
        n_lo, n_hi = np.searchsorted(new_days, day, "left"), np.searchsorted(new_days, day, "right")
        spans.append((lo, hi, n_lo, n_hi))
    if all(
        hi - lo == n_hi - n_lo and np.array_equal(rows[lo:hi], new_rows[n_lo:n_hi])
        for lo, hi, n_lo, n_hi in spans
    ):
        return days, rows  # this section's rows did not change (another shop's import): no copy
    day_parts, row_parts, at = [], [], 0
    for lo, hi, n_lo, n_hi in spans:
        day_parts += [days[at:lo], new_days[n_lo:n_hi]]
        row_parts += [rows[at:lo], new_rows[n_lo:n_hi]]
        at = hi
    day_parts.append(days[at:])
    row_parts.append(rows[at:])
    return np.concatenate(day_parts), np.concatenate(row_parts)
