"""Product-level figures (drill-down, report, alerts) on the hand-computed week of
tests/test_kpi_metrics.py: JD's order J1 states one amount (159.00) for two SKUs
priced 99.00 and 60.00, so each SKU gets its share by list value."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import text

from shopdesk.domain.kpi import Period
from shopdesk.services.kpi.aggregates import PAID, day_bounds
from shopdesk.services.kpi.metrics import Scope
from shopdesk.services.kpi.products import item_days, item_lines, markers, product_kpis
from tests.test_kpi_metrics import W45, loaded  # noqa: F401  (fixture)

D = Decimal
WEEK = Period("2026-W45", *W45)


def test_jd_order_amount_is_shared_between_its_skus_by_list_value(loaded) -> None:  # noqa: F811
    with loaded.engine.connect() as conn:
        rows = product_kpis(conn, WEEK, Scope(platform="jd"))
    by_item = {r.item_key: r for r in rows}
    assert {k: (r.gmv, r.orders, r.buyers) for k, r in by_item.items()} == {
        "10001": (D("99.00"), 1, 1),
        "10002": (D("60.00"), 1, 1),
        "10009309374": (D("99.00"), 1, 1),
    }
    assert sum(r.gmv for r in rows) == D("258.00")  # the platform's GMV, nothing lost to rounding
    assert [r.item_key for r in rows][-1] == "10002"  # highest GMV first
    assert all(r.visitors is None and r.conversion is None for r in rows)  # no item traffic


def test_previous_period_and_change(loaded) -> None:  # noqa: F811
    with loaded.engine.connect() as conn:
        rows = product_kpis(
            conn, Period("W46", date(2026, 11, 9), date(2026, 11, 15)), Scope(platform="taobao")
        )
    (item,) = rows
    assert (item.gmv, item.prev_gmv) == (D("70.00"), D("410.00"))
    assert item.gmv_change == D("-0.829268")


def test_an_items_days_and_order_lines_lead_back_to_the_import(loaded) -> None:  # noqa: F811
    with loaded.engine.connect() as conn:
        shop_id = conn.execute(text("SELECT id FROM shop WHERE platform = 'jd'")).scalar_one()
        batch, name = conn.execute(text("SELECT id, file_name FROM import_batch WHERE platform = 'jd'")).one()
        days = item_days(conn, shop_id, "10001", *W45)
        lines = item_lines(conn, shop_id, "10001", *W45)
    assert [(d.day, d.gmv, d.orders) for d in days] == [(date(2026, 11, 5), D("99.00"), 1)]
    (line,) = lines
    assert (line.order_id, line.order_paid, line.batch_id, line.batch_file) == (
        "290000000001",
        D("159.00"),
        batch,
        name,
    )


def test_markers_name_listing_edits_and_campaign_phases(loaded) -> None:  # noqa: F811
    with loaded.engine.begin() as conn:
        shop_id = conn.execute(text("SELECT id FROM shop WHERE platform = 'taobao'")).scalar_one()
        listing = conn.execute(
            text(
                "INSERT INTO listing (shop_id, platform_item_id, title, created_at, updated_at) "
                "VALUES (:s, '726651234567', '青禾纯棉宽松T恤', '2026-11-01 00:00:00', "
                "'2026-11-01 00:00:00') "
                "RETURNING id"
            ),
            {"s": shop_id},
        ).scalar_one()
        conn.execute(
            text(
                "INSERT INTO listing_revision (listing_id, field, old_value, new_value, source, changed_at) "
                "VALUES (:l, 'title', '旧标题', '青禾纯棉宽松T恤', 'edit', '2026-11-04 15:00:00')"
            ),
            {"l": listing},
        )
        campaign = conn.execute(
            text(
                "INSERT INTO campaign (name, start_date, end_date, state, created_at, updated_at) "
                "VALUES ('双11', '2026-11-01', '2026-11-13', 'running', '2026-10-01 00:00:00', "
                "'2026-10-01 00:00:00') RETURNING id"
            )
        ).scalar_one()
        conn.execute(
            text(
                "INSERT INTO campaign_phase (campaign_id, kind, name, starts_at, ends_at) "
                "VALUES (:c, 'burst', '爆发期', '2026-11-05 00:00:00', '2026-11-11 23:59:59')"
            ),
            {"c": campaign},
        )
    with loaded.engine.connect() as conn:
        found = markers(conn, *W45)
    assert [(m.kind, m.start, m.end, m.label) for m in found] == [
        ("listing_edit", date(2026, 11, 4), date(2026, 11, 4), "title: 青禾纯棉宽松T恤"),
        ("campaign_phase", date(2026, 11, 5), date(2026, 11, 11), "双11 · 爆发期"),
    ]


def _buyers_by_sql(conn, period: Period) -> dict[tuple[int, str], int]:
    """Each item's distinct buyers in ``period``, straight from the order lines."""
    item = "COALESCE(NULLIF(l.platform_item_id, ''), NULLIF(l.outer_id, ''), '')"
    return {
        (shop, key): buyers
        for shop, key, buyers in conn.execute(
            text(
                f"SELECT o.shop_id, {item}, COUNT(DISTINCT o.buyer_key) FROM orders o "
                "JOIN order_line l ON l.order_id = o.id WHERE o.paid_time >= :t0 AND o.paid_time < :t1 "
                f"AND {PAID} GROUP BY o.shop_id, {item}"
            ),
            day_bounds(conn, period.start, period.end),
        )
    }


