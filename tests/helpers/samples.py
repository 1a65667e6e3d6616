"""Where the shared sample exports are: beside the checkout (as CI lays it out)
or in the workplace's shared folder."""

from __future__ import annotations

from pathlib import Path

_CANDIDATES = (
    Path(__file__).resolve().parents[2].parent / "shared" / "samples",
    Path("/work/shared/samples"),
)
SAMPLES = next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[0])
