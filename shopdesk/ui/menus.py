"""The main window's actions and menus, with their (re)translated texts.

Kept apart from ``main_window.py`` so the window stays a thin assembly of parts;
every action is reachable by ``objectName`` so tests can trigger it directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


@dataclass
class MainMenus:
    open_database: QAction
    open_demo: QAction
    import_files: QAction
    import_history: QAction
    status_mapping: QAction
    category_mapping: QAction
    test_order_rules: QAction
    alert_rules: QAction
    quit: QAction
    language_zh: QAction
    language_en: QAction
    about: QAction
    open_logs: QAction
    open_data: QAction
    weekly_report: QAction
    tabs: list[QAction] = field(default_factory=list)
    menus: dict[str, QMenu] = field(default_factory=dict)


def _action(parent: QObject, name: str, shortcut: QKeySequence | str | None = None) -> QAction:
    action = QAction(parent)
    action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    return action


def build_menus(window: QMainWindow, tab_count: int) -> MainMenus:
    menus = MainMenus(
        open_database=_action(window, "actionOpenDatabase", QKeySequence.StandardKey.Open),
        open_demo=_action(window, "actionOpenDemo"),
        import_files=_action(window, "actionImport", "Ctrl+I"),
        import_history=_action(window, "actionImportHistory"),
        status_mapping=_action(window, "actionStatusMapping"),
        category_mapping=_action(window, "actionCategoryMapping"),
        test_order_rules=_action(window, "actionTestOrderRules"),
        alert_rules=_action(window, "actionAlertRules"),
        quit=_action(window, "actionQuit", "Ctrl+Q"),
        language_zh=_action(window, "actionLanguageZh"),
        language_en=_action(window, "actionLanguageEn"),
        about=_action(window, "actionAbout"),
        open_logs=_action(window, "actionOpenLogs"),
        open_data=_action(window, "actionOpenData"),
        weekly_report=_action(window, "actionWeeklyReport", "Ctrl+R"),
        tabs=[_action(window, f"actionTab{i + 1}", f"Ctrl+{i + 1}") for i in range(tab_count)],
    )
    languages = QActionGroup(window)
    for action in (menus.language_zh, menus.language_en):
        action.setCheckable(True)
        languages.addAction(action)
    bar = window.menuBar()
    file_menu = bar.addMenu("")
    file_menu.addActions([menus.open_database, menus.open_demo])
    file_menu.addSeparator()
    file_menu.addActions([menus.import_files, menus.import_history])
    file_menu.addSeparator()
    file_menu.addAction(menus.quit)
    reports_menu = bar.addMenu("")
    reports_menu.addAction(menus.weekly_report)
    view_menu = bar.addMenu("")
    view_menu.addActions(menus.tabs)
    settings_menu = bar.addMenu("")
    language_menu = settings_menu.addMenu("")
    language_menu.addActions([menus.language_zh, menus.language_en])
    settings_menu.addActions([menus.status_mapping, menus.category_mapping, menus.test_order_rules])
    settings_menu.addSeparator()
    settings_menu.addAction(menus.alert_rules)
    help_menu = bar.addMenu("")
    help_menu.addAction(menus.about)
    help_menu.addSeparator()
    help_menu.addActions([menus.open_logs, menus.open_data])
    menus.menus = {
        "file": file_menu,
        "reports": reports_menu,
        "view": view_menu,
        "settings": settings_menu,
        "language": language_menu,
        "help": help_menu,
    }
    return menus


class MenuTexts(QObject):
    """Translation context for the menus (``self.tr`` needs a QObject)."""

    def apply(self, menus: MainMenus, tab_titles: list[str]) -> None:
        m = menus.menus
        m["file"].setTitle(self.tr("&File"))
        m["reports"].setTitle(self.tr("&Reports"))
        m["view"].setTitle(self.tr("&View"))
        m["settings"].setTitle(self.tr("&Settings"))
        m["language"].setTitle(self.tr("&Language"))
        m["help"].setTitle(self.tr("&Help"))
        menus.open_database.setText(self.tr("&Open database…"))
        menus.open_demo.setText(self.tr("Open &demo data"))
        menus.import_files.setText(self.tr("&Import…"))
        menus.import_history.setText(self.tr("Import &history"))
        menus.status_mapping.setText(self.tr("Order &status mapping…"))
        menus.category_mapping.setText(self.tr("&Category mapping…"))
        menus.test_order_rules.setText(self.tr("&Test order rules…"))
        menus.weekly_report.setText(self.tr("&Weekly report…"))
        menus.alert_rules.setText(self.tr("&Alert rules…"))
        menus.quit.setText(self.tr("&Quit"))
        menus.language_zh.setText("中文")  # each language is named in itself
        menus.language_en.setText("English")
        menus.about.setText(self.tr("&About shopdesk"))
        menus.open_logs.setText(self.tr("Open &log folder"))
        menus.open_data.setText(self.tr("Open data &folder"))
        for action, title in zip(menus.tabs, tab_titles, strict=True):
            action.setText(title)
