"""Start-up: which database opens, the demo path with progress and cancel, warnings."""

from __future__ import annotations

import sys
import time
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from shopdesk import paths
from shopdesk.app import choose_location, create_app, run_gui
from shopdesk.services.database import Database, open_database
from shopdesk.settings import Settings
from shopdesk.tasks.progress import Progress
from shopdesk.ui.main_window import MainWindow
from shopdesk.ui.translators import install_language


@pytest.fixture(autouse=True)
def chinese(qapp) -> Iterator[None]:
    install_language("zh_CN", qapp)
    yield
    install_language("zh_CN", qapp)


def test_choose_location_order(tmp_path: Path) -> None:
    settings = Settings(last_db=str(tmp_path / "gone.sqlite3"))
    assert choose_location("x.db", True, settings) == "x.db"
    assert choose_location(None, True, settings) is None  # the demo
    assert choose_location(None, False, settings) == str(paths.default_db_path())  # last file vanished
    kept = tmp_path / "kept.sqlite3"
    kept.touch()
    assert choose_location(None, False, Settings(last_db=str(kept))) == str(kept)
    assert choose_location(None, False, Settings(last_db="postgresql://u@h/db")) == "postgresql://u@h/db"


def test_create_app_reuses_the_test_application_with_a_cjk_font(qapp) -> None:
    app = create_app()
    assert app is qapp
    assert "WenQuanYi Micro Hei" in app.font().families()
    assert app.style().name().lower() == "fusion"


def _exec_until_open(qtbot, monkeypatch):
    """Replace the event loop: wait until run_gui's window has its database, then return."""
    shown: list[MainWindow] = []
    original_show = MainWindow.show
    monkeypatch.setattr(MainWindow, "show", lambda self: (shown.append(self), original_show(self))[1])

    def fake_exec(*_args) -> int:
        window = shown[-1]
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.database is not None, timeout=15000)
        fake_exec.window = window
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    return fake_exec


def test_run_gui_opens_the_given_database_in_english(qtbot, db_path: Path, monkeypatch) -> None:
    fake = _exec_until_open(qtbot, monkeypatch)
    assert run_gui(db=str(db_path), language="en") == 0
    assert fake.window.windowTitle() == "shopdesk — shop.sqlite3"
    assert fake.window.tabs.tabText(0) == "Dashboard"
    assert Settings.load().last_db == str(db_path.resolve())


def test_run_gui_demo_opens_an_existing_demo_file(qtbot, monkeypatch) -> None:
    open_database(paths.demo_db_path()).close()
    fake = _exec_until_open(qtbot, monkeypatch)
    assert run_gui(demo=True) == 0
    assert fake.window.windowTitle() == "shopdesk — demo.sqlite3"
    assert fake.window.tabs.tabText(0) == "数据看板"


def fake_demo_module(seconds: float) -> types.ModuleType:
    """Stands in for shopdesk.services.demo: a slow generator that reports progress."""
    module = types.ModuleType("shopdesk.services.demo")

    def generate(path: Path, *, seed: int = 2026, today=None, progress: Progress | None = None):
        open_database(path).close()
        steps = int(seconds * 100)
        for i in range(steps):
            if progress is not None:
                progress.step(i, steps, "正在生成订单")
            time.sleep(0.01)
        return object()

    module.generate = generate
    return module


@pytest.fixture
def window(qtbot) -> MainWindow:
    win = MainWindow(Settings.load())
    qtbot.addWidget(win)
    win.show()
    return win


def test_demo_is_generated_then_opened(qtbot, window: MainWindow, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "shopdesk.services.demo", fake_demo_module(0.1))
    with qtbot.waitSignal(window.opener.opened, timeout=15000):
        window.menus.open_demo.trigger()
    assert window.windowTitle() == "shopdesk — demo.sqlite3"


def test_cancelling_demo_generation_leaves_no_half_file(qtbot, window: MainWindow, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "shopdesk.services.demo", fake_demo_module(20))
    button = window.dashboard.empty_state.findChild(QPushButton, "openDemo")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    task = window.opener.task
    assert task is not None and task.dialog is not None
    qtbot.waitUntil(task.dialog.isVisible, timeout=5000)
    cancel = task.dialog.findChild(QPushButton)
    assert cancel.text() == "取消"  # Qt's own dialogs are translated too
    with qtbot.waitSignal(task.cancelled, timeout=10000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not paths.demo_db_path().exists()
    assert window.database is None


def test_database_warnings_are_shown(qtbot, window: MainWindow, db: Database) -> None:
    db.warnings.append("数据库文件位于网络驱动器上。")
    window.set_database(db)
    assert window.warning_box is not None and window.warning_box.isVisible()
    assert "网络驱动器" in window.warning_box.text()
    assert window.warning_label.text() == "⚠ 网络驱动器"
    window.warning_box.accept()
