"""Product-level figures (drill-down, report, alerts) on the hand-computed week of
tests/test_kpi_metrics.py: JD's order J1 states one amount (159.00) for two SKUs
priced 99.00 and 60.00, so each SKU gets its share by list value."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import text

from shopdesk.domain.kpi import Period
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
