"""Why a file is refused whole, in words a shop operator can act on."""

from __future__ import annotations

from shopdesk.i18n import _


class ImportRefused(Exception):
    """The whole file cannot be imported; nothing from it is loaded.

    ``message`` is already translated; ``code`` is stable for tests and scripts.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def refuse(code: str, text: str, **params: object) -> ImportRefused:
    return ImportRefused(code, _(text, **params))
