"""Which shop a file's rows belong to."""

from __future__ import annotations

from sqlalchemy import Connection, text

from shopdesk.importers.errors import refuse
from shopdesk.platforms import platform_name


def resolve_shop(conn: Connection, platform: str, requested: str | None, named_in_file: list[str]) -> int:
    """``--shop`` wins; then the shop the file names; then the platform's only
    shop, created on first import. Several shops and no name → ask."""
    name = requested or (named_in_file[0] if len(named_in_file) == 1 else None)
    shops = conn.execute(
        text("SELECT id, name FROM shop WHERE platform = :p ORDER BY id"), {"p": platform}
    ).all()
    if name:
        for shop_id, shop_name in shops:
            if shop_name == name:
                return shop_id
        if not requested and len(shops) == 1 and shops[0][1] == default_name(platform):
            # The placeholder made by a file that named no shop (e.g. Taobao's item file
            # imported first) is this shop: give it its real name.
            conn.execute(text("UPDATE shop SET name = :n WHERE id = :i"), {"n": name, "i": shops[0][0]})
            return shops[0][0]
        return _create(conn, platform, name)
    if not shops:
        return _create(conn, platform, default_name(platform))
    if len(shops) == 1:
        return shops[0][0]
    raise refuse(
        "which_shop",
        "There are several {platform} shops ({shops}) and the file does not say which one it is from: "
        "choose the shop it belongs to (on the command line: --shop NAME).",
        platform=platform_name(platform),
        shops="、".join(s[1] for s in shops),
    )


def default_name(platform: str) -> str:
    return f"{platform_name(platform)}店铺"


def _create(conn: Connection, platform: str, name: str) -> int:
    conn.execute(
        text("INSERT INTO shop (platform, name, created_at, updated_at) VALUES (:p, :n, :t, :t)"),
        {"p": platform, "n": name, "t": _now()},
    )
    return conn.execute(
        text("SELECT id FROM shop WHERE platform = :p AND name = :n"), {"p": platform, "n": name}
    ).scalar_one()


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
