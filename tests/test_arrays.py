"""``arrays.distinct`` stands in for ``np.unique`` on the hot paths: same answer."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
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


def test_item_block_rows_sort_by_their_keys_as_lexsort_sorts_them() -> None:
    """The packed-key sort of the item blocks' group sums puts keys where np.lexsort does."""
    from shopdesk.services.kpi import item_blocks

    rng = np.random.default_rng(11)
    for trial in range(60):
        n = int(rng.integers(1, 400))
        rows = np.empty(n, item_blocks.CHANGE)
        for name, high in (("shop", 3), ("day", 6), ("code", 5), ("key", 7), ("count", 3)):
            rows[name] = rng.integers(0, high, n)
        if trial % 2:  # buyer values span all 64 bits: they cannot be packed
            rows["key"] = rng.integers(-(2**63), 2**63 - 1, n, dtype=np.int64)
        for keys in (("shop", "day", "code", "key"), ("shop", "day", "code"), ("key",)):
            found = rows[item_blocks._key_order(rows, keys)]
            expected = rows[np.lexsort(tuple(rows[k] for k in reversed(keys)))]
            for name in keys:
                assert np.array_equal(found[name], expected[name])


def test_rows_already_grouped_in_key_order_are_summed_as_they_are(monkeypatch) -> None:
    """A first file's pairs come grouped and sorted: the group sum keeps them as
    they are, and gives what sorting and summing them gives in every other case."""
    from shopdesk.services.kpi import item_blocks

    keys = ("shop", "day", "code", "key")
    rng = np.random.default_rng(5)
    cases = []
    for trial in range(80):
        n = int(rng.integers(2, 300))
        rows = np.empty(n, item_blocks.CHANGE)
        for name, high in (("shop", 2), ("day", 4), ("code", 4), ("key", 6)):
            rows[name] = rng.integers(0, high, n)
        rows["count"] = rng.integers(-1 if trial % 3 == 0 else 1, 4, n)
        if trial % 2:  # made as arrow_sums makes them: grouped, in key order
            rows = rows[np.lexsort(tuple(rows[k] for k in reversed(keys)))]
            rows = rows[np.r_[True, np.any([rows[k][1:] != rows[k][:-1] for k in keys], axis=0)]]
            assert item_blocks._in_key_order(rows, keys) or len(rows) == 1
        else:
            rows[1] = rows[0]  # a key twice: to be summed
            assert not item_blocks._in_key_order(rows, keys)
        cases.append((rows, item_blocks._summed(rows)))
    monkeypatch.setattr(item_blocks, "_in_key_order", lambda _rows, _keys: False)
    for rows, found in cases:
        assert found.tobytes() == item_blocks._summed(rows).tobytes()


def test_item_block_changes_that_cancel_out_are_left_out() -> None:
    """_netted sums signed changes per key and leaves out the keys they cancel
    out on; changes with nothing subtracted are kept as they come, less rows of 0."""
    from shopdesk.services.kpi import item_blocks

    rng = np.random.default_rng(9)
    keys = item_blocks.CHANGE_KEY
    for trial in range(40):
        n = int(rng.integers(1, 400))
        rows = np.empty(n, item_blocks.CHANGE)
        for name, high in (("shop", 2), ("day", 3), ("code", 3), ("key", 5)):
            rows[name] = rng.integers(0, high, n)
        rows["count"] = rng.integers(-2 if trial % 2 else 0, 3, n)
        expected: dict[tuple, int] = {}
        for row in rows:
            key = tuple(int(row[k]) for k in keys)
            expected[key] = expected.get(key, 0) + int(row["count"])
        found = item_blocks._netted(rows, keys, ("count",))
        if trial % 2:
            got = {tuple(int(r[k]) for k in keys): int(r["count"]) for r in found}
            assert len(got) == len(found)  # one row per key
            assert got == {k: v for k, v in expected.items() if v != 0}
        else:  # nothing subtracted: not grouped, only the rows of 0 gone
            assert found.tobytes() == rows[rows["count"] != 0].tobytes()


