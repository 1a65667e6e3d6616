"""The task runner: a job finishes, fails or is cancelled from the progress dialog."""

from __future__ import annotations

import gc
import threading
import time
import weakref

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from shopdesk.tasks import runner
from shopdesk.tasks.progress import Progress
from shopdesk.tasks.runner import Task


def test_job_finishes_with_its_result_on_the_gui_thread(qtbot) -> None:
    seen: list[int] = []
    gui_thread = threading.get_ident()

    def job(progress: Progress) -> int:
        progress.step(1, 2, "half")
        return 42

    task = Task(job, title="quick")
    task.finished.connect(lambda _r: seen.append(threading.get_ident()))
    with qtbot.waitSignal(task.finished, timeout=5000) as blocker:
        task.start()
    assert blocker.args == [42]
    assert seen == [gui_thread]
    assert task.dialog is None  # closed and released


def test_failed_job_reports_the_exception(qtbot) -> None:
    def job(progress: Progress) -> None:
        raise ValueError("broken export")

    task = Task(job, show_progress=False)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        task.start()
    assert isinstance(blocker.args[0], ValueError)
    assert str(blocker.args[0]) == "broken export"


def test_quick_job_never_shows_the_dialog(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    task = Task(lambda progress: "ok", title="quick", parent=parent)
    dialog = task.dialog
    shown: list[bool] = []
    task.finished.connect(lambda _r: shown.append(dialog.isVisible()))
    with qtbot.waitSignal(task.done, timeout=5000):
        task.start()
    assert shown == [False]


def test_slow_job_shows_progress_and_cancel_button_stops_it(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    finished: list[object] = []

    def job(progress: Progress) -> str:
        for i in range(1000):
            progress.step(i, 1000, "counting rows")
            time.sleep(0.01)
        return "done"

    task = Task(job, title="slow job", parent=parent)
    task.finished.connect(finished.append)
    task.start()
    dialog = task.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    qtbot.waitUntil(lambda: dialog.labelText() == "counting rows", timeout=3000)
    assert dialog.maximum() == 1000
    cancel = dialog.findChild(QPushButton)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert finished == []
    assert task.progress.cancelled
    assert not task.is_running


def test_window_closed_while_its_job_reports_progress(qtbot) -> None:
    """A window can go while its job still runs: the job's reports and outcome
    are dropped, nothing reaches the dead window, and the task is let go."""
    for _ in range(20):  # the crash this guards against came once in hundreds of runs
        _close_window_mid_job(qtbot)


def _close_window_mid_job(qtbot) -> None:
    window = QWidget()
    window.show()
    release = threading.Event()
    reached: list[object] = []

    def job(progress: Progress) -> str:
        progress._min_interval = 0.0  # report every step, as fast as it can
        for i in range(200):
            progress.step(i, 200, f"row {i}")
        release.wait(5)
        for i in range(200):
            progress.step(i, 200, f"row {i}")
        return "done"

    task = Task(job, title="slow job", parent=window)
    task.finished.connect(reached.append)
    task.done.connect(lambda: reached.append("done"))
    task.start()
    qtbot.wait(5)
    shiboken6.delete(window)  # what closing a WA_DeleteOnClose window does
    release.set()
    qtbot.waitUntil(lambda: task not in runner._running, timeout=5000)
    qtbot.wait(20)  # reports queued behind the outcome are delivered too
    assert reached == []
    assert task.orphaned and not task.is_running
    gone = weakref.ref(task)
    task = None  # the last reference but the runner's
    gc.collect()
    assert gone() is None


def test_finished_tasks_are_let_go_while_their_window_lives_on(qtbot) -> None:
    """A window that runs a job now and then (the dashboard's loads) does not
    collect its tasks: each goes once its outcome has been told."""
    window = QWidget()
    qtbot.addWidget(window)
    gone = []
    for n in range(4):
        task = Task(lambda _p: 1, parent=window, show_progress=n % 2 == 0)
        with qtbot.waitSignal(task.done, timeout=5000):
            task.start()
        gone.append(weakref.ref(task))
        task = None
    qtbot.waitUntil(lambda: not runner._running, timeout=5000)
    gc.collect()
    assert [ref() for ref in gone] == [None] * 4
