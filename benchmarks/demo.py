"""Time the demo-database generator (`shopdesk demo`): total seconds, and for
each table the rows written, the seconds spent in its INSERT and rows/s.

    .venv/bin/python benchmarks/demo.py [--seed N] [--today YYYY-MM-DD] [--repeat N]

The database goes to a temporary folder (SHOPDESK_HOME too) that is removed
afterwards. The budget is < 10 s on a 2-core machine, aim < 5 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 25))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="shopdesk-bench-") as tmp:
        os.environ["SHOPDESK_HOME"] = str(Path(tmp) / "home")
        from shopdesk.services.demo import context, generate

        insert_seconds: dict[str, float] = defaultdict(float)
        rows: dict[str, int] = {}
        original = context.DemoContext.insert

        def timed_insert(self, table, columns, values):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            n = original(self, table, columns, values)
            insert_seconds[table] += time.perf_counter() - started
            rows[table] = rows.get(table, 0) + n
            return n

        context.DemoContext.insert = timed_insert  # type: ignore[method-assign]
        totals = []
        for run in range(args.repeat):
            insert_seconds.clear()
            rows.clear()
            path = Path(tmp) / f"demo-{run}.sqlite3"
            started = time.perf_counter()
            generate(path, seed=args.seed, today=args.today)
            totals.append(time.perf_counter() - started)
            size_mb = path.stat().st_size / 1e6
        all_rows = sum(rows.values())
        best = min(totals)
        print(
            f"demo database: {', '.join(f'{t:.2f}' for t in totals)} s (best {best:.2f} s), {size_mb:.1f} MB"
        )
        print(f"{all_rows:,} rows in all, {all_rows / best:,.0f} rows/s end to end (best run)")
        print(f"{'table':<20}{'rows':>10}{'insert s':>10}{'rows/s':>12}  (last run)")
        for table, n in sorted(rows.items(), key=lambda item: -item[1]):
            seconds = insert_seconds[table]
            rate = f"{n / seconds:,.0f}" if seconds > 0 else "-"
            print(f"{table:<20}{n:>10,}{seconds:>10.3f}{rate:>12}")
        print(f"{'(generation + setup)':<20}{'':>10}{totals[-1] - sum(insert_seconds.values()):>10.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
