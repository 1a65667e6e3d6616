"""导入: files are checked by a dry run, shown with their counts, then imported on confirm."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from shopdesk.db.models import Shop
from shopdesk.services.database import Database
from shopdesk.ui.imports import files_model as fm
from shopdesk.ui.imports.dialog import ImportDialog
from shopdesk.ui.translators import install_language
from tests.helpers.import_files import count, pdd_row, sample, write_pdd, zip_with_password

TIMEOUT = 20_000


@pytest.fixture(autouse=True)
def chinese(qapp) -> Iterator[None]:
    install_language("zh_CN", qapp)
    yield
    install_language("zh_CN", qapp)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """Every QMessageBox static call, recorded instead of shown."""
    shown: list[tuple[str, str, str]] = []
    for kind in ("information", "warning", "critical"):

        def record(_parent, title, text, *_args, kind=kind):
            shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        monkeypatch.setattr(QMessageBox, kind, staticmethod(record))
    return shown


@pytest.fixture
def dialog(qtbot, db: Database) -> ImportDialog:
    d = ImportDialog(db)
    qtbot.addWidget(d)
    d.show()
    return d


def check(qtbot, dialog: ImportDialog, files: list[Path]) -> None:
    with qtbot.waitSignal(dialog.preview_finished, timeout=TIMEOUT):
        dialog.add_files(files)


def row_texts(dialog: ImportDialog, row: int) -> list[str]:
    model = dialog.model
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_preview_shows_exact_counts_and_writes_nothing(qtbot, dialog: ImportDialog, db, tmp_path) -> None:
    small = write_pdd(
        tmp_path / "拼多多_订单.csv",
        pdd_row(1),
        pdd_row(2, "已签收"),
        pdd_row(3, total="abc"),
    )
    check(qtbot, dialog, [small, sample(tmp_path, "pdd_orders_export.csv")])
    header = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)]
    assert header == ["文件", "平台", "文件内容", "店铺", "新增", "更新", "未变", "被拒", "状态"]
    assert row_texts(dialog, 0) == [
        "拼多多_订单.csv",
        "拼多多",
        "拼多多 订单导出",
        "拼多多店铺",
        "2",
        "0",
        "0",
        "1",
        "可导入",
    ]
    assert row_texts(dialog, 1)[4] == "160"
    assert count(db, "SELECT count(*) FROM orders") == 0
    assert count(db, "SELECT count(*) FROM import_batch") == 0  # the dry run was rolled back
    assert dialog.summary.text().startswith("2 个文件可导入：新增 162")
    assert dialog.confirm_button.text() == "确认导入（2 个文件）"
    assert dialog.confirm_button.isDefault()


def test_confirm_imports_into_the_database(qtbot, dialog: ImportDialog, db, tmp_path, messages) -> None:
    path = sample(tmp_path, "pdd_orders_export.csv")
    check(qtbot, dialog, [path])
    with qtbot.waitSignal(dialog.imported, timeout=TIMEOUT) as imported:
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter confirms
    (result,) = imported.args[0]
    assert result.added == 160 and result.batch_id is not None
    assert count(db, "SELECT count(*) FROM orders WHERE platform = 'pdd'") == 160
    assert dialog.entries[0].state == fm.IMPORTED
    assert row_texts(dialog, 0)[8] == f"已导入（导入记录 #{result.batch_id}）"
    assert not dialog.confirm_button.isEnabled()
    kind, title, text = messages[-1]
    assert (kind, title) == ("information", "导入完成")
    assert "✓ pdd_orders_export.csv：新增 160，更新 0，未变 0，被拒 0" in text
    # the same file again: nothing twice
    dialog.recheck()
    qtbot.waitUntil(lambda: dialog.entries[0].state == fm.IMPORTED, timeout=TIMEOUT)


def test_reimport_of_the_same_export_previews_as_unchanged(qtbot, db, tmp_path, messages) -> None:
    path = sample(tmp_path, "pdd_orders_export.csv")
    first = ImportDialog(db)
    qtbot.addWidget(first)
    check(qtbot, first, [path])
    with qtbot.waitSignal(first.import_finished, timeout=TIMEOUT):
        first.confirm_button.click()
    second = ImportDialog(db)
    qtbot.addWidget(second)
    check(qtbot, second, [path])
    assert row_texts(second, 0)[4:8] == ["0", "0", "160", "0"]


def test_a_refused_file_is_red_and_not_imported(qtbot, dialog: ImportDialog, db, tmp_path, messages) -> None:
    bad = tmp_path / "随便一个表.csv"
    bad.write_text("名字,电话\n张三,123\n", encoding="utf-8")
    good = write_pdd(tmp_path / "pdd.csv", pdd_row(1))
    check(qtbot, dialog, [bad, good])
    entry = dialog.entries[0]
    assert entry.state == fm.REFUSED
    status = dialog.model.index(0, fm.STATE)
    assert status.data(Qt.ItemDataRole.ForegroundRole).color() == fm.RED
    assert status.data(Qt.ItemDataRole.CheckStateRole) is None  # cannot be ticked
    dialog.select_row(0)
    assert dialog.detail_message.text().startswith("无法导入：")
    assert "c92a2a" in dialog.detail_message.styleSheet()
    assert "1 个文件无法导入" in dialog.summary.text()
    with qtbot.waitSignal(dialog.import_finished, timeout=TIMEOUT) as finished:
        dialog.confirm_button.click()
    assert [d.key for d in finished.args[0].done] == [dialog.entries[1].key]
    assert count(db, "SELECT count(*) FROM import_batch") == 1
    assert count(db, "SELECT count(*) FROM orders") == 1
    assert entry.state == fm.REFUSED


def test_unticked_files_are_left_out(qtbot, dialog: ImportDialog, db, tmp_path, messages) -> None:
    a = write_pdd(tmp_path / "a.csv", pdd_row(1))
    b = write_pdd(tmp_path / "b.csv", pdd_row(2))
    check(qtbot, dialog, [a, b])
    dialog.model.setData(
        dialog.model.index(1, fm.FILE), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert dialog.confirm_button.text() == "确认导入（1 个文件）"
    with qtbot.waitSignal(dialog.import_finished, timeout=TIMEOUT):
        dialog.confirm_button.click()
    assert count(db, "SELECT count(*) FROM orders") == 1
    assert dialog.entries[1].state == fm.READY


def test_rejected_rows_are_listed_and_exported_without_formulas(
    qtbot, dialog: ImportDialog, tmp_path, monkeypatch
) -> None:
    path = write_pdd(tmp_path / "pdd.csv", pdd_row(1), pdd_row(2, title="=SUM(A1)", total="abc"))
    check(qtbot, dialog, [path])
    dialog.select_row(0)
    rejects = dialog.rejects
    assert rejects.caption.text() == "1 行被拒"
    model = rejects.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "行号",
        "原因",
        "商品",
        "订单号",
    ]
    assert model.index(0, 0).data() == "3"
    assert model.index(0, 2).data() == "=SUM(A1)"
    assert "商品总价(元)" in model.index(0, 1).data()
    target = tmp_path / "out" / "被拒行.xlsx"
    target.parent.mkdir()
    asked: list[str] = []

    def save_name(_parent, _title, suggested, _filter):
        asked.append(suggested)
        return str(target), _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    with qtbot.waitSignal(rejects.exported, timeout=TIMEOUT):
        qtbot.mouseClick(rejects.export_button, Qt.MouseButton.LeftButton)
    assert asked == [str(tmp_path / "pdd_被拒行.xlsx")]
    sheet = load_workbook(target).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["行号", "原因", "商品", "订单号"]
    assert rows[1][0] == 3 and rows[1][2] == "=SUM(A1)" and rows[1][3] == "261101-000000000002"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert "已导出到" in rejects.caption.text()


def test_several_shops_the_user_picks_one(qtbot, dialog: ImportDialog, db, tmp_path, messages) -> None:
    with db.session() as s, s.begin():
        s.add_all([Shop(platform="pdd", name="青禾拼多多店"), Shop(platform="pdd", name="青禾二店")])
    path = write_pdd(tmp_path / "pdd.csv", pdd_row(1))
    check(qtbot, dialog, [path])
    entry = dialog.entries[0]
    assert (entry.state, entry.code) == (fm.REFUSED, "which_shop")
    assert row_texts(dialog, 0)[8] == "有多个拼多多店铺：请选择此文件属于哪个店铺"
    dialog.select_row(0)
    assert dialog.shop_combo.isVisible()
    assert [dialog.shop_combo.itemText(i) for i in range(dialog.shop_combo.count())] == [
        "青禾拼多多店",
        "青禾二店",
    ]
    dialog.shop_combo.setCurrentIndex(1)
    with qtbot.waitSignal(dialog.preview_finished, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.shop_button, Qt.MouseButton.LeftButton)
    assert entry.state == fm.READY and row_texts(dialog, 0)[3] == "青禾二店"
    assert not dialog.shop_combo.isVisible()
    with qtbot.waitSignal(dialog.import_finished, timeout=TIMEOUT):
        dialog.confirm_button.click()
    assert (
        count(db, "SELECT count(*) FROM orders o JOIN shop s ON s.id = o.shop_id WHERE s.name = '青禾二店'")
        == 1
    )


def wrong_password(archive: Path) -> str:
    """A wrong password that ZipCrypto's one-byte check rejects (1 in 256 would pass it)."""
    import zipfile

    with zipfile.ZipFile(archive) as z:
        member = z.infolist()[0]
        for n in range(1000):
            try:
                z.read(member, pwd=f"{n:04d}".encode())
            except RuntimeError:
                return f"{n:04d}"
            except Exception:
                continue
    raise AssertionError("no rejected password found")


