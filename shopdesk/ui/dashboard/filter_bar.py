"""The dashboard's filter bar: period kind, date(s), ◀ ▶ steps, comparison, platform, shop.

It owns a :class:`Selection` and emits ``changed`` with the new one whenever the
user changes anything; the view decides what to reload. Programmatic updates
(``set_selection``, ``set_shops``) never emit, so loading data cannot loop back
into another load.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from shopdesk.platforms import PLATFORMS
from shopdesk.ui.dashboard import formats
from shopdesk.ui.dashboard.loaders import ShopChoice
from shopdesk.ui.dashboard.selection import Kind, Selection
from shopdesk.ui.imports.names import ImportNames


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class FilterBar(QWidget):
    changed = Signal(object)  # Selection
    refresh_requested = Signal()
    weekly_report_requested = Signal()  # the 周报 button; the main window opens the report dialog

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = Selection()
        self.shops: list[ShopChoice] = []
        self.kind = QComboBox(self)
        self.kind.setObjectName("periodKind")
        for kind in Kind:
            self.kind.addItem("", kind)
        self.previous_button = self._button("previousPeriod", "◀", self.step_back)
        self.start = self._date_edit("periodStart")
        self.end = self._date_edit("periodEnd")
        self.next_button = self._button("nextPeriod", "▶", self.step_forward)
        self.range_label = QLabel(self)
        self.range_label.setObjectName("periodRange")
        self.comparison = QLabel(self)
        self.comparison.setObjectName("comparisonPeriod")
        self.comparison.setStyleSheet(f"color: {formats.GREY};")
        self.platform = QComboBox(self)
        self.platform.setObjectName("platformFilter")
        self.platform.addItem("", None)
        for code in PLATFORMS:
            self.platform.addItem("", code)
        self.shop = QComboBox(self)
        self.shop.setObjectName("shopFilter")
        self.shop.setMinimumContentsLength(12)
        self.refresh = self._button("refreshDashboard", "⟳", self.refresh_requested.emit)
        self.report = QPushButton(self)
        self.report.setObjectName("weeklyReportButton")
        self.report.clicked.connect(self.weekly_report_requested.emit)
        self.platform_label, self.shop_label = QLabel(self), QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 4)
        layout.setSpacing(6)
        for widget in (self.kind, self.previous_button, self.start, self.end, self.next_button):
            layout.addWidget(widget)
        layout.addWidget(self.range_label)
        layout.addSpacing(8)
        layout.addWidget(self.comparison)
        layout.addStretch(1)
        for widget in (self.platform_label, self.platform, self.shop_label, self.shop, self.refresh):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(self.report)
        self.kind.activated.connect(self._kind_chosen)
        self.start.dateChanged.connect(self._dates_edited)
        self.end.dateChanged.connect(self._dates_edited)
        self.platform.activated.connect(self._platform_chosen)
        self.shop.activated.connect(self._shop_chosen)
        for keys, slot in (
            ("Ctrl+Left", self.step_back),
            ("Ctrl+Right", self.step_forward),
            ("F5", self.refresh_requested.emit),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        self.retranslate_ui()
        self._show()

    def _button(self, name: str, text: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    # --- state in ---------------------------------------------------------------
    def set_selection(self, selection: Selection) -> None:
        self.selection = selection
        self._show()

    def set_shops(self, shops: list[ShopChoice]) -> None:
        self.shops = shops
        self._fill_shops()

    # --- user intent ------------------------------------------------------------
    def step_back(self) -> None:
        self._emit(self.selection.stepped(-1))

    def step_forward(self) -> None:
        self._emit(self.selection.stepped(1))

    def _kind_chosen(self, index: int) -> None:
        kind = Kind(self.kind.itemData(index))  # the combo hands the enum back as plain text
        period = self.selection.period()
        if kind is Kind.CUSTOM:
            self._emit(replace(self.selection, kind=kind, start=period.start, end=period.end))
        else:
            self._emit(replace(self.selection, kind=kind, anchor=period.end, start=None, end=None))

    def _dates_edited(self) -> None:
        start, end = from_qdate(self.start.date()), from_qdate(self.end.date())
        if self.selection.kind is Kind.CUSTOM:
            if end < start:
                end = start
            chosen = replace(self.selection, start=start, end=end, anchor=end)
        else:
            chosen = replace(self.selection, anchor=start)
        if chosen != self.selection:
            self._emit(chosen)

    def _platform_chosen(self, index: int) -> None:
        self._emit(replace(self.selection, platform=self.platform.itemData(index), shop_id=None))

    def _shop_chosen(self, index: int) -> None:
        self._emit(replace(self.selection, shop_id=self.shop.itemData(index)))

    def _emit(self, selection: Selection) -> None:
        self.selection = selection
        self._show()
        self.changed.emit(selection)

    # --- showing ----------------------------------------------------------------
    def _show(self) -> None:
        s = self.selection
        period, previous = s.period(), s.previous()
        for widget in (self.kind, self.start, self.end, self.platform):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(list(Kind).index(s.kind))
        self.start.setDisplayFormat("yyyy-MM" if s.kind is Kind.MONTH else "yyyy-MM-dd")
        self.start.setDate(to_qdate(period.start if s.kind is Kind.CUSTOM else s.anchor))
        self.end.setDate(to_qdate(period.end))
        self.end.setVisible(s.kind is Kind.CUSTOM)
        self.platform.setCurrentIndex(max(self.platform.findData(s.platform), 0))
        for widget in (self.kind, self.start, self.end, self.platform):
            widget.blockSignals(False)
        if s.kind is Kind.DAY:
            self.range_label.setText(self.tr("Week {week}").format(week=period.start.isocalendar()[1]))
        else:
            self.range_label.setText(f"{formats.short_day(period.start)} ~ {formats.short_day(period.end)}")
        self.comparison.setText(
            self.tr("Compared with the previous period {start} ~ {end}").format(
                start=formats.short_day(previous.start), end=formats.short_day(previous.end)
            )
        )
        self.comparison.setToolTip(f"{previous.start.isoformat()} ~ {previous.end.isoformat()}")
        self._fill_shops()

    def _fill_shops(self) -> None:
        s = self.selection
        self.shop.blockSignals(True)
        self.shop.clear()
        self.shop.addItem(self.tr("All shops"), None)
        for shop in self.shops:
            if shop.platform == s.platform:
                self.shop.addItem(shop.name, shop.id)
        self.shop.setCurrentIndex(max(self.shop.findData(s.shop_id), 0))
        self.shop.setEnabled(s.platform is not None)
        self.shop.blockSignals(False)

    def retranslate_ui(self) -> None:
        kinds = {
            Kind.DAY: self.tr("Day"),
            Kind.WEEK: self.tr("Week"),
            Kind.MONTH: self.tr("Month"),
            Kind.CUSTOM: self.tr("Custom"),
        }
        for i in range(self.kind.count()):
            self.kind.setItemText(i, kinds[Kind(self.kind.itemData(i))])
        names = ImportNames()
        self.platform.setItemText(0, self.tr("All platforms"))
        for i in range(1, self.platform.count()):
            self.platform.setItemText(i, names.platform(self.platform.itemData(i)))
        self.platform_label.setText(self.tr("Platform"))
        self.shop_label.setText(self.tr("Shop"))
        self.previous_button.setToolTip(self.tr("Previous period (Ctrl+←)"))
        self.next_button.setToolTip(self.tr("Next period (Ctrl+→)"))
        self.refresh.setToolTip(self.tr("Read the figures again (F5)"))
        self.report.setText(self.tr("Weekly report…"))
        self.report.setToolTip(
            self.tr("Write the weekly cross-platform report as an Excel workbook (Ctrl+R)")
        )
        self.start.setToolTip(self.tr("Any day of the period; for a custom range, its first day"))
        self.end.setToolTip(self.tr("Last day of the custom range"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
