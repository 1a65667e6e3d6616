"""A read-only table model that holds its data as columns (Orange style).

Each column is a list or numpy array plus how to show it. Sorting computes one
numpy ``argsort`` over the column's sort key and keeps the resulting index array;
rows are never copied or rebuilt, and there is no QSortFilterProxyModel (which
calls back into Python for every comparison and is far too slow for big grids).
``data()`` formats just the cells the view asks for, so 200,000 rows cost nothing
until they are scrolled into sight.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Formatter = Callable[[Any], str]
Index = QModelIndex | QPersistentModelIndex

ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass
class Column:
    """One column: its header, values, and optional display/sort helpers.

    ``sort_key`` lets a column show formatted text (e.g. yuan) while sorting by
    a numeric array (e.g. integer fen); ``None`` sorts the values themselves.
    """

    title: str
    values: Sequence[Any] | np.ndarray
    format: Formatter | None = None
    sort_key: np.ndarray | None = None
    numeric: bool = False

    def display(self, row: int) -> str:
        value = self.values[row]
        if self.format is not None:
            return self.format(value)
        return "" if value is None else str(value)


class ColumnarTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._columns: list[Column] = []
        self._order: np.ndarray = np.arange(0, dtype=np.intp)
        self._sorted: tuple[int, Qt.SortOrder] | None = None
        self.set_columns(columns)

    # --- data in -------------------------------------------------------------
    def set_columns(self, columns: Sequence[Column]) -> None:
        """Replace all data; every column must have the same length."""
        lengths = {len(c.values) for c in columns}
        if len(lengths) > 1:
            raise ValueError(f"columns differ in length: {sorted(lengths)}")
        self.beginResetModel()
        self._columns = list(columns)
        self._order = np.arange(lengths.pop() if lengths else 0, dtype=np.intp)
        if self._sorted is not None and self._sorted[0] < len(self._columns):
            self._order = self._sort_order(*self._sorted)
        self.endResetModel()

    def set_titles(self, titles: Sequence[str]) -> None:
        """New header texts (after a language switch) without touching the data."""
        for column, title in zip(self._columns, titles, strict=False):
            column.title = title
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    def source_row(self, row: int) -> int:
        """The row in the original column order for a visible (sorted) row."""
        return int(self._order[row])

    # --- Qt model interface ---------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(int(self._order[index.row()]))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN_RIGHT if column.numeric else ALIGN_LEFT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].title if 0 <= section < len(self._columns) else None
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        self.layoutAboutToBeChanged.emit()
        self._sorted = (column, order)
        old = self._order
        self._order = self._sort_order(column, order)
        self._move_persistent_indexes(old)
        self.layoutChanged.emit()

    def _move_persistent_indexes(self, old: np.ndarray) -> None:
        """Keep selections/current index on the same data row after a sort."""
        persistent = self.persistentIndexList()
        if not persistent:
            return
        new_row_of = np.empty_like(self._order)
        new_row_of[self._order] = np.arange(len(self._order), dtype=np.intp)
        moved = [self.index(int(new_row_of[old[i.row()]]), i.column()) for i in persistent]
        self.changePersistentIndexList(persistent, moved)

    def _sort_order(self, column: int, order: Qt.SortOrder) -> np.ndarray:
        col = self._columns[column]
        keys = col.sort_key if col.sort_key is not None else _sortable(col.values)
        indices = np.argsort(keys, kind="stable")
        if order == Qt.SortOrder.DescendingOrder:
            indices = indices[::-1]
        return np.ascontiguousarray(indices, dtype=np.intp)


def _sortable(values: Sequence[Any] | np.ndarray) -> np.ndarray:
    """An array numpy can argsort: numbers stay numbers, None sorts first as ''."""
    if isinstance(values, np.ndarray) and values.dtype != object:
        return values
    items = list(values)
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in items):
        return np.asarray(items)
    return np.asarray(["" if v is None else str(v) for v in items], dtype=str)
