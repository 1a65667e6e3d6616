"""状态映射 — which unified status a platform's order status text means.

Left: the shipped defaults of the chosen platform (read-only, for reference).
Right: the user's own rows, which win over the defaults: the status text as the
platform writes it and the unified status from a list. Statuses the import
preview found unknown arrive pre-filled, waiting for a choice. Saving replaces
the user's rows of each edited platform in one transaction (on the runner).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain import statuses
from shopdesk.platforms import PLATFORMS
from shopdesk.services.database import Database
from shopdesk.services.mappings import StatusMapping, default_mappings, list_user_mappings, replace_mappings
from shopdesk.tasks.progress import Progress
from shopdesk.tasks.runner import Task
from shopdesk.ui.imports.names import ImportNames

Row = tuple[str, str | None, str | None]  # platform status text, unified status (None: not chosen), flag


class StatusMappingDialog(QDialog):
    saved = Signal()
    loaded = Signal()

    def __init__(
        self,
        database: Database,
        platform: str | None = None,
        unknown: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("statusMappingDialog")
        self.database = database
        self.names = ImportNames(self)
        self.platform = platform if platform in PLATFORMS else PLATFORMS[0]
        self.unknown = [u for u in unknown if u]
        self.rows: dict[str, list[Row]] = {}
        self.original: dict[str, list[Row]] = {}
        self.task: Task | None = None
        self._build()
        self.retranslate_ui()
        self.resize(900, 520)
        self._load()

    def _build(self) -> None:
        self.platform_label = QLabel(self)
        self.platform_combo = QComboBox(self)
        self.platform_combo.setObjectName("mappingPlatform")
        for code in PLATFORMS:
            self.platform_combo.addItem("", code)
        self.platform_combo.setCurrentIndex(PLATFORMS.index(self.platform))
        self.platform_combo.currentIndexChanged.connect(self._platform_changed)
        self.defaults_box = QGroupBox(self)
        self.defaults = QTableWidget(0, 2, self.defaults_box)
        self.defaults.setObjectName("defaultMappings")
        self.defaults.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.defaults.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.defaults.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.user_box = QGroupBox(self)
        self.user = QTableWidget(0, 2, self.user_box)
        self.user.setObjectName("userMappings")
        self.user.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for table in (self.defaults, self.user):
            table.verticalHeader().hide()
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.user_box)
        self.add_button.setObjectName("addMapping")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row("", None))
        self.remove_button = QPushButton(self.user_box)
        self.remove_button.setObjectName("removeMapping")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_current)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.error = QLabel(self)
        self.error.setObjectName("mappingError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c92a2a;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.platform_label)
        top.addWidget(self.platform_combo)
        top.addStretch(1)
        defaults_layout = QVBoxLayout(self.defaults_box)
        defaults_layout.addWidget(self.defaults)
        user_buttons = QHBoxLayout()
        user_buttons.addWidget(self.add_button)
        user_buttons.addWidget(self.remove_button)
        user_buttons.addStretch(1)
        user_layout = QVBoxLayout(self.user_box)
        user_layout.addWidget(self.user)
        user_layout.addLayout(user_buttons)
        tables = QHBoxLayout()
        tables.addWidget(self.defaults_box, 1)
        tables.addWidget(self.user_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(tables, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    # --- load -------------------------------------------------------------------
    def _load(self) -> None:
        self.user_box.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        database = self.database

        def job(progress: Progress) -> list[StatusMapping]:
            progress.step(0, 0)
            return list_user_mappings(database)

        task = Task(job, title=self.tr("Reading the status mappings…"), parent=self)
        task.finished.connect(self._loaded)
        task.failed.connect(lambda error: self.error.setText(str(error)))
        self.task = task.start()

    def _loaded(self, mappings: list[StatusMapping]) -> None:
        for code in PLATFORMS:
            self.original[code] = [
                (m.platform_status, m.status, m.flag) for m in mappings if m.platform == code
            ]
            self.rows[code] = list(self.original[code])
        known = {statuses.normalize_status(text) for text, _s, _f in self.rows[self.platform]}
        for text in self.unknown:
            if statuses.normalize_status(text) not in known:
                self.rows[self.platform].append((text, None, None))
        self.user_box.setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        self._show_platform()
        self.loaded.emit()

    # --- editing ------------------------------------------------------------------
    def _platform_changed(self, _index: int) -> None:
        if self.rows:
            self.rows[self.platform] = self.table_rows()
        self.platform = self.platform_combo.currentData()
        self._show_platform()

    def _show_platform(self) -> None:
        defaults = default_mappings(self.platform)
        self.defaults.setRowCount(len(defaults))
        for row, m in enumerate(defaults):
            target = self.names.status(m.status)
            if m.flag:
                target += f"（{self.names.flag(m.flag)}）"
            for column, text in enumerate((m.platform_status, target)):
                item = QTableWidgetItem(text)
                item.setForeground(self.palette().brush(QPalette.ColorRole.PlaceholderText))  # read-only look
                self.defaults.setItem(row, column, item)
        self.user.setRowCount(0)
        for text, status, flag in self.rows.get(self.platform, []):
            self.add_row(text, status, flag)
        self.error.clear()

    def add_row(self, text: str, status: str | None, flag: str | None = None) -> None:
        row = self.user.rowCount()
        self.user.insertRow(row)
        item = QTableWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, flag)
        self.user.setItem(row, 0, item)
        combo = QComboBox(self.user)
        combo.setPlaceholderText(self.tr("Choose…"))
        for code in statuses.MAPPABLE:
            combo.addItem(self.names.status(code), code)
        combo.setCurrentIndex(statuses.MAPPABLE.index(status) if status in statuses.MAPPABLE else -1)
        self.user.setCellWidget(row, 1, combo)
        if not text:
            self.user.setCurrentCell(row, 0)
            self.user.editItem(item)

    def remove_current(self) -> None:
        row = self.user.currentRow()
        if row >= 0:
            self.user.removeRow(row)

    def table_rows(self) -> list[Row]:
        rows = []
        for row in range(self.user.rowCount()):
            item = self.user.item(row, 0)
            combo = self.user.cellWidget(row, 1)
            text = item.text().strip() if item is not None else ""
            flag = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
            status = combo.currentData() if isinstance(combo, QComboBox) else None
            rows.append((text, status, flag))
        return rows

    # --- save -------------------------------------------------------------------------
    def problem(self, platform: str, rows: list[Row]) -> str | None:
        seen: set[str] = set()
        for text, status, _flag in rows:
            if not text and status is None:
                continue
            if not text:
                return self.tr("{platform}: a row has no platform status text.")
            if status is None:
                return self.tr("{platform}: choose the unified status for “{text}”.").replace("{text}", text)
            key = statuses.normalize_status(text)
            if key in seen:
                return self.tr("{platform}: “{text}” is listed twice.").replace("{text}", text)
            seen.add(key)
        return None

    def save(self) -> None:
        if self.busy:
            return
        self.rows[self.platform] = self.table_rows()
        changed: dict[str, list[StatusMapping]] = {}
        for code, rows in self.rows.items():
            problem = self.problem(code, rows)
            if problem:
                self.platform_combo.setCurrentIndex(PLATFORMS.index(code))
                self.error.setText(problem.replace("{platform}", self.names.platform(code)))
                return
            kept = [(t, s, f) for t, s, f in rows if t and s]
            if kept != self.original.get(code, []):
                changed[code] = [StatusMapping(code, t, s, f) for t, s, f in kept if s]
        if not changed:
            self.accept()
            return
        database = self.database

        def job(progress: Progress) -> None:
            progress.step(0, 0)
            for code, mappings in changed.items():
                replace_mappings(database, code, mappings)

        task = Task(job, title=self.tr("Saving the status mappings…"), parent=self)
        task.finished.connect(lambda _r: self._saved())
        task.failed.connect(lambda error: self.error.setText(str(error)))
        self.task = task.start()

    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.is_running

    def _saved(self) -> None:
        self.saved.emit()
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Order status mapping"))
        self.platform_label.setText(self.tr("Platform:"))
        for index, code in enumerate(PLATFORMS):
            self.platform_combo.setItemText(index, self.names.platform(code))
        self.defaults_box.setTitle(self.tr("Built-in mappings"))
        self.user_box.setTitle(self.tr("Your mappings (these win)"))
        headers = [self.tr("Status in the platform's export"), self.tr("Unified status")]
        self.defaults.setHorizontalHeaderLabels(headers)
        self.user.setHorizontalHeaderLabels(headers)
        self.add_button.setText(self.tr("Add"))
        self.remove_button.setText(self.tr("Remove"))
        self.hint.setText(
            self.tr(
                "Rows with an unknown status are rejected on import. Map the status text exactly as the "
                "export writes it; “Closed” becomes cancelled or refunded depending on whether the order "
                "was paid. Import the file again after saving."
            )
        )
        if self.rows:
            self.rows[self.platform] = self.table_rows()  # keep edits across a language switch
            self._show_platform()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
