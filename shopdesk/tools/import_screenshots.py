"""Render the import dialog and the import history offscreen:
``python -m shopdesk.tools.import_screenshots``.

The dialog previews the shared sample exports (``--samples``, default
``/work/shared/samples``) plus a small Pinduoduo file with a rejected row and an
unknown status, on a fresh database; the history shows those samples imported,
one of them undone. Like :mod:`shopdesk.tools.screenshots` it runs in a
throw-away ``SHOPDESK_HOME``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from shopdesk.tools.screenshots import OUT_DIR, _offscreen_screen

SAMPLES = Path("/work/shared/samples")
PDD_EXAMPLE = [
    "商品,订单号,订单状态,商品总价(元),邮费(元),用户实付金额(元),商品数量(件),订单成交时间,商品id,商品规格,商家编码-商品维度",
    "青禾纯棉T恤,261105-000000000001,待发货,59.00,0.00,59.00,1,2026-11-05 10:00:00,1001,白色 L,QH-T01",
    "青禾纯棉T恤,261105-000000000002,已签收,118.00,0.00,118.00,2,2026-11-05 11:20:00,1001,黑色 M,QH-T01",
    '=HYPERLINK("x"),261105-000000000003,待成团,59.00,0.00,59.00,1,2026-11-05 12:00:00,1001,白色 L,QH-T01',
    "青禾风衣,261105-000000000004,已发货，待签收,abc,0.00,299.00,1,2026-11-05 13:00:00,1002,驼色 L,QH-F02",
]


def _wait(signal, seconds: int = 60) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(lambda *_a: loop.quit())
    QTimer.singleShot(seconds * 1000, loop.quit)
    loop.exec()


def _settle() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(5):
        QApplication.processEvents()


def render(out_dir: Path, language: str, samples: Path, work: Path, suffix: str = "") -> list[Path]:
    from shopdesk.app import create_app
    from shopdesk.services.database import open_database
    from shopdesk.services.imports import import_file
    from shopdesk.services.imports.history import undo_import
    from shopdesk.ui.imports.dialog import ImportDialog
    from shopdesk.ui.imports.history import ImportHistoryDialog
    from shopdesk.ui.translators import install_language

    app = create_app()
    install_language(language, app)
    out_dir.mkdir(parents=True, exist_ok=True)
    example = work / "拼多多订单_20261105.csv"
    example.write_text("\n".join(PDD_EXAMPLE) + "\n", encoding="utf-8-sig")
    files = sorted(p for p in samples.iterdir() if p.suffix.lower() in (".csv", ".xlsx", ".xls", ".zip"))
    saved = []

    database = open_database(work / "preview.sqlite3")
    dialog = ImportDialog(database)
    dialog.show()
    dialog.add_files([*files, example])
    _wait(dialog.preview_finished)
    dialog.select_row(len(dialog.entries) - 1)
    _settle()
    target = out_dir / f"import{suffix}.png"
    dialog.grab().save(str(target), "PNG")
    saved.append(target)
    dialog.close()

    history_db = open_database(work / "history.sqlite3")
    loaded = []
    for path in [*files, example]:
        try:
            result = import_file(history_db, path)
        except Exception as exc:  # a service bug must not stop the screenshots
            print(f"{path.name}: {type(exc).__name__}: {exc}")
            continue
        if result.batch_id is not None:
            loaded.append(result)
    undo_import(history_db, loaded[-1].batch_id)
    history = ImportHistoryDialog(history_db)
    history.show()
    _wait(history.loaded)
    _settle()
    target = out_dir / f"import_history{suffix}.png"
    history.grab().save(str(target), "PNG")
    saved.append(target)
    history.close()
    database.close()
    history_db.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--suffix", default="", help="added to each file name, e.g. _en")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="shopdesk-shots-") as home:
        os.environ["SHOPDESK_HOME"] = home
        os.environ["SHOPDESK_LANG"] = args.lang
        _offscreen_screen(Path(home))
        for path in render(args.out, args.lang, args.samples, Path(home), args.suffix):
            print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
