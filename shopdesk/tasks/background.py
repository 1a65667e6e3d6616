"""A function started on a thread of its own while the caller goes on, its result
taken up later (Qt-free: the importers and services use it for work that runs
beside the import's own, such as a file's digest while it is parsed)."""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def started(name: str, function: Callable[..., T], *args: Any) -> Future[T]:
    """``function(*args)`` running on a new thread called ``name``; the thread ends
    with it, whether or not anyone asks for the result."""
    pool = ThreadPoolExecutor(1, thread_name_prefix=name)
    try:
        return pool.submit(function, *args)
    finally:
        pool.shutdown(wait=False)


def started_idle(name: str, function: Callable[..., T], *args: Any) -> Future[T]:
    """:func:`started`, on a thread the system runs only on a core nothing else wants:
    for work whose result is wanted late (a file's digest, asked for when the import's
    record is written), so that it takes up the cores' idle moments — the end of an
    import, when one core copies and the other waits — instead of sharing them with
    the parse. Asked for before it is done, it gets a core as soon as its caller waits."""

    def idly() -> T:
        lowest_priority()
        return function(*args)

    return started(name, idly)


def lowest_priority() -> None:
    """Give the calling thread the lowest scheduling priority the system offers
    (Linux: SCHED_IDLE; Windows: THREAD_PRIORITY_IDLE; elsewhere: unchanged)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # (a container may refuse it)
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))  # 0: this thread
    elif sys.platform == "win32":
        kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
        kernel32.SetThreadPriority(kernel32.GetCurrentThread(), -15)  # THREAD_PRIORITY_IDLE
