"""Files dragged from the file manager: which of them the importer can take."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData

from shopdesk.ui.imports.jobs import accepted


def dropped_files(mime: QMimeData | None) -> list[Path]:
    """The local files in ``mime`` with an importable extension, in drop order."""
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if accepted(p) and not p.is_dir()]
