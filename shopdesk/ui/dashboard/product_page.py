"""Drill-down level 3: one product — its days (GMV bars; below them, on the same
days, orders bars and the visitors line) and, below, the order
lines of the period with the import batch each came from. That last column is
where every figure on the dashboard can be traced back to a file.
"""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter, QVBoxLayout, QWidget

from shopdesk.services.kpi.products import ItemDay, LineTrace, Marker
from shopdesk.ui.dashboard import formats
from shopdesk.ui.dashboard.chart_base import Series, TrendChart, app_font
from shopdesk.ui.dashboard.loaders import ProductData
from shopdesk.ui.dashboard.products_page import product_name
from shopdesk.ui.imports.names import ImportNames
from shopdesk.ui.models.columnar import Column, ColumnarTableModel
from shopdesk.ui.widgets.tables import read_only_table

GMV_COLOUR, ORDERS_COLOUR, VISITORS_COLOUR = "#74c0fc", "#ffa94d", "#2b8a3e"
ORDERS_TEXT = "#d9480f"


def _count(value: float | None) -> str:
    return formats.DASH if value is None else f"{value:,.0f}"


def _axis(value: float) -> str:
    return f"{value:,.0f}"


def _yuan(value: float | None) -> str:
    return formats.DASH if value is None else f"¥{value:,.2f}"


class ProductChart(QWidget):
    """GMV bars (yuan) above, orders bars and the visitors line (counts) below,
    on one shared day axis; hovering either reads out both."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.money = TrendChart("productGmvChart", _yuan, _axis, self)
        self.money.show_marker_labels = True
        self.counts = TrendChart("productCountsChart", _count, _axis, self)
        self.counts.plot.setXLink(self.money.plot)
        self.title = self.money.title
        self.money.hovered.connect(self.counts.hover)
        self.counts.hovered.connect(self.money.hover)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.money, 3)
        layout.addWidget(self.counts, 2)

    @property
    def series(self) -> list[Series]:
        return self.money.series + self.counts.series

    def set_days(self, days: list[ItemDay], titles: tuple[str, str, str], marks: list[Marker]) -> None:
        dates = [d.day for d in days]
        gmv = Series("gmv", titles[0], [float(d.gmv) for d in days], GMV_COLOUR, bars=True)
        orders = Series("orders", titles[1], [float(d.orders) for d in days], ORDERS_COLOUR, bars=True)
        visitors = Series(
            "visitors", titles[2], [None if d.visitors is None else float(d.visitors) for d in days],
            VISITORS_COLOUR,
        )  # fmt: skip
        self.money.set_data(dates, [gmv], marks)
        self.counts.set_data(dates, [orders, visitors], marks)
        if len(days) <= 31:  # orders are small next to visitors: write them on the GMV bars too
            for d in days:
                if d.orders:
                    label = pg.TextItem(self.tr("{count} orders").format(count=d.orders), color=ORDERS_TEXT,
                                        anchor=(0.5, 1))  # fmt: skip
                    label.setFont(app_font(0.8))
                    label.setPos(d.day.toordinal(), float(d.gmv))
                    self.money.plot.addItem(label, ignoreBounds=True)
                    self.money.data_items.append(label)  # removed with the bars on the next set_data
            tallest = max((float(d.gmv) for d in days), default=0.0)
            if tallest > 0:
                self.money.plot.setYRange(0, tallest * 1.15, padding=0)  # room for the labels


class ProductPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setObjectName("productHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chart = ProductChart(self)
        self.lines_title = QLabel(self)
        self.model = ColumnarTableModel(parent=self)
        self.table = read_only_table(self, self.model, "orderLinesTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.lines_title)
        lower_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.splitter, 1)
        self.data: ProductData | None = None

    def show_data(self, data: ProductData) -> None:
        first_time = self.data is None
        self.data = data
        self.chart.set_days(data.days, self.series_titles(), data.markers)
        self.model.set_columns(self._columns(data.lines))
        if first_time:
            for column, width in enumerate([190, 150, 120, 50, 100, 90, 60]):
                self.table.setColumnWidth(column, width)
        self.retranslate_ui()

    def series_titles(self) -> tuple[str, str, str]:
        return self.tr("GMV"), self.tr("Orders"), self.tr("Visitors")

    def _columns(self, lines: list[LineTrace]) -> list[Column]:
        names = ImportNames()
        yes, no = self.tr("Yes"), self.tr("No")
        paid = [line.line_paid if line.line_paid is not None else line.order_paid for line in lines]
        columns = [
            Column("", [line.order_id for line in lines]),
            Column("", [paid_time(line.paid_time) for line in lines]),
            Column("", [names.status(line.status) for line in lines]),
            Column(
                "", np.array([line.quantity for line in lines], dtype=np.int64), formats.count, numeric=True
            ),
            Column("", paid, formats.yuan, sort_key=np.array([float(v) for v in paid]), numeric=True),
            Column(
                "",
                [line.refund for line in lines],
                formats.yuan,
                sort_key=np.array([float(line.refund) for line in lines]),
                numeric=True,
            ),
            Column("", [yes if line.is_test else no for line in lines]),
            Column(
                "",
                [batch_text(line) for line in lines],
                sort_key=np.array([line.batch_id or 0 for line in lines], dtype=np.int64),
            ),
        ]
        for column, title in zip(columns, self.titles(), strict=True):
            column.title = title
        return columns

    def titles(self) -> list[str]:
        return [
            self.tr("Order number"),
            self.tr("Paid at"),
            self.tr("Status"),
            self.tr("Quantity"),
            self.tr("Paid (line)"),
            self.tr("Refund"),
            self.tr("Test order"),
            self.tr("Import batch"),
        ]

    def retranslate_ui(self) -> None:
        data = self.data
        if data is None:
            return
        p = data.product
        conversion = formats.percent(p.conversion)
        self.heading.setText(
            self.tr(
                "<b>{name}</b><br>{platform} · {shop} · item {item} · outer ID {outer} — {start} ~ {end}: "
                "GMV {gmv} ({change}) · {orders} orders · {visitors} visitors · conversion {conversion}"
            ).format(
                name=product_name(p),
                platform=ImportNames().platform(p.platform),
                shop=p.shop,
                item=p.item_key or "—",
                outer=p.outer_id or "—",
                start=data.period.start.isoformat(),
                end=data.period.end.isoformat(),
                gmv=formats.yuan(p.gmv),
                change=formats.relative_change(p.gmv_change),
                orders=formats.count(p.orders),
                visitors=formats.count(p.visitors),
                conversion=conversion,
            )
        )
        first, last = data.days[0].day, data.days[-1].day
        self.chart.counts.title.setText(self.tr("Orders (bars) and visitors (line)"))
        self.chart.title.setText(
            self.tr("Daily GMV (yuan) {start} ~ {end}").format(
                start=formats.short_day(first), end=formats.short_day(last)
            )
        )
        self.lines_title.setText(
            self.tr("Order lines paid {start} ~ {end}: {count} (test orders are never counted)").format(
                start=data.period.start.isoformat(), end=data.period.end.isoformat(), count=len(data.lines)
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.data is not None:
            self.show_data(self.data)
        super().changeEvent(event)


def paid_time(value: datetime | date | str | None) -> str:
    if value is None:
        return formats.DASH
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)[:19]


def batch_text(line: LineTrace) -> str:
    if line.batch_id is None:
        return formats.DASH
    return f"#{line.batch_id} {line.batch_file or ''}".rstrip()
