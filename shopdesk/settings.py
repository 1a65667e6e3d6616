"""User settings kept as a small JSON file (Qt-free so the CLI shares them).

Unknown keys are kept as they are, so an older version never drops what a newer
one wrote. A damaged file is moved aside (never silently overwritten) and the
defaults are used.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from shopdesk import paths

LANGUAGES = ("zh_CN", "en")


@dataclass
class Settings:
    language: str = "zh_CN"
    last_db: str | None = None
    window_geometry: str | None = None  # base64 of QWidget.saveGeometry()
    window_state: str | None = None  # base64 of QMainWindow.saveState()
    current_tab: int = 0
    dashboard: dict[str, Any] = field(default_factory=dict)  # 数据看板 filters: period kind, platform, shop
    extra: dict[str, Any] = field(default_factory=dict)  # keys written by other versions

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or paths.settings_file()
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("settings root is not an object")
        except (OSError, ValueError):
            broken = path.with_name(f"{path.name}.broken-{int(time.time())}")
            os.replace(path, broken)
            return cls()
        known = {f.name for f in fields(cls)} - {"extra"}
        settings = cls(**{k: v for k, v in raw.items() if k in known})
        settings.extra = {k: v for k, v in raw.items() if k not in known}
        if settings.language not in LANGUAGES:
            settings.language = "zh_CN"
        return settings

    def save(self, path: Path | None = None) -> None:
        """Write atomically: a crash mid-write leaves the old file intact."""
        path = path or paths.settings_file()
        data = asdict(self)
        data.update(data.pop("extra"))  # unknown keys stay at the top level, as found
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)
