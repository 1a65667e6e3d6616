"""The columnar table model: numpy sorting, and the PySide6 6.12 'none_dealloc' regression."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from shopdesk.ui.models.columnar import Column, ColumnarTableModel


def test_sorts_by_sort_key_and_keeps_display_text(qtbot) -> None:
    model = ColumnarTableModel(
        [
            Column("name", ["b", "a", "c"]),
            Column(
                "money",
                [3, 1, 2],
                lambda fen: f"¥{fen / 100:.2f}",
                sort_key=np.array([300, 100, 200]),
                numeric=True,
            ),
        ]
    )
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, 0).data() for r in range(3)] == ["b", "c", "a"]
    assert model.index(0, 1).data() == "¥0.03"
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) is not None
    model.sort(0)
    assert [model.index(r, 0).data() for r in range(3)] == ["a", "b", "c"]
    assert model.source_row(0) == 1


def test_columns_must_have_the_same_length() -> None:
    import pytest

    with pytest.raises(ValueError):
        ColumnarTableModel([Column("a", [1, 2]), Column("b", [1])])


def test_selection_follows_its_row_when_sorting(qtbot) -> None:
    model = ColumnarTableModel([Column("n", np.array([5, 1, 3]))])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectRow(0)  # the row showing 5
    model.sort(0)
    selected = view.selectionModel().selectedRows()
    assert [model.index(i.row(), 0).data() for i in selected] == ["5"]


def test_200k_rows_scroll_without_crashing(qtbot) -> None:
    """PySide6 6.12 on Python 3.11 aborted with 'none_dealloc' after many data() calls
    returning None; this drives a big grid hard enough to hit that."""
    n = 200_000
    rng = np.random.default_rng(7)
    model = ColumnarTableModel(
        [
            Column("id", np.arange(n)),
            Column("fen", rng.integers(0, 1_000_000, n), lambda v: f"{v / 100:.2f}", numeric=True),
            Column("name", [f"商品{i}" for i in range(n)]),
        ]
    )
    view = QTableView()
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.setModel(model)
    view.show()
    model.sort(1, Qt.SortOrder.DescendingOrder)
    roles = (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.BackgroundRole,
    )
    calls = 0
    for step, row in enumerate(range(0, n, 4_000)):
        view.scrollTo(model.index(row, step % 3), QAbstractItemView.ScrollHint.PositionAtTop)
        qtbot.wait(1)
        for r in range(row, min(row + 200, n)):
            for role in roles:
                model.data(model.index(r, r % 3), role)
                calls += 1
            model.headerData(r, Qt.Orientation.Vertical)
            model.headerData(r % 3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            calls += 2
    assert calls >= 50_000
    view.scrollToBottom()
    qtbot.wait(5)
    last = model.index(n - 1, 1).data()
    assert float(last) <= float(model.index(0, 1).data())
