"""The user's order-status mappings and the shops an import can go to.

The shipped defaults live in :mod:`shopdesk.domain.statuses`; a row in
``status_map`` overrides (or adds to) them for one platform. The importer
matches statuses after :func:`~shopdesk.domain.statuses.normalize_status`, so a
mapping saved here applies the next time a file is read — the GUI's import
preview simply runs again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from shopdesk.db.models import Shop, StatusMap
from shopdesk.domain import statuses
from shopdesk.platforms import PLATFORMS
from shopdesk.services.database import Database


@dataclass(frozen=True)
class StatusMapping:
    platform: str
    platform_status: str  # as the platform writes it (stripped)
    status: str  # one of statuses.MAPPABLE
    flag: str | None = None


def default_mappings(platform: str) -> list[StatusMapping]:
    """The shipped mappings of ``platform``, in the order they are documented."""
    return [
        StatusMapping(platform, text, status, flag)
        for text, (status, flag) in statuses.DEFAULT_STATUS_MAP.get(platform, {}).items()
    ]


def list_user_mappings(db: Database, platform: str | None = None) -> list[StatusMapping]:
    """Every ``status_map`` row (of ``platform``), sorted by platform and text."""
    query = select(StatusMap).order_by(StatusMap.platform, StatusMap.platform_status)
    if platform is not None:
        query = query.where(StatusMap.platform == platform)
    with db.session() as session:
        return [
            StatusMapping(r.platform, r.platform_status, r.status, r.flag) for r in session.scalars(query)
        ]


def _check(mapping: StatusMapping) -> StatusMapping:
    text = mapping.platform_status.strip()
    if mapping.platform not in PLATFORMS:
        raise ValueError(f"unknown platform {mapping.platform!r}")
    if not text:
        raise ValueError("the platform status is empty")
    if mapping.status not in statuses.MAPPABLE:
        raise ValueError(f"{mapping.status!r} is not one of {statuses.MAPPABLE}")
    return StatusMapping(mapping.platform, text, mapping.status, mapping.flag)


def set_mapping(db: Database, mapping: StatusMapping) -> None:
    """Add or change one mapping (keyed by platform and status text)."""
    mapping = _check(mapping)
    with db.session() as session, session.begin():
        _upsert(session, mapping)


def delete_mapping(db: Database, platform: str, platform_status: str) -> bool:
    """Remove one mapping; False when there was none."""
    with db.session() as session, session.begin():
        result = session.execute(
            delete(StatusMap).where(
                StatusMap.platform == platform, StatusMap.platform_status == platform_status.strip()
            )
        )
        return bool(result.rowcount)


def replace_mappings(db: Database, platform: str, mappings: Iterable[StatusMapping]) -> None:
    """Make ``mappings`` the user's whole set for ``platform``, in one transaction.

    What the mapping dialog saves: rows left out are deleted. Two rows with the
    same normalised text would be ambiguous, so that is refused.
    """
    wanted = [_check(m) for m in mappings]
    if any(m.platform != platform for m in wanted):
        raise ValueError("every mapping must be of the platform being replaced")
    seen: set[str] = set()
    for m in wanted:
        key = statuses.normalize_status(m.platform_status)
        if key in seen:
            raise ValueError(f"the status {m.platform_status!r} is mapped twice")
        seen.add(key)
    with db.session() as session, session.begin():
        keep = {m.platform_status for m in wanted}
        for row in session.scalars(select(StatusMap).where(StatusMap.platform == platform)):
            if row.platform_status not in keep:
                session.delete(row)
        session.flush()
        for m in wanted:
            _upsert(session, m)


def _upsert(session: Session, mapping: StatusMapping) -> None:
    row = session.scalar(
        select(StatusMap).where(
            StatusMap.platform == mapping.platform, StatusMap.platform_status == mapping.platform_status
        )
    )
    if row is None:
        row = StatusMap(platform=mapping.platform, platform_status=mapping.platform_status)
        session.add(row)
    row.status, row.flag, row.user_defined = mapping.status, mapping.flag, True


def list_shops(db: Database, platform: str) -> list[str]:
    """The names of ``platform``'s shops, oldest first (the import "which shop" choice)."""
    with db.session() as session:
        return list(session.scalars(select(Shop.name).where(Shop.platform == platform).order_by(Shop.id)))
