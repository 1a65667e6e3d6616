"""A function started on a thread of its own while the caller goes on, its result
taken up later (Qt-free: the importers and services use it for work that runs
beside the import's own, such as a file's digest while it is parsed)."""

from __future__ import annotations

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
