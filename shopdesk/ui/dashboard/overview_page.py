"""Drill-down level 1: KPI cards, the four trend charts, and below them the
per-platform table of the period beside the database overview.

The lower tabs also hold the 预警 panel (``shopdesk.ui.alerts.panel``): the
alerts of the data the cards show, with their explanations, one click away.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from shopdesk.ui.alerts.panel import AlertsPanel
from shopdesk.ui.dashboard.kpi_cards import KpiCards
from shopdesk.ui.dashboard.loaders import KpiData
from shopdesk.ui.dashboard.overview_table import OverviewPanel
from shopdesk.ui.dashboard.platform_table import PlatformTable
from shopdesk.ui.dashboard.trend_charts import TrendCharts


class OverviewPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards = KpiCards(self)
        self.charts = TrendCharts(self)
        self.platforms = PlatformTable(self)
        self.database_overview = OverviewPanel(self)
        self.lower = QTabWidget(self)
        self.lower.setObjectName("dashboardLowerTabs")
        self.lower.setDocumentMode(True)
        self.lower.addTab(self.platforms, "")
        self.lower.addTab(self.database_overview, "")
        self.alerts = AlertsPanel(self)
        self.lower.addTab(self.alerts, "")
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.charts)
        self.splitter.addWidget(self.lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.cards)
        layout.addWidget(self.splitter, 1)
        self.retranslate_ui()

    def show_data(self, data: KpiData) -> None:
        self.cards.show_kpis(data.current, data.before, data.selection.platform)
        self.charts.show_data(data)
        self.platforms.show_data(data)
        if data.overview is not None:
            self.database_overview.show_overview(data.overview)

    def retranslate_ui(self) -> None:
        self.lower.setTabText(0, self.tr("Platforms in the period"))
        self.lower.setTabText(1, self.tr("Database overview"))
        self.lower.setTabText(2, self.tr("Alerts"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
