"""The demo database: realistic, consistent, deterministic, private, cancellable.

One full-size database is generated per module (a few seconds); the
determinism tests compare smaller runs (fewer order lines), which exercise the
same code paths.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from shopdesk.services import demo
from shopdesk.services.demo import DemoSummary, generate, orders
from shopdesk.tasks.progress import Cancelled, Progress

TODAY = date(2026, 11, 25)
IMPORTED = ("orders", "order_line", "listing", "traffic_daily", "keyword_stat", "review", "inquiry")
PHONE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")  # a token, not inside a hash or id
BANNED = ("最好", "第一", "顶级", "全网最低", "极品", "销量冠军", "独家", "万能", "史无前例", "国家级")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, DemoSummary]]:
    home = tmp_path_factory.mktemp("demo-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SHOPDESK_HOME", str(home))
        path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
        summary = generate(path, seed=2026, today=TODAY)
        yield path, summary


@pytest.fixture(scope="module")
def con(generated: tuple[Path, DemoSummary]) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(generated[0])
    yield connection
    connection.close()


def one(con: sqlite3.Connection, sql: str, *params: object) -> object:
    return con.execute(sql, params).fetchone()[0]


def table_digest(path: Path, *tables: str) -> str:
    digest = hashlib.sha256()
    with sqlite3.connect(path) as connection:
        for table in tables:
            for row in connection.execute(f"SELECT * FROM {table} ORDER BY id"):
                digest.update(repr(row).encode())
    connection.close()
    return digest.hexdigest()


def small_demo(path: Path, seed: int, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(orders, "TARGET_LINES", 4_000)
    generate(path, seed=seed, today=TODAY)
    return path


def test_counts_are_realistic(con: sqlite3.Connection, generated: tuple[Path, DemoSummary]) -> None:
    summary = generated[1]
    per_platform = dict(con.execute("SELECT platform, COUNT(*) FROM shop GROUP BY platform").fetchall())
    assert set(per_platform) == {"taobao", "jd", "pdd", "douyin"}
    assert all(n >= 2 for n in per_platform.values())
    assert 8 <= summary.shops == one(con, "SELECT COUNT(*) FROM shop") <= 12
    assert 280 <= summary.products == one(con, "SELECT COUNT(*) FROM product") <= 320
    assert 50_000 <= summary.order_lines == one(con, "SELECT COUNT(*) FROM order_line") <= 70_000
    assert summary.orders == one(con, "SELECT COUNT(*) FROM orders")
    assert 2_500 <= summary.reviews == one(con, "SELECT COUNT(*) FROM review") <= 3_500
    assert summary.inquiries == one(con, "SELECT COUNT(*) FROM inquiry") > 100
    assert summary.tickets == one(con, "SELECT COUNT(*) FROM ticket") > 100
    assert one(con, "SELECT COUNT(*) FROM reply_template") >= 15
    assert summary.skus >= summary.products
    assert "店铺" in summary.describe() and "订单" in summary.describe()


def test_order_lines_spread_over_platforms_and_days(con: sqlite3.Connection) -> None:
    lines = dict(
        con.execute(
            "SELECT o.platform, COUNT(*) FROM order_line l JOIN orders o ON o.id = l.order_id GROUP BY 1"
        ).fetchall()
    )
    total = sum(lines.values())
    assert 0.3 < lines["taobao"] / total < 0.5
    assert 0.08 < lines["jd"] / total < 0.22
    first, last = con.execute("SELECT MIN(created_time), MAX(created_time) FROM orders").fetchone()
    assert first.startswith("2026-07-28") and last.startswith("2026-11-24")


def test_campaigns_phases_and_peak(con: sqlite3.Connection) -> None:
    campaigns = con.execute("SELECT id, name, state FROM campaign ORDER BY id").fetchall()
    assert [state for _, _, state in campaigns] == ["finished", "planning"]
    assert "双11" in campaigns[0][1]
    for cid, _, _ in campaigns:
        kinds = [
            k
            for (k,) in con.execute(
                "SELECT kind FROM campaign_phase WHERE campaign_id = ? ORDER BY starts_at", (cid,)
            )
        ]
        assert kinds == ["warmup", "burst", "return"]
    assert one(con, "SELECT COUNT(*) FROM influencer_booking WHERE platform = 'douyin'") >= 2
    assert one(con, "SELECT COUNT(DISTINCT platform) FROM campaign_budget") == 4
    daily = dict(
        con.execute(
            "SELECT substr(paid_time, 1, 10), SUM(paid_fen) FROM orders WHERE paid_time IS NOT NULL "
            "AND status NOT IN ('unpaid', 'cancelled') AND is_test = 0 GROUP BY 1"
        ).fetchall()
    )
    ordinary = sorted(daily.values())[len(daily) // 2]
    assert 3.5 * ordinary < daily["2026-11-11"] < 7 * ordinary


def test_batches_and_alert_rule(con: sqlite3.Connection) -> None:
    kinds = {kind for (kind,) in con.execute("SELECT kind FROM import_batch WHERE source = 'demo'")}
    assert kinds == {"orders", "listings", "traffic", "keywords", "reviews", "inquiries"}
    for table in IMPORTED:
        assert one(con, f"SELECT COUNT(*) FROM {table} WHERE batch_id IS NULL") == 0, table
    rule = con.execute(
        "SELECT metric, scope, comparison, direction, threshold, min_volume FROM alert_rule"
    ).fetchall()
    assert rule == [("conversion", "platform", "prev_period", "down", 0.2, 100)]


def test_money_and_status_are_consistent(con: sqlite3.Connection) -> None:
    assert one(con, "SELECT COUNT(*) FROM orders WHERE status != 'cancelled' AND paid_fen <= 0") == 0
    assert one(con, "SELECT COUNT(*) FROM orders WHERE refund_fen > paid_fen OR refund_fen < 0") == 0
    assert (
        one(
            con,
            "SELECT COUNT(*) FROM orders WHERE status IN ('cancelled', 'unpaid') AND paid_time IS NOT NULL",
        )
        == 0
    )
    assert one(con, "SELECT COUNT(*) FROM orders WHERE status = 'refunded' AND refund_fen != paid_fen") == 0
    partial = one(con, "SELECT COUNT(*) FROM orders WHERE status != 'refunded' AND refund_fen > 0")
    total = one(con, "SELECT COUNT(*) FROM orders")
    assert 0.02 < partial / total < 0.08
    mismatched = one(
        con,
        "SELECT COUNT(*) FROM orders o JOIN (SELECT order_id, SUM(paid_fen) s, SUM(quantity) q "
        "FROM order_line GROUP BY order_id) l ON l.order_id = o.id "
        "WHERE l.q != o.item_count OR (o.status != 'cancelled' AND l.s != o.paid_fen - o.shipping_fen)",
    )
    assert mismatched == 0
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_buyers_repeat_and_douyin_is_mostly_anonymous(con: sqlite3.Connection) -> None:
    repeat = one(
        con,
        "SELECT AVG(n >= 2) FROM (SELECT buyer_key, COUNT(*) n FROM orders WHERE paid_time IS NOT NULL "
        "AND is_test = 0 AND buyer_identified = 1 AND platform = 'taobao' GROUP BY buyer_key)",
    )
    assert 0.12 < repeat < 0.3
    assert one(con, "SELECT AVG(buyer_identified) FROM orders WHERE platform = 'douyin'") < 0.5
    assert one(con, "SELECT AVG(buyer_identified) FROM orders WHERE platform = 'taobao'") == 1
    assert one(con, "SELECT COUNT(DISTINCT buyer_key) FROM orders WHERE buyer_identified = 0") == one(
        con, "SELECT COUNT(*) FROM orders WHERE buyer_identified = 0"
    )
    assert one(con, "SELECT COUNT(*) FROM orders WHERE is_test = 1 AND test_reason LIKE '%测试%'") > 0


def test_titles_include_rule_breakers(con: sqlite3.Connection) -> None:
    titles = [title for (title,) in con.execute("SELECT title FROM listing")]
    units = [sum(1 if ord(ch) < 128 else 2 for ch in title) for title in titles]
    banned = sum(any(word in title for word in BANNED) for title in titles)
    assert 0.02 < banned / len(titles) < 0.1
    assert 0.02 < sum(u > 60 for u in units) / len(titles) < 0.1
    assert (
        one(con, "SELECT COUNT(*) FROM (SELECT 1 FROM listing GROUP BY shop_id, title HAVING COUNT(*) > 1)")
        > 0
    )


def test_traffic_matches_orders(con: sqlite3.Connection) -> None:
    conversion = con.execute(
        "SELECT s.platform, SUM(t.paid_buyers) * 1.0 / SUM(t.visitors) FROM traffic_daily t "
        "JOIN shop s ON s.id = t.shop_id WHERE t.item_key = '' GROUP BY 1"
    ).fetchall()
    assert len(conversion) == 4
    assert all(0.02 <= rate <= 0.06 for _, rate in conversion)
    platforms = {
        p
        for (p,) in con.execute(
            "SELECT DISTINCT s.platform FROM keyword_stat k JOIN shop s ON s.id = k.shop_id"
        )
    }
    assert platforms == {"taobao", "jd"}


def test_no_personal_data(con: sqlite3.Connection) -> None:
    tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        columns = [(row[1], row[2]) for row in con.execute(f"PRAGMA table_info({table})")]
        for column, _type in columns:
            assert not re.search(r"phone|mobile|address|receiver|buyer_name|nick|contact", column), (
                table,
                column,
            )
        text_columns = [c for c, t in columns if t.upper().startswith(("VARCHAR", "TEXT"))]
        for column in text_columns:
            for (value,) in con.execute(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL"):
                assert not PHONE.search(str(value)), (table, column, value)


def test_same_seed_same_data_other_seed_other_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = small_demo(tmp_path / "a.sqlite3", 7, monkeypatch)
    b = small_demo(tmp_path / "b.sqlite3", 7, monkeypatch)
    c = small_demo(tmp_path / "c.sqlite3", 8, monkeypatch)
    tables = ("orders", "order_line", "listing", "review", "inquiry", "traffic_daily", "campaign", "ticket")
    assert table_digest(a, *tables) == table_digest(b, *tables)
    assert table_digest(a, "orders") != table_digest(c, "orders")
    assert table_digest(a, "order_line") != table_digest(c, "order_line")


def test_existing_path_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "there.sqlite3"
    path.write_bytes(b"keep me")
    with pytest.raises(FileExistsError):
        generate(path, today=TODAY)
    assert path.read_bytes() == b"keep me"


def test_cancel_leaves_no_file(tmp_path: Path) -> None:
    progress = Progress(lambda done, total, text: progress.cancel(), min_interval=0)
    path = tmp_path / "cancelled.sqlite3"
    with pytest.raises(Cancelled):
        generate(path, today=TODAY, progress=progress)
    assert list(tmp_path.iterdir()) == []


def test_default_today_is_shanghai() -> None:
    assert isinstance(demo.shanghai_today(), date)


def test_rows_read_back_through_the_models(generated: tuple[Path, DemoSummary]) -> None:
    """Raw-written values (times, dates, booleans, numerics) parse as the ORM expects."""
    from datetime import datetime
    from decimal import Decimal

    from sqlalchemy import func, select

    from shopdesk.db.models import Campaign, KeywordStat, Order, Ticket
    from shopdesk.services.database import open_database

    db = open_database(generated[0])
    try:
        with db.session() as session:
            order = session.scalars(select(Order).where(Order.paid_time.is_not(None)).limit(1)).one()
            assert isinstance(order.paid_time, datetime) and isinstance(order.buyer_identified, bool)
            since = datetime(2026, 11, 11)
            on_peak = session.scalar(
                select(func.count()).where(Order.paid_time >= since, Order.paid_time < datetime(2026, 11, 12))
            )
            assert on_peak > 500
            campaign = session.scalars(select(Campaign).order_by(Campaign.id)).first()
            assert campaign is not None and [p.kind for p in campaign.phases] == ["warmup", "burst", "return"]
            assert isinstance(session.scalars(select(KeywordStat)).first().click_rate, Decimal)
            assert session.scalar(select(func.count()).where(Ticket.state == "open")) > 0
    finally:
        db.close()


def test_without_nov_11_the_peak_sits_20_days_before_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(orders, "TARGET_LINES", 4_000)
    path = tmp_path / "spring.sqlite3"
    generate(path, today=date(2026, 5, 1))
    with sqlite3.connect(path) as connection:
        name, end = connection.execute("SELECT name, end_date FROM campaign WHERE id = 1").fetchone()
        best_day = connection.execute(
            "SELECT substr(paid_time, 1, 10) d FROM orders WHERE paid_time IS NOT NULL "
            "GROUP BY d ORDER BY SUM(paid_fen) DESC LIMIT 1"
        ).fetchone()[0]
    connection.close()
    assert name == "2026年春季家装节"
    assert best_day == "2026-04-10" and end == "2026-04-12"
