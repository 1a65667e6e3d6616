"""shopdesk — one desk for a multi-platform shop's operations team."""

import contextlib
import ctypes
import os
import sys

__version__ = "0.1.0"

# Arrow's allocator (mimalloc) hands freed memory back to the system 10 ms after
# it is freed. Kept longer (250 ms), a big import's next step reused the pages
# instead of having the kernel zero fresh ones: 0.9 s quicker on a slow machine,
# but on a quicker one no quicker at all (a million lines in 3.5 s either way, ten
# interleaved runs), while everything freed within the last 250 ms still counted
# in the peak: 870–930 MiB against 840–860 MiB at 10 ms. The peak is what an
# 8 GB office PC feels, so the default stays, stated here so that a later
# mimalloc's other default does not move it. Read when pyarrow loads.
os.environ.setdefault("MIMALLOC_PURGE_DELAY", "10")
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
