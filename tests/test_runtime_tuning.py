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
