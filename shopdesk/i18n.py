"""Translations for messages produced outside Qt (CLI, services, importers).

The GUI translates its own strings through Qt's ``tr()`` and .qm files. Messages
that come from the Qt-free core (an import refused, a bad argument) are written in
English in the code and looked up here, so the CLI and the GUI show the same
Chinese text. Chinese is the default; ``SHOPDESK_LANG=en`` or the settings switch
to English.
"""

from __future__ import annotations

import os

from shopdesk.i18n_zh import ZH_CN

_language = os.environ.get("SHOPDESK_LANG", "zh_CN")


def set_language(language: str) -> None:
    global _language
    _language = language


def language() -> str:
    return _language


def _(text: str, **params: object) -> str:
    """Translate ``text`` to the current language and fill its placeholders."""
    template = ZH_CN.get(text, text) if _language.startswith("zh") else text
    return template.format(**params) if params else template
