"""Files dragged from the file manager: which of them the importer can take."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from shopdesk.ui.imports.jobs import accepted


def dropped_files(mime: QMimeData | None) -> list[Path]:
    """The local files in ``mime`` with an importable extension, in drop order."""
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if accepted(p) and not p.is_dir()]


class AcceptsFileDrops:
    """Mixin for a QWidget that takes export files dropped on it: subclasses say
    what to do with them in :meth:`files_dropped` (and call ``setAcceptDrops``)."""

    def files_dropped(self, files: list[Path]) -> None:
        raise NotImplementedError

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.files_dropped(files)
