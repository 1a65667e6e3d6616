"""shopdesk — one desk for a multi-platform shop's operations team."""

import os

__version__ = "0.1.0"

# Arrow's allocator (mimalloc) hands freed memory back to the system 10 ms after
# it is freed; a big import frees and allocates arrays of hundreds of megabytes
# step after step, and each new one came back as fresh pages the kernel had to
# zero (3 s of a million-line import's CPU). Kept 250 ms, the next step reuses
# them: the import ran ~0.9 s quicker with a lower and steadier peak (six
# interleaved runs). Read by mimalloc when pyarrow loads, so set before that.
os.environ.setdefault("MIMALLOC_PURGE_DELAY", "250")
