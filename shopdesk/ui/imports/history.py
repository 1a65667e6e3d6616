"""导入记录 — every import, newest first, with undo and the rejected rows.

The list and the rejected rows are read on the runner like every other query;
undo asks first, saying what it will remove and put back, and shows the
service's reason when it refuses (a later import changed the same orders).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.services.database import Database
from shopdesk.services.excel_io import batch_rejects
from shopdesk.services.imports.history import BatchInfo, UndoRefused, list_batches, undo_import
from shopdesk.services.imports.reading import Reject
from shopdesk.tasks.progress import Progress
from shopdesk.tasks.runner import Job, Task
from shopdesk.ui.imports.names import ImportNames, local_time
from shopdesk.ui.imports.rejects_view import RejectsDialog, TextTipModel
from shopdesk.ui.models.columnar import Column
from shopdesk.ui.widgets.tables import read_only_table


class ImportHistoryDialog(QDialog):
    loaded = Signal()
    undone = Signal(object)  # BatchInfo after the undo; the owner reloads what shows the data
    rejects_shown = Signal(object)  # RejectsDialog

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importHistoryDialog")
        self.database = database
        self.batches: list[BatchInfo] = []
        self.task: Task | None = None
        self.rejects_dialog: RejectsDialog | None = None
        self.names = ImportNames(self)
        self.model = TextTipModel(parent=self)
        self.table = read_only_table(self, self.model, "importHistory")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _i: self.show_rejects())
        self.status = QLabel(self)
        self.status.setObjectName("historyStatus")
        self.status.setWordWrap(True)
        self.undo_button = self._button("undoImport", self.undo_selected)
        self.rejects_button = self._button("showRejects", self.show_rejects)
        self.reload_button = self._button("reloadHistory", self.reload)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.undo_button, self.rejects_button, self.reload_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self.update_buttons())
        self.retranslate_ui()
        self.resize(1160, 560)
        self.reload()

    def _button(self, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.is_running

    # --- list -------------------------------------------------------------------------
    def reload(self) -> None:
        if self.busy:
            return
        database = self.database

        def job(progress: Progress) -> list[BatchInfo]:
            progress.step(0, 0)
            return list_batches(database)

        self._run(job, self.tr("Reading the import history…"), self._loaded)

    def _run(self, job: Job, title: str, on_finished: Callable[[Any], object]) -> None:
        task = Task(job, title=title, parent=self)
        task.finished.connect(on_finished)
        task.failed.connect(self._failed)
        task.done.connect(self.update_buttons)
        self.task = task.start()
        self.update_buttons()

    def _loaded(self, batches: list[BatchInfo]) -> None:
        selected = self.current_batch()
        self.batches = batches
        self.model.set_columns(self._columns())
        self.size_columns()
        row = next((i for i, b in enumerate(self._sorted()) if selected and b.id == selected.id), 0)
        if self.batches:
            self.table.selectRow(row)
        if not batches:
            self.status.setText(self.tr("Nothing has been imported into this database yet."))
        self.update_buttons()
        self.loaded.emit()

    def size_columns(self) -> None:
        """Columns as wide as their contents; the file name takes the room that is left."""
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        if self.model.columnCount() > 1:
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def _sorted(self) -> list[BatchInfo]:
        return [self.batches[self.model.source_row(r)] for r in range(self.model.rowCount())]

    def titles(self) -> list[str]:
        return [
            self.tr("Imported at"),
            self.tr("File"),
            self.tr("Platform"),
            self.tr("Shop"),
            self.tr("Kind"),
            self.tr("Added"),
            self.tr("Updated"),
            self.tr("Unchanged"),
            self.tr("Rejected"),
            self.tr("Undone at"),
        ]

    def _columns(self) -> list[Column]:
        b, t = self.batches, self.titles()

        def ints(attr: str) -> np.ndarray:
            return np.array([getattr(x, attr) or 0 for x in b], dtype=np.int64)

        def count(value: object) -> str:
            return f"{int(value):,}"

        return [
            Column(t[0], [local_time(x.started_at) for x in b], sort_key=np.array([x.id for x in b])),
            Column(t[1], [x.file_name for x in b]),
            Column(t[2], [self.names.platform(x.platform) for x in b]),
            Column(t[3], [x.shop or "" for x in b]),
            Column(t[4], [self.names.kind(x.kind) for x in b]),
            Column(t[5], ints("added"), count, numeric=True),
            Column(t[6], ints("updated"), count, numeric=True),
            Column(t[7], ints("unchanged"), count, numeric=True),
            Column(t[8], ints("rejected"), count, numeric=True),
            Column(t[9], [local_time(x.undone_at) if x.undone_at else "" for x in b]),
        ]

    def current_batch(self) -> BatchInfo | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.batches:
            return None
        return self.batches[self.model.source_row(index.row())]

    def select_batch(self, batch_id: int) -> None:
        for row, batch in enumerate(self._sorted()):
            if batch.id == batch_id:
                self.table.selectRow(row)

    def update_buttons(self) -> None:
        batch = self.current_batch()
        busy = self.busy
        self.undo_button.setEnabled(not busy and batch is not None and batch.undone_at is None)
        self.rejects_button.setEnabled(not busy and batch is not None and batch.rejected > 0)
        self.reload_button.setEnabled(not busy)

    # --- undo ---------------------------------------------------------------------------
    def undo_question(self, batch: BatchInfo) -> str:
        lines = [
            self.tr("Undo import #{batch} of {file} ({platform}, {shop}, {time})?").format(
                batch=batch.id,
                file=batch.file_name,
                platform=self.names.platform(batch.platform),
                shop=batch.shop or "—",
                time=local_time(batch.started_at),
            ),
            "",
            self.tr("• the {added} records it added are deleted").format(added=f"{batch.added:,}"),
            self.tr("• the {updated} records it updated get back the values they had before").format(
                updated=f"{batch.updated:,}"
            ),
        ]
        if batch.rejected:
            lines.append(
                self.tr("• its {rejected} rejected rows stay listed here").format(rejected=batch.rejected)
            )
        lines += ["", self.tr("Other imports are not touched.")]
        return "\n".join(lines)

    def undo_selected(self) -> None:
        batch = self.current_batch()
        if batch is None or batch.undone_at is not None or self.busy:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Undo import"),
            self.undo_question(batch),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        database, batch_id = self.database, batch.id

        def job(progress: Progress) -> BatchInfo:
            progress.step(0, 0)
            return undo_import(database, batch_id)

        self._run(job, self.tr("Undoing the import…"), self._undone)

    def _undone(self, batch: BatchInfo) -> None:
        self.status.setText(
            self.tr("Import #{batch} ({file}) was undone.").format(batch=batch.id, file=batch.file_name)
        )
        self.status.setStyleSheet("")
        self.undone.emit(batch)
        self.task = None
        self.reload()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UndoRefused):
            message, title = str(error), self.tr("This import cannot be undone")
        else:
            message, title = (
                self.tr("Something went wrong: {error}").format(error=error),
                self.tr("Import history"),
            )
        self.status.setText(message)
        self.status.setStyleSheet("color: #c92a2a;")
        QMessageBox.warning(self, title, message)

    # --- rejected rows ----------------------------------------------------------------
    def show_rejects(self) -> None:
        batch = self.current_batch()
        if batch is None or not batch.rejected or self.busy:
            return
        database, batch_id = self.database, batch.id

        def job(progress: Progress) -> list[Reject]:
            progress.step(0, 0)
            return batch_rejects(database, batch_id)

        self._run(
            job, self.tr("Reading the rejected rows…"), lambda rejects: self._open_rejects(batch, rejects)
        )

    def _open_rejects(self, batch: BatchInfo, rejects: list[Reject]) -> None:
        title = self.tr("Rejected rows of import #{batch} ({file})").format(
            batch=batch.id, file=batch.file_name
        )
        stem = batch.file_name.rsplit(".", 1)[0]
        dialog = RejectsDialog(title, rejects, stem, self)
        self.rejects_dialog = dialog
        dialog.open()
        self.rejects_shown.emit(dialog)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Import history"))
        self.undo_button.setText(self.tr("Undo import…"))
        self.rejects_button.setText(self.tr("Show rejected rows"))
        self.reload_button.setText(self.tr("Refresh"))
        if self.batches:
            self.model.set_columns(self._columns())
            self.size_columns()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