def test_a_password_zip_asks_for_the_password(qtbot, dialog: ImportDialog, db, tmp_path, monkeypatch) -> None:
    inner = write_pdd(tmp_path / "orders.csv", pdd_row(1), pdd_row(2))
    archive = zip_with_password(tmp_path / "京东导出.zip", inner, "8421")
    answers = iter([(wrong_password(archive), True), ("8421", True)])
    prompts: list[str] = []

    def get_text(_parent, _title, label, echo, *_args):
        from PySide6.QtWidgets import QLineEdit

        assert echo == QLineEdit.EchoMode.Password
        prompts.append(label)
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    dialog.add_files([archive])
    qtbot.waitUntil(lambda: dialog.entries[0].state == fm.READY, timeout=TIMEOUT)
    assert prompts[0].startswith("京东导出.zip 有密码保护")
    assert prompts[1].startswith("京东导出.zip 的密码错误")
    assert row_texts(dialog, 0)[4] == "2"
    assert "8421" not in repr(dialog.entries[0])


def test_declining_the_password_leaves_the_zip_refused(
    qtbot, dialog: ImportDialog, tmp_path, monkeypatch
) -> None:
    inner = write_pdd(tmp_path / "orders.csv", pdd_row(1))
    archive = zip_with_password(tmp_path / "jd.zip", inner, "secret")
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a: ("", False)))
    check(qtbot, dialog, [archive])
    qtbot.waitUntil(lambda: dialog.entries[0].password_declined, timeout=TIMEOUT)
    assert dialog.entries[0].state == fm.REFUSED
    assert row_texts(dialog, 0)[8] == "此 ZIP 文件有密码：请输入密码"
    dialog.select_row(0)
    assert dialog.password_button.isVisible()


