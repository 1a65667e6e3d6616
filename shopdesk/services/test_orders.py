"""The merchant's own test-order words, kept with the database (every seat of a
team uses the same rule). They apply to files imported from then on."""

from __future__ import annotations

import json

from sqlalchemy import Connection, text

from shopdesk.services.database import Database

KEY = "test_order_words"


def words_conn(conn: Connection) -> tuple[str, ...]:
    value = conn.execute(text("SELECT value FROM app_meta WHERE key = :k"), {"k": KEY}).scalar()
    return tuple(json.loads(value)) if value else ()


def get_words(db: Database) -> tuple[str, ...]:
    with db.engine.connect() as conn:
        return words_conn(conn)


def set_words(db: Database, words: list[str]) -> tuple[str, ...]:
    cleaned = tuple(dict.fromkeys(w.strip() for w in words if w.strip()))
    with db.writing() as conn:
        conn.execute(text("DELETE FROM app_meta WHERE key = :k"), {"k": KEY})
        if cleaned:
            conn.execute(
                text("INSERT INTO app_meta (key, value) VALUES (:k, :v)"),
                {"k": KEY, "v": json.dumps(cleaned, ensure_ascii=False)},
            )
    return cleaned
