"""Small Arrow/numpy helpers shared by the mappers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from shopdesk import arrays


def codes(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """An integer code per value (equal values, equal codes)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return pc.dictionary_encode(values).indices.to_numpy(zero_copy_only=False)


def codes_with_nulls(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """int64 codes per value, nulls sharing one code of their own (after the others);
    the others numbered in the order they first appear."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    numbers = _plain_numbers(values) if not values.null_count else None
    if numbers is not None:  # order numbers: hashed as integers, twice as quick as strings
        in_runs = _codes_of_runs(numbers)
        return in_runs if in_runs is not None else pd.factorize(numbers)[0].astype(np.int64, copy=False)
    encoded = pc.dictionary_encode(values)
    indices = pc.fill_null(pc.cast(encoded.indices, pa.int64()), len(encoded.dictionary))
    return np.asarray(indices.to_numpy(zero_copy_only=False), dtype=np.int64)


def _codes_of_runs(numbers: np.ndarray) -> np.ndarray | None:
    """Codes of ``numbers`` whose equal values stand together (an export lists an
    order's lines one after another): each run numbered in turn, as a dictionary
    numbers them, when no value comes back in a later run (None otherwise). Only
    the runs' first values are hashed: a million lines, 600,000 orders."""
    if not len(numbers):
        return None
    change = arrays.run_starts(numbers)
    firsts = numbers[change]
    if len(pd.unique(firsts)) != len(firsts):
        return None
    return np.cumsum(change, dtype=np.int64) - 1


def first_rows(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Index of the first row of each distinct value, in file order."""
    return first_of_codes(codes(values))


def first_of_codes(value_codes: np.ndarray) -> pa.Array:
    """Index of the first row of each distinct code, in file order."""
    if len(value_codes):
        # codes numbered as they first appear (most are): each first row is where the
        # running maximum grows, found in one pass instead of a sort
        rising = np.ones(len(value_codes), bool)
        np.greater(value_codes[1:], np.maximum.accumulate(value_codes)[:-1], out=rising[1:])
        first = np.flatnonzero(rising)
        if np.array_equal(value_codes[first], np.arange(len(first))):  # 0, 1, 2 … up to the largest
            return pa.array(first, pa.int64())
    _, first = np.unique(value_codes, return_index=True)
    return pa.array(np.sort(first), pa.int64())


def _plain_numbers(values: pa.Array) -> np.ndarray | None:
    """uint64 of string ``values`` that are all 1-19 digits with no leading zero (two
    strings, two numbers); None otherwise."""
    if not len(values) or not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        return None
    if pc.all(pc.ascii_is_decimal(values)).as_py() is not True:
        return None
    if (pc.max(pc.binary_length(values)).as_py() or 0) > 19 or pc.any(pc.starts_with(values, "0")).as_py():
        return None
    return pc.cast(values, pa.uint64()).to_numpy(zero_copy_only=False)


def last_rows(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Index of the last row of each distinct value, in file order."""
    c = codes(values)
    _, first_of_reversed = np.unique(c[::-1], return_index=True)
    return pa.array(np.sort(len(c) - 1 - first_of_reversed), pa.int64())


DISTINCT_MIN_ROWS = 50_000  # below this, working on every cell is as quick
_DISTINCT_SAMPLE = 4096


def few_distinct(arr: pa.Array | pa.ChunkedArray) -> pa.DictionaryArray | None:
    """``arr`` dictionary-encoded, when it holds few distinct values (prices,
    shipping fees, statuses, buyer messages: a handful in a million rows), so that
    work done cell by cell can be done once per distinct value and spread back by
    the codes; None otherwise. A sample of its first cells decides whether to try."""
    if len(arr) < DISTINCT_MIN_ROWS:
        return None
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if len(pc.unique(arr.slice(0, _DISTINCT_SAMPLE))) * 16 > _DISTINCT_SAMPLE:
        return None
    encoded = pc.dictionary_encode(arr)
    return encoded if len(encoded.dictionary) * 8 <= len(arr) else None
