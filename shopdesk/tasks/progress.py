"""Progress and cancellation for long jobs, without Qt.

A service takes a :class:`Progress` and calls :meth:`Progress.step` now and then;
the GUI's runner turns the reports into a progress bar, the CLI ignores them or
prints them. ``step`` raises :class:`Cancelled` once the user asked to stop, so
the service unwinds through its transaction and leaves the database unchanged.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

ProgressCallback = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The user cancelled the job."""


class Progress:
    def __init__(self, callback: ProgressCallback | None = None, min_interval: float = 0.05) -> None:
        self._callback = callback
        self._cancel = threading.Event()
        self._min_interval = min_interval
        self._last = 0.0

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def step(self, done: int, total: int, text: str = "") -> None:
        """Report ``done`` of ``total`` (throttled) and stop if cancelled."""
        self.check()
        now = time.monotonic()
        finished = total > 0 and done >= total
        if self._callback is not None and (now - self._last >= self._min_interval or finished):
            self._last = now
            self._callback(done, total, text)


NO_PROGRESS = Progress()
