"""A function started on a thread of its own while the caller goes on, its result
taken up later (Qt-free: the importers and services use it for work that runs
beside the import's own, such as a file's digest while it is parsed)."""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def started(name: str, function: Callable[..., T], *args: Any) -> Future[T]:
    """``function(*args)`` running on a new thread called ``name``; the thread ends
    with it, whether or not anyone asks for the result."""
    pool = ThreadPoolExecutor(1, thread_name_prefix=name)
    try:
        return pool.submit(function, *args)
    finally:
        pool.shutdown(wait=False)


class Spare(Generic[T]):
    """``function(*args)`` on a thread the system runs only on a core nothing else
    wants: for work whose result is wanted late (a file's digest, asked for when the
    import's record is written), so that it takes up the cores' idle moments — the
    end of an import, when one core copies and the other waits — instead of sharing
    them with the parse. Asked for before it is done, the thread is put back to the
    normal priority: on an office PC busy with other programs, the lowest one could
    leave the import waiting for its last step."""

    def __init__(self, name: str, function: Callable[..., T], *args: Any) -> None:
        self._lock = threading.Lock()
        self._hurried = False
        self._thread: int | None = None  # the system's id of the thread, once lowered
        self._future = started(name, self._run, function, args)

    def _run(self, function: Callable[..., T], args: tuple[Any, ...]) -> T:
        with self._lock:
            if not self._hurried:
                self._thread = threading.get_native_id()
                set_priority(None, lowest=True)
        return function(*args)

    def done(self) -> bool:
        return self._future.done()

    def result(self, timeout: float | None = None) -> T:
        with self._lock:
            self._hurried = True
            if self._thread is not None and not self._future.done():
                set_priority(self._thread, lowest=False)
        return self._future.result(timeout)


def started_idle(name: str, function: Callable[..., T], *args: Any) -> Spare[T]:
    """:class:`Spare` work, started."""
    return Spare(name, function, *args)


def set_priority(thread: int | None, *, lowest: bool) -> None:
    """Give ``thread`` (a native thread id; None: the calling thread) the lowest
    scheduling priority the system offers, or the normal one back (Linux: SCHED_IDLE
    or SCHED_OTHER; Windows: THREAD_PRIORITY_IDLE or _NORMAL; elsewhere: unchanged).
    A system that refuses leaves it as it was: only the timing differs."""
    if sys.platform.startswith("linux"):
        policy = os.SCHED_IDLE if lowest else os.SCHED_OTHER
        with contextlib.suppress(OSError, AttributeError):  # (a container may refuse it)
            os.sched_setscheduler(thread or 0, policy, os.sched_param(0))
    elif sys.platform == "win32":
        _windows_priority(thread, -15 if lowest else 0)  # THREAD_PRIORITY_IDLE, _NORMAL


def _windows_priority(thread: int | None, priority: int) -> None:
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.GetCurrentThread.restype = kernel32.OpenThread.restype = ctypes.c_void_p  # handles
    kernel32.OpenThread.argtypes = (ctypes.c_uint32, ctypes.c_int, ctypes.c_uint32)
    kernel32.SetThreadPriority.argtypes = (ctypes.c_void_p, ctypes.c_int)
    kernel32.CloseHandle.argtypes = (ctypes.c_void_p,)
    if thread is None:
        kernel32.SetThreadPriority(kernel32.GetCurrentThread(), priority)
        return
    handle = kernel32.OpenThread(0x0020, False, thread)  # THREAD_SET_INFORMATION
    if handle:
        try:
            kernel32.SetThreadPriority(handle, priority)
        finally:
            kernel32.CloseHandle(handle)
