"""An import runs with Python's cycle collector off (shopdesk.memory), and turns
it back on afterwards — also when the file is refused or the import fails."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from shopdesk.services import imports
from shopdesk.services.database import open_database
from tests.builders import douyin


def test_the_collector_is_off_while_importing_and_on_after(tmp_path: Path, monkeypatch) -> None:
    seen = []
    real = imports.parse_file

    def parse_file(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(imports, "parse_file", parse_file)
    db = open_database(tmp_path / "shop.sqlite3")
    try:
        assert gc.isenabled()
        path = douyin.write_orders(tmp_path / "抖店订单导出.csv", [dict(order_id="6920000000000000001")])
        assert imports.import_file(db, path).status == "loaded"
        assert seen == [False] and gc.isenabled()
        monkeypatch.setattr(imports, "parse_file", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt))
        with pytest.raises(KeyboardInterrupt):
            other = douyin.write_orders(
                tmp_path / "抖店订单导出2.csv", [dict(order_id="6920000000000000002")]
            )
            imports.import_file(db, other)
        assert gc.isenabled()
    finally:
        db.close()
