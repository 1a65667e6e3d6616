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


def test_idle_work_runs_at_the_lowest_priority_and_gives_its_result() -> None:
    """An import's file digest runs on a thread the system schedules only on an
    otherwise idle core (Linux: SCHED_IDLE), and still gives its result."""
    import os
    import threading

    from shopdesk.tasks.background import started_idle

    def policy() -> tuple[int | None, str]:
        scheduler = os.sched_getscheduler(0) if sys.platform.startswith("linux") else None
        return scheduler, threading.current_thread().name

    scheduler, name = started_idle("shopdesk-test", policy).result(5)
    assert name.startswith("shopdesk-test")
    if sys.platform.startswith("linux"):
        assert scheduler == os.SCHED_IDLE
        assert os.sched_getscheduler(0) == os.SCHED_OTHER  # the caller's own is untouched
