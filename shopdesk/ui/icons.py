"""Icons shipped as small hand-written SVGs in ``resources/icons``."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from shopdesk import paths


def icon(name: str) -> QIcon:
    """``icon("dashboard")`` → resources/icons/dashboard.svg (empty icon if missing)."""
    path = paths.resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
