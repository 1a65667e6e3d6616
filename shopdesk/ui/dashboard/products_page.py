"""Drill-down level 2: one platform's (or every platform's) products in the period.

A columnar model over the rows the service returned; a header click sorts with
one numpy argsort (money by fen, changes and rates as floats with unknown
last), so even a few thousand items sort at once. Double-click or Enter opens
the product.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
from PySide6.QtCore import QEvent, QModelIndex, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from shopdesk.services.kpi.products import ProductKpis
from shopdesk.ui.dashboard import formats
from shopdesk.ui.dashboard.loaders import ProductsData
from shopdesk.ui.dashboard.platform_table import sort_key
from shopdesk.ui.models.columnar import Column, ColumnarTableModel
from shopdesk.ui.widgets.tables import read_only_table


def product_name(row: ProductKpis) -> str:
    return row.title or row.outer_id or row.item_key or "—"


def points(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    return formats.points_change(now, before)


class ProductsPage(QWidget):
    product_chosen = Signal(object)  # ProductKpis

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setObjectName("productsSummary")
        self.model = ColumnarTableModel(parent=self)
        self.table = read_only_table(self, self.model, "productsTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.activated.connect(self._activated)  # double-click or Enter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 8)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.data: ProductsData | None = None

    def show_data(self, data: ProductsData) -> None:
        first_time = self.data is None
        self.data = data
        self.model.set_columns(self._columns(data.rows))
        if first_time:
            widths = [320, 120, 150, 110, 90, 80, 90, 80, 100, 70]
            for column, width in enumerate(widths):
                self.table.setColumnWidth(column, width)
        self._summarise()

    def _summarise(self) -> None:
        data = self.data
        if data is None:
            return
        rows = data.rows
        self.summary.setText(
            self.tr(
                "{count} products · GMV {gmv} · {start} ~ {end}, changes against {pstart} ~ {pend} "
                "(conversion change in percentage points) · double-click a product for its days and orders"
            ).format(
                count=formats.count(len(rows)),
                gmv=formats.yuan(sum((r.gmv for r in rows), Decimal("0.00"))),
                start=data.period.start.isoformat(),
                end=data.period.end.isoformat(),
                pstart=data.previous.start.isoformat(),
                pend=data.previous.end.isoformat(),
            )
        )

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid() and self.data is not None:
            self.product_chosen.emit(self.data.rows[self.model.source_row(index.row())])

    def row_at(self, visible_row: int) -> ProductKpis:
        assert self.data is not None
        return self.data.rows[self.model.source_row(visible_row)]

    def _columns(self, rows: list[ProductKpis]) -> list[Column]:
        def numbers(values: list, fmt) -> Column:
            return Column("", values, fmt, sort_key=sort_key(values), numeric=True)

        gmv_fen = np.array([int(r.gmv * 100) for r in rows], dtype=np.int64)
        conversion_points = [points(r.conversion, r.prev_conversion) for r in rows]
        columns = [
            Column("", [product_name(r) for r in rows]),
            Column("", [r.outer_id or "" for r in rows]),
            Column("", [r.shop for r in rows]),
            Column("", [r.gmv for r in rows], formats.yuan, sort_key=gmv_fen, numeric=True),
            numbers([r.gmv_change for r in rows], formats.relative_change),
            numbers([r.visitors for r in rows], formats.count),
            numbers([r.visitors_change for r in rows], formats.relative_change),
            numbers([r.conversion for r in rows], formats.percent),
            numbers(conversion_points, lambda v: formats.points(v, self.tr(" pp"))),
            numbers([r.orders for r in rows], formats.count),
        ]
        for column, title in zip(columns, self.titles(), strict=True):
            column.title = title
        return columns

    def titles(self) -> list[str]:
        return [
            self.tr("Product"),
            self.tr("Outer ID"),
            self.tr("Shop"),
            self.tr("GMV"),
            self.tr("GMV change"),
            self.tr("Visitors"),
            self.tr("Visitors change"),
            self.tr("Conversion"),
            self.tr("Conversion change"),
            self.tr("Orders"),
        ]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.data is not None:
            self.model.set_titles(self.titles())
            self._summarise()
        super().changeEvent(event)
