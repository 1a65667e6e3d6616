"""数据看板 drill-down, driven like a user: click 淘宝/天猫 in the platform table → its
products (sortable) → double-click the T-shirt → its days and the order lines with
the import batch each came from → Backspace / Alt+← back up, breadcrumbs in step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from shopdesk.services.database import Database
from shopdesk.ui.dashboard.view import OVERVIEW, PRODUCT, PRODUCTS
from shopdesk.ui.main_window import MainWindow
from shopdesk.ui.translators import install_language
from tests.builders import jd
from tests.test_kpi_metrics import JD_ORDERS, _taobao_files, _traffic
from tests.test_ui_dashboard_kpis import load, open_window


@pytest.fixture(autouse=True)
def chinese(qapp) -> Iterator[None]:
    install_language("zh_CN", qapp)
    yield


@pytest.fixture
def win(qtbot, db: Database, tmp_path: Path) -> MainWindow:
    load(db, *_taobao_files(tmp_path), _traffic(tmp_path), jd.write_orders(tmp_path / "jd.csv", JD_ORDERS))
    return open_window(qtbot, db)


def cell_center(table, row: int, column: int) -> QPoint:
    return table.visualRect(table.model().index(row, column)).center()


def column(model, c: int) -> list[str]:
    return [model.index(r, c).data() for r in range(model.rowCount())]


def test_platform_to_products_to_order_lines_and_back(qtbot, win: MainWindow) -> None:
    dash = win.dashboard
    platforms = dash.overview_page.platforms.table
    with qtbot.waitSignal(dash.products_loaded, timeout=10000):
        qtbot.mouseClick(platforms.viewport(), Qt.MouseButton.LeftButton, pos=cell_center(platforms, 0, 0))
    assert dash.level == PRODUCTS and dash.crumbs.crumbs == ["全部平台", "淘宝/天猫 商品"]
    model = dash.products_page.model
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert header == [
        "商品",
        "商家编码",
        "店铺",
        "GMV",
        "GMV 变化",
        "访客数",
        "访客变化",
        "转化率",
        "转化率变化",
        "订单数",
    ]
    assert [model.index(0, c).data() for c in range(model.columnCount())] == [
        "青禾纯棉宽松T恤", "QH2609", "青禾淘宝旗舰店", "¥410.00", "—", "—", "—", "—", "—", "4",
    ]  # fmt: skip

    table = dash.products_page.table
    with qtbot.waitSignal(dash.product_loaded, timeout=10000):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell_center(table, 0, 0))
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell_center(table, 0, 0))
    assert dash.level == PRODUCT and dash.crumbs.crumbs[-1] == "青禾纯棉宽松T恤"
    page = dash.product_page
    assert "GMV ¥410.00" in page.heading.text() and "QH2609" in page.heading.text()
    assert [s.key for s in page.chart.series] == ["gmv", "orders", "visitors"]
    days = [d.isoformat() for d in page.chart.money.days]
    assert len(days) == 14 and days[-1] == "2026-11-08"
    assert page.chart.money.series[0].values[days.index("2026-11-04")] == 200.0
    lines = page.model
    assert [lines.headerData(c, Qt.Orientation.Horizontal) for c in range(lines.columnCount())] == [
        "订单号", "支付时间", "状态", "数量", "实付", "退款", "测试单", "导入批次",
    ]  # fmt: skip
    assert column(lines, 0) == [
        "3302000000000000006",
        "3302000000000000003",
        "3302000000000000002",
        "3302000000000000001",
    ]  # fmt: skip  (newest first; the test order and the unpaid one are not there)
    assert lines.index(0, 1).data() == "2026-11-08 23:59:30"
    assert lines.index(0, 4).data() == "¥60.00" and lines.index(0, 6).data() == "否"
    assert set(column(lines, 7)) == {"#2 ExportOrderDetailList202611100900.csv"}

    # stepping on keeps the product and reads its figures for the new week
    with qtbot.waitSignal(dash.product_loaded, timeout=10000):
        qtbot.mouseClick(dash.filters.next_button, Qt.MouseButton.LeftButton)
    settle_all = lambda: not dash._pending  # noqa: E731
    qtbot.waitUntil(settle_all, timeout=10000)
    assert "GMV ¥70.00" in page.heading.text() and column(lines, 0) == ["3302000000000000007"]

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Backspace)
    assert dash.level == PRODUCTS and dash.levels.currentWidget() is dash.products_page
    assert column(dash.products_page.model, 3) == ["¥70.00"]  # W46's products
    qtbot.keyClick(dash.products_page.table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert dash.level == OVERVIEW and dash.crumbs.crumbs == ["全部平台"]
    assert not dash.crumbs.back.isEnabled()


def test_products_sort_by_header_click_and_period_changes_reload_the_level(qtbot, win: MainWindow) -> None:
    dash = win.dashboard
    with qtbot.waitSignal(dash.products_loaded, timeout=10000):
        dash.open_platform(None)  # the 全部平台 row: every platform's products
    model, table = dash.products_page.model, dash.products_page.table
    assert column(model, 3) == ["¥410.00", "¥99.00", "¥99.00", "¥60.00"]
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(3) + header.sectionSize(3) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert column(model, 3) in (
        ["¥410.00", "¥99.00", "¥99.00", "¥60.00"],
        ["¥60.00", "¥99.00", "¥99.00", "¥410.00"],
    )
    table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert column(model, 3)[0] == "¥60.00"
    with qtbot.waitSignal(dash.products_loaded, timeout=10000):
        qtbot.mouseClick(dash.filters.next_button, Qt.MouseButton.LeftButton)  # W46, still on products
    assert dash.level == PRODUCTS
    assert column(model, 3) == ["¥70.00"]
    assert column(model, 4) == ["▼82.9%"]  # 70.00 against 410.00
    # the breadcrumb link goes straight back to the overview
    dash.crumbs.trail.linkActivated.emit("0")
    assert dash.level == OVERVIEW
