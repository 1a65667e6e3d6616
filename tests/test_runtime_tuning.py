"""The process tunes its memory for big imports when shopdesk loads (shopdesk/__init__.py)."""

from __future__ import annotations

import subprocess
import sys


def test_allocator_settings_are_in_place_before_pyarrow_loads() -> None:
    code = (
        "import ctypes, os, sys, shopdesk; import pyarrow; "
        "print(os.environ['MIMALLOC_PURGE_DELAY']); "
        "print(ctypes.CDLL(None).prctl(42, 0, 0, 0, 0) if sys.platform.startswith('linux') else 1)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["250", "1"]  # purge delay set; huge pages off (PR_GET_THP_DISABLE)


def test_numpy_starts_no_blas_threads() -> None:
    """OpenBLAS's idle threads spin on the two cores an import needs."""
    code = (
        "import os, shopdesk, numpy; tasks = '/proc/self/task'; "
        "print(os.environ['OPENBLAS_NUM_THREADS'], len(os.listdir(tasks)) if os.path.isdir(tasks) else 1)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    setting, threads = out.stdout.split()
    assert setting == "1" and int(threads) == 1


def test_spare_work_runs_at_the_lowest_priority_until_its_result_is_asked_for() -> None:
    """An import's file digest runs on a thread the system schedules only on an
    otherwise idle core (Linux: SCHED_IDLE); asked for before it is done, the thread
    gets the normal priority back, and the result is the function's."""
    import os
    import threading

    from shopdesk.tasks.background import started_idle

    linux = sys.platform.startswith("linux")
    seen: list[object] = []
    lowered, go = threading.Event(), threading.Event()

    def work() -> str:
        seen.append(os.sched_getscheduler(0) if linux else None)
        lowered.set()
        go.wait(5)
        seen.append(os.sched_getscheduler(0) if linux else None)
        return threading.current_thread().name

    spare = started_idle("shopdesk-test", work)
    assert lowered.wait(5)
    threading.Timer(0.2, go.set).start()  # still running when its result is asked for
    assert spare.result(5).startswith("shopdesk-test") and spare.done()
    if linux:
        assert seen == [os.SCHED_IDLE, os.SCHED_OTHER]
        assert os.sched_getscheduler(0) == os.SCHED_OTHER  # the caller's own is untouched
