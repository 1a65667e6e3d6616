"""`shopdesk import / imports / undo-import` as people who automate the app call
them: a real process, real files, exit codes and the JSON contract of DESIGN.md."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.builders import douyin, excel_resave, jd, pdd, taobao
from tests.builders.dbcheck import rows

ROOT = Path(__file__).resolve().parents[1]
FILE_KEYS = {
    "file": str,
    "platform": (str, type(None)),
    "kind": (str, type(None)),
    "status": str,
    "added": int,
    "updated": int,
    "unchanged": int,
    "rejected": int,
    "batch_id": (int, type(None)),
    "message": str,
}


def shopdesk(db: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shopdesk", "--db", str(db), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def good_file(tmp_path: Path) -> Path:
    return pdd.write_orders(
        tmp_path / "orders_export.csv",
        [dict(order_id="261106-214059022597968"), dict(order_id="261106-214059022597969", status="待发货")],
    )


def file_with_a_bad_row(tmp_path: Path) -> Path:
    return taobao.write_order_list(
        tmp_path / "ExportOrderList.csv",
        [dict(order_id="3302305243094339242"), dict(order_id="3302305243094339243", paid="约79块")],
    )


def excel_damaged_file(tmp_path: Path) -> Path:
    return excel_resave(jd.write_orders(tmp_path / "jd_orders.csv", [dict(order_id="290284494314")]))


def test_import_json_follows_the_contract_and_the_worst_file_decides(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    files = [good_file(tmp_path), file_with_a_bad_row(tmp_path), excel_damaged_file(tmp_path)]

    done = shopdesk(db, "import", *files, "--json")

    assert done.returncode == 2, done.stderr
    payload = json.loads(done.stdout)
    assert list(payload) == ["files"]
    assert len(payload["files"]) == 3
    for entry in payload["files"]:
        assert set(entry) == set(FILE_KEYS)
        for key, kind in FILE_KEYS.items():
            assert isinstance(entry[key], kind), (key, entry[key])
        assert not isinstance(entry["added"], bool)
    good, partial, refused = payload["files"]
    assert good["file"] == str(files[0])
    assert (good["platform"], good["kind"], good["status"], good["added"], good["rejected"]) == (
        "pdd",
        "orders",
        "loaded",
        2,
        0,
    )
    assert (partial["platform"], partial["status"], partial["added"], partial["rejected"]) == (
        "taobao",
        "loaded",
        1,
        1,
    )
    assert isinstance(partial["batch_id"], int)
    assert refused["status"] == "refused" and refused["batch_id"] is None and refused["message"]
    assert (refused["added"], refused["updated"], refused["unchanged"], refused["rejected"]) == (0, 0, 0, 0)


def test_import_exit_codes(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    assert shopdesk(db, "import", good_file(tmp_path)).returncode == 0
    assert shopdesk(db, "import", good_file(tmp_path)).returncode == 0  # nothing new is still fine
    assert shopdesk(db, "import", file_with_a_bad_row(tmp_path)).returncode == 1
    assert shopdesk(db, "import", tmp_path / "missing.csv").returncode == 2
    assert shopdesk(db, "import", excel_damaged_file(tmp_path)).returncode == 2


def test_a_rejected_row_is_reported_with_its_row_number_and_column(tmp_path: Path) -> None:
    done = shopdesk(tmp_path / "shop.sqlite3", "import", file_with_a_bad_row(tmp_path))
    assert done.returncode == 1
    assert "3" in done.stdout and "买家实际支付金额" in done.stdout and "约79块" in done.stdout


def test_a_refused_file_writes_nothing_to_the_database(tmp_path: Path) -> None:
    from shopdesk.services.database import open_database

    path = tmp_path / "shop2.sqlite3"
    assert shopdesk(path, "import", good_file(tmp_path)).returncode == 0
    assert shopdesk(path, "import", excel_damaged_file(tmp_path), "--json").returncode == 2
    database = open_database(path)
    try:
        assert rows(database, "SELECT COUNT(*) FROM import_batch") == [(1,)]
        assert rows(database, "SELECT COUNT(*) FROM orders") == [(2,)]
    finally:
        database.close()


def test_a_jd_zip_without_password_is_refused(tmp_path: Path) -> None:
    data = jd.write_orders(tmp_path / "inner.csv", [dict(order_id="290284494314")]).read_bytes()
    archive = jd.write_zip(tmp_path / "订单导出.zip", "订单导出.csv", data, "802417")
    done = shopdesk(tmp_path / "shop.sqlite3", "import", archive, "--json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["files"][0]["status"] == "refused"


def test_imports_lists_batches_and_undo_import_reverts_one(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    first = douyin.write_orders(tmp_path / "a.csv", [dict(order_id="6922443592886034280", status="待发货")])
    later = douyin.write_orders(tmp_path / "b.csv", [dict(order_id="6922443592886034280", status="已发货")])
    ids = []
    for path in (first, later):
        done = shopdesk(db, "import", path, "--json")
        assert done.returncode == 0, done.stderr
        ids.append(json.loads(done.stdout)["files"][0]["batch_id"])

    listed = shopdesk(db, "imports", "--json")
    assert listed.returncode == 0
    batches = json.loads(listed.stdout)
    assert [b["id"] for b in batches] == ids[::-1]  # newest first
    assert {b["file_name"] for b in batches} == {"a.csv", "b.csv"}
    assert all(b["undone_at"] is None for b in batches)

    assert shopdesk(db, "undo-import", str(ids[0])).returncode == 2  # the later import depends on it
    undone = shopdesk(db, "undo-import", str(ids[1]))
    assert undone.returncode == 0, undone.stderr
    assert shopdesk(db, "undo-import", str(ids[1])).returncode == 2  # already undone
    assert shopdesk(db, "undo-import", "999").returncode == 2
    after = {b["id"]: b for b in json.loads(shopdesk(db, "imports", "--json").stdout)}
    assert after[ids[1]]["undone_at"] is not None and after[ids[0]]["undone_at"] is None
