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
