"""报表 → 周报…: choose the ISO week and the file for 《跨平台运营数据简报》.

The week list offers the last complete week first (what the boss asks for on
Monday) and the weeks before it; the box is editable, so any ``2026-W45`` can
be typed. The file name follows the week until the user picks a file
(through the save dialog or by typing), so changing the week never
overwrites last week's report by accident. Nothing here touches the database:
the controller builds the report on a worker thread.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.kpi import Period, parse_week
from shopdesk.services.reports.weekly import default_file_name, last_complete_week

WEEKS_OFFERED = 26
WEEK_PATTERN = re.compile(r"\d{4}-[Ww]\d{1,2}")


def week_choices(today: date | None, count: int = WEEKS_OFFERED) -> list[Period]:
    """The last complete week and the ``count - 1`` before it, newest first."""
    last = parse_week(last_complete_week(today))
    return [parse_week(_label(last.start - timedelta(days=7 * i))) for i in range(count)]


def _label(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_text(period: Period) -> str:
    return f"{period.label}  ({period.start:%Y-%m-%d} – {period.end:%Y-%m-%d})"


class WeeklyReportDialog(QDialog):
    def __init__(self, folder: Path, today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weeklyReportDialog")
        self.folder = folder
        self._path_chosen = False  # the user picked a file: the week no longer renames it
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.week_combo = QComboBox(self)
        self.week_combo.setObjectName("reportWeek")
        self.week_combo.setEditable(True)
        for period in week_choices(today):
            self.week_combo.addItem(week_text(period), period.label)
        self.week_hint = QLabel(self)
        self.week_hint.setObjectName("reportWeekHint")
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("reportPath")
        self.browse_button = QPushButton(self)
        self.browse_button.setObjectName("reportBrowse")
        self.browse_button.setAutoDefault(False)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("reportError")
        self.error_label.setStyleSheet("color: #c92a2a;")
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.week_label, self.file_label = QLabel(self), QLabel(self)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.week_label, self.week_combo)
        form.addRow("", self.week_hint)
        form.addRow(self.file_label, path_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.week_combo.currentTextChanged.connect(self._week_changed)
        self.path_edit.textEdited.connect(self._path_edited)
        self.browse_button.clicked.connect(self.browse)
        self.retranslate_ui()
        self._week_changed(self.week_combo.currentText())

    # --- values -------------------------------------------------------------------
    def week(self) -> str | None:
        """The chosen ISO week label, or None when the text is not one."""
        match = WEEK_PATTERN.search(self.week_combo.currentText())
        if not match:
            return None
        try:
            return parse_week(match.group(0)).label
        except ValueError:
            return None

    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")

    def set_week(self, label: str) -> None:
        self.week_combo.setEditText(label)

    # --- reactions ----------------------------------------------------------------
    def _week_changed(self, _text: str) -> None:
        week = self.week()
        self.error_label.clear()
        if week is None:
            self.week_hint.setText(self.tr("Type an ISO week such as 2026-W45."))
            return
        period = parse_week(week)
        self.week_hint.setText(
            self.tr("Monday {start} to Sunday {end}, compared with the week before").format(
                start=f"{period.start:%Y-%m-%d}", end=f"{period.end:%Y-%m-%d}"
            )
        )
        if not self._path_chosen:
            self.path_edit.setText(str(self.folder / default_file_name(week)))

    def _path_edited(self, _text: str) -> None:
        self._path_chosen = True

    def browse(self) -> None:
        current = self.path() or self.folder / default_file_name(self.week() or last_complete_week())
        filename, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the weekly report"), str(current), self.tr("Excel workbooks (*.xlsx)")
        )
        if filename:
            self._path_chosen = True
            self.path_edit.setText(filename)
            path = self.path()
            if path is not None:
                self.path_edit.setText(str(path))

    def accept(self) -> None:
        if self.week() is None:
            message = self.tr("{text} is not an ISO week such as 2026-W45.")
            self.error_label.setText(message.format(text=self.week_combo.currentText()))
            return
        path = self.path()
        if path is None:
            self.error_label.setText(self.tr("Choose the file to write."))
            return
        if not path.parent.is_dir():
            message = self.tr("The folder {folder} does not exist.")
            self.error_label.setText(message.format(folder=path.parent))
            return
        super().accept()

    # --- language -------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Weekly report"))
        self.intro.setText(
            self.tr(
                "The cross-platform weekly report as an Excel workbook: KPIs against the week before, "
                "each platform, the products that moved most, alerts, opportunities and what the team "
                "changed."
            )
        )
        self.week_label.setText(self.tr("ISO week:"))
        self.file_label.setText(self.tr("Save as:"))
        self.browse_button.setText(self.tr("Browse…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create report"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self._week_changed(self.week_combo.currentText())
