"""One trend chart (pyqtgraph) as the dashboard draws them: days along x, a title,
a hover line that reads out the day's values, and the team's own actions
(campaign phases, listing edits) drawn behind the data.

x is the day's ordinal (``date.toordinal()``), so days are whole numbers and a
phase from 11-05 to 11-11 is the band [ordinal − ½, ordinal + ½]. Text is drawn
by Qt labels above the plot (the app's CJK font), not inside the scene, except
the short phase names, which get the application font explicitly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from shopdesk.services.kpi.products import Marker
from shopdesk.ui.dashboard import formats

PLATFORM_COLOURS = {
    "taobao": "#f76707",
    "jd": "#e03131",
    "pdd": "#ae3ec9",
    "douyin": "#1c7ed6",
    "all": "#495057",
}
PHASE_BRUSH = (250, 176, 5, 45)
PHASE_TEXT = "#e67700"
PHASE_EDGE = (230, 119, 0, 90)  # adjacent phases stay apart
EDIT_COLOUR = "#0ca678"

pg.setConfigOptions(antialias=True, background="w", foreground="#495057")


@dataclass
class Series:
    key: str  # platform code, "all", or a measure name
    name: str
    values: list[float | None]  # one per day; None draws a gap
    colour: str
    dashed: bool = False
    bars: bool = False
    format: Callable[[float | None], str] | None = None  # else the chart's own


class ValueAxis(pg.AxisItem):
    """Y ticks in the dashboard's own number format (no "×1e4" scientific labels)."""

    def __init__(self, formatter: Callable[[float], str], orientation: str = "left") -> None:
        super().__init__(orientation)
        self.formatter = formatter
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values, scale, spacing):
        return [self.formatter(v) for v in values]


class DayAxis(pg.AxisItem):
    """X ticks on whole days, as MM-DD."""

    def tickValues(self, minVal, maxVal, size):
        first, last = int(minVal + 0.999), int(maxVal)
        if last < first:
            return []
        days = last - first + 1
        step = max(1, round(days / max(2, int(size / 55))))
        return [(float(step), [float(d) for d in range(first, last + 1, step)])]

    def tickStrings(self, values, scale, spacing):
        # Never raise here: an exception in a paint-time override crashes PySide6 (an
        # empty plot's x range is 0…1, and there is no day 0).
        return [formats.short_day(date.fromordinal(int(v))) if v >= 1 else "" for v in values]


def app_font(scale: float = 1.0) -> QFont:
    font = QFont(QApplication.font())
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    return font


