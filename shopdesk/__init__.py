"""shopdesk — one desk for a multi-platform shop's operations team."""

import contextlib
import ctypes
import os
import sys

__version__ = "0.1.0"

# Arrow's allocator (mimalloc) hands freed memory back to the system 10 ms after
# it is freed; a big import frees and allocates arrays of hundreds of megabytes
# step after step, and each new one came back as fresh pages the kernel had to
# zero. Kept 250 ms, the next step reuses them: a million-line import ran 0.9 s
# quicker on a slow machine and 0.14 s (4 %) quicker on a quick one (3.58 against
# 3.72 s, twelve interleaved runs), for a peak some 30 MiB higher (840–900 MiB):
# the importer hands memory back itself where a step has just freed a lot
# (memory.give_back_memory). Read by mimalloc when pyarrow loads, so set before that.
os.environ.setdefault("MIMALLOC_PURGE_DELAY", "250")
# numpy's OpenBLAS starts a thread per core that spins while it waits for work;
# shopdesk does no linear algebra, and on an office PC's two cores those threads
# took 0.45 % of a million-line import's CPU (perf). Read when numpy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _without_transparent_huge_pages() -> None:
    """Linux backs big numpy arrays with 2 MB pages (numpy asks for them): each is
    zeroed whole on first touch and counted whole in the process's memory. Without
    them a million-line import peaked ~45 MB lower (870–895 against 925–940 MiB)
    and ran ~0.6 s quicker on average over ten interleaved runs. Windows has no
    such pages; elsewhere this does nothing."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):  # no prctl: the default pages, nothing lost
        ctypes.CDLL(None).prctl(41, 1, 0, 0, 0)  # PR_SET_THP_DISABLE


_without_transparent_huge_pages()
