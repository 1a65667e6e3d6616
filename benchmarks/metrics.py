"""Dashboard queries over 5,000,000 order lines, and what keeping the daily
aggregates costs.

Target (issue 5): any dashboard query answers in ≤ 200 ms over 5M order lines.
The database is synthetic but shaped like a merchant's: 4 platforms, 8 shops,
two years of paid orders with a 双11 peak, ~1.65 lines per order, buyers who
come back (a quarter of the orders are by returning buyers), some unpaid,
cancelled, refunded and test orders. It is built once into a cache file
(``--db``) and reused; ``--fresh`` builds it again.

Printed: build time, full aggregate rebuild time, then each query's best of 5
runs, then what keeping the aggregates costs an import (one shop-day, a shop-month).

    python benchmarks/metrics.py [--lines 5000000] [--db /tmp/shopdesk_metrics_5m.sqlite3] [--fresh]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SHOPS = [
    ("taobao", "淘宝旗舰店"), ("taobao", "天猫专营店"), ("jd", "京东自营"), ("jd", "京东POP"),
    ("pdd", "拼多多店"), ("douyin", "抖音小店"), ("douyin", "抖音达人店"), ("taobao", "淘宝C店"),
]  # fmt: skip
LAST_DAY = date(2026, 11, 24)
DAYS = 730


def build(path: Path, lines: int) -> None:
    from shopdesk.services.database import open_database

    open_database(path).close()  # migrated, salted
    rng = np.random.default_rng(2026)
    n_orders = int(lines / 1.65)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    for i, (platform, name) in enumerate(SHOPS, start=1):
        conn.execute(
            "INSERT INTO shop (id, platform, name, created_at, updated_at) "
            "VALUES (?, ?, ?, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            (i, platform, name),
        )
    # days weighted toward the end and 双11
    first = LAST_DAY - timedelta(days=DAYS - 1)
    weight = np.linspace(0.6, 1.4, DAYS)
    for year in (2025, 2026):
        peak = (date(year, 11, 11) - first).days
        if 0 <= peak < DAYS:
            weight[max(0, peak - 10) : peak + 1] *= 4
    day_index = rng.choice(DAYS, size=n_orders, p=weight / weight.sum())
    seconds = rng.integers(0, 86400, size=n_orders)
    shop = rng.choice(len(SHOPS), size=n_orders, p=[0.22, 0.1, 0.15, 0.08, 0.15, 0.15, 0.1, 0.05]) + 1
    # a quarter of orders by returning buyers drawn from a smaller pool
    buyer = np.where(
        rng.random(n_orders) < 0.25, rng.integers(0, n_orders // 8, n_orders), np.arange(n_orders) + n_orders
    )
    status = rng.choice(
        ["completed", "shipped", "paid", "refunded", "unpaid", "cancelled"],
        size=n_orders,
        p=[0.62, 0.15, 0.08, 0.07, 0.04, 0.04],
    )
    paid = rng.integers(1990, 59900, size=n_orders)
    refund = np.where(status == "refunded", paid, np.where(rng.random(n_orders) < 0.03, paid // 3, 0))
    is_test = rng.random(n_orders) < 0.002
    identified = rng.random(n_orders) > 0.08
    platform_of = {i: p for i, (p, _n) in enumerate(SHOPS, start=1)}
    started = time.perf_counter()

    def order_rows():
        for k in range(n_orders):
            d = first + timedelta(days=int(day_index[k]))
            s = int(seconds[k])
            stamp = f"{d.isoformat()} {s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"
            unpaid = status[k] in ("unpaid", "cancelled")
            p = platform_of[int(shop[k])]
            key = f"{buyer[k]:064x}" if identified[k] else f"anon:{p}:{k}"
            yield (k + 1, int(shop[k]), p, f"{7000000000000 + k}", str(status[k]), stamp,
                   None if unpaid else stamp, 0 if unpaid else int(paid[k]), 0, 0, int(refund[k]), 1, key,
                   int(identified[k]), int(is_test[k]))  # fmt: skip

    conn.executemany(
        "INSERT INTO orders (id, shop_id, platform, platform_order_id, status, created_time, paid_time, "
        "paid_fen, shipping_fen, discount_fen, refund_fen, item_count, buyer_key, buyer_identified, is_test) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        order_rows(),
    )
    items = rng.integers(0, 1200, size=lines)
    line_order = np.sort(np.concatenate([np.arange(n_orders), rng.integers(0, n_orders, lines - n_orders)]))

    def line_rows():
        for j in range(lines):
            k = int(line_order[j])
            yield (k + 1, f"{j}", f"{600000000000 + int(items[j])}", f"QH-{int(items[j]):04d}", 1,
                   int(paid[k]), 0)  # fmt: skip

    conn.executemany(
        "INSERT INTO order_line (order_id, line_key, platform_item_id, outer_id, quantity, unit_price_fen, "
        "refund_fen) VALUES (?, ?, ?, ?, ?, ?, ?)",
        line_rows(),
    )
    # shop-level traffic for every day, item traffic for the last 90 days
    traffic = []
    for shop_id in range(1, len(SHOPS) + 1):
        for d in range(DAYS):
            day = (first + timedelta(days=d)).isoformat()
            traffic.append((shop_id, day, "", int(rng.integers(2000, 9000))))
    conn.executemany(
        "INSERT INTO traffic_daily (shop_id, day, item_key, visitors) VALUES (?, ?, ?, ?)", traffic
    )
    conn.commit()
    conn.close()
    print(f"built {n_orders:,} orders, {lines:,} lines in {time.perf_counter() - started:.1f} s")


def best_of(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=5_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/shopdesk_metrics_5m.sqlite3"))
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    from shopdesk.domain.kpi import Grain, Period
    from shopdesk.services.database import open_database
    from shopdesk.services.kpi import aggregates, buyer_blocks, item_blocks
    from shopdesk.services.kpi.metrics import Scope, metrics
    from shopdesk.services.kpi.products import item_days, item_lines, product_kpis

    if args.fresh or not args.db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        build(args.db, args.lines)
        db = open_database(args.db)
        started = time.perf_counter()
        with db.engine.begin() as conn:
            aggregates.rebuild(conn)
        print(f"full aggregate rebuild: {time.perf_counter() - started:.1f} s")
    else:
        db = open_database(args.db)
    with db.engine.connect() as conn:
        for table in ("orders", "order_line", "agg_day", "agg_item_day", "agg_buyer_day"):
            print(f"  {table}: {conn.exec_driver_sql(f'SELECT COUNT(*) FROM {table}').scalar():,} rows")

    end = LAST_DAY
    queries = [
        ("yesterday, all platforms", end, end, Grain.TOTAL, None),
        ("last 7 days by day", end - timedelta(days=6), end, Grain.DAY, None),
        ("this month (24 days) total", date(2026, 11, 1), end, Grain.TOTAL, None),
        ("this month by day", date(2026, 11, 1), end, Grain.DAY, None),
        ("last 90 days by week", end - timedelta(days=89), end, Grain.WEEK, None),
        ("last 12 months by month", date(2025, 12, 1), end, Grain.MONTH, None),
        ("last 12 months total", date(2025, 11, 25), end, Grain.TOTAL, None),
        ("two years by month", end - timedelta(days=DAYS - 1), end, Grain.MONTH, None),
        ("two years total", end - timedelta(days=DAYS - 1), end, Grain.TOTAL, None),
        ("this month by day, taobao", date(2026, 11, 1), end, Grain.DAY, Scope(platform="taobao")),
        ("last 12 months by month, one shop", date(2025, 12, 1), end, Grain.MONTH, Scope(shop_id=1)),
    ]
    print("\nquery (dashboard figures = the query and its previous period)      best of 5")
    with db.engine.connect() as conn:
        for label, start, stop, grain, scope in queries:
            span = stop - start + timedelta(days=1)

            def run(start=start, stop=stop, grain=grain, scope=scope, span=span) -> None:
                metrics(conn, start, stop, grain, scope)
                metrics(conn, start - span, stop - span, grain, scope)

            print(f"  {label:<58} {best_of(run) * 1000:7.1f} ms")
        month = Period("m", date(2026, 11, 1), end)
        week = Period("w", end - timedelta(days=6), end)
        for label, period, scope in (
            ("products of one platform, this week (drill-down)", week, Scope(platform="taobao")),
            ("products of one platform, this month (drill-down)", month, Scope(platform="taobao")),
        ):
            seconds = best_of(lambda p=period, s=scope: product_kpis(conn, p, s), 3)
            print(f"  {label:<58} {seconds * 1000:7.1f} ms")
        top = product_kpis(conn, month, Scope(platform="taobao"))[0]

        def product_page() -> None:
            item_days(conn, top.shop_id, top.item_key, month.start, month.end)
            item_lines(conn, top.shop_id, top.item_key, month.start, month.end)

        label = "one product, this month: daily chart and order lines"
        print(f"  {label:<58} {best_of(product_page) * 1000:7.1f} ms")
        # the first queries after an import: the blocks of the days it changed are read
        # again and spliced into the cached range (here: one shop-day taken out and put back)
        year = Period("y", date(2025, 11, 25), end)
        firsts = [
            ("products, this month", lambda: product_kpis(conn, month, Scope(platform="taobao"))),
            ("products, last 12 months", lambda: product_kpis(conn, year, Scope(platform="taobao"))),
            ("KPIs, last 12 months by month", lambda: metrics(conn, year.start, end, Grain.MONTH)),
        ]
        for _label, query in firsts:
            query()  # cached
        conn.rollback()
        with db.engine.begin() as write:
            ids = [r[0] for r in write.exec_driver_sql(
                "SELECT id FROM orders WHERE shop_id = 1 AND substr(paid_time, 1, 10) = ?", (end.isoformat(),)
            )]  # fmt: skip
            with aggregates.Delta(write) as delta:
                delta.subtract(ids)
                delta.add(ids)
        for label, query in firsts:
            started = time.perf_counter()
            query()
            label += ", first query after an import"
            print(f"  {label:<58} {(time.perf_counter() - started) * 1000:7.1f} ms")
    with db.engine.connect() as conn:  # and after opening the database: everything read once
        for label, query in (
            ("products, last 12 months", lambda: product_kpis(conn, year, Scope(platform="taobao"))),
        ):
            for engine_cache in (item_blocks._CACHE, buyer_blocks._CACHE):
                engine_cache._states.clear()
            started = time.perf_counter()
            query()
            label += ", first query after opening"
            print(f"  {label:<58} {(time.perf_counter() - started) * 1000:7.1f} ms")

    # what an import or undo pays to keep the aggregates: the orders of one shop-day,
    # and of a month of one shop, taken out and put back as signed deltas
    day_sql = "substr(paid_time, 1, 10)"
    for label, first in (("one shop-day", end), ("one shop, 30 days", end - timedelta(days=29))):
        with db.engine.connect() as conn:
            ids = [
                r[0]
                for r in conn.exec_driver_sql(
                    f"SELECT id FROM orders WHERE shop_id = 1 AND {day_sql} BETWEEN ? AND ?",
                    (first.isoformat(), end.isoformat()),
                )
            ]
            conn.rollback()  # end the reading transaction; the timed one is rolled back too
            trans = conn.begin()
            started = time.perf_counter()
            with aggregates.Delta(conn) as delta:
                delta.subtract(ids)
                delta.add(ids)
            seconds = time.perf_counter() - started
            trans.rollback()
        print(f"  aggregate delta, {label} ({len(ids):,} orders){'':<20} {seconds * 1000:7.1f} ms")
    db.close()


if __name__ == "__main__":
    main()
