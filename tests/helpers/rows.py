"""Fill every table with a row of plausible values, for migration tests.

Generic over the metadata so a table added later is covered without editing
the test; only values that CHECK constraints restrict are named here.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Integer, LargeBinary, MetaData, Numeric, Table

OVERRIDES: dict[str, dict[str, Any]] = {
    "*": {"platform": "taobao"},
    "orders": {"status": "paid"},
    "change_set": {"state": "draft"},
    "change": {"state": "draft"},
    "ticket": {"state": "open", "category": "other", "review_id": None},
    "campaign": {"state": "planning", "start_date": date(2026, 11, 1), "end_date": date(2026, 11, 12)},
    "campaign_phase": {
        "kind": "warmup",
        "starts_at": datetime(2026, 11, 1),
        "ends_at": datetime(2026, 11, 4),
    },
}


def sample_value(table: Table, column: Any, n: int) -> Any:
    for key in (table.name, "*"):
        if column.name in OVERRIDES.get(key, {}):
            return OVERRIDES[key][column.name]
    if column.foreign_keys or (column.primary_key and isinstance(column.type, Integer)):
        return n
    kind = column.type
    if isinstance(kind, Boolean):
        return bool(n % 2)
    if isinstance(kind, Integer):
        return 100 * n
    if isinstance(kind, Numeric):
        return Decimal("0.0375")
    if isinstance(kind, DateTime):
        return datetime(2026, 11, 2, 23, 59, n % 60)
    if isinstance(kind, Date):
        return date(2026, 11, n % 28 + 1)
    if isinstance(kind, LargeBinary):
        return bytes(range(n, n + 18))
    length = getattr(kind, "length", None) or 40
    return f"{column.name}-{n}-青禾"[:length]


def fill_every_table(conn: Connection, metadata: MetaData, rows_per_table: int = 2) -> dict[str, int]:
    """Insert ``rows_per_table`` rows into each table; returns counts by table."""
    counts = {}
    for table in metadata.sorted_tables:
        rows = [
            {col.name: sample_value(table, col, n) for col in table.columns}
            for n in range(1, rows_per_table + 1)
        ]
        conn.execute(table.insert(), rows)
        counts[table.name] = rows_per_table
    return counts
