"""The read-only, sortable table view every list in the app uses."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


def read_only_table(parent: QWidget, model: QAbstractItemModel, name: str) -> QTableView:
    """Rows selected whole, sorted by clicking a header (the model sorts itself,
    in numpy or SQL), starting unsorted; alternate row colours."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    return table
