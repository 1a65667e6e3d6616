"""Cell cleaning for dates: every platform form, fractional seconds dropped,
bad cells flagged (not silently null), ``-`` and blanks null."""

from __future__ import annotations

from datetime import datetime

import pyarrow as pa

from shopdesk.importers.clean import datetime_


def test_dates_in_every_form_with_and_without_fractional_seconds() -> None:
    cells = ["2026-11-02 10:00:00.683", "2026/11/02 11:05:09", "2026年11月02日 12:00:00", "-", "", None,
             "2026-13-01 10:00:00", "20261102"]  # fmt: skip
    parsed = datetime_(pa.array(cells))
    assert parsed.values.to_pylist() == [
        datetime(2026, 11, 2, 10, 0), datetime(2026, 11, 2, 11, 5, 9), datetime(2026, 11, 2, 12, 0),
        None, None, None, None, datetime(2026, 11, 2),
    ]  # fmt: skip
    assert parsed.invalid.to_pylist() == [False] * 6 + [True, False]
    assert parsed.empty.to_pylist() == [False, False, False, True, True, True, False, False]


def test_a_column_without_fractions_parses_the_same() -> None:
    parsed = datetime_(pa.array(["2026-11-02 10:00:00", "2026-11-03 23:59:59"]))
    assert parsed.values.to_pylist() == [datetime(2026, 11, 2, 10), datetime(2026, 11, 3, 23, 59, 59)]
    assert parsed.invalid.to_pylist() == [False, False]


def test_a_day_the_month_does_not_have_is_a_bad_cell_not_the_next_month() -> None:
    cells = ["2026-02-30 10:00:00", "2026/4/31", "2026年06月31日", "20260931", "2024-02-29 10:00:00",
             "2026-03-01 10:00:00", "2026-03-02", "2026-1-3 08:00"]  # fmt: skip
    parsed = datetime_(pa.array(cells))
    assert parsed.values.to_pylist()[:4] == [None] * 4
    assert parsed.invalid.to_pylist() == [True] * 4 + [False] * 4
    assert parsed.values.to_pylist()[4:] == [
        datetime(2024, 2, 29, 10), datetime(2026, 3, 1, 10), datetime(2026, 3, 2), datetime(2026, 1, 3, 8),
    ]  # fmt: skip


def test_excel_damage_is_found_among_plain_ids_and_not_in_them() -> None:
    from shopdesk.importers.clean import excel_damaged

    assert not excel_damaged(pa.array(["6912345678901234567", None, "6912345678901234568"]))
    assert excel_damaged(pa.array(["6912345678901234567", "6.91234567890123E+18"]))
    assert excel_damaged(pa.array(["1.23e+17"]))
    assert not excel_damaged(pa.array(["JD-1234", "", None]))
    assert not excel_damaged(pa.array([], pa.string()))


def test_a_column_all_in_the_usual_form_is_read_by_the_iso_parser_with_the_same_result() -> None:
    from shopdesk.importers import clean

    cells = ["2026/10/28 02:16:07", "-", "2024/02/29 23:59:59", None, "2026/01/01 00:00:00"]
    assert clean._iso_cast(clean.text(pa.array(cells)), "%Y/%m/%d %H:%M:%S") is not None
    parsed = datetime_(pa.array(cells))
    usual = [datetime(2026, 10, 28, 2, 16, 7), None, datetime(2024, 2, 29, 23, 59, 59), None]
    usual.append(datetime(2026, 1, 1))
    assert parsed.values.to_pylist() == usual
    assert parsed.invalid.to_pylist() == [False] * 5
    assert parsed.empty.to_pylist() == [False, True, False, True, False]
    # one day the month lacks, or one cell in another form: the whole column goes the careful way
    for odd in ("2026/02/30 10:00:00", "2026/2/3 10:00:00", "昨天下午 10:00:00 "):
        column = pa.array([*cells, odd])
        assert clean._iso_cast(clean.text(column), "%Y/%m/%d %H:%M:%S") is None
        assert datetime_(column).values.to_pylist()[:5] == usual
    assert datetime_(pa.array([*cells, "2026/02/30 10:00:00"])).invalid.to_pylist()[-1] is True
    assert datetime_(pa.array([*cells, "2026/2/3 10:00:00"])).values.to_pylist()[-1] == datetime(
        2026, 2, 3, 10
    )


