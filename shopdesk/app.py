"""Start the GUI: the QApplication, its language and font, and the first database.

``run_gui`` is what ``shopdesk`` (no sub-command) calls. The window appears at
once; the database is opened (and migrated, or the demo generated) on a worker
thread with a progress dialog, so a slow upgrade never freezes a blank screen.
``create_app`` is separate so tests reuse pytest-qt's QApplication.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

import shopdesk
from shopdesk import paths
from shopdesk.settings import Settings

CJK_FONTS = [
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
]


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (the existing one if a test already made it), configured."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("shopdesk")
    app.setApplicationDisplayName("shopdesk")
    app.setOrganizationName("shopdesk")
    app.setApplicationVersion(shopdesk.__version__)
    app.setDesktopFileName("shopdesk")
    app.setStyle("Fusion")
    app.setFont(cjk_font(app.font()))
    icon_path = paths.resources_dir() / "icons" / "shopdesk.svg"
    QGuiApplication.setWindowIcon(QIcon(str(icon_path)))
    return app


def cjk_font(base: QFont) -> QFont:
    """The platform UI font with CJK families first, so Chinese never falls back to tofu."""
    font = QFont(base)
    font.setFamilies([*CJK_FONTS, *base.families()])
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    return font


def choose_location(db: str | None, demo: bool, settings: Settings) -> str | None:
    """Which database to open: explicit → demo (None: the opener handles it) →
    last used (if its file still exists) → the default file."""
    if db:
        return db
    if demo:
        return None
    last = settings.last_db
    if last and ("://" in last or Path(last).exists()):
        return last
    return str(paths.default_db_path())


def run_gui(db: str | None = None, demo: bool = False, language: str | None = None) -> int:
    """Show the main window and open the chosen database; returns the exit code.

    ``language`` (from ``--lang``) and ``SHOPDESK_LANG`` override the saved
    language for this run only; the 设置 → 语言 menu changes the saved one.
    """
    from shopdesk.ui.main_window import MainWindow
    from shopdesk.ui.translators import install_language

    app = create_app()
    settings = Settings.load()
    install_language(language or os.environ.get("SHOPDESK_LANG") or settings.language, app)
    window = MainWindow(settings)
    window.show()
    location = choose_location(db, demo, settings)
    if location is None:
        window.opener.open_demo()
    else:
        window.opener.open_location(location)
    return app.exec()
