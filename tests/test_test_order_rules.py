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
