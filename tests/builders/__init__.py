"""Builders that write platform export files byte for byte the way the platforms
do (formats/README.md, /work/shared/samples), from small row dicts.

Tests state their data (``{"order_id": "3302…", "status": "交易成功", "paid": "169.00"}``);
the builder adds the encoding, BOM, line endings, Excel guards (``="…"``, ``'``,
``\\t``), the platform's full column set and plausible defaults for every cell the
test does not care about.
"""

from __future__ import annotations

from tests.builders.common import PEOPLE, Person, excel_resave

__all__ = ["PEOPLE", "Person", "excel_resave"]
