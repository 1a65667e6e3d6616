"""导入 — preview every file with a dry run, then import the ones the user confirms.

Each added file is imported in a rolled-back transaction first (the service's
``dry_run``), on the task runner, so the list shows the exact counts the real
import will give, the rejected rows and the statuses nobody mapped yet — before
anything is written. A ZIP password or the choice of shop is asked for right
here, and the dry run repeats with the answer. 确认导入 runs the real imports
the same way; a cancel rolls back the file being written and says which files
made it.

This module is the dialog itself: the file list, its buttons, the summary line
and the questions it asks. The selected file's panel is
:mod:`shopdesk.ui.imports.detail`; running the dry runs and imports is
:mod:`shopdesk.ui.imports.runs`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopdesk.services.database import Database
from shopdesk.ui.imports import files_model as fm
from shopdesk.ui.imports.detail import FileDetail
from shopdesk.ui.imports.drops import AcceptsFileDrops
from shopdesk.ui.imports.files_model import FileEntry, FilesModel
from shopdesk.ui.imports.jobs import RunOutcome, accepted
from shopdesk.ui.imports.mapping_dialog import StatusMappingDialog
from shopdesk.ui.imports.names import ImportNames
from shopdesk.ui.imports.runs import FileRuns

log = logging.getLogger(__name__)


class ImportDialog(AcceptsFileDrops, QDialog):
    imported = Signal(object)  # list[FileResult] of the files written to the database
    preview_finished = Signal()  # a round of dry runs is shown (tests and screenshots wait on it)
    import_finished = Signal(object)  # RunOutcome
    add_files_requested = Signal()  # 添加文件…: the owner asks with its remembered folder

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.database = database
        self.entries: list[FileEntry] = []
        self.mapping_dialog: StatusMappingDialog | None = None
        self._next_key = 0
        self.names = ImportNames(self)
        self.setAcceptDrops(True)
        self.model = FilesModel(self.entries, self)
        self.model.dataChanged.connect(lambda *_args: self.update_state())  # a file (un)ticked
        self.runs = FileRuns(database, self.entries, self)
        self.runs.applied.connect(self._applied)
        self.runs.checked.connect(self._checked)
        self.runs.imported.connect(self._imported)
        self.runs.failed.connect(self._run_failed)
        self._build()
        self.retranslate_ui()
        self.resize(1180, 740)

    # --- layout ---------------------------------------------------------------
    def _build(self) -> None:
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setObjectName("importFiles")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self.show_detail())
        self.add_button = self._button("addFiles", self.add_files_requested.emit)
        self.remove_button = self._button("removeFile", self.remove_current)
        self.recheck_button = self._button("recheckFiles", self.recheck)
        file_buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.recheck_button):
            file_buttons.addWidget(button)
        file_buttons.addStretch(1)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(file_buttons)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 300])
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.buttons = QDialogButtonBox(self)
        self.confirm_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm_button.setObjectName("confirmImport")
        self.confirm_button.setDefault(True)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.confirm)
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    def _build_detail(self) -> QWidget:
        self.detail = FileDetail(self.model, self.names, self)
        self.detail.shop_chosen.connect(self.use_chosen_shop)
        self.detail.password_requested.connect(self.ask_current_password)
        self.detail.mapping_requested.connect(self.open_mappings)
        # the panel's widgets, under the names they had when they were the dialog's
        self.detail_title = self.detail.detail_title
        self.detail_message = self.detail.detail_message
        self.shop_label, self.shop_combo = self.detail.shop_label, self.detail.shop_combo
        self.shop_button, self.password_button = self.detail.shop_button, self.detail.password_button
        self.unknown_label, self.mapping_button = self.detail.unknown_label, self.detail.mapping_button
        self.rejects = self.detail.rejects
        return self.detail

    def _button(self, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setAutoDefault(False)  # Enter is 确认导入
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # --- files in -----------------------------------------------------------------
    def add_files(self, paths: Iterable[Path | str]) -> int:
        """List new files (duplicates and unknown extensions are skipped) and check them."""
        known = {e.path.resolve() for e in self.entries}
        added = 0
        for raw in paths:
            path = Path(raw)
            if not accepted(path) or path.resolve() in known:
                continue
            known.add(path.resolve())
            self.entries.append(FileEntry(self._next_key, path))
            self._next_key += 1
            added += 1
        if added:
            self.model.refresh()
            self.select_row(len(self.entries) - added)
            self.start_checking()
        return added

    def remove_current(self) -> None:
        entry = self.current_entry()
        if entry is None or entry.state in (fm.CHECKING, fm.IMPORTING):
            return
        row = self.entries.index(entry)
        del self.entries[row]
        self.model.refresh()
        self.select_row(min(row, len(self.entries) - 1))
        self.update_state()

    def files_dropped(self, files: list[Path]) -> None:
        self.add_files(files)

    # --- dry runs -----------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.runs.busy

    def start_checking(self) -> None:
        """Dry-run every file waiting for it (one task for all; more wait for the next round)."""
        if self.runs.check_pending():
            self.update_state()

    def _applied(self) -> None:
        self.model.refresh()
        self.size_columns()
        self.show_detail()
        self.update_state()

    def _checked(self) -> None:
        self.preview_finished.emit()
        if any(e.state == fm.PENDING for e in self.entries):
            self.start_checking()
            return
        for entry in self.entries:
            if entry.code in fm.PASSWORD_CODES and not entry.password_declined and self.isVisible():
                self.ask_password(entry)
                break

    def _run_failed(self, error: BaseException) -> None:
        """The job itself broke (not one file): show it; its files are re-checkable."""
        self.model.refresh()
        self.show_detail()
        self.update_state()
        QMessageBox.critical(self, self.tr("Import"), str(error))

    def recheck(self) -> None:
        """Dry-run again every file not imported yet (after a mapping change, a fixed file…)."""
        if self.busy:
            return
        for entry in self.entries:
            if entry.state not in (fm.IMPORTED, fm.IMPORTING):
                entry.state = fm.PENDING
        self.model.refresh()
        self.start_checking()

    # --- answers the dry run asked for ------------------------------------------------
    def ask_password(self, entry: FileEntry) -> None:
        if entry.code == "zip_password_wrong":
            prompt = self.tr("The password for {name} is wrong. Password:")
        else:
            prompt = self.tr("{name} is protected by a password (JD sends it by SMS). Password:")
        password, ok = QInputDialog.getText(
            self, self.tr("ZIP password"), prompt.format(name=entry.path.name), QLineEdit.EchoMode.Password
        )
        if not ok or not password:
            entry.password_declined = True
            return
        entry.password, entry.password_declined, entry.state = password, False, fm.PENDING
        self.model.refresh()
        self.start_checking()

    def ask_current_password(self) -> None:
        entry = self.current_entry()
        if entry is not None and not self.busy:
            self.ask_password(entry)

    def use_chosen_shop(self) -> None:
        entry = self.current_entry()
        shop = self.shop_combo.currentText()
        if entry is None or not shop or self.busy:
            return
        entry.shop, entry.state = shop, fm.PENDING
        self.model.refresh()
        self.start_checking()

    def open_mappings(self) -> None:
        entry = self.current_entry()
        if entry is None or entry.result is None or not entry.result.platform:
            return
        dialog = StatusMappingDialog(
            self.database, entry.result.platform, list(entry.result.unknown_statuses), self
        )
        dialog.saved.connect(self.recheck)
        self.mapping_dialog = dialog
        dialog.open()

    # --- import -------------------------------------------------------------------
    def importable(self) -> list[FileEntry]:
        return [e for e in self.entries if e.importable and e.checked]

    def confirm(self) -> None:
        targets = self.importable()
        if self.busy or not targets:
            return
        self.runs.import_files(targets)
        self.model.refresh()
        self.update_state()

    def _imported(self, outcome: RunOutcome, targets: list[FileEntry]) -> None:
        results = [d.result for d in outcome.done if d.result is not None and d.result.status == "loaded"]
        if results:
            self.imported.emit(results)
        self.import_finished.emit(outcome)
        self.show_summary(outcome, targets)

    def show_summary(self, outcome: RunOutcome, targets: list[FileEntry]) -> None:
        text, complete = self.runs.summary_text(outcome, targets)
        title = self.tr("Import finished") if complete else self.tr("Import incomplete")
        if complete:
            QMessageBox.information(self, title, text)
        else:
            QMessageBox.warning(self, title, text)

    # --- showing ----------------------------------------------------------------------
    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.show_detail()

    def current_entry(self) -> FileEntry | None:
        index = self.table.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def show_detail(self) -> None:
        self.detail.show_entry(self.current_entry())

    def update_state(self) -> None:
        ready = self.importable()
        busy = self.busy
        self.confirm_button.setEnabled(bool(ready) and not busy)
        self.confirm_button.setText(
            self.tr("Import {count} files").format(count=len(ready)) if ready else self.tr("Import")
        )
        self.recheck_button.setEnabled(not busy and any(e.state != fm.IMPORTED for e in self.entries))
        self.remove_button.setEnabled(not busy and bool(self.entries))
        totals = [
            sum(getattr(e.result, k) for e in ready if e.result) for k in ("added", "updated", "rejected")
        ]
        refused = sum(1 for e in self.entries if e.state in (fm.REFUSED, fm.FAILED))
        if busy:
            text = self.tr("Working…")
        elif ready:
            text = self.tr(
                "{files} files ready: {added} to add, {updated} to update, {rejected} rejected"
            ).format(files=len(ready), added=totals[0], updated=totals[1], rejected=totals[2])
        else:
            text = ""
        if refused and not busy:
            text = (text + " · " if text else "") + self.tr("{count} files cannot be imported").format(
                count=refused
            )
        self.summary.setText(text)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Import files"))
        self.intro.setText(
            self.tr(
                "Each file is first checked by importing it without saving anything, so the counts below are "
                "exactly what importing will do. Files in red cannot be imported; the others are imported "
                "when you confirm. You can drop more files here."
            )
        )
        self.add_button.setText(self.tr("Add files…"))
        self.remove_button.setText(self.tr("Remove"))
        self.recheck_button.setText(self.tr("Check again"))
        self.detail.retranslate_ui()
        self.close_button.setText(self.tr("Close"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, fm.STATE)
        self.model.refresh()
        self.show_detail()
        self.update_state()

    def size_columns(self) -> None:
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        widths = {fm.FILE: 300, fm.WHAT: 260, fm.SHOP: 160}
        for column, limit in widths.items():
            header.resizeSection(column, min(header.sectionSize(column), limit))
        for column in fm.COUNT_COLUMNS:
            header.resizeSection(column, max(header.sectionSize(column), 64))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def reject(self) -> None:
        self.runs.cancel()  # a cancelled import rolls back the file being written
        super().reject()
