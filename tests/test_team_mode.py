"""Team mode: every seat points at one PostgreSQL server through the same models.

Runs against the real server that .ci/run starts (SHOPDESK_TEST_PG); skipped
only where no server was provided.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import make_url

from shopdesk.db.migrate import current_revision, head_revision
from shopdesk.db.models import Base, Order, Shop
from shopdesk.services.database import SALT_KEY, open_database

PG_URL = os.environ.get("SHOPDESK_TEST_PG")
pytestmark = pytest.mark.skipif(not PG_URL, reason="SHOPDESK_TEST_PG is not set (.ci/run sets it)")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh database on the test server, dropped afterwards."""
    assert PG_URL
    admin_url = make_url(PG_URL).set(drivername="postgresql+psycopg")
    name = f"shopdesk_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield (
            admin_url.set(database=name)
            .render_as_string(hide_password=False)
            .replace("postgresql+psycopg", "postgresql")
        )
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_open_team_database_migrates_and_shares_data(pg_url: str) -> None:
    seat_a = open_database(pg_url)
    assert not seat_a.target.is_sqlite
    assert current_revision(seat_a.engine) == head_revision()
    assert set(Base.metadata.tables) <= set(inspect(seat_a.engine).get_table_names())
    with seat_a.session() as s, s.begin():
        shop = Shop(platform="jd", name="青禾京东店")
        s.add(shop)
        s.flush()
        s.add(
            Order(
                shop_id=shop.id,
                platform="jd",
                platform_order_id="301234567890",
                status="paid",
                paid_time=datetime(2026, 11, 2, 23, 59),
                paid_fen=129900,
                buyer_key="k" * 64,
            )
        )

    seat_b = open_database(pg_url)  # a second seat: no migration left to do, same salt
    with seat_b.session() as s:
        order = s.scalars(select(Order)).one()
        assert (order.platform_order_id, order.paid_fen) == ("301234567890", 129900)
    with seat_a.session() as a, seat_b.session() as b:
        salt_sql = text("SELECT value FROM app_meta WHERE key = :k")
        assert a.execute(salt_sql, {"k": SALT_KEY}).scalar() == b.execute(salt_sql, {"k": SALT_KEY}).scalar()
    seat_a.close()
    seat_b.close()


def test_password_is_not_shown(pg_url: str) -> None:
    url = make_url(pg_url).set(password="s3cret-pass")
    from shopdesk.db.engine import parse_target

    target = parse_target(url.render_as_string(hide_password=False))
    assert "s3cret-pass" not in target.display
    assert "***" in target.display


def test_imports_and_undo_work_in_team_mode(pg_url: str, tmp_path) -> None:
    """The same import pipeline against PostgreSQL: all sample exports load,
    a re-import changes nothing, undo removes a batch."""
    from shopdesk.services.imports import import_file
    from shopdesk.services.imports.history import undo_import
    from tests.helpers.samples import SAMPLES

    db = open_database(pg_url)
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".csv", ".xlsx"})
    results = [import_file(db, path) for path in files]
    assert [r.status for r in results] == ["loaded"] * len(files), [r.message for r in results]
    again = import_file(db, SAMPLES / "抖店订单导出_20261109.csv")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 160)
    with db.session() as s:
        before = s.execute(text("SELECT count(*) FROM orders")).scalar()
    jd = next(r for r in results if r.file.endswith("jd_orders_20261109.csv"))
    undo_import(db, jd.batch_id)
    with db.session() as s:
        assert s.execute(text("SELECT count(*) FROM orders")).scalar() == before - jd.added
    db.close()


def test_kpis_in_team_mode_equal_those_of_a_local_file(pg_url: str, tmp_path) -> None:
    """The aggregate and KPI SQL has dialect branches: the same exports must give
    the same figures on PostgreSQL as on SQLite, by day and in total, after an undo too."""
    from datetime import date

    from shopdesk.domain.kpi import Grain, Period
    from shopdesk.services.imports import import_file
    from shopdesk.services.imports.history import undo_import
    from shopdesk.services.kpi.metrics import metrics
    from shopdesk.services.kpi.products import item_lines, product_kpis
    from tests.builders import jd as jd_builder
    from tests.test_kpi_metrics import JD_ORDERS, _taobao_files, _traffic

    files = [
        *_taobao_files(tmp_path),
        _traffic(tmp_path),
        jd_builder.write_orders(tmp_path / "jd.csv", JD_ORDERS),
    ]
    figures = []
    for location in (pg_url, tmp_path / "local.sqlite3"):
        db = open_database(location)
        results = [import_file(db, path) for path in files]
        assert [r.status for r in results] == ["loaded"] * len(files)
        seen = []
        for grain in (Grain.DAY, Grain.WEEK, Grain.TOTAL):
            with db.engine.connect() as conn:
                seen.append(metrics(conn, date(2026, 11, 1), date(2026, 11, 30), grain))
        november = Period("2026-11", date(2026, 11, 1), date(2026, 11, 30))
        products = []
        with db.engine.connect() as conn:
            products.append(product_kpis(conn, november))
            top = products[0][0]
            lines = item_lines(conn, top.shop_id, top.item_key, november.start, november.end)
            assert lines
            products.append(lines)
        undo_import(db, results[-1].batch_id)  # the JD file
        with db.engine.connect() as conn:
            seen.append(metrics(conn, date(2026, 11, 1), date(2026, 11, 30), Grain.TOTAL))
            products.append(product_kpis(conn, november))
        figures.append(
            [[(r.period, r.platform, r.gmv, r.buyers, r.repeat_rate, r.conversion) for r in x] for x in seen]
            + [[(r.platform, r.item_key, r.title, r.gmv, r.orders, r.buyers) for r in products[0]]]
            + [[(r.order_id, r.line_key, r.line_paid, r.batch_file) for r in products[1]]]
            + [[(r.platform, r.item_key, r.title, r.gmv, r.orders, r.buyers) for r in products[2]]]
        )
        db.close()
    assert figures[0] == figures[1]
    assert figures[0][2][-1][2] == Decimal("738.00")  # all of November: 480 + 258
    assert len(figures[0][-3]) > len(figures[0][-1]) > 0  # the JD items went with the undo


