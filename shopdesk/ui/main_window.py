"""The main window: five workbench tabs, menus, status bar — and nothing else.

It assembles parts (views, menus, the database opener) and forwards user intent;
it owns the open :class:`Database` and hands it to every tab. Window geometry,
the current tab and the language live in :class:`~shopdesk.settings.Settings`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from shopdesk import paths
from shopdesk.services.database import Database
from shopdesk.settings import Settings
from shopdesk.ui.about_dialog import AboutDialog
from shopdesk.ui.alerts.controller import AlertsController
from shopdesk.ui.campaigns.view import CampaignsView
from shopdesk.ui.catalog.view import CatalogView
from shopdesk.ui.dashboard.view import DashboardView
from shopdesk.ui.database_opener import DatabaseOpener
from shopdesk.ui.editor.view import EditorView
from shopdesk.ui.icons import icon
from shopdesk.ui.imports.controller import ImportController
from shopdesk.ui.imports.drops import AcceptsFileDrops
from shopdesk.ui.menus import MenuTexts, build_menus
from shopdesk.ui.reports.controller import ReportController
from shopdesk.ui.service.view import ServiceView
from shopdesk.ui.translators import current_language, install_language


class MainWindow(AcceptsFileDrops, QMainWindow):
    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings.load()
        self.database: Database | None = None
        self.about_dialog: AboutDialog | None = None
        self.warning_box: QMessageBox | None = None
        self.setWindowIcon(icon("shopdesk"))
        self.dashboard = DashboardView(self, self.settings)
        self.catalog, self.editor = CatalogView(self), EditorView(self)
        self.campaigns, self.service = CampaignsView(self), ServiceView(self)
        self.views = [self.dashboard, self.catalog, self.editor, self.campaigns, self.service]
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("workbenchTabs")
        self.tabs.setDocumentMode(True)
        for view, name in zip(
            self.views, ("dashboard", "catalog", "editor", "campaigns", "service"), strict=True
        ):
            self.tabs.addTab(view, icon(name), "")
        self.setCentralWidget(self.tabs)
        self.opener = DatabaseOpener(self)
        self.opener.opened.connect(self.set_database)
        self.imports = ImportController(self, self.settings)
        self.reports = ReportController(self, self.settings)
        self.alerts = AlertsController(self)
        self.setAcceptDrops(True)  # platform exports dropped anywhere on the window are imported
        self.menus = build_menus(self, len(self.views))
        self._menu_texts = MenuTexts(self)
        self.location_label = QLabel(self)
        self.warning_label = QLabel(self)
        self.warning_label.setStyleSheet("color: #c92a2a;")
        self.statusBar().addWidget(self.location_label, 1)
        self.statusBar().addPermanentWidget(self.warning_label)
        self._connect()
        self.retranslate_ui()
        self.restore_layout()

    def _connect(self) -> None:
        m = self.menus
        m.open_database.triggered.connect(self.opener.choose_file)
        m.open_demo.triggered.connect(self.opener.open_demo)
        m.quit.triggered.connect(self.close)
        m.import_files.triggered.connect(self.imports.choose_files)
        m.import_history.triggered.connect(self.imports.show_history)
        m.weekly_report.triggered.connect(self.reports.weekly_report)
        self.dashboard.filters.weekly_report_requested.connect(self.reports.weekly_report)
        m.status_mapping.triggered.connect(self.imports.show_mappings)
        m.category_mapping.triggered.connect(self.imports.show_categories)
        m.test_order_rules.triggered.connect(self.imports.show_test_order_rules)
        m.alert_rules.triggered.connect(self.alerts.show_rules)
        self.imports.alerts_raised.connect(self.alerts.show_notice)
        self.imports.data_changed.connect(self.dashboard.reload)
        m.language_zh.triggered.connect(lambda: self.set_language("zh_CN"))
        m.language_en.triggered.connect(lambda: self.set_language("en"))
        m.about.triggered.connect(self.show_about)
        m.open_logs.triggered.connect(lambda: _open_folder(str(paths.log_dir())))
        m.open_data.triggered.connect(lambda: _open_folder(str(paths.data_dir())))
        for i, action in enumerate(m.tabs):
            action.triggered.connect(lambda _checked=False, i=i: self.tabs.setCurrentIndex(i))
        for view in self.views:
            view.open_demo_requested.connect(m.open_demo.trigger)
            view.open_database_requested.connect(m.open_database.trigger)
        self.dashboard.import_requested.connect(m.import_files.trigger)

    # --- database -------------------------------------------------------------
    def set_database(self, database: Database | None) -> None:
        """Switch every tab to ``database`` and close the previous one."""
        previous, self.database = self.database, database
        if previous is not None and previous is not database:
            previous.close()
        for view in self.views:
            view.set_database(database)
        self.imports.set_database(database)
        self.reports.set_database(database)
        self.alerts.set_database(database)
        if database is not None:
            self.settings.last_db = remembered_location(database)
            self.settings.save()
            if database.warnings:
                self._show_warnings(database.warnings)
        self.retranslate_ui()

    def _show_warnings(self, warnings: list[str]) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, "shopdesk", "\n\n".join(warnings), QMessageBox.StandardButton.Ok, self
        )
        box.open()
        self.warning_box = box

    # --- dropped files ----------------------------------------------------------------
    def files_dropped(self, files: list[Path]) -> None:
        self.imports.open_files(files)

    # --- language -------------------------------------------------------------
    def set_language(self, language: str) -> None:
        """Switch live; every widget retranslates on the LanguageChange event."""
        install_language(language)
        self.settings.language = language
        self.settings.save()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def tab_titles(self) -> list[str]:
        return [
            self.tr("Dashboard"),
            self.tr("Products"),
            self.tr("Bulk edit"),
            self.tr("Campaigns"),
            self.tr("Reviews and service"),
        ]

    def retranslate_ui(self) -> None:
        titles = self.tab_titles()
        for i, title in enumerate(titles):
            self.tabs.setTabText(i, title)
        self._menu_texts.apply(self.menus, titles)
        language = current_language()
        self.menus.language_zh.setChecked(language == "zh_CN")
        self.menus.language_en.setChecked(language == "en")
        db = self.database
        self.setWindowTitle(f"shopdesk — {database_name(db)}" if db else "shopdesk")
        if db is None:
            self.location_label.setText(self.tr("No database open"))
        elif db.target.is_sqlite:
            self.location_label.setText(self.tr("Database: {location}").format(location=db.target.display))
        else:
            self.location_label.setText(
                self.tr("Team database: {location}").format(location=db.target.display)
            )
        self.warning_label.setText(self.tr("⚠ Network drive") if db and db.warnings else "")
        self.warning_label.setToolTip("\n".join(db.warnings) if db else "")

    # --- help -------------------------------------------------------------------
    def show_about(self) -> None:
        location = self.database.target.display if self.database else None
        self.about_dialog = AboutDialog(location, self)
        self.about_dialog.open()

    # --- layout memory ----------------------------------------------------------
    def restore_layout(self) -> None:
        s = self.settings
        if s.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(s.window_geometry.encode("ascii")))
        else:
            self.resize(1280, 800)
        if s.window_state:
            self.restoreState(QByteArray.fromBase64(s.window_state.encode("ascii")))
        if 0 <= s.current_tab < self.tabs.count():
            self.tabs.setCurrentIndex(s.current_tab)

    def save_layout(self) -> None:
        s = self.settings
        s.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        s.window_state = bytes(self.saveState().toBase64().data()).decode("ascii")
        s.current_tab = self.tabs.currentIndex()
        s.save()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        for task in (self.opener.task, self.dashboard.task, self.reports.task):
            if task is not None and task.is_running:
                task.cancel()  # do not keep the process alive for a job nobody will see
        if self.database is not None:
            self.database.close()
        super().closeEvent(event)


def database_name(database: Database) -> str:
    """The short name for the title bar: the file name, or the server database."""
    target = database.target
    if target.path is not None:
        return target.path.name
    return target.display.rsplit("/", 1)[-1] or target.display


def remembered_location(database: Database) -> str:
    """What goes into settings.last_db: never a password (secrets live in the keychain)."""
    target = database.target
    if target.path is not None:
        return str(target.path)
    from sqlalchemy.engine import make_url

    return make_url(target.url).set(password=None).render_as_string(hide_password=False)


def _open_folder(folder: str) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(folder))
