"""The rejected rows of one file or one import: row number, reason, the raw cells,
and 导出被拒行… to a workbook the operator can fix and import again."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.services.excel_io import RejectHeadings, raw_columns, write_rejects
from shopdesk.services.imports.reading import RAW_CELLS_KEPT, Reject
from shopdesk.tasks.progress import Progress
from shopdesk.tasks.runner import Task
from shopdesk.ui.models.columnar import Column, ColumnarTableModel, Index
from shopdesk.ui.widgets.tables import read_only_table

log = logging.getLogger(__name__)


class TextTipModel(ColumnarTableModel):
    """A columnar model whose cells show their full text as a tooltip (long reasons, file names)."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            role = Qt.ItemDataRole.DisplayRole
        return super().data(index, role)


class RejectsView(QWidget):
    exported = Signal(object)  # Path of the written workbook

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rejects: list[Reject] = []
        self.file_stem = "rejects"
        self.default_dir: Path | None = None
        self.task: Task | None = None
        self.caption = QLabel(self)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("exportRejects")
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export)
        self.model = TextTipModel(parent=self)
        self.table = read_only_table(self, self.model, "rejectsTable")
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.caption, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()

    def headings(self) -> RejectHeadings:
        return RejectHeadings(
            row=self.tr("Row"),
            reason=self.tr("Reason"),
            raw_line=self.tr("Line as read"),
            sheet=self.tr("Rejected rows"),
        )

    def set_rejects(self, rejects: Sequence[Reject], file_stem: str = "rejects") -> None:
        self.rejects = list(rejects)
        self.file_stem = file_stem
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.export_button.setText(self.tr("Export rejected rows…"))
        self.export_button.setEnabled(bool(self.rejects))
        if len(self.rejects) > RAW_CELLS_KEPT:
            self.caption.setText(
                self.tr("{count} rejected rows (cells listed for the first {kept})").format(
                    count=len(self.rejects), kept=RAW_CELLS_KEPT
                )
            )
        elif self.rejects:
            self.caption.setText(self.tr("{count} rejected rows").format(count=len(self.rejects)))
        else:
            self.caption.setText(self.tr("No rejected rows"))
        self.model.set_columns(self._columns())
        self._size_columns()

    def _columns(self) -> list[Column]:
        if not self.rejects:
            return []
        h = self.headings()
        numbers = np.array([r.row_number for r in self.rejects], dtype=np.int64)
        columns = [
            Column(h.row, numbers, numeric=True),
            Column(h.reason, [r.reason for r in self.rejects]),
        ]
        for name in raw_columns(self.rejects):
            columns.append(Column(name or h.raw_line, [r.raw.get(name) for r in self.rejects]))
        return columns

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        for section in range(self.model.columnCount()):
            header.resizeSection(section, min(max(header.sectionSize(section), 60), 420))

    # --- export -------------------------------------------------------------
    def export(self) -> None:
        if not self.rejects:
            return
        folder = self.default_dir or Path.home()
        suggested = str(folder / self.tr("{name} rejected rows.xlsx").format(name=self.file_stem))
        filename, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export rejected rows"), suggested, self.tr("Excel workbooks (*.xlsx)")
        )
        if not filename:
            return
        path = Path(filename)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        rejects, headings = list(self.rejects), self.headings()

        def job(progress: Progress) -> Path:
            progress.step(0, 0)
            return write_rejects(path, rejects, headings)

        task = Task(job, title=self.tr("Writing the workbook…"), parent=self.window())
        task.finished.connect(self._exported)
        task.failed.connect(lambda error: self._export_failed(path, error))
        self.task = task.start()

    def _exported(self, path: Path) -> None:
        self.caption.setText(
            self.tr("{count} rejected rows — exported to {path}").format(count=len(self.rejects), path=path)
        )
        self.exported.emit(path)

    def _export_failed(self, path: Path, error: BaseException) -> None:
        log.error("export of rejected rows to %s failed: %s", path, error)
        QMessageBox.critical(
            self,
            self.tr("Export rejected rows"),
            self.tr("The workbook {path} could not be written:\n{error}").format(path=path, error=error),
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class RejectsDialog(QDialog):
    """The rejected rows of one past import (from the history)."""

    def __init__(
        self, title: str, rejects: Sequence[Reject], file_stem: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rejectsDialog")
        self.setWindowTitle(title)
        self.view = RejectsView(self)
        self.view.set_rejects(rejects, file_stem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(900, 480)
