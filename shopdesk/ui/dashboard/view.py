"""数据看板 — for now a database overview, or an empty state when there is no data.

The overview is computed by the Qt-free service on a worker thread; results from
a database the window has since left are dropped (each load has a generation).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from shopdesk.services.database import Database
from shopdesk.services.overview import Overview, database_overview
from shopdesk.tasks.progress import Progress
from shopdesk.tasks.runner import Task
from shopdesk.ui.dashboard.overview_table import OverviewPanel
from shopdesk.ui.icons import icon
from shopdesk.ui.widgets.empty_state import EmptyState


def load_overview(database: Database, progress: Progress) -> Overview:
    progress.step(0, 0)
    with database.session() as session:
        return database_overview(session)


class DashboardView(QWidget):
    import_requested = Signal()
    open_demo_requested = Signal()
    open_database_requested = Signal()
    overview_loaded = Signal(object)  # Overview; lets tests and screenshots wait

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database: Database | None = None
        self.task: Task | None = None
        self._generation = 0
        self.empty_state = EmptyState(icon("dashboard"), self)
        self.empty_state.add_button(self.import_requested.emit, primary=True, object_name="importFiles")
        self.empty_state.add_button(self.open_demo_requested.emit, object_name="openDemo")
        self.empty_state.add_button(self.open_database_requested.emit, object_name="openDatabase")
        self.loading = QLabel(self)
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.overview = OverviewPanel(self)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        for page in (self.empty_state, self.loading, self.overview, self.error):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.retranslate_ui()

    def set_database(self, database: Database | None) -> None:
        self.database = database
        self._generation += 1
        if database is None:
            self.stack.setCurrentWidget(self.empty_state)
            return
        self.stack.setCurrentWidget(self.loading)
        generation = self._generation
        task = Task(
            lambda progress: load_overview(database, progress),
            title=self.tr("Reading the database…"),
            parent=self.window(),
        )
        task.finished.connect(lambda result: self._show(generation, result))
        task.failed.connect(lambda error: self._fail(generation, error))
        self.task = task.start()

    def reload(self) -> None:
        self.set_database(self.database)

    def _show(self, generation: int, overview: Overview) -> None:
        if generation != self._generation:
            return
        if overview.is_empty:
            self.stack.setCurrentWidget(self.empty_state)
        else:
            self.overview.show_overview(overview)
            self.stack.setCurrentWidget(self.overview)
        self.overview_loaded.emit(overview)

    def _fail(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.error.setText(self.tr("Could not read the database: {error}").format(error=error))
        self.stack.setCurrentWidget(self.error)

    def retranslate_ui(self) -> None:
        self.empty_state.set_texts(
            self.tr("No sales data in this database yet"),
            self.tr(
                "The dashboard will put GMV, platform share, conversion, average order value and repeat "
                "rate for Taobao/Tmall, JD, Pinduoduo and Douyin side by side, with drill-down to each "
                "order, threshold alerts and the weekly cross-platform report."
            ),
            self.tr(
                "Import the order, traffic, keyword, listing and review files exactly as the platforms' "
                "back-ends export them (or drop them on this window), open the demo data to look "
                "around, or open a database that already holds data."
            ),
            [self.tr("Import exports…"), self.tr("Open demo data"), self.tr("Open database…")],
        )
        self.loading.setText(self.tr("Reading the database…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
