"""The main window as a user meets it: tabs, language, remembered layout, menus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

import shopdesk
from shopdesk.services.database import open_database
from shopdesk.settings import Settings
from shopdesk.ui.main_window import MainWindow
from shopdesk.ui.translators import install_language

CHINESE_TABS = ["数据看板", "商品总表", "批量编辑", "活动日历", "评价客服"]


@pytest.fixture(autouse=True)
def chinese(qapp) -> Iterator[None]:
    install_language("zh_CN", qapp)
    yield
    install_language("zh_CN", qapp)


@pytest.fixture
def window(qtbot, db) -> MainWindow:
    win = MainWindow(Settings.load())
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.dashboard.overview_loaded, timeout=10000):
        win.set_database(db)
    return win


def tab_titles(win: MainWindow) -> list[str]:
    return [win.tabs.tabText(i) for i in range(win.tabs.count())]


def test_five_tabs_with_chinese_titles_by_default(window: MainWindow) -> None:
    assert tab_titles(window) == CHINESE_TABS
    assert window.menus.menus["file"].title() == "文件(&F)"
    assert window.windowTitle() == "shopdesk — shop.sqlite3"
    assert "数据库：" in window.location_label.text()


def test_switching_to_english_retranslates_live_and_is_remembered(qtbot, window: MainWindow) -> None:
    window.menus.language_en.trigger()
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Dashboard", timeout=3000)
    assert tab_titles(window) == ["Dashboard", "Products", "Bulk edit", "Campaigns", "Reviews and service"]
    assert window.menus.menus["help"].title() == "&Help"
    assert window.catalog.empty_state.buttons[0].text() == "Open demo data"
    assert Settings.load().language == "en"
    window.menus.language_zh.trigger()
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "数据看板", timeout=3000)
    assert window.catalog.empty_state.buttons[0].text() == "打开演示数据"
    assert Settings.load().language == "zh_CN"


def test_geometry_and_current_tab_are_restored_in_a_new_window(qtbot, window: MainWindow) -> None:
    window.resize(700, 520)
    window.menus.tabs[3].trigger()  # Ctrl+4
    assert window.tabs.currentIndex() == 3
    window.close()
    again = MainWindow(Settings.load())
    qtbot.addWidget(again)
    again.show()
    assert again.tabs.currentIndex() == 3
    assert (again.width(), again.height()) == (700, 520)


def test_view_menu_switches_tabs(window: MainWindow) -> None:
    for i, action in enumerate(window.menus.tabs):
        assert action.shortcut().toString() == f"Ctrl+{i + 1}"
        action.trigger()
        assert window.tabs.currentIndex() == i


def test_empty_database_shows_empty_states_and_the_dashboard_offers_import(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.dashboard.stack.currentWidget() is window.dashboard.empty_state
    for view in window.views:
        window.tabs.setCurrentWidget(view)
        state = view.empty_state
        assert state.isVisible()
        assert state.title_label.text()
        labels = [b.text() for b in state.findChildren(QPushButton)]
        if view is window.dashboard:
            assert labels == ["导入平台导出文件…", "打开演示数据", "打开数据库…"]
        else:
            assert labels == ["打开演示数据", "打开数据库…"]
    asked = []
    monkeypatch.setattr(window.imports, "choose_files", lambda *a: asked.append(True))
    window.menus.import_files.triggered.disconnect()
    window.menus.import_files.triggered.connect(window.imports.choose_files)
    button = next(b for b in window.dashboard.empty_state.findChildren(QPushButton) if "导入" in b.text())
    window.tabs.setCurrentWidget(window.dashboard)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked == [True]


def test_about_dialog_shows_version_and_database(qtbot, window: MainWindow) -> None:
    window.menus.about.trigger()
    dialog = window.about_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    text = dialog.label.text()
    assert shopdesk.__version__ in text
    assert "shop.sqlite3" in text
    assert dialog.windowTitle() == "关于 shopdesk"
    dialog.accept()


def test_open_database_from_the_file_menu_switches_the_window(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.sqlite3"
    open_database(other).close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    with qtbot.waitSignal(window.opener.opened, timeout=10000):
        window.menus.open_database.trigger()
    assert window.windowTitle() == "shopdesk — other.sqlite3"
    assert window.database.target.path == other.resolve()
    assert Settings.load().last_db == str(other.resolve())


def test_open_database_button_on_an_empty_tab_uses_the_file_dialog(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "picked.db"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    window.tabs.setCurrentWidget(window.campaigns)
    button = window.campaigns.empty_state.findChild(QPushButton, "openDatabase")
    with qtbot.waitSignal(window.opener.opened, timeout=10000):
        qtbot.mouseClick(button, _left())
    assert window.windowTitle() == "shopdesk — picked.db"


def test_cancelled_file_dialog_keeps_the_database(window: MainWindow, monkeypatch) -> None:
    before = window.database
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    window.menus.open_database.trigger()
    assert window.database is before and not window.opener.busy


def test_a_file_that_is_not_a_database_gives_a_clear_chinese_error(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    junk = tmp_path / "orders.sqlite3"
    junk.write_bytes(b"this is an Excel file renamed, not SQLite" * 100)
    before = window.database
    with qtbot.waitSignal(window.opener.failed, timeout=10000) as blocker:
        window.opener.open_location(junk)
    assert "无法打开数据库" in blocker.args[0]
    box = window.opener.message_box
    assert box is not None and box.isVisible()
    assert box.detailedText()  # the traceback for support
    box.accept()
    assert window.database is before


def test_open_demo_button_opens_the_demo_database(qtbot, window: MainWindow) -> None:
    from shopdesk import paths

    open_database(paths.demo_db_path()).close()  # an existing demo file is opened, not rebuilt
    button = window.service.empty_state.findChild(QPushButton, "openDemo")
    window.tabs.setCurrentWidget(window.service)
    with qtbot.waitSignal(window.opener.opened, timeout=10000):
        qtbot.mouseClick(button, _left())
    assert window.windowTitle() == "shopdesk — demo.sqlite3"


def _left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_help_menu_opens_the_log_and_data_folders(window: MainWindow, monkeypatch) -> None:
    from PySide6.QtGui import QDesktopServices

    from shopdesk import paths

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    window.menus.open_logs.trigger()
    window.menus.open_data.trigger()
    assert opened == [str(paths.log_dir()), str(paths.data_dir())]
