"""Platform categories → the merchant's own categories.

Each platform files the same goods under its own category tree (Taobao's
``50010850``, JD's ``服饰内衣>女装>连衣裙``…). ``category_map`` says which of the
merchant's categories each one is; listings carry the result in
``listing.category``. A mapping applies at once to the listings already
imported — no re-import needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, text

from shopdesk.platforms import PLATFORMS
from shopdesk.services.database import Database


@dataclass(frozen=True)
class CategoryRow:
    platform: str
    platform_category: str
    category: str | None  # None: not mapped yet
    listings: int  # how many listings use it


def list_categories(db: Database, platform: str) -> list[CategoryRow]:
    """Every platform category seen in listings or mapped, with its mapping and use."""
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                """
                SELECT c.platform_category, m.category, COALESCE(u.n, 0)
                FROM (
                    SELECT DISTINCT l.platform_category FROM listing l JOIN shop s ON s.id = l.shop_id
                    WHERE s.platform = :p AND l.platform_category IS NOT NULL
                    UNION SELECT platform_category FROM category_map WHERE platform = :p
                ) c
                LEFT JOIN category_map m ON m.platform = :p AND m.platform_category = c.platform_category
                LEFT JOIN (
                    SELECT l.platform_category, COUNT(*) AS n FROM listing l JOIN shop s ON s.id = l.shop_id
                    WHERE s.platform = :p GROUP BY l.platform_category
                ) u ON u.platform_category = c.platform_category
                ORDER BY m.category IS NOT NULL, COALESCE(u.n, 0) DESC, c.platform_category
                """
            ),
            {"p": platform},
        ).all()
    return [CategoryRow(platform, r[0], r[1], r[2]) for r in rows]


def unified_categories(db: Database) -> list[str]:
    """The merchant's categories in use, for completion in the editor."""
    with db.engine.connect() as conn:
        return [
            r[0]
            for r in conn.execute(
                text(
                    "SELECT category FROM category_map UNION SELECT category FROM product "
                    "WHERE category IS NOT NULL ORDER BY 1"
                )
            )
        ]


def replace_mappings(db: Database, platform: str, mappings: Iterable[tuple[str, str | None]]) -> int:
    """Save (platform category → category) for ``platform`` — None or blank removes
    a mapping — and apply them to the listings; returns how many listings changed."""
    if platform not in PLATFORMS:
        raise ValueError(f"unknown platform {platform!r}")
    with db.writing() as conn:
        for platform_category, category in mappings:
            conn.execute(
                text("DELETE FROM category_map WHERE platform = :p AND platform_category = :c"),
                {"p": platform, "c": platform_category},
            )
            if category and category.strip():
                conn.execute(
                    text(
                        "INSERT INTO category_map (platform, platform_category, category) VALUES (:p, :c, :u)"
                    ),
                    {"p": platform, "c": platform_category, "u": category.strip()},
                )
        return apply_mappings(conn, platform)


def apply_mappings(conn: Connection, platform: str, shop_id: int | None = None) -> int:
    """Set ``listing.category`` from ``category_map`` (cleared where a mapping was removed)."""
    shop_filter = "AND shop_id = :s" if shop_id is not None else ""
    result = conn.execute(
        text(
            f"""
            UPDATE listing SET category = (
                SELECT m.category FROM category_map m
                WHERE m.platform = :p AND m.platform_category = listing.platform_category
            )
            WHERE shop_id IN (SELECT id FROM shop WHERE platform = :p) {shop_filter}
              AND COALESCE(category, '') <> COALESCE((
                SELECT m.category FROM category_map m
                WHERE m.platform = :p AND m.platform_category = listing.platform_category), '')
            """
        ),
        {"p": platform, "s": shop_id},
    )
    return result.rowcount or 0


def unmapped(conn: Connection, shop_id: int) -> dict[str, int]:
    """Platform categories of the shop's listings with no mapping yet, with counts."""
    rows = conn.execute(
        text(
            """
            SELECT l.platform_category, COUNT(*) FROM listing l JOIN shop s ON s.id = l.shop_id
            LEFT JOIN category_map m ON m.platform = s.platform AND m.platform_category = l.platform_category
            WHERE l.shop_id = :s AND l.platform_category IS NOT NULL AND m.id IS NULL
            GROUP BY l.platform_category ORDER BY 2 DESC
            """
        ),
        {"s": shop_id},
    ).all()
    return {r[0]: r[1] for r in rows}