def test_unknown_status_mapped_then_loaded(qtbot, dialog: ImportDialog, db, tmp_path) -> None:
    path = write_pdd(tmp_path / "pdd.csv", pdd_row(1), pdd_row(2, "待成团"), pdd_row(3, "待成团"))
    check(qtbot, dialog, [path])
    dialog.select_row(0)
    assert row_texts(dialog, 0)[4:8] == ["1", "0", "0", "2"]
    assert dialog.unknown_label.text() == "未知状态：待成团（2）"
    assert dialog.mapping_button.isVisible()
    qtbot.mouseClick(dialog.mapping_button, Qt.MouseButton.LeftButton)
    mapping = dialog.mapping_dialog
    assert mapping is not None
    qtbot.waitUntil(lambda: mapping.user.rowCount() == 1, timeout=TIMEOUT)
    assert mapping.platform_combo.currentText() == "拼多多"
    assert mapping.user.item(0, 0).text() == "待成团"
    combo = mapping.user.cellWidget(0, 1)
    assert combo.currentIndex() == -1
    mapping.save()  # no status chosen yet: refused with a reason
    assert mapping.error.text() == "拼多多：请为“待成团”选择统一状态。"
    combo.setCurrentIndex(combo.findData("unpaid"))
    with qtbot.waitSignal(dialog.preview_finished, timeout=TIMEOUT):
        mapping.buttons.button(mapping.buttons.StandardButton.Save).click()
    assert row_texts(dialog, 0)[4:8] == ["3", "0", "0", "0"]
    assert not dialog.mapping_button.isVisible()
    assert count(db, "SELECT count(*) FROM status_map WHERE platform = 'pdd' AND status = 'unpaid'") == 1


