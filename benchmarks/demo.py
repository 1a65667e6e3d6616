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
        from shopdesk.services.demo import generate, writer

        writers: list[writer.RowWriter] = []
        rows: dict[str, int] = defaultdict(int)
        original_init, original_put = writer.RowWriter.__init__, writer.RowWriter.put

        def init(self, path):  # type: ignore[no-untyped-def]
            original_init(self, path)
            writers.append(self)

        def put(self, sql, values, table):  # type: ignore[no-untyped-def]
            rows[table] += len(values) if sql.startswith("INSERT") else 0
            original_put(self, sql, values, table)

        writer.RowWriter.__init__ = init  # type: ignore[method-assign]
        writer.RowWriter.put = put  # type: ignore[method-assign]
        totals = []
        for run in range(args.repeat):
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
        insert_seconds = writers[-1].seconds
        print(f"{'table':<20}{'rows':>10}{'insert s':>10}{'rows/s':>12}  (last run)")
        for table, n in sorted(((t, n) for t, n in rows.items() if n), key=lambda item: -item[1]):
            seconds = insert_seconds[table]
            rate = f"{n / seconds:,.0f}" if seconds > 0 else "-"
            print(f"{table:<20}{n:>10,}{seconds:>10.3f}{rate:>12}")
        busy = sum(insert_seconds.values())
        print(f"inserts {busy:.2f} s of {totals[-1]:.2f} s; the rest is generation and setup (migrations)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
