"""数据看板: KPIs for a period against the previous one, trends, and a drill-down
platform → products → one product's days and order lines (with their import batch).

Every figure is read by a background :class:`Task` (loaders.py); each kind of
load has a generation number, and a result whose generation is no longer the
latest (the user stepped on, or the database changed) is dropped. An empty
database keeps the empty state with its import / demo / open buttons.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from shopdesk.services.database import Database
from shopdesk.services.kpi.products import ProductKpis
from shopdesk.services.overview import Overview
from shopdesk.settings import Settings
from shopdesk.tasks.progress import Progress
from shopdesk.tasks.runner import Task
from shopdesk.ui.dashboard import loaders
from shopdesk.ui.dashboard.breadcrumbs import Breadcrumbs
from shopdesk.ui.dashboard.filter_bar import FilterBar
from shopdesk.ui.dashboard.loaders import KpiData, ProductData, ProductsData
from shopdesk.ui.dashboard.overview_page import OverviewPage
from shopdesk.ui.dashboard.product_page import ProductPage
from shopdesk.ui.dashboard.products_page import ProductsPage, product_name
from shopdesk.ui.dashboard.selection import Selection
from shopdesk.ui.icons import icon
from shopdesk.ui.imports.names import ImportNames
from shopdesk.ui.widgets.empty_state import EmptyState

OVERVIEW, PRODUCTS, PRODUCT = 0, 1, 2


class DashboardView(QWidget):
    import_requested = Signal()
    open_demo_requested = Signal()
    open_database_requested = Signal()
    overview_loaded = Signal(object)  # Overview, after the first figures are on screen
    kpis_loaded = Signal(object)  # KpiData
    products_loaded = Signal(object)  # ProductsData
    product_loaded = Signal(object)  # ProductData

    def __init__(self, parent: QWidget | None = None, settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.database: Database | None = None
        self.task: Task | None = None  # the latest load (the main window cancels it on close)
        self.tasks: dict[str, Task] = {}  # the latest load of each kind, held until replaced
        self.selection: Selection | None = None
        self.level = OVERVIEW
        self.drill_platform: str | None = None  # the platform whose products are shown (None: all)
        self.product: ProductKpis | None = None
        self._generation: dict[str, int] = {"start": 0, "kpis": 0, "products": 0, "product": 0}
        self._pending: set[str] = set()
        self.empty_state = EmptyState(icon("dashboard"), self)
        self.empty_state.add_button(self.import_requested.emit, primary=True, object_name="importFiles")
        self.empty_state.add_button(self.open_demo_requested.emit, object_name="openDemo")
        self.empty_state.add_button(self.open_database_requested.emit, object_name="openDatabase")
        self.loading = QLabel(self)
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.content = self._build_content()
        # a window smaller than the cards and charts need scrolls rather than forcing its size
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(self.content)
        self.stack = QStackedWidget(self)
        for page in (self.empty_state, self.loading, self.scroller, self.error):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.retranslate_ui()

    def _build_content(self) -> QWidget:
        content = QWidget(self)
        self.filters = FilterBar(content)
        self.crumbs = Breadcrumbs(content)
        self.banner = QLabel(content)
        self.banner.setObjectName("dashboardError")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: #c92a2a; padding: 4px 12px;")
        self.banner.hide()
        self.overview_page = OverviewPage(content)
        self.overview = self.overview_page.database_overview
        self.products_page = ProductsPage(content)
        self.product_page = ProductPage(content)
        self.levels = QStackedWidget(content)
        for page in (self.overview_page, self.products_page, self.product_page):
            self.levels.addWidget(page)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for widget in (self.filters, self.crumbs, self.banner):
            layout.addWidget(widget)
        layout.addWidget(self.levels, 1)
        self.filters.changed.connect(self._selection_changed)
        self.filters.refresh_requested.connect(self.reload)
        self.crumbs.level_chosen.connect(self.go_to_level)
        self.crumbs.back_requested.connect(self.go_back)
        self.overview_page.platforms.platform_chosen.connect(self.open_platform)
        self.overview_page.charts.platform_clicked.connect(self.open_platform)
        self.products_page.product_chosen.connect(self.open_product)
        for keys in (QKeySequence(Qt.Key.Key_Backspace), QKeySequence("Alt+Left")):
            shortcut = QShortcut(keys, self.levels, self.go_back)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return content

    # --- database ---------------------------------------------------------------
    def set_database(self, database: Database | None) -> None:
        if database is not self.database:
            self.selection, self.level, self.product, self.drill_platform = None, OVERVIEW, None, None
        if database is not self.database or database is None:
            self.overview_page.alerts.set_database(database)
        else:
            self.overview_page.alerts.refresh()  # an import may have raised alerts
        self.database = database
        for kind in self._generation:
            self._generation[kind] += 1  # nothing from the previous database may land
        self._pending.clear()
        if database is None:
            self.stack.setCurrentWidget(self.empty_state)
            return
        if self.stack.currentWidget() is not self.scroller:
            self.stack.setCurrentWidget(self.loading)
        remembered = self.settings.dashboard if self.settings else {}
        current = self.selection
        self._run(
            "start",
            lambda progress: loaders.load_start(database, remembered, current, progress),
            self._started,
            self.tr("Reading the database…"),
        )

    def reload(self) -> None:
        """Read everything again (after an import or an undo), staying where the user is."""
        self.set_database(self.database)

    def _started(self, result: KpiData | Overview) -> None:
        if isinstance(result, Overview):
            self.stack.setCurrentWidget(self.empty_state)
            self.overview_loaded.emit(result)
            return
        self._show_kpis(result)
        self.stack.setCurrentWidget(self.scroller)
        if self.level >= PRODUCTS:
            self._load_products()
        if self.level == PRODUCT:
            self._load_product()
        self.overview_loaded.emit(result.overview)

    # --- loading ------------------------------------------------------------------
    def _run(self, kind: str, job: Callable[[Progress], object], show: Callable, title: str = "") -> None:
        self._generation[kind] += 1
        generation, database = self._generation[kind], self.database
        task = Task(job, title=title, parent=self.window(), show_progress=False)
        task.finished.connect(lambda result: self._landed(kind, generation, database, show, result))
        task.failed.connect(lambda error: self._failed(kind, generation, error))
        task.done.connect(task.deleteLater)  # every click makes one; none should pile up on the window
        self._pending.add(kind)
        self.crumbs.set_loading(True)
        self.tasks[kind] = self.task = task.start()

    def _current(self, kind: str, generation: int) -> bool:
        if generation != self._generation[kind]:
            return False  # a newer load of the same kind is on its way
        self._pending.discard(kind)
        self.crumbs.set_loading(bool(self._pending))
        return True

    def _landed(self, kind: str, generation: int, database: Database | None, show: Callable, result) -> None:
        if database is self.database and self._current(kind, generation):
            self.banner.hide()
            show(result)

    def _failed(self, kind: str, generation: int, error: BaseException) -> None:
        if not self._current(kind, generation):
            return
        message = self.tr("Could not read the figures: {error}").format(error=error)
        if self.stack.currentWidget() is self.scroller:
            self.banner.setText(message)
            self.banner.show()
        else:
            self.error.setText(self.tr("Could not read the database: {error}").format(error=error))
            self.stack.setCurrentWidget(self.error)

    def _load_kpis(self) -> None:
        database, selection = self.database, self.selection
        if database is None or selection is None:
            return
        self._run("kpis", lambda progress: loaders.load_kpis(database, selection, progress), self._show_kpis)

    def _load_products(self) -> None:
        database, selection, platform = self.database, self.selection, self.drill_platform
        if database is None or selection is None:
            return
        self._run(
            "products",
            lambda progress: loaders.load_products(database, selection, platform, progress),
            self._show_products,
        )

    def _load_product(self) -> None:
        database, selection, product = self.database, self.selection, self.product
        if database is None or selection is None or product is None:
            return
        self._run(
            "product",
            lambda progress: loaders.load_product(database, selection, product, progress),
            self._show_product,
        )

    # --- showing ------------------------------------------------------------------
    def _show_kpis(self, data: KpiData) -> None:
        self.selection = data.selection
        self.filters.set_shops(data.shops)
        self.filters.set_selection(data.selection)
        self.overview_page.show_data(data)
        self._update_crumbs()
        self.kpis_loaded.emit(data)

    def _show_products(self, data: ProductsData) -> None:
        self.products_page.show_data(data)
        self.products_loaded.emit(data)

    def _show_product(self, data: ProductData) -> None:
        self.product = data.product  # its figures for the period now shown
        self.product_page.show_data(data)
        self.product_loaded.emit(data)

    def _update_crumbs(self) -> None:
        names = ImportNames()
        selection = self.selection
        top = self.tr("All platforms")
        if selection is not None and selection.platform:
            top = names.platform(selection.platform)
        crumbs = [top]
        if self.level >= PRODUCTS:
            if self.drill_platform is None:
                crumbs.append(self.tr("Products of all platforms"))
            else:
                crumbs.append(
                    self.tr("{platform} products").format(platform=names.platform(self.drill_platform))
                )
        if self.level == PRODUCT and self.product is not None:
            name = product_name(self.product)
            crumbs.append(name if len(name) <= 30 else name[:29] + "…")
        self.crumbs.set_crumbs(crumbs)
        self.levels.setCurrentIndex(self.level)

    # --- user intent --------------------------------------------------------------
    def _selection_changed(self, selection: Selection) -> None:
        previous = self.selection
        self.selection = selection
        if self.settings is not None:
            self.settings.dashboard = selection.to_settings()
            self.settings.save()
        if previous is not None and (previous.platform, previous.shop_id) != (
            selection.platform,
            selection.shop_id,
        ):
            self.level, self.product = OVERVIEW, None  # another scope: its products are other products
        self._update_crumbs()
        self._load_kpis()
        if self.level >= PRODUCTS:
            self._load_products()
        if self.level == PRODUCT:
            self._load_product()

    def open_platform(self, platform: str | None) -> None:
        """Drill from the overview into a platform's products (None: every platform's)."""
        if self.level == PRODUCTS and self.drill_platform == platform:
            return  # a double click is a click and an activation: one load is enough
        self.drill_platform, self.level, self.product = platform, PRODUCTS, None
        self._update_crumbs()
        self._load_products()
        self.products_page.table.setFocus()

    def open_product(self, product: ProductKpis) -> None:
        self.product, self.level = product, PRODUCT
        self._update_crumbs()
        self._load_product()
        self.product_page.table.setFocus()

    def go_to_level(self, level: int) -> None:
        if level >= self.level:
            return
        self.level = level
        if level < PRODUCT:
            self.product = None
        self._update_crumbs()
        focus = {OVERVIEW: self.overview_page.platforms.table, PRODUCTS: self.products_page.table}
        focus[level].setFocus()

    def go_back(self) -> None:
        if self.level > OVERVIEW:
            self.go_to_level(self.level - 1)

    # --- language -----------------------------------------------------------------
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
        if self.selection is not None:
            self._update_crumbs()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
