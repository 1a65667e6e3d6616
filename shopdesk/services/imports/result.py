"""What importing one file did: the counts, the rejected rows, what to map next."""

from __future__ import annotations

from dataclasses import dataclass, field

from shopdesk import i18n
from shopdesk.i18n import _
from shopdesk.services.imports.reading import Reject


@dataclass
class FileResult:
    file: str
    platform: str | None = None
    kind: str | None = None
    status: str = "loaded"  # loaded | refused
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    batch_id: int | None = None
    message: str = ""
    code: str | None = None
    label: str | None = None
    shop: str | None = None
    rejects: list[Reject] = field(default_factory=list)
    unknown_statuses: dict[str, int] = field(default_factory=dict)
    unknown_categories: dict[str, int] = field(default_factory=dict)  # platform category → listings
    notes: list[str] = field(default_factory=list)
    alerts: list = field(default_factory=list)  # AlertView raised by this import (services/alerts)

    def to_json(self) -> dict:
        keys = (
            "file",
            "platform",
            "kind",
            "status",
            "added",
            "updated",
            "unchanged",
            "rejected",
            "batch_id",
            "message",
        )
        return {k: getattr(self, k) for k in keys}


def summary_message(result: FileResult) -> str:
    parts = [
        _(
            "{added} added, {updated} updated, {unchanged} unchanged, {rejected} rejected",
            added=result.added,
            updated=result.updated,
            unchanged=result.unchanged,
            rejected=result.rejected,
        )
    ]
    if result.unknown_statuses:
        listed = "、".join(f"{k}（{v}）" for k, v in result.unknown_statuses.items())
        parts.append(_("unknown statuses: {statuses}", statuses=listed))
    if result.unknown_categories:
        parts.append(
            _(
                "{n} platform categories are not mapped to your categories yet (Settings → Category mapping)",
                n=len(result.unknown_categories),
            )
        )
    parts.extend(result.notes)
    return ("；" if i18n.language().startswith("zh") else "; ").join(parts)