def test_dropping_files_on_the_dialog_adds_them(qtbot, dialog: ImportDialog, tmp_path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    path = write_pdd(tmp_path / "pdd.csv", pdd_row(1))
    notes = tmp_path / "notes.docx"
    notes.write_text("x")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)), QUrl.fromLocalFile(str(notes))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(dialog.preview_finished, timeout=TIMEOUT):
        dialog.dropEvent(event)
    assert [e.path.name for e in dialog.entries] == ["pdd.csv"]


def test_escape_closes(qtbot, dialog: ImportDialog) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_cancel_rolls_back_the_current_file_and_says_which_made_it(
    qtbot, dialog: ImportDialog, db, tmp_path, messages, monkeypatch
) -> None:
    from shopdesk.ui.imports import jobs

    first = write_pdd(tmp_path / "first.csv", pdd_row(1))
    second = write_pdd(tmp_path / "second.csv", pdd_row(2), pdd_row(3))
    third = write_pdd(tmp_path / "third.csv", pdd_row(4))
    check(qtbot, dialog, [first, second, third])
    real = jobs.import_file

    def cancel_on_second(db_, path, **kwargs):  # the user presses Cancel while second.csv is written
        if path.name == "second.csv" and not kwargs["dry_run"]:
            kwargs["progress"].cancel()
        return real(db_, path, **kwargs)

    monkeypatch.setattr(jobs, "import_file", cancel_on_second)
    with qtbot.waitSignal(dialog.import_finished, timeout=TIMEOUT) as finished:
        dialog.confirm_button.click()
    outcome = finished.args[0]
    assert outcome.cancelled_key == dialog.entries[1].key and outcome.not_started == [dialog.entries[2].key]
    assert count(db, "SELECT count(*) FROM orders") == 1  # second.csv rolled back, third never started
    assert count(db, "SELECT count(*) FROM import_batch") == 1
    assert [e.state for e in dialog.entries] == [fm.IMPORTED, fm.READY, fm.READY]
    kind, title, text = messages[-1]
    assert (kind, title) == ("warning", "导入未全部完成")
    assert "✓ first.csv：新增 1" in text
    assert "✗ second.csv：未导入 — 已取消，此文件的改动已全部回滚" in text
    assert "✗ third.csv：未导入 — 取消时尚未开始" in text
    assert dialog.confirm_button.text() == "确认导入（2 个文件）"  # they can be imported later
