"""The way in from the main window: 文件 → 导入… (Ctrl+I), dropped files, 导入记录, and the
dashboard that reloads after an import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from shopdesk.settings import Settings
from shopdesk.ui.main_window import MainWindow
from shopdesk.ui.translators import install_language
from tests.helpers.import_files import count, pdd_row, sample, write_pdd

TIMEOUT = 20_000


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
    with qtbot.waitSignal(win.dashboard.overview_loaded, timeout=TIMEOUT):
        win.set_database(db)
    return win


@pytest.fixture(autouse=True)
def quiet_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda *_a: QMessageBox.StandardButton.Ok))


def file_urls(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_file_menu_has_import_and_history(window: MainWindow) -> None:
    menus = window.menus
    assert menus.import_files.text() == "导入(&I)…"
    assert menus.import_files.shortcut().toString() == "Ctrl+I"
    assert menus.import_history.text() == "导入记录(&H)"
    assert menus.import_files in window.menus.menus["file"].actions()
    assert menus.status_mapping in window.menus.menus["settings"].actions()


def test_import_menu_opens_the_dialog_and_the_dashboard_reloads(
    qtbot, window: MainWindow, db, tmp_path: Path, monkeypatch
) -> None:
    path = sample(tmp_path, "pdd_orders_export.csv")
    starts: list[str] = []

    def open_names(_parent, _title, start, _filter):
        starts.append(start)
        return [str(path)], _filter

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(open_names))
    window.menus.import_files.trigger()
    dialog = window.imports.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.entries and dialog.entries[0].state == "ready", timeout=TIMEOUT)
    assert Settings.load().extra["last_import_folder"] == str(tmp_path)
    with qtbot.waitSignal(window.dashboard.overview_loaded, timeout=TIMEOUT) as loaded:
        dialog.confirm_button.click()
    assert loaded.args[0].orders + loaded.args[0].test_orders == 160  # test orders are counted apart
    assert window.dashboard.stack.currentWidget() is window.dashboard.scroller  # the KPI dashboard
    # the next time, the file dialog starts in the remembered folder
    window.menus.import_files.trigger()
    assert starts == [str(Path.home()), str(tmp_path)]


def test_dropping_files_on_the_window_imports_them(qtbot, window: MainWindow, db, tmp_path: Path) -> None:
    path = write_pdd(tmp_path / "pdd.csv", pdd_row(1), pdd_row(2))
    other = tmp_path / "photo.png"
    other.write_bytes(b"png")
    mime = file_urls(path, other)
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    only_other = file_urls(other)  # events do not own their mime data: keep it alive
    refused = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        only_other,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    refused.ignore()
    window.dragEnterEvent(refused)
    assert not refused.isAccepted()
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    dialog = window.imports.dialog
    assert dialog is not None and [e.path.name for e in dialog.entries] == ["pdd.csv"]
    qtbot.waitUntil(lambda: dialog.entries[0].state == "ready", timeout=TIMEOUT)
    with qtbot.waitSignal(dialog.imported, timeout=TIMEOUT):
        dialog.confirm_button.click()
    assert count(db, "SELECT count(*) FROM orders") == 2
    # a second drop while the dialog is open joins the same list
    more = file_urls(write_pdd(tmp_path / "more.csv", pdd_row(3)))
    window.dropEvent(
        QDropEvent(
            QPointF(5, 5),
            Qt.DropAction.CopyAction,
            more,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    assert window.imports.dialog is dialog and len(dialog.entries) == 2


def test_history_menu_and_undo_reloads_the_dashboard(
    qtbot, window: MainWindow, db, tmp_path, monkeypatch
) -> None:
    from shopdesk.services.imports import import_file

    import_file(db, write_pdd(tmp_path / "pdd.csv", pdd_row(1)))
    window.menus.import_history.trigger()
    history = window.imports.history
    assert history is not None
    qtbot.waitUntil(lambda: history.model.rowCount() == 1, timeout=TIMEOUT)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a: QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(window.dashboard.overview_loaded, timeout=TIMEOUT) as loaded:
        history.undo_button.click()
    assert loaded.args[0].orders == 0
    assert count(db, "SELECT count(*) FROM orders") == 0


def test_switching_database_closes_the_import_windows(qtbot, window: MainWindow, tmp_path) -> None:
    from shopdesk.services.database import open_database

    window.menus.import_history.trigger()
    history = window.imports.history
    assert history is not None and history.isVisible()
    other = open_database(tmp_path / "other.sqlite3")
    with qtbot.waitSignal(window.dashboard.overview_loaded, timeout=TIMEOUT):
        window.set_database(other)
    assert not history.isVisible() and window.imports.history is None
