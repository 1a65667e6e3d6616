"""The "database overview" panel: one row per platform, totals on top.

The numbers come ready-made from :func:`shopdesk.services.overview.database_overview`;
this widget only formats them. Money is shown from exact Decimal yuan and sorted
by integer fen, counts sort as numbers, dates as ISO text.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
from PySide6.QtCore import QEvent
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from shopdesk.services.overview import Overview
from shopdesk.ui.models.columnar import Column, ColumnarTableModel
from shopdesk.ui.widgets.tables import read_only_table


def format_count(value: int) -> str:
    return f"{int(value):,}"


def format_yuan(value: Decimal) -> str:
    return f"¥{value:,.2f}"


def format_date(value: date | None) -> str:
    return value.isoformat() if value is not None else "—"


class OverviewPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.overview: Overview | None = None
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel(self)
        self.summary.setObjectName("overviewSummary")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.model = ColumnarTableModel(parent=self)
        self.table = read_only_table(self, self.model, "overviewTable")
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # a handful of platform rows: the table is as tall as its rows, the note sits right below
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        for widget in (self.heading, self.summary, self.table, self.note):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.retranslate_ui()

    def show_overview(self, overview: Overview) -> None:
        self.overview = overview
        self.retranslate_ui()

    def platform_name(self, code: str) -> str:
        names = {
            "taobao": self.tr("Taobao/Tmall"),
            "jd": self.tr("JD"),
            "pdd": self.tr("Pinduoduo"),
            "douyin": self.tr("Douyin"),
        }
        return names.get(code, code)

    def column_titles(self) -> list[str]:
        return [
            self.tr("Platform"),
            self.tr("Shops"),
            self.tr("Listings"),
            self.tr("Orders"),
            self.tr("Order lines"),
            self.tr("Paid GMV (yuan)"),
            self.tr("First paid"),
            self.tr("Last paid"),
        ]

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("Database overview"))
        self.note.setText(
            self.tr(
                "Test orders are left out of every figure. GMV is what buyers paid on paid orders "
                "(shipping included), leaving out unpaid and cancelled orders; refunds do not reduce it."
            )
        )
        overview = self.overview
        if overview is None:
            self.summary.clear()
            self.model.set_columns([])
            return
        self.summary.setText(
            self.tr("{platforms} platforms · {shops} shops · {orders} orders · GMV {gmv}").format(
                platforms=len(overview.platforms),
                shops=format_count(overview.shops),
                orders=format_count(overview.orders),
                gmv=format_yuan(overview.gmv),
            )
        )
        if overview.test_orders:
            self.note.setText(
                self.note.text()
                + " "
                + self.tr("{count} test orders were left out.").format(
                    count=format_count(overview.test_orders)
                )
            )
        self.model.set_columns(self._columns(overview))

    def _columns(self, overview: Overview) -> list[Column]:
        rows = overview.platforms
        titles = self.column_titles()

        def ints(attr: str) -> np.ndarray:
            return np.array([getattr(p, attr) for p in rows], dtype=np.int64)

        return [
            Column(titles[0], [self.platform_name(p.platform) for p in rows]),
            Column(titles[1], ints("shops"), format_count, numeric=True),
            Column(titles[2], ints("listings"), format_count, numeric=True),
            Column(titles[3], ints("orders"), format_count, numeric=True),
            Column(titles[4], ints("order_lines"), format_count, numeric=True),
            Column(titles[5], [p.gmv for p in rows], format_yuan, sort_key=ints("gmv_fen"), numeric=True),
            Column(
                titles[6],
                [p.first_paid for p in rows],
                format_date,
                sort_key=np.array([format_date(p.first_paid) for p in rows]),
            ),
            Column(
                titles[7],
                [p.last_paid for p in rows],
                format_date,
                sort_key=np.array([format_date(p.last_paid) for p in rows]),
            ),
        ]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
