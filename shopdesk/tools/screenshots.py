"""Render every tab offscreen and save PNGs: ``python -m shopdesk.tools.screenshots``.

Used for the README and to eyeball layout and Chinese text (tofu boxes, clipped
labels) without a desktop. Runs in a throw-away ``SHOPDESK_HOME`` so the real
settings and data are never touched; uses the demo database when the generator
is available, else an empty one (then the dashboard shows its empty state).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt and the database are imported after the offscreen screen is set up
    from shopdesk.services.database import Database

OUT_DIR = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
TAB_FILES = ["dashboard", "catalog", "editor", "campaigns", "service"]
SIZE = (1280, 800)
DASHBOARD_SIZE = (1400, 900)  # the dashboard shots: overview and one product, drilled down


def _offscreen_screen(folder: Path) -> None:
    """A virtual screen big enough that a 1280×800 window is not clamped."""
    config = folder / "offscreen.json"
    screen = {
        "name": "shot",
        "x": 0,
        "y": 0,
        "width": 1920,
        "height": 1200,
        "logicalDpi": 96,
        "logicalBaseDpi": 96,
        "dpr": 1,
    }
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def _database(empty: bool) -> Database:
    from shopdesk import paths
    from shopdesk.services.database import open_database

    path = paths.demo_db_path()
    if not empty:
        try:
            from shopdesk.services.demo import generate

            generate(path)
        except ImportError:
            print("demo generator not available; using an empty database", file=sys.stderr)
    return open_database(path)


def render(out_dir: Path, language: str, empty: bool, suffix: str = "") -> list[Path]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from shopdesk.app import create_app
    from shopdesk.settings import Settings
    from shopdesk.ui.main_window import MainWindow
    from shopdesk.ui.translators import install_language

    app = create_app()
    install_language(language, app)
    window = MainWindow(Settings(language=language))
    window.resize(*SIZE)
    window.show()
    loop = QEventLoop()
    window.dashboard.overview_loaded.connect(lambda _o: loop.quit())
    QTimer.singleShot(60_000, loop.quit)
    window.set_database(_database(empty))
    loop.exec()
    saved = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for index, name in enumerate(TAB_FILES):
        window.tabs.setCurrentIndex(index)
        for _ in range(3):
            QApplication.processEvents()
        target = out_dir / f"{name}{suffix}.png"
        window.grab().save(str(target), "PNG")
        saved.append(target)
    if not empty:
        saved += _dashboard_shots(window, out_dir, suffix)
    window.close()
    return saved


def _wait(signal, timeout_ms: int = 60_000) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def _dashboard_shots(window, out_dir: Path, suffix: str) -> list[Path]:
    """The dashboard at 1400×900: the overview (the GMV chart read out on the
    busiest day, as a hover shows it), then Taobao → its best seller."""
    from PySide6.QtWidgets import QApplication

    dashboard = window.dashboard
    window.tabs.setCurrentIndex(0)
    window.resize(*DASHBOARD_SIZE)
    for _ in range(3):
        QApplication.processEvents()
    chart = dashboard.overview_page.charts.gmv
    if chart.days:
        totals = [sum(s.values[i] or 0 for s in chart.series) for i in range(len(chart.days))]
        chart.hover(totals.index(max(totals)))
    overview = out_dir / f"dashboard{suffix}.png"
    window.grab().save(str(overview), "PNG")
    dashboard.open_platform("taobao")
    _wait(dashboard.products_loaded)
    dashboard.open_product(dashboard.products_page.row_at(0))
    _wait(dashboard.product_loaded)
    for _ in range(3):
        QApplication.processEvents()
    product = out_dir / f"dashboard_product{suffix}.png"
    window.grab().save(str(product), "PNG")
    return [product]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    parser.add_argument("--empty", action="store_true", help="use an empty database, not the demo")
    parser.add_argument("--suffix", default="", help="added to each file name, e.g. _en")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="shopdesk-shots-") as home:
        os.environ["SHOPDESK_HOME"] = home
        _offscreen_screen(Path(home))
        for path in render(args.out, args.lang, args.empty, args.suffix):
            print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
