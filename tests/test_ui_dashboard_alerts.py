"""The 预警 tab under the dashboard's charts: the alerts an import raised are
there, with their explanation, when the dashboard reloads after the import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTreeWidget
from sqlalchemy import text

from shopdesk.services import alerts
from shopdesk.services.database import Database
from shopdesk.services.imports import import_file
from tests import alerts_data
from tests.test_ui_dashboard_kpis import chinese, open_window  # noqa: F401  (fixture)


def test_the_dashboard_lists_the_alerts_with_their_explanation(qtbot, db: Database, tmp_path: Path) -> None:
    for path in (*alerts_data.write_taobao(tmp_path), alerts_data.write_jd(tmp_path)):
        assert import_file(db, path).status == "loaded"
    alerts.run(db, alerts_data.AS_OF, send=False)  # the conversion drop of W45
    win = open_window(qtbot, db)
    page = win.dashboard.overview_page
    assert page.lower.tabText(2) == "预警"
    panel = page.alerts
    listing = panel.findChild(QTreeWidget, "alertsList")
    qtbot.waitUntil(lambda: listing.topLevelItemCount() == 1, timeout=10000)
    page.lower.setCurrentWidget(panel)
    listing.setCurrentItem(listing.topLevelItem(0))
    assert "转化率" in panel.detail.toPlainText()
    assert "青禾纯棉宽松T恤" in panel.detail.toPlainText()  # the product that moved most

    # a reload after an import (the dashboard's own reload) brings new events in
    with win.dashboard.database.engine.begin() as conn:
        conn.execute(text("DELETE FROM alert_event"))
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        win.dashboard.reload()
    assert listing.topLevelItemCount() == 0
