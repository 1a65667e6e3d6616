"""类目映射 — which of the merchant's categories each platform category is.

One table per platform: the platform's category text (as imported with the
listings), how many listings use it, and the merchant's category, typed with
completion from the categories already in use. Unmapped rows come first. Saving
writes the platform's mappings and applies them to the listings at once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.platforms import PLATFORMS
from shopdesk.services import categories
from shopdesk.services.database import Database
from shopdesk.tasks.runner import Task
from shopdesk.ui.imports.names import ImportNames

CATEGORY_COLUMN = 2


class _CompletingDelegate(QStyledItemDelegate):
    """A line edit that completes from the merchant's existing categories."""

    def __init__(self, words: list[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.words = words

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        completer = QCompleter(self.words, editor)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        editor.setCompleter(completer)
        return editor


class CategoryMappingDialog(QDialog):
    saved = Signal(int)  # listings whose category changed
    loaded = Signal()

    def __init__(
        self, database: Database, platform: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("categoryMappingDialog")
        self.database = database
        self.names = ImportNames(self)
        self.platform = platform if platform in PLATFORMS else PLATFORMS[0]
        self.original: dict[str, str] = {}
        self.task: Task | None = None
        self.platform_label = QLabel(self)
        self.platform_combo = QComboBox(self)
        for code in PLATFORMS:
            self.platform_combo.addItem(self.names.platform(code), code)
        self.platform_combo.setCurrentIndex(PLATFORMS.index(self.platform))
        self.platform_combo.currentIndexChanged.connect(self._platform_changed)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("categoryTable")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.delegate = _CompletingDelegate([], self.table)
        self.table.setItemDelegateForColumn(CATEGORY_COLUMN, self.delegate)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.platform_label)
        top.addWidget(self.platform_combo)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self.resize(760, 520)
        self._load()

    # --- loading -------------------------------------------------------------------------

    def _load(self) -> None:
        platform, database = self.platform, self.database

        def read(_progress) -> tuple[list[categories.CategoryRow], list[str]]:
            return categories.list_categories(database, platform), categories.unified_categories(database)

        self.table.setEnabled(False)
        task = Task(read, title=self.tr("Reading categories…"), parent=self)
        task.finished.connect(self._show)
        self.task = task.start()

    def _show(self, result: tuple[list[categories.CategoryRow], list[str]]) -> None:
        rows, words = result
        self.delegate.words = words
        self.table.setRowCount(len(rows))
        self.original = {}
        for i, row in enumerate(rows):
            name = QTableWidgetItem(row.platform_category)
            count = QTableWidgetItem(str(row.listings))
            for item in (name, count):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(i, 0, name)
            self.table.setItem(i, 1, count)
            self.table.setItem(i, CATEGORY_COLUMN, QTableWidgetItem(row.category or ""))
            self.original[row.platform_category] = row.category or ""
        self.table.setEnabled(True)
        self.loaded.emit()

    def _platform_changed(self) -> None:
        self.platform = self.platform_combo.currentData()
        self._load()

    # --- saving --------------------------------------------------------------------------

    def edits(self) -> list[tuple[str, str | None]]:
        """(platform category, new category or None) for the rows the user changed."""
        out = []
        for i in range(self.table.rowCount()):
            key = self.table.item(i, 0).text()
            value = self.table.item(i, CATEGORY_COLUMN).text().strip()
            if value != self.original.get(key, ""):
                out.append((key, value or None))
        return out

    def save(self) -> None:
        edits, platform, database = self.edits(), self.platform, self.database
        if not edits:
            self.accept()
            return
        self.buttons.setEnabled(False)
        task = Task(
            lambda _p: categories.replace_mappings(database, platform, edits),
            title=self.tr("Saving category mappings…"),
            parent=self,
        )
        task.finished.connect(self._saved)
        task.failed.connect(lambda _e: self.buttons.setEnabled(True))
        self.task = task.start()

    def _saved(self, changed: int) -> None:
        self.saved.emit(changed)
        self.accept()

    # --- language ------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Category mapping"))
        self.platform_label.setText(self.tr("Platform:"))
        for i, code in enumerate(PLATFORMS):
            self.platform_combo.setItemText(i, self.names.platform(code))
        self.hint.setText(
            self.tr(
                "Each platform files your goods under its own categories. Type which of your own "
                "categories each one is; the listings are updated as soon as you save. Unmapped "
                "categories are listed first."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Platform category"), self.tr("Listings"), self.tr("Your category")]
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