def test_whole_numbers_plain_or_with_excel_decoration() -> None:
    from shopdesk.importers.clean import integer

    plain = integer(pa.array(["3", "12", "-", None, "007"]))
    assert plain.values.to_pylist() == [3, 12, None, None, 7]
    assert plain.invalid.to_pylist() == [False] * 5
    decorated = integer(pa.array(["3", "1,234", "12.0", "2件", "abc", "1234567890123456"]))
    assert decorated.values.to_pylist() == [3, 1234, 12, 2, None, None]
    assert decorated.invalid.to_pylist() == [False, False, False, False, True, True]
    too_long = integer(pa.array(["1", "1234567890123456"]))  # 16 digits: not a count, as before
    assert too_long.invalid.to_pylist() == [False, True]


def test_a_column_of_few_amounts_parses_each_distinct_one_with_the_same_result() -> None:
    """A large column with a handful of distinct amounts (prices, shipping fees) is
    parsed per distinct value and spread back: every cell, empty, bad or null, gets
    what parsing it by itself gives."""
    from shopdesk.importers import clean
    from shopdesk.importers.arrow_tools import DISTINCT_MIN_ROWS, few_distinct

    cells = ["199.00", "¥1,299.00", "-", "", "12.345", "abc", None, "0.00", "499.00（系统计算中）", " 5.5 "]
    n = DISTINCT_MIN_ROWS + 7
    column = pa.array([cells[(i * 7) % len(cells)] for i in range(n)], pa.string())
    assert few_distinct(column) is not None
    by_distinct, each = clean.money_fen(column), clean._money_fen(column)
    assert by_distinct.values.equals(each.values)
    assert by_distinct.invalid.equals(each.invalid) and by_distinct.invalid.null_count == 0
    assert by_distinct.empty.equals(each.empty) and by_distinct.empty.null_count == 0
    assert by_distinct.values[:10].to_pylist() == [19900, 0, 1235, 129900, 49900, None, None, 550, None, None]
    assert pa.compute.sum(by_distinct.invalid).as_py() == n // 10 + (1 if n % 10 > 5 else 0)

    many = pa.array([f"{i}.00" for i in range(n)], pa.string())  # every amount differs: parsed cell by cell
    assert few_distinct(many) is None
    assert clean.money_fen(many).values.equals(clean._money_fen(many).values)


def test_dates_in_the_usual_form_read_from_their_digits_match_arrows_reading() -> None:
    """A column whose every date is exactly ``YYYY-MM-DD HH:MM:SS`` (or with ``/``)
    is read digit by digit in numpy, with what Arrow's own parser gives for the
    same text — leap days, centuries, both separators, empty cells — and a
    column with a day or time that does not exist is left to the careful way."""
    import random
    from datetime import timedelta

    from shopdesk.importers import clean

    rng = random.Random(7)
    cells = []
    for i in range(20_000):
        moment = datetime(1970, 1, 1) + timedelta(seconds=rng.randrange(-2 * 10**9, 4 * 10**9))
        separator = "-/"[i % 2]
        cells.append(
            moment.strftime(f"%Y{separator}%m{separator}%d %H:%M:%S") if i % 11 else ["-", None][i % 2]
        )
    cells += ["2000-02-29 00:00:00", "2024/02/29 23:59:59", "1900-03-01 00:00:00", "2100-12-31 00:00:00"]
    column = clean.text(pa.array(cells))
    exact = clean._exact_datetimes(column)
    assert exact is not None
    arrow = pa.compute.cast(pa.compute.replace_substring(column, "/", "-"), pa.timestamp("s"))
    assert exact.equals(arrow)
    assert datetime_(pa.array(cells)).values.equals(arrow)

    for odd in (
        "2026-02-29 00:00:00",  # not a leap year
        "1900-02-29 00:00:00",  # nor is a century
        "2026-04-31 00:00:00",
        "2026-13-01 00:00:00",
        "2026-00-10 00:00:00",
        "2026-10-28 24:00:00",
        "2026-10-28 23:60:00",
        "2026-10-28T02:16:07",
        "2026-10/28 02:16:07",
        "2026-10-28 02:16.07",
        "2026-1a-28 02:16:07",
    ):
        assert clean._exact_datetimes(pa.array(["2026-10-28 02:16:07", odd])) is None, odd


def test_dates_held_as_large_strings_are_read_the_careful_way_with_the_same_result() -> None:
    from shopdesk.importers import clean

    cells = ["2026-10-28 02:16:07", None, "2024/02/29 23:59:59"]
    assert clean._exact_datetimes(pa.array(cells, pa.large_string())) is None
    assert datetime_(pa.array(cells, pa.large_string())).values.equals(datetime_(pa.array(cells)).values)
