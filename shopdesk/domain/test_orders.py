"""Which orders are test orders (DESIGN.md: excluded everywhere, kept flagged).

A buyer message or seller memo containing 测试, or the word "test" on its own
in any case ("testing" and "contest" are not), plus the merchant's own words.
Returns a regular expression for RE2 (Arrow's engine), so it runs column-wise.
"""

from __future__ import annotations

import re

BUILT_IN = r"测试|\b[Tt][Ee][Ss][Tt]\b"


def pattern(user_words: tuple[str, ...] = ()) -> str:
    """The built-in rule plus the user's words, each matched literally."""
    extra = [re.escape(w.strip()) for w in user_words if w.strip()]
    return "|".join([BUILT_IN, *extra])


def reason(user_words: tuple[str, ...] = ()) -> str:
    words = "、".join(["测试", "test", *[w.strip() for w in user_words if w.strip()]])
    return f"留言或备注含“{words}”"
