"""Platform categories mapped to the merchant's own: saved once, applied to the
listings already imported and to every later import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import text

from shopdesk.services import categories
from shopdesk.services.imports import import_file
from shopdesk.ui.imports.category_dialog import CATEGORY_COLUMN, CategoryMappingDialog
from tests.helpers.samples import SAMPLES

LISTINGS = SAMPLES / "淘宝助理_宝贝导出.csv"


def listing_categories(db) -> set[tuple[str | None, str | None]]:
    with db.engine.connect() as conn:
        return set(conn.execute(text("SELECT platform_category, category FROM listing")).all())


def test_import_lists_unmapped_categories_and_a_mapping_applies_at_once(db) -> None:
    result = import_file(db, LISTINGS)
    assert result.status == "loaded"
    assert result.unknown_categories == {"50010850": 40}
    assert "类目映射" in result.message
    assert listing_categories(db) == {("50010850", None)}

    changed = categories.replace_mappings(db, "taobao", [("50010850", "女装/连衣裙")])

    assert changed == 40
    assert listing_categories(db) == {("50010850", "女装/连衣裙")}
    assert categories.list_categories(db, "taobao")[0].category == "女装/连衣裙"


def test_later_imports_use_the_mapping_and_removing_it_clears_listings(db, tmp_path: Path) -> None:
    categories.replace_mappings(db, "taobao", [("50010850", "女装")])
    result = import_file(db, LISTINGS)
    assert result.unknown_categories == {}
    assert listing_categories(db) == {("50010850", "女装")}
    categories.replace_mappings(db, "taobao", [("50010850", None)])
    assert listing_categories(db) == {("50010850", None)}


def test_the_dialog_saves_what_the_user_types(qtbot, db) -> None:
    import_file(db, LISTINGS)
    dialog = CategoryMappingDialog(db, "taobao")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        pass
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "50010850"
    assert dialog.table.item(0, 1).text() == "40"
    dialog.table.item(0, CATEGORY_COLUMN).setText("女装/连衣裙")
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert saved.args == [40]
    assert listing_categories(db) == {("50010850", "女装/连衣裙")}