def test_lines_positions_among_paid_orders_are_those_a_lookup_gives() -> None:
    """new_order_sums reuses each line's position among all orders (the import has
    it) instead of looking the numbers up again among the paid ones."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from shopdesk.services.kpi.arrow_sums import _among_paid

    orders = pa.array(["a", "b", "c", "d", "e"])
    keep = np.array([True, False, True, True, False])
    lines = pa.array(["c", "a", "b", None, "d", "x", "a", "e", "d"])
    got = _among_paid(pc.index_in(lines, value_set=orders), keep)
    assert got.to_pylist() == pc.index_in(lines, value_set=orders.filter(pa.array(keep))).to_pylist()
    assert got.to_pylist() == [1, 0, None, None, 2, None, 0, None, 2]


def test_order_codes_and_first_rows_are_those_of_a_dictionary() -> None:
    """Order numbers that are plain digits are coded as integers and their first rows
    found without a sort: the same codes and rows as a dictionary of the strings gives
    (leading zeros, other text and nulls keep the dictionary's way)."""
    import random

    from shopdesk.importers import arrow_tools

    def expected_codes(values: pa.Array) -> np.ndarray:
        encoded = pc.dictionary_encode(values)
        return pc.fill_null(pc.cast(encoded.indices, pa.int64()), len(encoded.dictionary)).to_numpy()

    rng = random.Random(1)
    for trial in range(1500):
        pool = [str(rng.randint(1, 10**19 - 1)) for _ in range(5)] + ["0", "007", "12a", "", "9" * 20]
        picks = pool[: rng.choice([2, 5, 10])]
        values = [rng.choice(picks) for _ in range(rng.randint(1, 30))]
        if trial % 4 == 0:
            values[rng.randrange(len(values))] = None
        column = pa.array(values, pa.string())
        codes = arrow_tools.codes_with_nulls(column)
        assert np.array_equal(codes, expected_codes(column)), values
        for order in (codes, codes[::-1]):  # in order of appearance, and not
            _, first = np.unique(order, return_index=True)
            assert arrow_tools.first_of_codes(order).to_pylist() == sorted(first.tolist())


@pytest.mark.parametrize("high", [1, 3, 50, 10**7])
def test_dense_groups_are_np_unique_with_its_inverse(high: int) -> None:
    from shopdesk.services.kpi import arrow_sums

    rng = np.random.default_rng(high)
    for n in (0, 1, 7, 3000):
        keys = rng.integers(0, high, n)
        groups, inverse = arrow_sums._dense_groups(keys)
        expected_groups, expected_inverse = np.unique(keys, return_inverse=True)
        assert np.array_equal(groups, expected_groups)
        assert np.array_equal(inverse, expected_inverse.reshape(-1))


def test_buyer_values_read_from_the_keys_bytes_match_the_string_path(monkeypatch) -> None:
    """A million hashed buyer keys are read straight from their bytes; the values
    are those of slicing and padding the keys as strings, for hashed keys, keys of
    anonymous buyers, missing keys, prefixes that are not hex, and sliced arrays."""
    import hashlib

    import pyarrow as pa

    from shopdesk.services.kpi import item_blocks

    hashed = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(300)]
    hashed += ["0" * 64, "a" * 64, "anonymous" + "f" * 55]
    cases = [
        pa.array(hashed),
        pa.array(hashed).slice(7, 200),
        pa.array([*hashed[:5], "anon:douyin:6900000000000000001"]),
        pa.array([hashed[0], None, "zz" + hashed[1][2:], "短"]),
    ]
    fast = [item_blocks.buyer_values_of_keys(keys) for keys in cases]
    monkeypatch.setattr(item_blocks, "_whole_keys", lambda _keys: None)
    for keys, values in zip(cases, fast, strict=True):
        assert np.array_equal(values, item_blocks.buyer_values_of_keys(keys))
    assert fast[2][-1] == 0 and (fast[0] != 0).all()


