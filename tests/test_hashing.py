"""Order digests decide what a re-import updates: they must change with any
stated value, not with the order of lines, and print as 16 hex digits."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from shopdesk.importers import hashing
from shopdesk.importers.hashing import hex_strings, order_digests


def test_hex_strings_print_like_percent_016x() -> None:
    values = np.concatenate(
        [
            np.array([0, 1, 15, 16, 2**63, 2**64 - 1, 0x0123456789ABCDEF], np.uint64),
            np.random.default_rng(7).integers(0, 2**63, 1000, dtype=np.int64).astype(np.uint64)
            * np.uint64(2),
        ]
    )
    assert hex_strings(values).to_pylist() == [f"{int(v):016x}" for v in values]
    assert hex_strings(np.empty(0, np.uint64)).to_pylist() == []


def _orders(status: str = "paid") -> pa.Table:
    return pa.table({"platform_order_id": ["A", "B"], "status": [status, "paid"], "paid_fen": [100, 200]})


def _lines(keys: list[str], titles: list[str]) -> pa.Table:
    return pa.table({"platform_order_id": ["A", "A", "B"], "line_key": keys, "title": titles})


def test_an_order_digest_follows_its_values_not_its_line_order() -> None:
    base = order_digests(_orders(), _lines(["1", "2", "3"], ["衬衫", "裤子", "帽子"])).to_pylist()
    shuffled = order_digests(_orders(), _lines(["2", "1", "3"], ["裤子", "衬衫", "帽子"])).to_pylist()
    retitled = order_digests(_orders(), _lines(["1", "2", "3"], ["衬衫", "短裤", "帽子"])).to_pylist()
    restated = order_digests(
        _orders("shipped"), _lines(["1", "2", "3"], ["衬衫", "裤子", "帽子"])
    ).to_pylist()
    assert all(len(d) == 16 for d in base)
    assert shuffled == base
    assert retitled[0] != base[0] and retitled[1] == base[1]
    assert restated[0] != base[0] and restated[1] == base[1]


def test_digests_stay_those_earlier_versions_stored() -> None:
    """A stored ``source_hash`` is compared with the next export's digest: a
    change of the digest's arithmetic would make every stored order look changed."""
    orders = pa.table(
        {
            "platform_order_id": ["A", "B"],
            "status": ["paid", "shipped"],
            "paid_fen": [100, None],
            "buyer_key": ["ab" * 32, None],
        }
    )
    lines = pa.table(
        {
            "platform_order_id": ["A", "A", "B"],
            "line_key": ["6912345678901234567", "6912345678901234568", None],
            "title": ["衬衫", "裤子", "帽子"],
        }
    )
    assert order_digests(orders, lines).to_pylist() == ["3f2568a23b2ac9da", "8fed67c5c3987b30"]


