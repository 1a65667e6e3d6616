"""Normalising column headers so the same column matches across export versions.

Platforms rename and re-punctuate columns between years (``商品总价(元)`` vs
``商品总价（元）``, trailing spaces, a BOM glued to the first name). We compare
headers after NFKC (full-width → half-width), trimming, dropping invisible
characters and unifying commas, as formats/README.md asks.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00a0\t\r\n\"'=]")
_SPACES = re.compile(r"\s+")


def normalize_header(text: object) -> str:
    """``' 订单付款时间 '`` → ``'订单付款时间'``; ``'邮费（元）'`` → ``'邮费(元)'``."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFKC", str(text))
    value = _INVISIBLE.sub("", value).replace("，", ",")
    return _SPACES.sub("", value).strip().lower()
