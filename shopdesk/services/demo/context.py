"""What every stage of the demo generator shares: the seeded random sources, the
data window, the salt, the import batches, and the helpers that write rows.

Rows are plain tuples handed to the :class:`~shopdesk.services.demo.writer.RowWriter`
(``executemany``, one transaction): no ORM objects, no round trips. Values are
formatted exactly as the models store them on SQLite (``2026-11-11 20:00:00``
for DateTime, see ``db.base.SQLITE_DATETIME``; ``2026-11-11`` for Date; 0/1 for
Boolean; float for Numeric), so that string comparisons in SQL agree with
ORM-written and imported rows.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np

from shopdesk.services.demo.writer import RowWriter

WINDOW_DAYS = 120
BATCH_KINDS = {
    "orders": "演示数据-订单",
    "listings": "演示数据-商品",
    "traffic": "演示数据-流量",
    "keywords": "演示数据-搜索词",
    "reviews": "演示数据-评价",
    "inquiries": "演示数据-咨询",
}
PLATFORMS = ("taobao", "jd", "pdd", "douyin")


def fmt_dt(value: datetime | None) -> str | None:
    """A naive datetime as the models' SQLite DateTime stores it (to the second)."""
    if value is None:
        return None
    return value.isoformat(" ", "seconds")


def fmt_date(value: date) -> str:
    return value.isoformat()


@dataclass
class DemoContext:
    """Seeded state shared by the stages; ``today`` is a Beijing date."""

    seed: int
    today: date
    salt: str
    writer: RowWriter
    rng: random.Random = field(init=False)
    np_rng: np.random.Generator = field(init=False)
    batches: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.np_rng = np.random.default_rng(self.seed)

    @property
    def first_day(self) -> date:
        return self.today - timedelta(days=WINDOW_DAYS)

    @property
    def last_day(self) -> date:
        return self.today - timedelta(days=1)

    @property
    def now(self) -> datetime:
        """The moment the demo data was "exported": the start of ``today``."""
        return datetime(self.today.year, self.today.month, self.today.day)

    @property
    def stamp(self) -> str:
        """Bookkeeping stamp (UTC) for created_at/updated_at: ``today`` 00:00 Beijing."""
        return fmt_dt(self.now - timedelta(hours=8))  # type: ignore[return-value]

    def at(self, seconds: int) -> datetime:
        """A time given as seconds from the window's first day 00:00."""
        return datetime.combine(self.first_day, datetime.min.time()) + timedelta(seconds=seconds)

    def second_formatter(self) -> Callable[[int | None], str | None]:
        """fmt_dt for times given as seconds from the window start (10× faster)."""
        prefixes = [(self.first_day + timedelta(days=i)).isoformat() for i in range(WINDOW_DAYS + 40)]

        def fmt(seconds: int | None) -> str | None:
            if seconds is None:
                return None
            day, rest = divmod(seconds, 86_400)
            hour, rest = divmod(rest, 3_600)
            minute, second = divmod(rest, 60)
            return f"{prefixes[day]} {hour:02d}:{minute:02d}:{second:02d}"

        return fmt

    def days(self) -> list[date]:
        return [self.first_day + timedelta(days=i) for i in range(WINDOW_DAYS)]

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Queue one executemany INSERT; returns the number of rows."""
        rows = rows if isinstance(rows, list) else list(rows)
        if rows:
            marks = ", ".join("?" * len(columns))
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
            self.writer.put(sql, rows, table)
        self.counts[table] = self.counts.get(table, 0) + len(rows)
        return len(rows)

    def digits(self, n: int, first: str = "") -> str:
        """A random digit string of length ``n`` starting with ``first``."""
        width = n - len(first)
        return first + str(self.rng.randrange(10 ** (width - 1), 10**width))

    def write_batches(self) -> None:
        """One import batch per kind, source 'demo'; counts are filled in at the end."""
        rows = []
        started = self.now - timedelta(hours=8, minutes=5)
        for batch_id, (kind, file_name) in enumerate(BATCH_KINDS.items(), start=1):
            self.batches[kind] = batch_id
            digest = hashlib.sha256(f"shopdesk-demo:{self.seed}:{self.today}:{kind}".encode()).hexdigest()
            rows.append(
                (batch_id, file_name, digest, None, kind, None, "demo", 0, 0, 0, 0,
                 fmt_dt(started), fmt_dt(started + timedelta(seconds=3)), None, "演示数据，可放心删除")
            )  # fmt: skip
        self.insert(
            "import_batch",
            ("id", "file_name", "sha256", "platform", "kind", "shop_id", "source", "added", "updated",
             "unchanged", "rejected", "started_at", "finished_at", "undone_at", "message"),
            rows,
        )  # fmt: skip

    def finish_batches(self, added: dict[str, int]) -> None:
        self.writer.put(
            "UPDATE import_batch SET added = ? WHERE id = ?",
            [(added.get(kind, 0), batch_id) for kind, batch_id in self.batches.items()],
            "import_batch",
        )


def demo_salt(seed: int) -> str:
    """The demo database's buyer-key salt, derived from the seed so that the same
    seed gives identical keys. Harmless: the demo's buyer accounts are invented."""
    return hashlib.sha256(f"shopdesk-demo-salt:{seed}".encode()).hexdigest()[:32]