def test_item_buyers_from_the_blocks_equal_a_count_of_the_order_lines(db, tmp_path) -> None:
    """Buyers of an item come from packed (item, buyer) pairs: a buyer who buys an
    item on two days counts once in the week, anonymous buyers each count, an
    order with the item on two lines counts once, and undoing an import takes
    its pairs out again."""
    from shopdesk.services.imports import import_file
    from shopdesk.services.imports.history import undo_import
    from tests.builders import jd

    def order(n: int, account: str, day: int, items: list[str]) -> dict:
        return dict(
            order_id=f"2920000000{n:02d}", account=account, payable="30.00",
            created=f"2026-11-{day:02d} 09:00:00", paid_time=f"2026-11-{day:02d} 09:05:00",
            items=[{"item_id": i, "price": "10.00"} for i in items],
        )  # fmt: skip

    first = [
        order(1, "amy", 2, ["501", "502"]),
        order(2, "amy", 4, ["501"]),  # amy again, another day: still one buyer of 501
        order(3, "", 3, ["501"]),  # anonymous: a buyer of its own
        order(4, "", 3, ["501", "501"]),  # anonymous, the item twice: one buyer
        order(5, "bob", 9, ["502"]),  # next week
    ]
    assert import_file(db, jd.write_orders(tmp_path / "first.csv", first)).status == "loaded"
    second = import_file(db, jd.write_orders(tmp_path / "second.csv", [order(6, "cat", 5, ["501", "503"])]))
    assert second.status == "loaded"
    weeks = [Period("W45", *W45), Period("W46", date(2026, 11, 9), date(2026, 11, 15))]
    with db.engine.connect() as conn:
        rows = {r.item_key: r.buyers for r in product_kpis(conn, weeks[0])}
        assert rows == {"501": 4, "502": 1, "503": 1}
        for period in weeks:
            got = {(r.shop_id, r.item_key): r.buyers for r in product_kpis(conn, period) if r.orders}
            assert got == _buyers_by_sql(conn, period)
    undo_import(db, second.batch_id)
    with db.engine.connect() as conn:
        assert {r.item_key: r.buyers for r in product_kpis(conn, weeks[0])} == {"501": 3, "502": 1}


def test_block_caches_follow_imports_and_undo_by_the_days_they_changed(loaded, tmp_path) -> None:  # noqa: F811
    """The dashboard's engine keeps a month of blocks in memory. After an import
    that changes a refund and adds a day, after its undo and after a rebuild,
    its figures equal those of a database opened afresh (no cache), and only
    the changed days were noted for reloading."""
    from shopdesk.domain.kpi import Grain
    from shopdesk.services.database import open_database
    from shopdesk.services.imports import import_file
    from shopdesk.services.imports.history import undo_import
    from shopdesk.services.kpi import aggregates
    from shopdesk.services.kpi.metrics import metrics
    from tests.builders import taobao
    from tests.test_kpi_metrics import TAOBAO_ORDERS

    november = Period("2026-11", date(2026, 11, 1), date(2026, 11, 30))

    def figures(db) -> tuple:
        with db.engine.connect() as conn:
            products = [
                (r.item_key, r.gmv, r.net_sales, r.orders, r.buyers) for r in product_kpis(conn, november)
            ]
            kpis = [(r.period, r.platform, r.gmv, r.buyers, r.repeat_rate)
                    for r in metrics(conn, november.start, november.end, Grain.DAY)]  # fmt: skip
        return products, kpis

    def afresh() -> tuple:
        other = open_database(loaded.target.path)
        try:
            return figures(other)
        finally:
            other.close()

    before = figures(loaded)  # fills the caches
    later = [dict(o) for o in TAOBAO_ORDERS]
    later[2].update(refund="200.00", status="交易关闭")
    later.append(dict(order_id="3302000000000000009", buyer="erin", paid="55.00", total="55.00",
                      goods="55.00", paid_time="2026-11-20 08:00:00"))  # fmt: skip
    result = import_file(loaded, taobao.write_order_list(tmp_path / "ExportOrderList202611210900.csv", later))
    assert result.status == "loaded"
    with loaded.engine.connect() as conn:
        version = aggregates.data_version(conn)
        noted = {
            d
            for (d,) in conn.execute(
                text("SELECT day FROM agg_block_change WHERE version = :v"), {"v": version}
            )
        }
    assert noted and -1 not in noted and len(noted) <= 3  # the refunded order's day and 11-20
    after = figures(loaded)
    assert after != before and after == afresh()
    undo_import(loaded, result.batch_id)
    assert figures(loaded) == before == afresh()
    with loaded.engine.begin() as conn:
        aggregates.rebuild(conn)
    assert figures(loaded) == before


def test_a_later_export_renames_an_item_no_listing_names(db, tmp_path) -> None:
    """Without a listing import the drill-down names an item by its order lines;
    when the shop retitles it, the next export's title is the one shown."""
    from shopdesk.services.imports import import_file
    from tests.builders import jd

    def order(n: int, title: str) -> dict:
        return dict(order_id=f"29300000000{n}", account=f"b{n}", payable="10.00",
                    created="2026-11-03 09:00:00", paid_time="2026-11-03 09:05:00",
                    items=[{"item_id": "777", "title": title, "price": "10.00"}])  # fmt: skip

    assert (
        import_file(db, jd.write_orders(tmp_path / "a.csv", [order(1, "旧标题 针织开衫")])).status == "loaded"
    )
    assert (
        import_file(db, jd.write_orders(tmp_path / "b.csv", [order(2, "新标题 针织开衫 秋冬")])).status
        == "loaded"
    )
    with db.engine.connect() as conn:
        (item,) = product_kpis(conn, Period("W45", *W45))
    assert (item.item_key, item.title, item.orders) == ("777", "新标题 针织开衫 秋冬", 2)
