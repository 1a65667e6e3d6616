"""Render the 周报 dialog offscreen: ``python -m shopdesk.tools.report_screenshots``.

Like :mod:`shopdesk.tools.screenshots` it runs in a throw-away
``SHOPDESK_HOME``, so no real settings are read or written.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from shopdesk.tools.screenshots import OUT_DIR, _offscreen_screen


def render(out_dir: Path, language: str, suffix: str = "") -> Path:
    from PySide6.QtWidgets import QApplication

    from shopdesk.app import create_app
    from shopdesk.ui.reports.weekly_dialog import WeeklyReportDialog
    from shopdesk.ui.translators import install_language

    app = create_app()
    install_language(language, app)
    out_dir.mkdir(parents=True, exist_ok=True)
    dialog = WeeklyReportDialog(Path.home() / "Documents" / "周报")
    dialog.show()
    for _ in range(5):
        QApplication.processEvents()
    target = out_dir / f"weekly_report_dialog{suffix}.png"
    dialog.grab().save(str(target), "PNG")
    dialog.close()
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--lang", choices=["zh_CN", "en"], default="zh_CN")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        os.environ["SHOPDESK_HOME"] = work
        _offscreen_screen(Path(work))
        print(render(args.out, args.lang, "" if args.lang == "zh_CN" else f"_{args.lang}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
