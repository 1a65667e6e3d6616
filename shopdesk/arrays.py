"""numpy helpers for the import's and the KPI service's hot paths."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values of a 1-D integer array, as ``np.unique(values)``.

    numpy 2.4's ``np.unique`` without ``return_*`` goes through a hash table that
    takes 1 s for a million int64 keys such as (group, order) pairs; sorting and
    keeping each run's first value takes 0.03 s.
    """
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    return ordered[run_starts(ordered)]


def ranks(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Each value's rank among the distinct values in ascending (byte) order, as
    int64: equal values, equal ranks. No nulls. Rows sorted with ``np.lexsort`` on
    such ranks come in the order a sort on the text itself gives, but each distinct
    string is compared once, not once per pair of rows."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    encoded = pc.dictionary_encode(values)
    order = pc.sort_indices(encoded.dictionary).to_numpy()
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order))
    return rank[np.asarray(encoded.indices.to_numpy(), np.int64)]


def run_starts(values: np.ndarray) -> np.ndarray:
    """True where a value differs from the one before it (and at the first): the
    start of each run of equal values. ``values`` is not empty."""
    first = np.empty(len(values), bool)
    first[0] = True
    np.not_equal(values[1:], values[:-1], out=first[1:])
    return first


def fixed_width_bytes(values: pa.Array, width: int) -> np.ndarray | None:
    """The bytes of a string array whose every cell is exactly ``width`` bytes
    (none null), as an (n, width) uint8 view of its buffer: fixed-width text such
    as hashed keys or dates read in numpy without a copy. None otherwise."""
    if not len(values) or values.null_count or not pa.types.is_string(values.type):  # (32-bit offsets)
        return None
    if pc.min_max(pc.binary_length(values)).as_py() != {"min": width, "max": width}:
        return None
    n = len(values)
    start = int(np.frombuffer(values.buffers()[1], np.int32, 1, values.offset * 4)[0])
    return np.frombuffer(values.buffers()[2], np.uint8, width * n, start).reshape(n, width)


def ints(values: pa.ChunkedArray | pa.Array, fill: int | None = 0) -> np.ndarray:
    """int64 numpy values of an Arrow column; nulls become ``fill`` (SQL's SUM
    skips NULLs: 0 adds nothing)."""
    if fill is not None:
        values = pc.fill_null(values, fill)
    return np.asarray(pc.cast(values, pa.int64()).to_numpy(zero_copy_only=False), dtype=np.int64)
