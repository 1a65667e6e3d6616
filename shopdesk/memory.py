"""Giving freed memory back to the system between the steps of a big import.

Arrow's memory pool keeps freed blocks for reuse, and so does glibc's malloc
(numpy's temporaries, SQLite's in-memory temporary tables); the process then
looks as big as its largest step long after it. The peak memory of an import
is what a user on an 8 GB office PC notices, so the importer hands memory back
at the points where a step has just let a lot of it go.
"""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pyarrow as pa


def give_back_memory() -> None:
    """Return freed memory to the system between the steps of a big import:
    Arrow's pool keeps freed blocks for reuse, and so does glibc's malloc
    (numpy's temporaries); the peak an import reaches is what the user sees."""
    pa.default_memory_pool().release_unused()
    if _libc is not None:
        _libc.malloc_trim(0)


def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None  # Windows' and macOS's allocators give memory back on their own
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim  # noqa: B018 - musl has none
    except (OSError, AttributeError):
        return None
    return libc


_libc = _glibc()


@contextmanager
def cycles_collected_after() -> Iterator[None]:
    """Python's cycle collector off for the block: an import makes few cycles but
    many objects (rows to bind, keys to hash), and each collection walks every
    object the application holds — 0.3 s of a million-line import. What cycles
    the block made are left to the collector's next run, once it is back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
