"""The merchant's own test-order words: saved with the database, applied to the
next import, shown and edited in Settings → Test order rules."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import text

from shopdesk.services import test_orders
from shopdesk.services.imports import import_file
from shopdesk.ui.imports.test_orders_dialog import TestOrderRulesDialog
from tests.builders import pdd


def flagged(db) -> dict[str, bool]:
    with db.engine.connect() as conn:
        return dict(conn.execute(text("SELECT platform_order_id, is_test FROM orders")).all())


def test_a_users_word_flags_orders_from_the_next_import(db, tmp_path: Path) -> None:
    rows = [
        dict(order_id="261106-000000000000001", memo="内部下单 请勿发货"),
        dict(order_id="261106-000000000000002", memo="test"),
        dict(order_id="261106-000000000000003", memo="正常订单"),
    ]
    path = pdd.write_orders(tmp_path / "orders_export.csv", rows)
    assert test_orders.set_words(db, ["  内部下单 ", "", "内部下单"]) == ("内部下单",)
    assert import_file(db, path).status == "loaded"
    assert flagged(db) == {
        "261106-000000000000001": True,
        "261106-000000000000002": True,
        "261106-000000000000003": False,
    }


def test_words_with_regex_characters_are_taken_literally(db, tmp_path: Path) -> None:
    test_orders.set_words(db, ["a.b"])
    rows = [
        dict(order_id="261106-000000000000001", memo="axb"),
        dict(order_id="261106-000000000000002", memo="a.b"),
    ]
    import_file(db, pdd.write_orders(tmp_path / "orders_export.csv", rows))
    assert flagged(db) == {"261106-000000000000001": False, "261106-000000000000002": True}


def test_the_dialog_shows_and_saves_the_words(qtbot, db) -> None:
    test_orders.set_words(db, ["刷单"])
    dialog = TestOrderRulesDialog(db)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.words.toPlainText() == "刷单", timeout=5000)
    dialog.words.setPlainText("刷单\n内部下单\n")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert test_orders.get_words(db) == ("刷单", "内部下单")


def test_a_large_file_is_searched_once_per_distinct_message_with_the_same_flags() -> None:
    """A million lines carry a handful of distinct messages: the rule runs over each
    distinct message once and the flags are spread back by row — the same flags as
    searching every cell, nulls unflagged."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from shopdesk.domain import statuses
    from shopdesk.domain import test_orders as rules
    from shopdesk.importers.arrow_tools import DISTINCT_MIN_ROWS, few_distinct
    from shopdesk.importers.orders.common import Context, test_flags

    phrases = ["要发顺丰", None, "测试单 勿发", "正常", "TEST order", "内部下单"]
    n = DISTINCT_MIN_ROWS + 3
    messages = pa.array([phrases[i % len(phrases)] for i in range(n)], pa.string())
    memos = pa.array([phrases[(i * 5) % len(phrases)] for i in range(n)], pa.string())
    assert few_distinct(messages) is not None
    ctx = Context("douyin", "salt", statuses.default_map("douyin"), ["内部下单"])
    hit, reason = test_flags(ctx, messages, memos)
    rule = rules.pattern(ctx.test_words)
    each = pc.or_(
        pc.fill_null(pc.match_substring_regex(messages, rule), False),
        pc.fill_null(pc.match_substring_regex(memos, rule), False),
    )
    assert hit.equals(each) and hit.null_count == 0
    assert 0 < pc.sum(hit).as_py() < n
    assert pc.all(pc.equal(pc.is_valid(reason), hit)).as_py()
