"""数据看板 on the hand-computed week of tests/test_kpi_metrics.py (real-format Taobao,
sycm traffic and JD exports): the cards, stepping periods, the platform filter,
the trend charts and their markers, and reloading after an import and its undo.

W45 (11-02 … 11-08): Taobao GMV 410.00 (conversion 3/1000), JD 258.00 (no traffic),
all 668.00, net 588.00, 6 orders, 5 buyers, AOV 133.60, repeat 1/5; W46: Taobao 70.00.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt

from shopdesk.db.models import Campaign, CampaignPhase, Listing, ListingRevision, Shop
from shopdesk.services.database import Database
from shopdesk.services.imports import import_file
from shopdesk.services.imports.history import undo_import
from shopdesk.settings import Settings
from shopdesk.ui.main_window import MainWindow
from shopdesk.ui.translators import install_language
from tests.builders import jd
from tests.test_kpi_metrics import JD_ORDERS, _taobao_files, _traffic


@pytest.fixture(autouse=True)
def chinese(qapp) -> Iterator[None]:
    install_language("zh_CN", qapp)
    yield


def load(db: Database, *paths: Path) -> list[int]:
    batches = []
    for path in paths:
        result = import_file(db, path)
        assert result.status == "loaded", result.message
        batches.append(result.batch_id)
    return batches


@pytest.fixture
def week45(db: Database, tmp_path: Path) -> Database:
    load(db, *_taobao_files(tmp_path), _traffic(tmp_path), jd.write_orders(tmp_path / "jd.csv", JD_ORDERS))
    with db.session() as s, s.begin():
        taobao = s.query(Shop).filter_by(platform="taobao").one()
        listing = Listing(shop_id=taobao.id, platform_item_id="QH2609", title="青禾纯棉宽松T恤")
        s.add(listing)
        s.flush()
        edit = ListingRevision(
            listing_id=listing.id, field="title", old_value="旧标题", new_value="青禾纯棉宽松T恤",
            source="edit", changed_at=datetime(2026, 11, 4, 9, 0),
        )  # fmt: skip
        s.add(edit)
        campaign = Campaign(name="双11", start_date=date(2026, 11, 5), end_date=date(2026, 11, 7))
        burst = CampaignPhase(
            kind="burst",
            name="爆发期",
            starts_at=datetime(2026, 11, 5),
            ends_at=datetime(2026, 11, 7, 23, 59),
        )
        campaign.phases.append(burst)
        s.add(campaign)
    return db


def open_window(qtbot, database: Database) -> MainWindow:
    win = MainWindow(Settings.load())
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    with qtbot.waitSignal(win.dashboard.overview_loaded, timeout=10000):
        win.set_database(database)
    return win


def cards(win: MainWindow) -> dict[str, str]:
    return {m: c.value.text() for m, c in win.dashboard.overview_page.cards.cards.items()}


def settle(qtbot, win: MainWindow) -> None:
    """Wait until no load is in flight (stale ones are dropped on the way)."""
    qtbot.waitUntil(lambda: not win.dashboard._pending, timeout=10000)


def test_opens_on_the_last_complete_week_with_the_hand_computed_figures(qtbot, week45: Database) -> None:
    win = open_window(qtbot, week45)
    dash = win.dashboard
    assert dash.selection.period().label == "2026-W45"  # the data ends Monday 11-09: W46 is not complete
    assert dash.filters.comparison.text() == "对比上一周期 10-26 ~ 11-01"
    assert cards(win) == {
        "gmv": "¥668.00",
        "net_sales": "¥588.00",
        "orders": "6",
        "buyers": "5",
        "aov": "¥133.60",
        "conversion": "—",  # JD's buyers have no visitors
        "repeat_rate": "20.00%",
        "share": "61.38%",
    }
    share = dash.overview_page.cards.cards["share"]
    assert "淘宝/天猫" in share.title.text()  # the largest platform's share when all are shown
    conversion = dash.overview_page.cards.cards["conversion"]
    assert "流量" in conversion.toolTip() and "买家数 / 访客数" in conversion.toolTip()
    gmv = dash.overview_page.cards.cards["gmv"]
    assert gmv.change.text() == "— 无可比数据" and gmv.previous.text() == "上期 ¥0.00"
    model = dash.overview_page.platforms.model
    rows = [[model.index(r, c).data() for c in (0, 1, 7, 10)] for r in range(model.rowCount())]
    assert rows == [
        ["淘宝/天猫", "¥410.00", "0.30%", "61.38%"],
        ["京东", "¥258.00", "—", "38.62%"],
        ["全部平台", "¥668.00", "—", "100.00%"],
    ]


def test_stepping_periods_changes_the_cards(qtbot, week45: Database) -> None:
    win = open_window(qtbot, week45)
    dash = win.dashboard
    with qtbot.waitSignal(dash.kpis_loaded, timeout=10000):
        qtbot.mouseClick(dash.filters.next_button, Qt.MouseButton.LeftButton)
    assert dash.selection.period().label == "2026-W46"
    assert cards(win)["gmv"] == "¥70.00"
    gmv = dash.overview_page.cards.cards["gmv"]
    assert (gmv.change.text(), gmv.previous.text()) == ("▼89.5%", "上期 ¥668.00")
    repeat = dash.overview_page.cards.cards["repeat_rate"]
    assert repeat.change.text() == "▼20.00 个百分点"  # rates move in percentage points
    # two quick steps back: only the last load lands
    qtbot.mouseClick(dash.filters.previous_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dash.filters.previous_button, Qt.MouseButton.LeftButton)
    settle(qtbot, win)
    assert dash.selection.period().label == "2026-W44"
    assert cards(win)["gmv"] == "¥0.00" and cards(win)["conversion"] == "—"
    # a month: November against October
    kind = dash.filters.kind
    with qtbot.waitSignal(dash.kpis_loaded, timeout=10000):
        kind.setCurrentIndex(2)
        kind.activated.emit(2)
    assert dash.selection.period().label == "2026-11"
    assert cards(win)["gmv"] == "¥738.00"  # 668.00 + the 70.00 of 11-09
    assert win.settings.dashboard["kind"] == "month"


def test_platform_filter_narrows_cards_and_offers_its_shops(qtbot, week45: Database) -> None:
    win = open_window(qtbot, week45)
    dash = win.dashboard
    platform = dash.filters.platform
    index = platform.findText("京东")
    with qtbot.waitSignal(dash.kpis_loaded, timeout=10000):
        platform.setCurrentIndex(index)
        platform.activated.emit(index)
    assert cards(win)["gmv"] == "¥258.00" and cards(win)["share"] == "38.62%"
    assert cards(win)["conversion"] == "—"
    assert "没有导入" in dash.overview_page.cards.cards["conversion"].toolTip()
    shop = dash.filters.shop
    assert shop.isEnabled() and [shop.itemText(i) for i in range(shop.count())] == ["全部店铺", "京东店铺"]
    assert dash.crumbs.crumbs == ["京东"]
    with qtbot.waitSignal(dash.kpis_loaded, timeout=10000):
        shop.setCurrentIndex(1)
        shop.activated.emit(1)
    assert cards(win)["orders"] == "2"
    assert win.settings.dashboard["platform"] == "jd" and win.settings.dashboard["shop_id"] == shop.itemData(
        1
    )
    assert Settings.load().dashboard["platform"] == "jd"  # kept for the next session


def test_charts_draw_each_platform_by_day_with_markers_and_hover(qtbot, week45: Database) -> None:
    win = open_window(qtbot, week45)
    charts = win.dashboard.overview_page.charts
    gmv = charts.gmv
    assert [s.key for s in gmv.series] == ["taobao", "jd"]
    assert len(gmv.days) == 14 and all(len(s.values) == 14 for s in gmv.series)  # 10-26 … 11-08
    assert [s.key for s in charts.conversion.series] == ["taobao", "jd", "all"]
    day = [d.isoformat() for d in gmv.days].index("2026-11-04")
    assert gmv.series[0].values[day] == 200.0
    regions = [i for i in gmv.marker_items if isinstance(i, pg.LinearRegionItem)]
    edits = [i for i in gmv.marker_items if isinstance(i, pg.InfiniteLine)]
    assert len(regions) == 1 and len(edits) == 1
    assert regions[0].getRegion() == (
        datetime(2026, 11, 5).toordinal() - 0.5,
        datetime(2026, 11, 7).toordinal() + 0.5,
    )
    assert gmv.markers[-1].label == "双11 · 爆发期"
    assert "活动阶段" in charts.legend.text() and "商品修改" in charts.legend.text()
    text = gmv.hover(day)
    assert "2026-11-04" in text and "¥200.00" in text and "title: 青禾纯棉宽松T恤" in text
    # a real mouse move over 11-06 reads that day out
    view = gmv.plot
    scene_pos = view.getViewBox().mapViewToScene(pg.Point(datetime(2026, 11, 6).toordinal(), 1))
    qtbot.mouseMove(view.viewport(), view.mapFromScene(scene_pos))
    qtbot.waitUntil(lambda: "2026-11-06" in gmv.readout.text(), timeout=3000)
    assert "爆发期" in gmv.readout.text()


def test_dashboard_reloads_after_an_import_and_its_undo(qtbot, db: Database, tmp_path: Path) -> None:
    load(db, *_taobao_files(tmp_path))
    win = open_window(qtbot, db)
    assert cards(win)["gmv"] == "¥410.00"
    (batch,) = load(db, jd.write_orders(tmp_path / "jd.csv", JD_ORDERS))
    with qtbot.waitSignal(win.dashboard.kpis_loaded, timeout=10000):
        win.imports.data_changed.emit()  # what the import dialog and the history emit
    assert cards(win)["gmv"] == "¥668.00"
    undo_import(db, batch)
    with qtbot.waitSignal(win.dashboard.kpis_loaded, timeout=10000):
        win.imports.data_changed.emit()
    assert cards(win)["gmv"] == "¥410.00"


def test_a_failing_load_is_shown_in_the_view(qtbot, week45: Database, monkeypatch) -> None:
    win = open_window(qtbot, week45)
    from shopdesk.ui.dashboard import loaders

    def broken(*_args):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(loaders, "load_kpis", broken)
    qtbot.mouseClick(win.dashboard.filters.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.dashboard.banner.isVisible(), timeout=10000)
    assert "磁盘已满" in win.dashboard.banner.text()
