"""JSON with Decimal values written as literal numbers, never through float.

``shopdesk metrics --json`` promises money with exactly two decimals
(``410.00``) and the alert explanations keep their exact figures; ``json``
itself cannot write a Decimal, and float would lose both. The caller shapes
each Decimal (quantize, normalize); this writes it exactly as it is.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any


def dumps(data: Any, indent: int | None = None) -> str:
    marks: dict[str, str] = {}

    def walk(value: Any) -> Any:
        if isinstance(value, Decimal):
            value = abs(value) if value.is_zero() else value  # no "-0.00"
            key = f"\x00{len(marks)}\x00"
            text = format(value, "f")
            marks[key] = text if text not in ("-0", "") else "0"
            return key
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [walk(v) for v in value]
        return value

    out = json.dumps(walk(data), ensure_ascii=False, indent=indent)
    for key, number in marks.items():
        out = out.replace(json.dumps(key), number)
    return out
