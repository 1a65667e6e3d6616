"""Small Arrow/numpy helpers shared by the mappers."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def codes(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """An integer code per value (equal values, equal codes)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return pc.dictionary_encode(values).indices.to_numpy(zero_copy_only=False)


def codes_with_nulls(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """int64 codes per value, nulls sharing one code of their own (after the others)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    encoded = pc.dictionary_encode(values)
    indices = pc.fill_null(pc.cast(encoded.indices, pa.int64()), len(encoded.dictionary))
    return np.asarray(indices.to_numpy(zero_copy_only=False), dtype=np.int64)


def first_rows(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Index of the first row of each distinct value, in file order."""
    return first_of_codes(codes(values))


def first_of_codes(value_codes: np.ndarray) -> pa.Array:
    """Index of the first row of each distinct code, in file order."""
    _, first = np.unique(value_codes, return_index=True)
    return pa.array(np.sort(first), pa.int64())


def last_rows(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Index of the last row of each distinct value, in file order."""
    c = codes(values)
    _, first_of_reversed = np.unique(c[::-1], return_index=True)
    return pa.array(np.sort(len(c) - 1 - first_of_reversed), pa.int64())
