"""The main window's way into importing: 文件 → 导入…, 导入记录, 状态映射, dropped files.

It owns the (non-modal) import dialog, so files dropped on the main window while
the dialog is open join its list, remembers the last import folder in
``Settings.extra`` and tells the window when the data changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from shopdesk.services.database import Database
from shopdesk.settings import Settings
from shopdesk.ui.imports.category_dialog import CategoryMappingDialog
from shopdesk.ui.imports.dialog import ImportDialog
from shopdesk.ui.imports.history import ImportHistoryDialog
from shopdesk.ui.imports.jobs import ACCEPTED_SUFFIXES
from shopdesk.ui.imports.mapping_dialog import StatusMappingDialog
from shopdesk.ui.imports.test_orders_dialog import TestOrderRulesDialog

LAST_FOLDER_KEY = "last_import_folder"


class ImportController(QObject):
    data_changed = Signal()  # an import or an undo changed the database
    alerts_raised = Signal(list)  # AlertView raised by the alert rules after an import

    def __init__(self, window: QWidget, settings: Settings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.database: Database | None = None
        self.dialog: ImportDialog | None = None
        self.history: ImportHistoryDialog | None = None
        self.mappings: StatusMappingDialog | None = None

    def set_database(self, database: Database | None) -> None:
        """A different database: the open import windows belonged to the old one."""
        if database is self.database:
            return
        self.database = database
        for dialog in (self.dialog, self.history, self.mappings):
            if dialog is not None:
                dialog.close()
        self.dialog = self.history = self.mappings = None

    # --- files --------------------------------------------------------------------
    @property
    def last_folder(self) -> str:
        folder = self.settings.extra.get(LAST_FOLDER_KEY)
        return folder if isinstance(folder, str) and Path(folder).is_dir() else str(Path.home())

    def remember_folder(self, path: Path) -> None:
        self.settings.extra[LAST_FOLDER_KEY] = str(path.parent)
        self.settings.save()

    def choose_files(self) -> None:
        if not self._have_database():
            return
        patterns = " ".join(f"*{s}" for s in ACCEPTED_SUFFIXES)
        files, _filter = QFileDialog.getOpenFileNames(
            self.window,
            self.tr("Import platform exports"),
            self.last_folder,
            self.tr("Platform exports ({patterns});;All files (*)").format(patterns=patterns),
        )
        if files:
            self.open_files(files)

    def open_files(self, files: Iterable[Path | str]) -> ImportDialog | None:
        """Show the import dialog (the open one, if any) with ``files`` added and being checked."""
        paths = [Path(f) for f in files]
        if not paths or not self._have_database():
            return None
        self.remember_folder(paths[0])
        dialog = self.import_dialog()
        dialog.add_files(paths)
        return dialog

    def import_dialog(self) -> ImportDialog:
        assert self.database is not None
        if self.dialog is None:
            dialog = ImportDialog(self.database, self.window)
            dialog.imported.connect(self._imported)
            dialog.add_files_requested.connect(self.choose_files)
            self.dialog = dialog
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _imported(self, results: list) -> None:
        self.data_changed.emit()
        raised = [view for result in results for view in getattr(result, "alerts", [])]
        if raised:
            self.alerts_raised.emit(raised)

    # --- history and mappings -----------------------------------------------------
    def show_history(self) -> ImportHistoryDialog | None:
        if not self._have_database():
            return None
        assert self.database is not None
        if self.history is None:
            self.history = ImportHistoryDialog(self.database, self.window)
            self.history.undone.connect(lambda _batch: self.data_changed.emit())
        else:
            self.history.reload()
        self.history.show()
        self.history.raise_()
        return self.history

    def show_mappings(self) -> StatusMappingDialog | None:
        if not self._have_database():
            return None
        assert self.database is not None
        self.mappings = StatusMappingDialog(self.database, parent=self.window)
        self.mappings.open()
        return self.mappings

    def show_categories(self) -> CategoryMappingDialog | None:
        if not self._have_database():
            return None
        assert self.database is not None
        self.categories = CategoryMappingDialog(self.database, parent=self.window)
        self.categories.saved.connect(lambda _n: self.data_changed.emit())
        self.categories.open()
        return self.categories

    def show_test_order_rules(self) -> TestOrderRulesDialog | None:
        if not self._have_database():
            return None
        assert self.database is not None
        self.test_rules = TestOrderRulesDialog(self.database, parent=self.window)
        self.test_rules.open()
        return self.test_rules

    def _have_database(self) -> bool:
        if self.database is not None:
            return True
        QMessageBox.information(
            self.window, self.tr("Import"), self.tr("Open or create a database first, then import into it.")
        )
        return False
