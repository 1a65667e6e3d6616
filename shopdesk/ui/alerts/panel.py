"""The alerts list: newest first, each with its explanation, an acknowledge
button and — when the group robot did not take it — the error and a retry.

Public API for the dashboard: ``AlertsPanel(parent)``, ``.set_database(db)``,
``.refresh()``. Every database read and write and every webhook send runs in a
:class:`Task`; results from a database the panel has since left are dropped.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.services import alerts
from shopdesk.services.alerts.events import AlertView
from shopdesk.services.alerts.explain import fmt, pct
from shopdesk.services.alerts.rules import metric_label
from shopdesk.services.database import Database
from shopdesk.tasks.runner import Task

BEIJING = ZoneInfo("Asia/Shanghai")
ID_ROLE = Qt.ItemDataRole.UserRole


def local_time(stamp: datetime | str | None) -> str:
    """Bookkeeping stamps are UTC; people read Beijing time."""
    if stamp is None:
        return ""
    if isinstance(stamp, str):
        try:
            stamp = datetime.fromisoformat(stamp)
        except ValueError:
            return stamp
    return stamp.replace(tzinfo=UTC).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


class AlertsPanel(QWidget):
    loaded = Signal(int)  # number of events shown; lets tests and screenshots wait
    changed = Signal()  # an event was acknowledged, sent or raised

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertsPanel")
        self.database: Database | None = None
        self.views: dict[int, AlertView] = {}
        self.task: Task | None = None
        self._generation = 0
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold;")
        self.check_button = QPushButton(self)
        self.check_button.setObjectName("checkAlerts")
        self.check_button.clicked.connect(self.check_now)
        self.list = QTreeWidget(self)
        self.list.setObjectName("alertsList")
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setColumnCount(6)
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setStretchLastSection(True)
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("alertDetail")
        self.acknowledge_button = QPushButton(self)
        self.acknowledge_button.setObjectName("acknowledgeAlert")
        self.acknowledge_button.clicked.connect(self.acknowledge_current)
        self.retry_button = QPushButton(self)
        self.retry_button.setObjectName("retryNotify")
        self.retry_button.clicked.connect(self.retry_current)
        self.status = QLabel(self)
        self.status.setObjectName("alertsStatus")
        self.status.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.check_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.acknowledge_button)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail, 1)
        lower_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.list)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.retranslate_ui()
        self._show_current()

    # --- public API ---------------------------------------------------------------------------
    def set_database(self, database: Database | None) -> None:
        self.database = database
        self._generation += 1
        self.list.clear()
        self.views = {}
        self.status.setText("")
        self._show_current()
        self.refresh()

    def refresh(self) -> None:
        """Reload the events from the database (in the background)."""
        database, generation = self.database, self._generation
        self.check_button.setEnabled(database is not None)
        if database is None:
            self.loaded.emit(0)
            return
        task = Task(lambda _p: alerts.list_events(database), show_progress=False, parent=self)
        task.finished.connect(lambda views: self._fill(views, generation))
        task.failed.connect(lambda exc: self._failed(exc, generation))
        self.task = task.start()

    # --- actions ------------------------------------------------------------------------------
    def check_now(self) -> None:
        """Evaluate the rules now (and send what the group robot is owed)."""
        database, generation = self.database, self._generation
        if database is None:
            return
        self.check_button.setEnabled(False)
        self.status.setText(self.tr("Checking the alert rules…"))
        task = Task(lambda _p: alerts.run(database), title=self.tr("Checking the alert rules…"), parent=self)
        task.finished.connect(lambda outcome: self._checked(outcome, generation))
        task.failed.connect(lambda exc: self._failed(exc, generation))
        task.done.connect(lambda: self.check_button.setEnabled(self.database is not None))
        self.task = task.start()

    def acknowledge_current(self) -> None:
        view, database = self.current_view(), self.database
        if view is None or database is None:
            return
        self.acknowledge_button.setEnabled(False)
        task = Task(lambda _p: alerts.acknowledge(database, view.id), show_progress=False, parent=self)
        task.finished.connect(lambda _r: self._after_change())
        task.failed.connect(lambda exc: self._failed(exc, self._generation))
        self.task = task.start()

    def retry_current(self) -> None:
        view, database = self.current_view(), self.database
        if view is None or database is None:
            return
        self.retry_button.setEnabled(False)
        self.status.setText(self.tr("Sending to the group robot…"))
        task = Task(lambda _p: alerts.notify(database, [view.id]), title=self.tr("Sending…"), parent=self)
        task.finished.connect(lambda report: self._retried(report, view.id))
        task.failed.connect(lambda exc: self._failed(exc, self._generation))
        self.task = task.start()

    # --- results ------------------------------------------------------------------------------
    def _fill(self, views: list[AlertView], generation: int) -> None:
        if generation != self._generation:
            return
        selected = self.current_view()
        self.list.clear()
        self.views = {v.id: v for v in views}
        for view in views:
            item = QTreeWidgetItem(
                [
                    local_time(view.created_at),
                    view.rule,
                    view.scope_label,
                    view.period,
                    f"{fmt(view.metric, view.value)}（{pct(view.change)}）",
                    self._state(view),
                ]
            )
            item.setData(0, ID_ROLE, view.id)
            item.setToolTip(1, metric_label(view.metric))
            if view.acknowledged_at is None:
                font = QFont(item.font(0))
                font.setBold(True)
                for column in range(6):
                    item.setFont(column, font)
            if view.notify_error and view.notified_at is None:
                item.setForeground(5, QBrush(QColor("#c92a2a")))
            self.list.addTopLevelItem(item)
        if selected is not None:
            for i in range(self.list.topLevelItemCount()):
                if self.list.topLevelItem(i).data(0, ID_ROLE) == selected.id:
                    self.list.setCurrentItem(self.list.topLevelItem(i))
        if self.list.currentItem() is None and self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self._update_title()
        self._show_current()
        self.loaded.emit(len(views))

    def _state(self, view: AlertView) -> str:
        parts = [self.tr("acknowledged") if view.acknowledged_at else self.tr("new")]
        if view.notified_at:
            parts.append(self.tr("sent to the group"))
        elif view.notify_error:
            parts.append(self.tr("sending failed"))
        return " · ".join(parts)

    def _checked(self, outcome: alerts.Outcome, generation: int) -> None:
        if generation != self._generation:
            return
        text = (
            self.tr("{n} new alerts.").format(n=len(outcome.new))
            if outcome.new
            else self.tr("No new alerts.")
        )
        report = outcome.notified
        if report is not None and report.failed:
            text += " " + self.tr("{n} could not be sent to the group robot.").format(n=len(report.failed))
        self.status.setText(text)
        self.changed.emit()
        self.refresh()

    def _retried(self, report: alerts.NotifyReport, event_id: int) -> None:
        if not report.configured:
            self.status.setText(self.tr("No group robot is set up (Settings → Alert rules)."))
        elif event_id in report.sent:
            self.status.setText(self.tr("Sent to the group robot."))
        else:
            error = report.failed.get(event_id, "")
            self.status.setText(self.tr("Sending failed again: {error}").format(error=error))
        self._after_change()

    def _after_change(self) -> None:
        self.changed.emit()
        self.refresh()

    def _failed(self, exc: object, generation: int) -> None:
        if generation != self._generation:
            return
        self.status.setText(self.tr("Something went wrong: {error}").format(error=exc))
        self._show_current()

    # --- display ------------------------------------------------------------------------------
    def current_view(self) -> AlertView | None:
        item = self.list.currentItem()
        return None if item is None else self.views.get(item.data(0, ID_ROLE))

    def _update_title(self) -> None:
        unread = sum(1 for v in self.views.values() if v.acknowledged_at is None)
        self.title.setText(self.tr("Alerts ({unread} not acknowledged)").format(unread=unread))

    def _show_current(self) -> None:
        view = self.current_view()
        self.acknowledge_button.setEnabled(view is not None and view.acknowledged_at is None)
        self.retry_button.setEnabled(
            view is not None and view.notified_at is None and bool(view.notify_error)
        )
        if view is None:
            self.detail.setPlainText(
                self.tr("No alerts yet.") if self.database is not None else self.tr("No database open.")
            )
            return
        lines = [f"<p><b>{_escape(view.rule)}</b> · {_escape(view.scope_label)} · {_escape(view.period)}</p>"]
        lines += [f"<p>{_escape(line)}</p>" for line in view.lines()]
        if view.notify_error and view.notified_at is None:
            error = self.tr("Not sent to the group robot ({n} attempts): {error}").format(
                n=view.notify_attempts, error=view.notify_error
            )
            lines.append(f'<p style="color:#c92a2a">{_escape(error)}</p>')
        elif view.notified_at:
            sent = self.tr("Sent to the group robot at {time}.").format(time=local_time(view.notified_at))
            lines.append(f'<p style="color:#2b8a3e">{_escape(sent)}</p>')
        self.detail.setHtml("".join(lines))

    def retranslate_ui(self) -> None:
        self.list.setHeaderLabels(
            [
                self.tr("Raised"),
                self.tr("Rule"),
                self.tr("Scope"),
                self.tr("Period"),
                self.tr("Value (change)"),
                self.tr("State"),
            ]
        )
        self.check_button.setText(self.tr("Check now"))
        self.acknowledge_button.setText(self.tr("Acknowledge"))
        self.retry_button.setText(self.tr("Send again"))
        self._update_title()
        if self.views:
            self.refresh()  # the explanations are worded in the current language
        else:
            self._show_current()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
