"""``arrays.distinct`` stands in for ``np.unique`` on the hot paths: same answer."""

from __future__ import annotations

import numpy as np
import pytest

from shopdesk.arrays import distinct


@pytest.mark.parametrize(
    "values",
    [
        np.array([], np.int64),
        np.array([7], np.int64),
        np.array([3, 3, 1, 2, 2, -5], np.int64),
        np.random.default_rng(1).integers(0, 50, 5000).astype(np.int32),
        np.random.default_rng(2).integers(-(2**62), 2**62, 100_000),
        np.random.default_rng(3).integers(0, 2**63, 1000, dtype=np.int64).astype(np.uint64),
    ],
)
def test_distinct_is_np_unique(values: np.ndarray) -> None:
    found = distinct(values)
    assert found.dtype == values.dtype
    assert np.array_equal(found, np.unique(values))