def test_order_numbers_listed_together_are_numbered_by_their_runs() -> None:
    """An export lists each order's lines together: the codes are the runs' numbers,
    found without hashing every line; an order coming back later, or numbers that
    are not all plain, go the hashed way — with the same codes either way."""
    from shopdesk.importers import arrow_tools

    grouped = pa.array(["69001", "69001", "69007", "69003", "69003", "69003", "69002"])
    assert arrow_tools._codes_of_runs(arrow_tools._plain_numbers(grouped)).tolist() == [0, 0, 1, 2, 2, 2, 3]
    assert arrow_tools.codes_with_nulls(grouped).tolist() == [0, 0, 1, 2, 2, 2, 3]
    back = pa.array(["69001", "69007", "69001", "69003"])
    assert arrow_tools._codes_of_runs(arrow_tools._plain_numbers(back)) is None
    assert arrow_tools.codes_with_nulls(back).tolist() == [0, 1, 0, 2]


def test_ranks_order_text_as_a_sort_of_the_text_does() -> None:
    """Equal strings share a rank; ranks ascend in byte order (Chinese, digits, case)."""
    from shopdesk.arrays import ranks

    rng = np.random.default_rng(5)
    pool = ["", "a", "B", "b", "抖音", "淘宝", "10", "9", "ab", "a\x00"]
    values = [pool[i] for i in rng.integers(0, len(pool), 3000)]
    chunked = pa.chunked_array([values[:1000], values[1000:]])
    for given in (pa.array(values), chunked):
        found = ranks(given)
        assert found.dtype == np.int64
        by_bytes = sorted(set(values), key=lambda v: v.encode())
        assert found.tolist() == [by_bytes.index(v) for v in values]


def test_buyer_days_merged_sums_equal_keys_in_key_order() -> None:
    """The numpy merge gives what summing each key in Python gives: keys with orders
    left, in (platform, buyer, day, shop) order, whatever order the parts came in."""
    from datetime import date, timedelta

    from shopdesk.services.kpi import buyer_days

    rng = np.random.default_rng(8)
    parts, expected = [], {}
    for size in (0, 1, 500, 2000):
        rows = {
            "platform": [["douyin", "jd", "taobao"][i] for i in rng.integers(0, 3, size)],
            "buyer_key": [f"{'f' if i % 2 else ''}{i:064x}"[:64] for i in rng.integers(0, 60, size)],
            "day": [date(2026, 1, 1) + timedelta(days=int(i)) for i in rng.integers(0, 9, size)],
            "shop_id": rng.integers(1, 4, size).tolist(),
            "orders": rng.integers(-2, 4, size).tolist(),
        }
        parts.append(pa.table(rows, schema=buyer_days.DELTA_SCHEMA))
        for *key, orders in zip(*rows.values(), strict=True):
            expected[tuple(key)] = expected.get(tuple(key), 0) + orders
    merged = buyer_days.merged(parts)
    wanted = sorted((k, v) for k, v in expected.items() if v > 0)
    key_names = list(buyer_days.KEY)
    got = [(tuple(row[k] for k in key_names), row["orders"]) for row in merged.to_pylist()]
    assert got == wanted
    assert merged.schema == buyer_days.DELTA_SCHEMA
    assert buyer_days.merged([parts[0]]).num_rows == 0
    # netted keeps the keys whose counts do not cancel out, negative ones too
    netted = buyer_days.netted(pa.concat_tables(parts))
    got = [(tuple(row[k] for k in key_names), row["orders"]) for row in netted.to_pylist()]
    assert got == sorted((k, v) for k, v in expected.items() if v != 0)
    assert any(v < 0 for _k, v in got) and len(got) < len(expected)
    buyers = buyer_days._buyers(pa.concat_tables(parts))
    assert sorted(buyers.to_pylist(), key=lambda r: (r["platform"], r["buyer_key"])) == [
        {"platform": p, "buyer_key": b} for p, b in sorted({k[:2] for k in expected})
    ]
