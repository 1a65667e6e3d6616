"""Run a service job on a worker thread and show its progress in the GUI.

A job is any ``fn(progress) -> result`` from the Qt-free core. It runs in
:class:`QThreadPool`; its progress reports and its outcome cross back to the GUI
thread only through queued signals (the relay object lives on the GUI thread), so
no widget is ever touched from the worker. The progress dialog appears only when
the job takes longer than :data:`SHOW_AFTER_MS`, so quick jobs never flash a
window; its Cancel button asks the job to stop at its next ``progress.step``.

A task is never a Qt child of its window. Were it one, closing the window would
delete the task under reports still queued to it (and under the Python wrapper
that :data:`_running` holds), which crashed now and then and leaked the task
always. Instead the task outlives its window, drops every report and outcome
once the window has gone, and is let go from the event loop after its last one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QWidget

from shopdesk.tasks.progress import Cancelled, Progress

log = logging.getLogger(__name__)

SHOW_AFTER_MS = 500
Job = Callable[[Progress], Any]

_running: set[Task] = set()  # keeps Python wrappers alive until the job is done


class _Relay(QObject):
    """Created on the GUI thread; emitting from the worker queues the call."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    errored = Signal(object)
    stopped = Signal()


class _Worker(QRunnable):
    def __init__(self, job: Job, progress: Progress, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job, self._progress, self._relay = job, progress, relay

    def run(self) -> None:
        try:
            result = self._job(self._progress)
        except Cancelled:
            self._relay.stopped.emit()
        except Exception as exc:  # handed to the GUI, which shows it
            log.exception("background job failed")
            self._relay.errored.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class Task(QObject):
    """One background job. Connect to the signals, then call :meth:`start`.

    Exactly one of ``finished(result)``, ``failed(exception)`` or ``cancelled()``
    is emitted, always on the GUI thread; ``done`` follows it in every case —
    unless ``parent`` (the window the progress dialog belongs to) was destroyed
    first: then the job runs to its end (a save is not cut short) and nothing is
    emitted, as nobody is left to hear it.
    """

    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    done = Signal()

    def __init__(
        self,
        job: Job,
        *,
        title: str = "",
        parent: QWidget | None = None,
        show_progress: bool = True,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__()
        self._job = job
        self._pool = pool or QThreadPool.globalInstance()
        self._relay = _Relay()
        self.progress = Progress(callback=self._relay.progressed.emit)
        self.dialog: QProgressDialog | None = None
        self.is_running = False
        self.orphaned = False
        if parent is not None:
            parent.destroyed.connect(self._on_parent_destroyed)
        if show_progress:
            self.dialog = _progress_dialog(title, parent)
            self.dialog.canceled.connect(self.cancel)
        self._relay.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._relay.succeeded.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._relay.errored.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._relay.stopped.connect(self._on_cancelled, Qt.ConnectionType.QueuedConnection)

    def start(self) -> Task:
        _running.add(self)
        self.is_running = True
        if self.dialog is not None:
            self.dialog.setValue(0)  # starts the minimum-duration clock
        self._pool.start(_Worker(self._job, self.progress, self._relay))
        return self

    @Slot()
    def cancel(self) -> None:
        """Ask the job to stop; ``cancelled`` follows once it has unwound."""
        self.progress.cancel()

    @Slot()
    def _on_parent_destroyed(self) -> None:
        self.orphaned = True
        self.dialog = None  # a child of the parent: gone with it

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.dialog is None or not self.is_running or not shiboken6.isValid(self.dialog):
            return
        if text:
            self.dialog.setLabelText(text)
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total > 0 else 0)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        if self._end():
            self.finished.emit(result)
            self.done.emit()

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        if self._end():
            self.failed.emit(error)
            self.done.emit()

    @Slot()
    def _on_cancelled(self) -> None:
        if self._end():
            self.cancelled.emit()
            self.done.emit()

    def _end(self) -> bool:
        """Close the dialog; say whether anyone is left to tell the outcome."""
        self.is_running = False
        # Let go from the event loop, not from inside this delivery: dropping the
        # last reference here would delete the object in the middle of its own event.
        QTimer.singleShot(0, lambda: _running.discard(self))
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
        self.dialog = None
        return not self.orphaned


def _progress_dialog(title: str, parent: QWidget | None) -> QProgressDialog:
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(title or "shopdesk")
    dialog.setLabelText(title)
    bar = QProgressBar(dialog)
    bar.setFormat("%v / %m")
    bar.setTextVisible(True)
    dialog.setBar(bar)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setRange(0, 0)
    dialog.setMinimumWidth(360)
    return dialog
