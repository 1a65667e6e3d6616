"""Import of 1,000,000 Douyin order lines, end to end, against the plain pandas way.

Targets (issue 4): first import ≤ 0.3× the time of `pandas.read_csv(dtype=str)` +
`DataFrame.to_sql` into SQLite, re-import ≤ 0.15×, peak RSS ≤ 1 GB. Each phase runs
in its own process so its peak memory is its own. pandas and the first import run
``--repeat`` times, alternating, and their medians are compared.

Two re-imports are timed: the very same file (recognised by its SHA-256 when nothing
since can have changed its effect) and a later, overlapping export of the same orders
in which every 待发货 order has become 已发货 — the full path: parse, compare, update.

    python benchmarks/import_orders.py [--lines 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def phase_pandas(csv: Path, db: Path) -> float:
    import pandas as pd

    started = time.perf_counter()
    frame = pd.read_csv(csv, dtype=str)
    with sqlite3.connect(db) as conn:
        frame.to_sql("orders", conn, index=False)
    return time.perf_counter() - started


def phase_shopdesk(csv: Path, db: Path) -> float:
    from shopdesk.services.database import open_database
    from shopdesk.services.imports import import_file

    database = open_database(db)
    started = time.perf_counter()
    result = import_file(database, csv)
    seconds = time.perf_counter() - started
    database.close()
    assert result.status == "loaded", result.message
    print(
        json.dumps({"added": result.added, "unchanged": result.unchanged, "rejected": result.rejected}),
        file=sys.stderr,
    )
    return seconds


def run_phase(name: str, csv: Path, db: Path) -> tuple[float, float]:
    # the files the last step wrote go to disk first: the kernel's writeback of a
    # 300 MB database would otherwise share the next phase's two cores
    os.sync()
    out = subprocess.run(
        [sys.executable, __file__, "--phase", name, "--csv", str(csv), "--db", str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, rss_mb = map(float, out.stdout.split())
    return seconds, rss_mb


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="pairs of pandas and first-import runs")
    parser.add_argument("--phase")
    parser.add_argument("--csv", type=Path)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    if args.phase:
        os.environ.setdefault("SHOPDESK_HOME", str(args.db.parent / "home"))
        seconds = {"pandas": phase_pandas, "shopdesk": phase_shopdesk}[args.phase](args.csv, args.db)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{seconds:.3f} {rss_mb:.0f}")
        return

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        csv = work / "抖店订单导出.csv"
        started = time.perf_counter()
        # Written by a child process: a big parent would be copied into every phase's
        # process at fork and inflate the peak memory each phase reports.
        code = "import sys; from pathlib import Path; from benchmarks.douyin_export import write; "
        code += "write(Path(sys.argv[1]), int(sys.argv[2]))"
        root = str(Path(__file__).resolve().parent.parent)
        subprocess.run([sys.executable, "-c", code, str(csv), str(args.lines)], check=True, cwd=root)
        size_mb = csv.stat().st_size / 1e6
        took = time.perf_counter() - started
        print(f"export: {args.lines:,} lines, {size_mb:.0f} MB, written in {took:.1f} s")
        # pandas and the first import alternate, each into a new file; on a machine whose
        # speed drifts by a fifth from minute to minute, the medians of a few pairs tell
        # more than one pair (every run is printed)
        bases, firsts = [], []
        for run in range(1, args.repeat + 1):
            base_db, first_db = work / f"pandas{run}.sqlite3", work / "shopdesk.sqlite3"
            for stale in work.glob("shopdesk.sqlite3*"):
                stale.unlink()
            base, base_rss = run_phase("pandas", csv, base_db)
            for used in work.glob(f"pandas{run}.sqlite3*"):
                used.unlink()
            print(f"run {run}: pandas read_csv(dtype=str) + to_sql: {base:.2f} s, peak RSS {base_rss:.0f} MB")
            first, first_rss = run_phase("shopdesk", csv, first_db)
            print(f"run {run}: shopdesk import: {first:.2f} s = {first / base:.3f}×, ", end="")
            print(f"peak RSS {first_rss:.0f} MB")
            bases.append(base)
            firsts.append(first)
        base, first = statistics.median(bases), statistics.median(firsts)
        print(f"median of {args.repeat}: pandas {base:.2f} s, shopdesk import {first:.2f} s = ", end="")
        print(f"{first / base:.3f}× (target ≤ 0.30×)")
        # each pair ran a minute apart: their own ratios cancel the machine's drift between pairs
        paired = statistics.median(f / b for f, b in zip(firsts, bases, strict=True))
        print(f"median of the {args.repeat} runs' own ratios: {paired:.3f}×")
        again, again_rss = run_phase("shopdesk", csv, work / "shopdesk.sqlite3")
        print(
            f"shopdesk re-import, same file: {again:.2f} s = {again / base:.3f}× (target ≤ 0.15×), ", end=""
        )
        print(f"peak RSS {again_rss:.0f} MB")
        later = work / "抖店订单导出_later.csv"
        later.write_bytes(csv.read_bytes().replace(",待发货,".encode(), ",已发货,".encode()))
        overlap, overlap_rss = run_phase("shopdesk", later, work / "shopdesk.sqlite3")
        print(
            f"shopdesk re-import, later overlapping export: {overlap:.2f} s = {overlap / base:.3f}×, ", end=""
        )
        print(f"peak RSS {overlap_rss:.0f} MB")


if __name__ == "__main__":
    main()
