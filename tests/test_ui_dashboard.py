"""数据看板: the database overview — figures from SQL aggregates, shown off the GUI thread."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from shopdesk.db.models import Listing, Order, OrderLine, Shop
from shopdesk.services.database import Database
from shopdesk.services.overview import database_overview
from shopdesk.settings import Settings
from shopdesk.ui.main_window import MainWindow
from shopdesk.ui.translators import install_language


@pytest.fixture(autouse=True)
def chinese(qapp) -> Iterator[None]:
    install_language("zh_CN", qapp)
    yield
    install_language("zh_CN", qapp)


def order(shop: Shop, number: str, status: str, fen: int, paid: datetime | None, **extra) -> Order:
    o = Order(
        shop_id=shop.id,
        platform=shop.platform,
        platform_order_id=number,
        status=status,
        paid_fen=fen,
        paid_time=paid,
        buyer_key=f"buyer-{number}",
        **extra,
    )
    o.lines.append(OrderLine(line_key=f"{number}-1", title="纯棉T恤", quantity=1))
    return o


@pytest.fixture
def shop_data(db: Database) -> Database:
    """Taobao: two paid orders, one cancelled, one unpaid, one test order; JD: one order."""
    with db.session() as s, s.begin():
        tb = Shop(platform="taobao", name="天猫旗舰店")
        jd = Shop(platform="jd", name="京东自营店")
        s.add_all([tb, jd])
        s.flush()
        s.add_all(
            [
                Listing(shop_id=tb.id, platform_item_id="600001", title="纯棉T恤 男款"),
                Listing(shop_id=tb.id, platform_item_id="600002", title="纯棉T恤 女款"),
                order(tb, "T1", "completed", 12_345, datetime(2026, 11, 1, 0, 5)),
                order(tb, "T2", "shipped", 10, datetime(2026, 11, 11, 23, 59)),
                order(tb, "T3", "cancelled", 99_900, None),
                order(tb, "T4", "unpaid", 5_000, None),
                order(tb, "T5", "paid", 1_000_000, datetime(2026, 12, 1), is_test=True, test_reason="测试"),
                order(jd, "J1", "refunded", 8_800, datetime(2026, 10, 30, 9, 0), refund_fen=8_800),
            ]
        )
    return db


def test_overview_counts_and_gmv_follow_the_kpi_rules(shop_data: Database) -> None:
    with shop_data.session() as session:
        overview = database_overview(session)
    taobao, jd = overview.platforms
    assert (taobao.platform, taobao.shops, taobao.listings) == ("taobao", 1, 2)
    assert (taobao.orders, taobao.order_lines, taobao.paid_orders) == (4, 4, 2)  # test order left out
    assert taobao.gmv == Decimal("123.55")  # 123.45 + 0.10, cancelled/unpaid/test excluded
    assert (taobao.first_paid, taobao.last_paid) == (date(2026, 11, 1), date(2026, 11, 11))
    assert jd.gmv == Decimal("88.00")  # a later refund does not change GMV
    assert overview.test_orders == 1
    assert overview.gmv == Decimal("211.55")
    assert not overview.is_empty


def test_empty_database_overview_is_empty(db: Database) -> None:
    with db.session() as session:
        assert database_overview(session).is_empty


def test_dashboard_shows_the_overview_table(qtbot, shop_data: Database) -> None:
    win = MainWindow(Settings.load())
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.dashboard.overview_loaded, timeout=10000):
        win.set_database(shop_data)
    panel = win.dashboard.overview  # the 数据库概况 tab under the KPI overview
    assert win.dashboard.stack.currentWidget() is win.dashboard.scroller
    assert panel.isAncestorOf(panel.table) and win.dashboard.overview_page.lower.indexOf(panel) == 1
    model = panel.model
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert header == ["平台", "店铺", "商品链接", "订单", "订单行", "支付 GMV（元）", "首笔支付", "最近支付"]
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert rows[0] == ["淘宝/天猫", "1", "2", "4", "4", "¥123.55", "2026-11-01", "2026-11-11"]
    assert rows[1][0] == "京东" and rows[1][5] == "¥88.00"
    assert "GMV ¥211.55" in panel.summary.text()
    assert "已排除 1 笔测试订单" in panel.note.text()

    # sort by GMV: a click on the header sorts through numpy, the JD row comes first
    header_view = panel.table.horizontalHeader()
    qtbot.mouseClick(header_view.viewport(), Qt.MouseButton.LeftButton, pos=_section_center(header_view, 5))
    column = [model.index(r, 5).data() for r in range(model.rowCount())]
    assert column in (["¥88.00", "¥123.55"], ["¥123.55", "¥88.00"])
    panel.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, 0).data() for r in range(2)] == ["京东", "淘宝/天猫"]

    win.menus.language_en.trigger()
    qtbot.waitUntil(lambda: model.index(0, 0).data() in ("JD", "Taobao/Tmall"), timeout=3000)
    assert model.headerData(5, Qt.Orientation.Horizontal) == "Paid GMV (yuan)"


def _section_center(header, section: int):
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    return QPoint(x, header.height() // 2)


def test_demo_database_overview_matches_the_service(qtbot, tmp_path) -> None:
    """The real demo generator: the dashboard shows all four platforms and exact totals."""
    demo = pytest.importorskip("shopdesk.services.demo")
    from shopdesk.services.database import open_database

    path = tmp_path / "demo.sqlite3"
    demo.generate(path, today=date(2026, 11, 25))
    database = open_database(path)
    with database.session() as session:
        expected = database_overview(session)
    win = MainWindow(Settings.load())
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.dashboard.overview_loaded, timeout=20000):
        win.set_database(database)
    model = win.dashboard.overview.model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "淘宝/天猫",
        "京东",
        "拼多多",
        "抖音",
    ]
    assert f"GMV ¥{expected.gmv:,.2f}" in win.dashboard.overview.summary.text()
    assert expected.test_orders > 0  # the demo plants test orders; they are left out
