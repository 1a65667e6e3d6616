"""导入记录: every import listed newest first; undo asks, removes the batch's orders, or says why not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from shopdesk.services.database import Database
from shopdesk.services.imports import import_file
from shopdesk.ui.imports.history import ImportHistoryDialog
from shopdesk.ui.translators import install_language
from tests.helpers.import_files import count, pdd_row, sample, write_pdd

TIMEOUT = 20_000


@pytest.fixture(autouse=True)
def chinese(qapp) -> Iterator[None]:
    install_language("zh_CN", qapp)
    yield
    install_language("zh_CN", qapp)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """QMessageBox.question answers Yes (or what the test puts first); warnings are recorded."""
    record: dict[str, list] = {"questions": [], "warnings": [], "reply": [QMessageBox.StandardButton.Yes]}

    def question(_parent, title, text, *_args):
        record["questions"].append((title, text))
        return record["reply"][0]

    def warning(_parent, title, text, *_args):
        record["warnings"].append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    return record


def open_history(qtbot, db: Database) -> ImportHistoryDialog:
    dialog = ImportHistoryDialog(db)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT):
        dialog.show()
    return dialog


def cells(dialog: ImportHistoryDialog, row: int) -> list[str]:
    model = dialog.model
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_history_lists_batches_newest_first(qtbot, db: Database, tmp_path: Path) -> None:
    first = import_file(db, write_pdd(tmp_path / "first.csv", pdd_row(1), pdd_row(2, total="x")))
    second = import_file(db, sample(tmp_path, "pdd_orders_export.csv"))
    dialog = open_history(qtbot, db)
    model = dialog.model
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert header == ["导入时间", "文件", "平台", "店铺", "类型", "新增", "更新", "未变", "被拒", "撤销时间"]
    assert cells(dialog, 0)[1:] == [
        "pdd_orders_export.csv",
        "拼多多",
        "拼多多店铺",
        "订单",
        "160",
        "0",
        "0",
        "0",
        "",
    ]
    assert cells(dialog, 1)[1:] == ["first.csv", "拼多多", "拼多多店铺", "订单", "1", "0", "0", "1", ""]
    assert [b.id for b in dialog.batches] == [second.batch_id, first.batch_id]
    assert dialog.current_batch().id == second.batch_id
    assert dialog.undo_button.isEnabled() and not dialog.rejects_button.isEnabled()


def test_undo_asks_then_removes_the_batch_orders(qtbot, db: Database, tmp_path: Path, answers) -> None:
    keep = import_file(db, write_pdd(tmp_path / "keep.csv", pdd_row(900)))
    batch = import_file(db, sample(tmp_path, "pdd_orders_export.csv"))
    assert count(db, "SELECT count(*) FROM orders") == 161
    dialog = open_history(qtbot, db)
    answers["reply"][0] = QMessageBox.StandardButton.No
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert count(db, "SELECT count(*) FROM orders") == 161  # said no: nothing happened
    title, text = answers["questions"][0]
    assert title == "撤销导入"
    assert f"撤销导入 #{batch.batch_id}：pdd_orders_export.csv（拼多多，拼多多店铺" in text
    assert "删除此次新增的 160 条记录" in text and "恢复为导入前的值" in text
    answers["reply"][0] = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(dialog.undone, timeout=TIMEOUT), qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert count(db, "SELECT count(*) FROM orders") == 1
    assert count(db, "SELECT count(*) FROM orders WHERE batch_id = :b", b=keep.batch_id) == 1
    assert cells(dialog, 0)[9] != ""  # 撤销时间 filled
    assert dialog.status.text() == f"导入 #{batch.batch_id}（pdd_orders_export.csv）已撤销。"
    assert not dialog.undo_button.isEnabled()  # already undone


def test_undo_refused_is_explained(qtbot, db: Database, tmp_path: Path, answers) -> None:
    older = import_file(db, write_pdd(tmp_path / "old.csv", pdd_row(1)))
    import_file(db, write_pdd(tmp_path / "new.csv", pdd_row(1, "已签收")))  # updates the same order
    dialog = open_history(qtbot, db)
    dialog.select_batch(older.batch_id)
    assert dialog.current_batch().id == older.batch_id
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(answers["warnings"]), timeout=TIMEOUT)
    title, text = answers["warnings"][0]
    assert title == "无法撤销此次导入"
    assert f"#{older.batch_id}" in text
    assert dialog.status.text() == text and "c92a2a" in dialog.status.styleSheet()
    assert count(db, "SELECT count(*) FROM orders") == 1


def test_rejected_rows_of_a_batch_are_shown_and_exported(
    qtbot, db: Database, tmp_path: Path, monkeypatch
) -> None:
    batch = import_file(
        db, write_pdd(tmp_path / "pdd.csv", pdd_row(1), pdd_row(2, title="=SUM(A1)", total="abc"))
    )
    dialog = open_history(qtbot, db)
    assert dialog.rejects_button.isEnabled()
    with qtbot.waitSignal(dialog.rejects_shown, timeout=TIMEOUT) as shown:
        qtbot.mouseClick(dialog.rejects_button, Qt.MouseButton.LeftButton)
    rejects_dialog = shown.args[0]
    qtbot.addWidget(rejects_dialog)
    assert rejects_dialog.windowTitle() == f"导入 #{batch.batch_id}（pdd.csv）的被拒行"
    view = rejects_dialog.view
    assert view.model.index(0, 0).data() == "3" and view.model.index(0, 2).data() == "=SUM(A1)"
    target = tmp_path / "rejects.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(target), "")))
    with qtbot.waitSignal(view.exported, timeout=TIMEOUT):
        view.export_button.click()
    sheet = load_workbook(target).active
    assert sheet["C2"].value == "=SUM(A1)" and sheet["C2"].data_type == "s"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_empty_history_says_so(qtbot, db: Database) -> None:
    dialog = open_history(qtbot, db)
    assert dialog.model.rowCount() == 0
    assert dialog.status.text() == "这个数据库还没有导入过任何文件。"
    assert not dialog.undo_button.isEnabled()


def test_every_kind_of_file_has_a_name_of_its_own(qapp) -> None:
    """The history's 类型 column names each kind of export in words, never by its
    code (生意参谋's and 京东商智's shop reports once showed "traffic_shop")."""
    from shopdesk.importers.spec import Kind
    from shopdesk.ui.imports.names import ImportNames

    names = ImportNames()
    chinese = {kind: names.kind(kind) for kind in Kind}
    assert chinese[Kind.TRAFFIC_SHOP] == "店铺流量" and chinese[Kind.ORDER_ITEMS] == "订单明细"
    assert all(name != kind.value and not name.isascii() for kind, name in chinese.items())
    assert len(set(chinese.values())) == len(Kind)
    install_language("en", qapp)
    english = {kind: names.kind(kind) for kind in Kind}
    assert english[Kind.TRAFFIC_ITEM] == "Product traffic"
    assert all(name != kind.value for kind, name in english.items())
