"""导入 — preview every file with a dry run, then import the ones the user confirms.

Each added file is imported in a rolled-back transaction first (the service's
``dry_run``), on the task runner, so the list shows the exact counts the real
import will give, the rejected rows and the statuses nobody mapped yet — before
anything is written. A ZIP password or the choice of shop is asked for right
here, and the dry run repeats with the answer. 确认导入 runs the real imports
the same way; a cancel rolls back the file being written and says which files
made it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from shopdesk.tasks.runner import Task
from shopdesk.ui.imports import files_model as fm
from shopdesk.ui.imports.drops import AcceptsFileDrops
from shopdesk.ui.imports.files_model import FileEntry, FilesModel
from shopdesk.ui.imports.jobs import RunOutcome, accepted, run_files
from shopdesk.ui.imports.mapping_dialog import StatusMappingDialog
from shopdesk.ui.imports.names import ImportNames
from shopdesk.ui.imports.rejects_view import RejectsView

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
        self.task: Task | None = None
        self.mapping_dialog: StatusMappingDialog | None = None
        self._next_key = 0
        self.names = ImportNames(self)
        self.setAcceptDrops(True)
        self.model = FilesModel(self.entries, self)
        self.model.dataChanged.connect(lambda *_args: self.update_state())  # a file (un)ticked
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
        detail = QWidget(self)
        self.detail_title = QLabel(detail)
        font = QFont(self.detail_title.font())
        font.setBold(True)
        self.detail_title.setFont(font)
        self.detail_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_message = QLabel(detail)
        self.detail_message.setObjectName("detailMessage")
        self.detail_message.setWordWrap(True)
        self.detail_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shop_label = QLabel(detail)
        self.shop_combo = QComboBox(detail)
        self.shop_combo.setObjectName("shopChoice")
        self.shop_combo.setMinimumWidth(220)
        self.shop_button = self._button("useShop", self.use_chosen_shop)
        self.password_button = self._button("enterPassword", self.ask_current_password)
        self.unknown_label = QLabel(detail)
        self.unknown_label.setObjectName("unknownStatuses")
        self.unknown_label.setWordWrap(True)
        self.mapping_button = self._button("openStatusMapping", self.open_mappings)
        actions = QHBoxLayout()
        for widget in (self.shop_label, self.shop_combo, self.shop_button, self.password_button):
            actions.addWidget(widget)
        actions.addWidget(self.unknown_label, 1)
        actions.addWidget(self.mapping_button)
        self.rejects = RejectsView(detail)
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.detail_title)
        layout.addWidget(self.detail_message)
        layout.addLayout(actions)
        layout.addWidget(self.rejects, 1)
        return detail

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
        return self.task is not None and self.task.is_running

    def start_checking(self) -> None:
        """Dry-run every file waiting for it (one task for all; more wait for the next round)."""
        if self.busy:
            return
        waiting = [e for e in self.entries if e.state == fm.PENDING]
        if not waiting:
            return
        for entry in waiting:
            entry.state = fm.CHECKING
        jobs = [e.job() for e in waiting]
        database = self.database
        task = Task(
            lambda progress: run_files(database, jobs, progress, dry_run=True),
            title=self.tr("Checking the files…"),
            parent=self,
        )
        task.finished.connect(self._checked)
        task.failed.connect(lambda error: self._task_failed(error, fm.CHECKING))
        self.task = task.start()
        self.update_state()

    def _checked(self, outcome: RunOutcome) -> None:
        self.task = None
        self._apply(outcome, stopped_state=fm.STOPPED)
        self.preview_finished.emit()
        if any(e.state == fm.PENDING for e in self.entries):
            self.start_checking()
            return
        for entry in self.entries:
            if entry.code in fm.PASSWORD_CODES and not entry.password_declined and self.isVisible():
                self.ask_password(entry)
                break

    def _apply(self, outcome: RunOutcome, *, stopped_state: str, imported: bool = False) -> None:
        by_key = {e.key: e for e in self.entries}
        for done in outcome.done:
            entry = by_key.get(done.key)
            if entry is None:
                continue  # removed meanwhile
            entry.result, entry.shops, entry.error = done.result, done.shops, done.error
            if done.error is not None or done.result is None:
                entry.state = fm.FAILED
            elif done.result.status == "refused":
                entry.state = fm.REFUSED
            else:
                entry.state = fm.IMPORTED if imported else fm.READY
        for key in (
            [outcome.cancelled_key] if outcome.cancelled_key is not None else []
        ) + outcome.not_started:
            if key in by_key:
                by_key[key].state = stopped_state
        self.model.refresh()
        self.size_columns()
        self.show_detail()
        self.update_state()

    def _task_failed(self, error: BaseException, state: str) -> None:
        """The job itself broke (not one file): show it and leave the files re-checkable."""
        self.task = None
        for entry in self.entries:
            if entry.state == state:
                entry.state, entry.error = fm.FAILED, str(error)
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
        # order files before item files, so a Taobao item file finds its orders
        targets.sort(key=lambda e: e.result is not None and e.result.kind != "orders")
        for entry in targets:
            entry.state = fm.IMPORTING
        jobs = [e.job() for e in targets]
        database = self.database
        task = Task(
            lambda progress: run_files(database, jobs, progress, dry_run=False),
            title=self.tr("Importing…"),
            parent=self,
        )
        task.finished.connect(lambda outcome: self._imported(outcome, targets))
        task.failed.connect(lambda error: self._task_failed(error, fm.IMPORTING))
        self.task = task.start()
        self.model.refresh()
        self.update_state()

    def _imported(self, outcome: RunOutcome, targets: list[FileEntry]) -> None:
        self.task = None
        self._apply(outcome, stopped_state=fm.READY, imported=True)
        results = [d.result for d in outcome.done if d.result is not None and d.result.status == "loaded"]
        if results:
            self.imported.emit(results)
        self.import_finished.emit(outcome)
        self.show_summary(outcome, targets)

    def summary_text(self, outcome: RunOutcome, targets: list[FileEntry]) -> tuple[str, bool]:
        """(the text, whether every file made it)."""
        names = {e.key: e.path.name for e in targets}
        lines, complete = [], True
        for done in outcome.done:
            result = done.result
            if result is not None and result.status == "loaded":
                lines.append(
                    self.tr(
                        "✓ {name}: {added} added, {updated} updated, {unchanged} unchanged, "
                        "{rejected} rejected"
                    ).format(
                        name=names[done.key],
                        added=result.added,
                        updated=result.updated,
                        unchanged=result.unchanged,
                        rejected=result.rejected,
                    )
                )
            else:
                complete = False
                reason = done.error if result is None else result.message
                lines.append(
                    self.tr("✗ {name}: not imported — {reason}").format(name=names[done.key], reason=reason)
                )
        if outcome.cancelled_key is not None:
            complete = False
            lines.append(
                self.tr("✗ {name}: not imported — cancelled, nothing of it was written").format(
                    name=names[outcome.cancelled_key]
                )
            )
        for key in outcome.not_started:
            complete = False
            lines.append(
                self.tr("✗ {name}: not imported — cancelled before it started").format(name=names[key])
            )
        return "\n".join(lines), complete

    def show_summary(self, outcome: RunOutcome, targets: list[FileEntry]) -> None:
        text, complete = self.summary_text(outcome, targets)
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
        entry = self.current_entry()
        result = entry.result if entry is not None else None
        self.detail_title.setText(str(entry.path) if entry is not None else self.tr("No file selected"))
        message, error = self._detail_message(entry)
        self.detail_message.setText(message)
        self.detail_message.setStyleSheet("color: #c92a2a;" if error else "")
        which_shop = entry is not None and entry.code == "which_shop" and entry.state == fm.REFUSED
        self.shop_combo.clear()
        if which_shop and entry is not None:
            self.shop_combo.addItems(entry.shops)
        for widget in (self.shop_label, self.shop_combo, self.shop_button):
            widget.setVisible(which_shop)
        self.password_button.setVisible(entry is not None and entry.code in fm.PASSWORD_CODES)
        unknown = result.unknown_statuses if result is not None and entry.state != fm.REFUSED else {}
        listed = "、".join(f"{k}（{v}）" for k, v in unknown.items())
        self.unknown_label.setText(
            self.tr("Unknown statuses: {statuses}").format(statuses=listed) if unknown else ""
        )
        self.unknown_label.setVisible(bool(unknown))
        self.mapping_button.setVisible(bool(unknown))
        show_rejects = result is not None and entry.state in (fm.READY, fm.IMPORTED)
        self.rejects.default_dir = entry.path.parent if entry is not None else None
        self.rejects.set_rejects(result.rejects if show_rejects and result else [], _stem(entry))

    def _detail_message(self, entry: FileEntry | None) -> tuple[str, bool]:
        if entry is None:
            return self.tr("Add files with the button below or drop them here."), False
        result = entry.result
        if entry.state == fm.REFUSED and result is not None:
            refusal = self.model.refusal(entry)
            if refusal != result.message:
                refusal = f"{refusal}\n{result.message}"
            return self.tr("Cannot be imported: {reason}").format(reason=refusal), True
        if entry.state == fm.FAILED:
            return self.tr("Error: {error}").format(error=entry.error), True
        if result is None or entry.state not in (fm.READY, fm.IMPORTED):
            return self.model.state_text(entry), False
        shop = result.shop or ""
        what = f"{result.label} · {self.names.platform(result.platform)} · {shop}"
        if entry.state == fm.IMPORTED:
            intro = self.tr("Imported as import #{batch}.").format(batch=result.batch_id)
        else:
            intro = self.tr("Checked without writing anything; importing will give exactly these counts.")
        notes = "\n".join(result.notes)
        return "\n".join(part for part in (what, intro, notes) if part), False

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
        self.shop_label.setText(self.tr("This file is from the shop:"))
        self.shop_button.setText(self.tr("Use this shop"))
        self.password_button.setText(self.tr("Enter password…"))
        self.mapping_button.setText(self.tr("Set status mapping…"))
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
        if self.busy and self.task is not None:
            self.task.cancel()  # a cancelled import rolls back the file being written
        super().reject()


def _stem(entry: FileEntry | None) -> str:
    return entry.path.stem if entry is not None else "rejects"