def test_ids_too_long_for_int64_hash_as_through_a_dictionary() -> None:
    """19-digit sub-order numbers (mostly distinct) are hashed cell by cell, and
    IDs of one length by a row-wise sum: the values must be those the dictionary
    and the general polynomial give, or stored digests would all look changed."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    ids = [str(9_100_000_000_000_000_000 + 7919 * n) for n in range(3000)]  # beyond int64
    column = pa.array([*ids[:1000], None, *ids[1000:], ids[5]])
    assert hashing._mostly_distinct(column)
    encoded = pc.dictionary_encode(column)
    through_dictionary = hashing._hash_text(encoded.dictionary)[pc.fill_null(encoded.indices, 0).to_numpy()]
    expected = np.where(
        pc.is_valid(column).to_numpy(zero_copy_only=False), through_dictionary, hashing._NULL_HASH
    )
    assert np.array_equal(hashing.column_hash(column), expected)
    same_length = pa.array(ids[:10])
    mixed = pa.array([*ids[:10], "x", "中文"])
    assert np.array_equal(hashing._hash_text(same_length), hashing._hash_text(mixed)[:10])


def test_lines_hashed_ahead_give_the_digests_hashed_in_the_write(tmp_path, monkeypatch) -> None:
    """A big file's lines are hashed on a thread while the write starts
    (reading.HASH_AHEAD_ROWS); the digests stored, and what a later export
    finds changed, must be those of hashing them in the write."""
    from sqlalchemy import text

    from shopdesk.services.database import SALT_KEY, open_database
    from shopdesk.services.imports import import_file, reading
    from tests.builders import douyin

    orders = [
        dict(order_id=str(6900000000000000000 + 10 * n), status="待发货" if n % 2 else "已完成",
             items=[dict(item_id=str(3600000000000 + n % 7)), dict(item_id=str(3600000000000 + n % 5))])
        for n in range(60)
    ]  # fmt: skip
    first = douyin.write_orders(tmp_path / "抖店订单导出.csv", orders)
    later = douyin.write_orders(
        tmp_path / "抖店订单导出_later.csv", [{**o, "status": "已发货"} for o in orders[:40]]
    )
    results = {}
    for ahead in (True, False):
        monkeypatch.setattr(reading, "HASH_AHEAD_ROWS", 1 if ahead else 10**9)
        db = open_database(tmp_path / f"ahead_{ahead}.sqlite3")
        try:
            with db.engine.begin() as conn:
                conn.execute(text("UPDATE app_meta SET value = 'same' WHERE key = :k"), {"k": SALT_KEY})
            assert import_file(db, first).added == 60
            again = import_file(db, later)
            with db.engine.connect() as conn:
                digests = conn.execute(
                    text("SELECT platform_order_id, source_hash FROM orders ORDER BY 1")
                ).all()
            results[ahead] = (digests, again.updated, again.unchanged)
        finally:
            db.close()
    assert results[True] == results[False]
    assert results[True][1:] == (40, 0)  # every one of the forty changed its status


def _parsed_douyin(path):
    from shopdesk.domain import statuses
    from shopdesk.importers.orders.common import Context
    from shopdesk.services.imports.reading import parse_file

    context = Context("douyin", "salt", statuses.default_map("douyin"))
    [sheet] = parse_file(path, platform=None, context_for=lambda _p: context)
    return sheet.data


def test_the_douyin_mapper_knows_each_lines_order(tmp_path) -> None:
    """Douyin's orders are built from their lines, so the mapper gives each line's
    order position (``OrderData.owners``) without a lookup; it must be exactly
    the lookup's, also when an order's lines are not next to each other."""
    from tests.builders import douyin

    orders = [
        dict(order_id=str(6900000000000000000 + 10 * n), items=[{} for _k in range(n % 3 + 1)])
        for n in range(30)
    ]
    path = douyin.write_orders(tmp_path / "抖店订单导出.csv", orders)
    header, *rows = path.read_bytes().split(b"\r\n")[:-1]
    rows = rows[1::2] + rows[::2]  # lines of one order now apart
    path.write_bytes(b"\r\n".join([header, *rows]) + b"\r\n")
    data = _parsed_douyin(path)
    assert data.owners is not None and data.orders.num_rows == 30
    assert data.owners.to_pylist() == hashing.line_owners(data.orders, data.lines).to_pylist()


def test_owners_are_dropped_with_any_rejected_row(tmp_path) -> None:
    from tests.builders import douyin

    orders = [dict(order_id=str(6900000000000000000 + n), items=[{}, {}]) for n in range(5)]
    orders.append(dict(order_id=str(6900000000000000009), status="某种新状态"))  # rejected: unknown status
    data = _parsed_douyin(douyin.write_orders(tmp_path / "抖店订单导出.csv", orders))
    assert data.orders.num_rows == 5
    assert data.owners is None  # positions changed: the writer looks them up


def test_text_hashes_are_the_stored_polynomial_of_their_bytes() -> None:
    """Stored digests are made of these values: however a column is hashed (one
    length or several), each string gets sum((byte + 1) * MULT**(k + 1)) + length."""

    def reference(text: str) -> int:
        mult, total = int(hashing._MULT), 0
        for k, byte in enumerate(text.encode()):
            total += (byte + 1) * pow(mult, k + 1, 2**64)
        return (total + len(text.encode())) % 2**64

    keys = [f"{n:064x}" for n in (0, 7, 2**200 + 3, 2**255)]  # buyer keys: 64 hex digits
    ids = ["6922443592886034873", "6922443592886034874", "6922443592886034875"]
    for values in (keys, ids, [*ids, "中文", ""]):
        assert hashing._hash_text(pa.array(values)).tolist() == [reference(v) for v in values]
