"""The overview's four trend charts — GMV by platform, platform share, conversion,
AOV — and the legend they share.

One legend for all four (platform colours are the same everywhere, so four
legends would only repeat themselves); its platform entries are links that drill
down to that platform's products, like a row of the platform table.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from shopdesk.domain.kpi import Kpis
from shopdesk.services.kpi.metrics import ALL
from shopdesk.ui.dashboard import formats
from shopdesk.ui.dashboard.chart_base import EDIT_COLOUR, PHASE_TEXT, PLATFORM_COLOURS, Series, TrendChart
from shopdesk.ui.dashboard.loaders import KpiData
from shopdesk.ui.imports.names import ImportNames


def _yuan_axis(value: float) -> str:
    return f"{value:,.0f}"


def _percent_axis(value: float) -> str:
    return f"{value:.1f}%"


def _yuan(value: float | None) -> str:
    return formats.DASH if value is None else f"¥{value:,.2f}"


def _percent(value: float | None) -> str:
    return formats.DASH if value is None else f"{value:.2f}%"


def _number(value: Decimal | int | None, scale: int = 1) -> float | None:
    return None if value is None else float(value) * scale


class TrendCharts(QWidget):
    platform_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gmv = TrendChart("gmvChart", _yuan, _yuan_axis, self)
        self.gmv.show_marker_labels = True
        self.share = TrendChart("shareChart", _percent, _percent_axis, self)
        self.conversion = TrendChart("conversionChart", _percent, _percent_axis, self)
        self.aov = TrendChart("aovChart", _yuan, _yuan_axis, self)
        self.charts = [self.gmv, self.share, self.conversion, self.aov]
        self.legend = QLabel(self)
        self.legend.setObjectName("chartLegend")
        self.legend.linkActivated.connect(self.platform_clicked.emit)
        self.span = QLabel(self)
        header = QHBoxLayout()
        header.addWidget(self.span)
        header.addStretch(1)
        header.addWidget(self.legend)
        grid = QGridLayout()
        grid.setSpacing(6)
        for i, chart in enumerate(self.charts):
            grid.addWidget(chart, i // 2, i % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 0, 12, 0)
        layout.addLayout(header)
        layout.addLayout(grid, 1)
        self.data: KpiData | None = None

    def show_data(self, data: KpiData) -> None:
        self.data = data
        first, last = data.span
        days = [date.fromordinal(d) for d in range(first.toordinal(), last.toordinal() + 1)]
        by_key = {(row.period, row.platform): row for row in data.series}
        platforms = [p for p in dict.fromkeys(row.platform for row in data.series) if p != ALL]
        names = ImportNames()

        def series(metric: str, keys: list[str], scale: int = 1) -> list[Series]:
            out = []
            for key in keys:
                values = [_number(_value(by_key.get((d.isoformat(), key)), metric), scale) for d in days]
                name = self.tr("All") if key == ALL else names.platform(key)
                out.append(Series(key, name, values, PLATFORM_COLOURS.get(key, "#495057"), dashed=key == ALL))
            return out

        with_total = platforms + ([ALL] if len(platforms) > 1 else [])
        self.gmv.set_data(days, series("gmv", platforms), data.markers)
        self.share.set_data(days, series("share", platforms, 100), data.markers)
        self.conversion.set_data(days, series("conversion", with_total, 100), data.markers)
        self.aov.set_data(days, series("aov", with_total), data.markers)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.gmv.title.setText(self.tr("GMV by platform (yuan, by day)"))
        self.share.title.setText(self.tr("Platform share of GMV"))
        self.conversion.title.setText(self.tr("Conversion (buyers / visitors)"))
        self.aov.title.setText(self.tr("Average order value (yuan)"))
        data = self.data
        if data is None:
            return
        first, last = data.span
        self.span.setText(
            self.tr("Trend {start} ~ {end}").format(start=first.isoformat(), end=last.isoformat())
        )
        names = ImportNames()
        platforms = [s.key for s in self.gmv.series]
        link = "<a href='{code}' style='color:{colour}; text-decoration:none'>■ {name}</a>"
        entries = [link.format(code=p, colour=PLATFORM_COLOURS[p], name=names.platform(p)) for p in platforms]
        if len(self.conversion.series) > len(platforms):
            everyone = self.tr("All")
            entries.append(f"<span style='color:{PLATFORM_COLOURS[ALL]}'>┄ {everyone}</span>")
        phase, edit = self.tr("Campaign phase"), self.tr("Listing edit")
        entries.append(f"<span style='color:{PHASE_TEXT}'>▮ {phase}</span>")
        entries.append(f"<span style='color:{EDIT_COLOUR}'>┆ {edit}</span>")
        self.legend.setText("&nbsp;&nbsp;".join(entries))
        self.legend.setToolTip(self.tr("Click a platform to see its products"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            if self.data is not None:
                self.show_data(self.data)  # series names are translated too
            else:
                self.retranslate_ui()
        super().changeEvent(event)


def _value(row: Kpis | None, metric: str) -> Decimal | int | None:
    if row is None:
        return Decimal(0) if metric == "gmv" else None
    return row.value(metric)
