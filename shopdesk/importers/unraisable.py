"""Keeping pyarrow's failure to decode a bad row off the user's terminal.

Before pyarrow hands a row with the wrong number of cells to the invalid-row
handler, it decodes the row's bytes as UTF-8; a file cut short in the middle of
a character (a copy that stopped, a download that broke off) ends in such a row,
the decoding fails inside pyarrow's own callback, and Python prints the error as
an "Exception ignored in …" traceback on stderr. That file is refused anyway,
with the line of its bad bytes, by the UTF-8 check that runs beside the parse
(``sources._read_text``): the traceback would only alarm. While a handler is
registered here, exactly that error from exactly that handler is dropped;
anything else reaches the hook that was in place.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

_lock = threading.Lock()
_handlers: list[Callable[..., Any]] = []  # registered, possibly by parses on several threads
_previous: Callable[[Any], object] | None = None


def _hook(unraisable: Any) -> None:
    if isinstance(unraisable.exc_value, UnicodeDecodeError) and any(
        unraisable.object is handler for handler in _handlers
    ):
        return
    (_previous or sys.__unraisablehook__)(unraisable)


@contextmanager
def undecodable_rows_quiet(handler: Callable[..., Any]) -> Iterator[None]:
    """While the block runs, drop the UnicodeDecodeError pyarrow meets before it can call ``handler``."""
    global _previous
    with _lock:
        if not _handlers:
            _previous, sys.unraisablehook = sys.unraisablehook, _hook
        _handlers.append(handler)
    try:
        yield
    finally:
        with _lock:
            _handlers.remove(handler)
            if not _handlers and sys.unraisablehook is _hook:
                sys.unraisablehook, _previous = _previous or sys.__unraisablehook__, None
