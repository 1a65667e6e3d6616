"""Which platform and kind a sheet is, judged by its header alone (never the
file name: people rename files, and the platforms name them inconsistently)."""

from __future__ import annotations

from functools import cache

from shopdesk.importers.errors import refuse
from shopdesk.importers.sources import Sheet
from shopdesk.importers.spec import FileSpec
from shopdesk.importers.specs import ALL_SPECS
from shopdesk.platforms import PLATFORM_NAMES


@cache
def known_headers() -> frozenset[str]:
    return frozenset(key for spec in ALL_SPECS for col in spec.columns for key in col.keys)


def header_score(cells: list[str]) -> int:
    """How many cells of a candidate header row are column names we know."""
    known = known_headers()
    return sum(1 for c in cells if c and c in known)


def detect(
    sheet: Sheet, platform: str | None = None, extra_aliases: dict[str, dict[str, str]] | None = None
) -> tuple[FileSpec, dict[str, int]]:
    """The best-matching spec and its field → column index map.

    ``platform`` (from ``--platform``) restricts the choice; ``extra_aliases`` are
    the user's own alias rows by platform.
    """
    candidates = []
    for spec in ALL_SPECS:
        if platform and spec.platform != platform:
            continue
        found = spec.match(sheet.header, (extra_aliases or {}).get(spec.platform))
        if spec.recognises(found):
            candidates.append((len(found), spec, found))
    if not candidates:
        if platform:
            raise refuse(
                "unknown_header",
                "{name} does not look like any {platform} export shopdesk knows (columns found: {columns}).",
                name=sheet.source,
                platform=PLATFORM_NAMES.get(platform, platform),
                columns="、".join(h for h in sheet.header[:12] if h),
            )
        raise refuse(
            "unknown_header",
            "{name} does not look like a platform export shopdesk knows (columns found: {columns}). "
            "Export orders, traffic, keywords, listings or reviews from the platform back-end.",
            name=sheet.source,
            columns="、".join(h for h in sheet.header[:12] if h),
        )
    candidates.sort(key=lambda c: c[0], reverse=True)
    best_count, spec, found = candidates[0]
    rivals = [c[1] for c in candidates[1:] if c[0] == best_count and c[1].platform != spec.platform]
    if rivals:
        raise refuse(
            "ambiguous_platform",
            "{name} could be a {first} or a {second} export (the columns are the same): choose the "
            "platform it comes from (on the command line: --platform).",
            name=sheet.source,
            first=spec.label,
            second=rivals[0].label,
        )
    return spec, found
