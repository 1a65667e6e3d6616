"""The import dialog's file list: one row per file with its preview (or its refusal).

:class:`FileEntry` is the dialog's own record of a file — the choices the user
made for it (shop, ZIP password) and the last dry run or import result. The
table model shows a list of them; the dialog changes entries and calls
:meth:`FilesModel.refresh`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from shopdesk.services.imports import FileResult
from shopdesk.ui.imports.jobs import FileJob
from shopdesk.ui.imports.names import ImportNames

Index = QModelIndex | QPersistentModelIndex

PENDING, CHECKING, READY, REFUSED, FAILED, STOPPED, IMPORTING, IMPORTED = (
    "pending",
    "checking",
    "ready",
    "refused",
    "failed",
    "stopped",
    "importing",
    "imported",
)
RED, GREEN = QColor("#c92a2a"), QColor("#2b8a3e")
PASSWORD_CODES = ("zip_password", "zip_password_wrong")
FILE, PLATFORM, WHAT, SHOP, ADDED, UPDATED, UNCHANGED, REJECTED, STATE = range(9)
COUNT_COLUMNS = (ADDED, UPDATED, UNCHANGED, REJECTED)


@dataclass
class FileEntry:
    key: int
    path: Path
    shop: str | None = None
    password: str | None = field(default=None, repr=False)  # in memory while the dialog lives
    password_declined: bool = False
    state: str = PENDING
    result: FileResult | None = None
    shops: list[str] = field(default_factory=list)
    error: str | None = None
    checked: bool = True

    @property
    def code(self) -> str | None:
        return self.result.code if self.result is not None else None

    @property
    def importable(self) -> bool:
        return self.state == READY

    def job(self) -> FileJob:
        return FileJob(self.key, self.path, self.shop, self.password)


class FilesModel(QAbstractTableModel):
    def __init__(self, entries: list[FileEntry], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries = entries
        self.names = ImportNames(self)
        self._rows = len(entries)

    def refresh(self) -> None:
        """Show the entries' current state; the selection survives unless rows came or went."""
        if self._rows != len(self.entries):
            self.beginResetModel()
            self._rows = len(self.entries)
            self.endResetModel()
        elif self.entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.entries) - 1, STATE))

    def entry(self, row: int) -> FileEntry | None:
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def titles(self) -> list[str]:
        return [
            self.tr("File"),
            self.tr("Platform"),
            self.tr("What it is"),
            self.tr("Shop"),
            self.tr("To add"),
            self.tr("To update"),
            self.tr("Unchanged"),
            self.tr("Rejected"),
            self.tr("Status"),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else STATE + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.titles()[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        entry = self.entry(index.row())
        if index.column() == FILE and entry is not None and entry.importable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row())
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(entry, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == FILE and entry.importable:
            return Qt.CheckState.Checked if entry.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(entry.path) if column == FILE else self.text(entry, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE:
            if entry.state in (REFUSED, FAILED):
                return QBrush(RED)
            if entry.state == IMPORTED:
                return QBrush(GREEN)
        if role == Qt.ItemDataRole.ForegroundRole and column == REJECTED and self._rejected(entry):
            return QBrush(RED)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = column in COUNT_COLUMNS
            horizontal = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        entry = self.entry(index.row())
        if entry is None or role != Qt.ItemDataRole.CheckStateRole or index.column() != FILE:
            return False
        entry.checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [role])
        return True

    @staticmethod
    def _rejected(entry: FileEntry) -> int:
        return entry.result.rejected if entry.result is not None and entry.state in (READY, IMPORTED) else 0

    def text(self, entry: FileEntry, column: int) -> str:
        result = entry.result
        if column == FILE:
            return entry.path.name
        if column == STATE:
            return self.state_text(entry)
        if result is None:
            return ""
        if column == PLATFORM:
            return self.names.platform(result.platform) if result.platform else ""
        if column == WHAT:
            return result.label or ""
        if column == SHOP:
            return result.shop or entry.shop or ""
        if column in COUNT_COLUMNS and entry.state in (READY, IMPORTED, IMPORTING):
            value = (result.added, result.updated, result.unchanged, result.rejected)[column - ADDED]
            return f"{value:,}"
        return ""

    def state_text(self, entry: FileEntry) -> str:
        state, result = entry.state, entry.result
        if state == PENDING:
            return self.tr("Waiting to be checked")
        if state == CHECKING:
            return self.tr("Checking…")
        if state == STOPPED:
            return self.tr("Not checked (cancelled)")
        if state == IMPORTING:
            return self.tr("Importing…")
        if state == FAILED:
            return self.tr("Could not be read (see the log): {error}").format(error=entry.error)
        if state == IMPORTED and result is not None:
            return self.tr("Imported (import #{batch})").format(batch=result.batch_id)
        if state == REFUSED and result is not None:
            return self.refusal(entry)
        if result is not None and result.unknown_statuses:
            return self.tr("Ready — {count} unknown statuses").format(count=len(result.unknown_statuses))
        return self.tr("Ready to import")

    def refusal(self, entry: FileEntry) -> str:
        """Why the file cannot be imported, in the dialog's words where the service speaks CLI."""
        result = entry.result
        assert result is not None
        if result.code == "which_shop":
            return self.tr("Several {platform} shops exist: choose the shop this file is from").format(
                platform=self.names.platform(result.platform)
            )
        if result.code == "zip_password":
            return self.tr("The ZIP file is protected by a password: enter the password")
        if result.code == "zip_password_wrong":
            return self.tr("The password is wrong: enter it again")
        return result.message
