"""报表 → 周报… (Ctrl+R) as the operator meets it: week and file, a background
run, the result offered to open; refusals shown in words, not tracebacks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from openpyxl import load_workbook
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

from shopdesk.services.reports.weekly import last_complete_week
from shopdesk.settings import Settings
from shopdesk.ui.main_window import MainWindow
from shopdesk.ui.reports.controller import LAST_FOLDER_KEY
from shopdesk.ui.reports.weekly_dialog import WeeklyReportDialog
from shopdesk.ui.translators import install_language
from tests.test_report_weekly import loaded  # noqa: F401  (fixture)


@pytest.fixture(autouse=True)
def chinese(qapp) -> Iterator[None]:
    install_language("zh_CN", qapp)
    yield
    install_language("zh_CN", qapp)


@pytest.fixture
def window(qtbot, loaded) -> MainWindow:  # noqa: F811
    win = MainWindow(Settings.load())
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.dashboard.overview_loaded, timeout=10000):
        win.set_database(loaded)
    return win


def _open_dialog(window: MainWindow) -> WeeklyReportDialog:
    action = window.menus.weekly_report
    assert action.shortcut().toString() == "Ctrl+R"
    assert action.text() == "周报(&W)…"
    assert window.menus.menus["reports"].title() == "报表(&R)"
    action.trigger()
    dialog = window.reports.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_weekly_report_action_writes_the_workbook_and_offers_it(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    dialog = _open_dialog(window)
    assert dialog.week() == last_complete_week()  # the default: last complete week
    assert dialog.path().name == f"跨平台运营数据简报_{last_complete_week()}.xlsx"
    dialog.set_week("2026-W45")
    assert "2026-11-02" in dialog.week_hint.text()
    assert dialog.path().name == "跨平台运营数据简报_2026-W45.xlsx"  # the name follows the week

    target = tmp_path / "boss" / "周报"
    target.parent.mkdir()
    asked = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (asked.append(args), (str(target), "*.xlsx"))[1]
    )
    qtbot.mouseClick(dialog.browse_button, qtbot_left())
    assert asked and dialog.path() == target.with_suffix(".xlsx")
    dialog.set_week("2026-W44")
    assert dialog.path() == target.with_suffix(".xlsx")  # a chosen file is not renamed

    dialog.set_week("2026-W45")
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    with qtbot.waitSignal(window.reports.written, timeout=30000) as written:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    out = written.args[0]
    assert out == target.with_suffix(".xlsx") and out.exists()
    book = load_workbook(out)
    assert [c.value for c in book["摘要"][6]][:3] == ["GMV（元）", 668, 219]
    assert Settings.load().extra[LAST_FOLDER_KEY] == str(target.parent)

    box = window.reports.message_box
    assert box is not None and box.isVisible()
    assert "2026-W45" in box.text() and str(out) in box.text()
    buttons = {b.text(): b for b in box.buttons()}
    buttons["打开文件夹"].click()
    assert opened == [str(out.parent)]


def test_a_bad_week_keeps_the_dialog_open_with_a_message(window) -> None:
    dialog = _open_dialog(window)
    dialog.set_week("2026-W99")
    assert dialog.week() is None
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert "不是 ISO 周" in dialog.error_label.text()
    assert window.reports.task is None


def test_a_report_open_in_excel_is_refused_in_words(qtbot, window, tmp_path) -> None:
    target = tmp_path / "周报.xlsx"
    (tmp_path / "~$周报.xlsx").write_bytes(b"owner")
    dialog = _open_dialog(window)
    dialog.set_week("2026-W45")
    dialog.path_edit.setText(str(target))
    with qtbot.waitSignal(window.reports.failed, timeout=30000) as failed:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "正在 Excel 中打开" in failed.args[0]
    box = window.reports.message_box
    assert box is not None and box.icon() == QMessageBox.Icon.Warning and box.isVisible()
    assert not target.exists()


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_the_dashboard_has_a_weekly_report_button(qtbot, window) -> None:
    button = window.dashboard.filters.report
    assert button.text() == "生成周报…" and "Ctrl+R" in button.toolTip()
    qtbot.mouseClick(button, qtbot_left())
    dialog = window.reports.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