class TrendChart(QWidget):
    """A titled plot of daily series with hover read-out and markers."""

    hovered = Signal(int)  # the day index under the mouse (not emitted by hover() itself)

    def __init__(
        self,
        name: str,
        formatter: Callable[[float | None], str],
        axis_formatter: Callable[[float], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.formatter = formatter
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold;")
        self.readout = QLabel(self)
        self.readout.setObjectName(f"{name}Readout")
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setMinimumHeight(self.readout.fontMetrics().height())
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.readout.setFont(app_font(0.9))
        self.plot = pg.PlotWidget(
            self, axisItems={"bottom": DayAxis("bottom"), "left": ValueAxis(axis_formatter)}
        )
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(y=True, alpha=0.15)
        for axis in ("bottom", "left"):
            self.plot.getAxis(axis).setTickFont(app_font(0.85))
        self.plot.getAxis("left").setWidth(64)
        self.hover_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#adb5bd", width=1))
        self.hover_line.setZValue(20)
        self.hover_line.hide()
        self.plot.addItem(self.hover_line, ignoreBounds=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        header = QWidget(self)
        row = QHBoxLayout(header)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.title)
        row.addStretch(1)
        layout.addWidget(header)
        layout.addWidget(self.readout)
        layout.addWidget(self.plot, 1)
        self.days: list[date] = []
        self.series: list[Series] = []
        self.markers: list[Marker] = []
        self.data_items: list[pg.GraphicsObject] = []
        self.marker_items: list[pg.GraphicsObject] = []
        self.show_marker_labels = False
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        self.plot.getViewBox().sigRangeChanged.connect(self._place_labels)

    # --- data -------------------------------------------------------------------
    def set_data(self, days: Sequence[date], series: Sequence[Series], marks: Sequence[Marker] = ()) -> None:
        for item in self.data_items + self.marker_items:
            self.plot.removeItem(item)
        self.data_items, self.marker_items = [], []
        self.days, self.series, self.markers = list(days), list(series), list(marks)
        x = [d.toordinal() for d in self.days]
        bar_series = [s for s in self.series if s.bars]
        width = 0.8 / max(1, len(bar_series))
        for i, s in enumerate(self.series):
            if s.bars:
                offset = (i - (len(bar_series) - 1) / 2) * width
                item = pg.BarGraphItem(
                    x=[v + offset for v in x], height=[v or 0 for v in s.values], width=width,
                    brush=QColor(s.colour), pen=pg.mkPen(None),
                )  # fmt: skip
            elif all(v is None for v in s.values):
                continue  # nothing known (e.g. conversion without traffic): read out as "—" only
            else:
                pen = pg.mkPen(
                    s.colour, width=2, style=Qt.PenStyle.DashLine if s.dashed else Qt.PenStyle.SolidLine
                )
                values = [float("nan") if v is None else float(v) for v in s.values]
                symbol = "o" if len(x) <= 31 else None
                item = pg.PlotDataItem(
                    x, values, pen=pen, symbol=symbol, symbolSize=5, symbolBrush=s.colour,
                    symbolPen=None, connect="finite", name=s.name,
                )  # fmt: skip
            self.plot.addItem(item)
            self.data_items.append(item)
        self._draw_markers()
        if x:
            self.plot.setXRange(x[0] - 0.5, x[-1] + 0.5, padding=0.02)
        self.plot.enableAutoRange(axis="y")
        self.hover_line.hide()
        self.readout.setText(self.hint() if self.days else "")

    def _draw_markers(self) -> None:
        if not self.days:
            return
        first, last = self.days[0].toordinal(), self.days[-1].toordinal()
        for marker in self.markers:
            a, b = max(marker.start.toordinal(), first), min(marker.end.toordinal(), last)
            if b < a:
                continue
            if marker.kind == "campaign_phase":
                item = pg.LinearRegionItem(
                    (a - 0.5, b + 0.5), movable=False, brush=pg.mkBrush(*PHASE_BRUSH),
                    pen=pg.mkPen(PHASE_EDGE),
                )  # fmt: skip
                item.setZValue(-10)
                self.plot.addItem(item, ignoreBounds=True)
                self.marker_items.append(item)
                if self.show_marker_labels:
                    label = pg.TextItem(marker.label.split(" · ")[-1], color=PHASE_TEXT, anchor=(0.5, 0))
                    label.setFont(app_font(0.8))
                    label.setPos((a + b) / 2, 0)
                    label.setZValue(-5)
                    self.plot.addItem(label, ignoreBounds=True)
                    self.marker_items.append(label)
            else:
                item = pg.InfiniteLine(
                    a,
                    angle=90,
                    movable=False,
                    pen=pg.mkPen(EDIT_COLOUR, width=1.5, style=Qt.PenStyle.DashLine),
                )
                item.setToolTip(marker.label)
                self.plot.addItem(item, ignoreBounds=True)
                self.marker_items.append(item)
        self._place_labels()

    def _place_labels(self, *_args) -> None:
        """Phase names sit at the top edge of the plot whatever the y range."""
        top = self.plot.getViewBox().viewRange()[1][1]
        for item in self.marker_items:
            if isinstance(item, pg.TextItem):
                item.setPos(item.pos().x(), top)

    # --- hover ------------------------------------------------------------------
    def hint(self) -> str:
        text = self.tr("Point at a day to read its values")
        return f"<span style='color:{formats.GREY}'>{text}</span>"

    def _mouse_moved(self, pos: QPointF) -> None:
        if not self.days or not self.plot.sceneBoundingRect().contains(pos):
            return
        x = self.plot.getViewBox().mapSceneToView(pos).x()
        index = round(x) - self.days[0].toordinal()
        if 0 <= index < len(self.days):
            text = self.hover(index)
            self.hovered.emit(index)
            QToolTip.showText(self.plot.mapToGlobal(self.plot.mapFromScene(pos)), text, self.plot)

    def hover(self, index: int) -> str:
        """Show the values of day ``index`` (mouse over it); returns the read-out text."""
        if not 0 <= index < len(self.days):
            return ""
        day = self.days[index]
        self.hover_line.setPos(day.toordinal())
        self.hover_line.show()
        parts = [f"<b>{day.isoformat()}</b>"]
        for s in self.series:
            shown = (s.format or self.formatter)(s.values[index])
            parts.append(f"<span style='color:{s.colour}'>■</span> {s.name} {shown}")
        for marker in self.markers:
            if marker.start <= day <= marker.end:
                colour = PHASE_TEXT if marker.kind == "campaign_phase" else EDIT_COLOUR
                parts.append(f"<span style='color:{colour}'>{marker.label}</span>")
        self.readout.setText("  ".join(parts))
        return "<br>".join(parts)

    def leaveEvent(self, event) -> None:
        self.hover_line.hide()
        super().leaveEvent(event)