def test_alerts_and_the_weekly_report_in_team_mode(pg_url: str, tmp_path) -> None:
    """Alert evaluation and the weekly report run their SQL on PostgreSQL too: the
    shipped rule fires on the hand-worked conversion drop, the report is written."""
    from openpyxl import load_workbook

    from shopdesk.services import alerts
    from shopdesk.services.imports import import_file
    from shopdesk.services.reports.weekly import generate_weekly
    from tests import alerts_data

    db = open_database(pg_url)
    try:
        for path in (*alerts_data.write_taobao(tmp_path), alerts_data.write_jd(tmp_path)):
            assert import_file(db, path).status == "loaded"
        outcome = alerts.run(db, alerts_data.AS_OF, send=False)
        assert [(v.scope, v.period) for v in outcome.new] == [("platform:taobao", "2026-W45")]
        assert outcome.new[0].explanation["main_factor"] == "conversion"
        out = tmp_path / "weekly.xlsx"
        generate_weekly(db, "2026-W45", out)
        sheets = load_workbook(out).sheetnames
        assert len(sheets) == 6
    finally:
        db.close()


def test_two_seats_changing_aggregates_at_once_get_their_own_versions(pg_url: str) -> None:
    """Each import or undo bumps the data version and notes the days it changed
    under it; the block caches of every seat rely on that. Two seats at once must
    not both write the same version (the second would be missed)."""
    import threading
    import time

    from shopdesk.services.kpi import aggregates
    from shopdesk.services.kpi.block_cache import note_changes

    db = open_database(pg_url)
    with db.engine.connect() as conn:
        before = aggregates.data_version(conn)
    first, second = db.engine.connect(), db.engine.connect()
    first.begin()
    second.begin()
    aggregates.bump_data_version(first)
    note_changes(first, "item", [20760])

    def other_seat() -> None:
        aggregates.bump_data_version(second)  # waits for the first seat's commit
        note_changes(second, "item", [20761])

    thread = threading.Thread(target=other_seat)
    thread.start()
    time.sleep(0.3)
    first.commit()
    thread.join()
    second.commit()
    first.close()
    second.close()
    with db.engine.connect() as conn:
        assert aggregates.data_version(conn) == before + 2
        notes = conn.execute(
            text("SELECT version, day FROM agg_block_change WHERE version > :v ORDER BY version"),
            {"v": before},
        ).all()
    assert [tuple(n) for n in notes] == [(before + 1, 20760), (before + 2, 20761)]
    db.close()


def test_a_later_export_replaces_the_moved_figures_in_team_mode(pg_url: str, tmp_path) -> None:
    """The copies ``aggregates.Before`` compares with are PostgreSQL temporary tables
    here: a later export (one order only shipped, one repriced, one with a new line)
    gives the figures it gives on SQLite."""
    from datetime import date

    from shopdesk.domain.kpi import Grain, Period
    from shopdesk.services.imports import import_file
    from shopdesk.services.imports.history import undo_import
    from shopdesk.services.kpi.metrics import metrics
    from shopdesk.services.kpi.products import product_kpis
    from tests.builders import douyin
    from tests.test_kpi_metrics import _douyin_orders

    later = _douyin_orders()
    later[0]["status"] = "已完成"
    later[1]["items"][0]["price"] = "120.00"
    later[2]["items"].append(dict(item_id="3690000000000000004", price="10.00", payable="10.00"))
    files = [douyin.write_orders(tmp_path / f"抖店订单导出_{n}.csv", rows)
             for n, rows in enumerate((_douyin_orders(), later))]  # fmt: skip
    figures = []
    for location in (pg_url, tmp_path / "local.sqlite3"):
        db = open_database(location)
        results = [import_file(db, path) for path in files]
        assert [(r.status, r.updated) for r in results] == [("loaded", 0), ("loaded", 3)]
        november = Period("2026-11", date(2026, 11, 1), date(2026, 11, 30))
        seen = []
        for step in ("imported", "undone"):
            if step == "undone":  # the old values put back, a statement per table and columns
                undo_import(db, results[1].batch_id)
            with db.engine.connect() as conn:
                days = metrics(conn, november.start, november.end, Grain.DAY)
                products = product_kpis(conn, november)
                prices = conn.scalars(text("SELECT unit_price_fen FROM order_line ORDER BY id")).all()
            seen.append(
                [(r.period, r.platform, r.gmv, r.orders, r.buyers) for r in days]
                + [(r.item_key, r.gmv, r.orders, r.buyers) for r in products]
                + [prices]
            )
        figures.append(seen)
        db.close()
    assert figures[0] == figures[1]
    imported, undone = figures[0]
    assert any(row[0] == "3690000000000000004" for row in imported[:-1])  # the new line's item counts
    assert not any(row[0] == "3690000000000000004" for row in undone[:-1])
    assert 12000 in imported[-1] and 12000 not in undone[-1]  # the repriced line, and back
