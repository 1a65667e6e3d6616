"""The overview's per-platform table for the chosen period — the first step of the
drill-down: click a platform (or 全部) to see its products.

Columns sort through numpy keys (money by fen, rates as floats with unknown
last), like every table in the app.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import numpy as np
from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractScrollArea, QHeaderView, QVBoxLayout, QWidget

from shopdesk.domain.kpi import change
from shopdesk.services.kpi.metrics import ALL
from shopdesk.ui.dashboard import formats
from shopdesk.ui.dashboard.loaders import KpiData
from shopdesk.ui.imports.names import ImportNames
from shopdesk.ui.models.columnar import Column, ColumnarTableModel
from shopdesk.ui.widgets.tables import read_only_table


def sort_key(values: list[Decimal | int | None]) -> np.ndarray:
    """Numbers as floats; unknown sorts below every known value."""
    return np.array([-np.inf if v is None else float(v) for v in values], dtype=float)


class PlatformTable(QWidget):
    platform_chosen = Signal(object)  # a platform code, or None for all platforms

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ColumnarTableModel(parent=self)
        self.table = read_only_table(self, self.model, "platformTable")
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.setCursor(Qt.CursorShape.PointingHandCursor)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.platforms: list[str] = []
        self.data: KpiData | None = None

    def show_data(self, data: KpiData) -> None:
        self.data = data
        self.platforms = list(data.current)
        self.model.set_columns(self._columns(data))
        self.table.setToolTip(self.tr("Click a platform to see its products"))

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            code = self.platforms[self.model.source_row(index.row())]
            self.platform_chosen.emit(None if code == ALL else code)

    def _columns(self, data: KpiData) -> list[Column]:
        rows = [data.current[p] for p in self.platforms]
        before = [data.before.get(p) for p in self.platforms]
        names = ImportNames()

        def figures(metric: str, fmt: Callable) -> Column:
            values = [r.value(metric) for r in rows]
            return Column("", values, fmt, sort_key=sort_key(values), numeric=True)

        gmv_change = [change(r.gmv, b.gmv if b else None) for r, b in zip(rows, before, strict=True)]
        titles = self.titles()
        columns = [
            Column("", [self.tr("All platforms") if p == ALL else names.platform(p) for p in self.platforms]),
            figures("gmv", formats.yuan),
            Column("", gmv_change, formats.relative_change, sort_key=sort_key(gmv_change), numeric=True),
            figures("net_sales", formats.yuan),
            figures("orders", formats.count),
            figures("buyers", formats.count),
            figures("visitors", formats.count),
            figures("conversion", formats.percent),
            figures("aov", formats.yuan),
            figures("repeat_rate", formats.percent),
            figures("share", formats.percent),
        ]
        for column, title in zip(columns, titles, strict=True):
            column.title = title
        return columns

    def titles(self) -> list[str]:
        return [
            self.tr("Platform"),
            self.tr("GMV"),
            self.tr("GMV change"),
            self.tr("Net sales"),
            self.tr("Orders"),
            self.tr("Buyers"),
            self.tr("Visitors"),
            self.tr("Conversion"),
            self.tr("AOV"),
            self.tr("Repeat rate"),
            self.tr("Share"),
        ]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.data is not None:
            self.show_data(self.data)
        super().changeEvent(event)
