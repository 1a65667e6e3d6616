"""Reading the database back in tests: plain SQL, no ORM, so a test states
exactly what it expects to be stored."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

GMV_SQL = (
    "SELECT COALESCE(SUM(paid_fen), 0) FROM orders WHERE NOT is_test "
    "AND status NOT IN ('unpaid', 'cancelled')"
)


def rows(db: Any, sql: str, **params: Any) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def scalar(db: Any, sql: str, **params: Any) -> Any:
    with db.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def gmv_fen(db: Any, platform: str | None = None) -> int:
    if platform is None:
        return scalar(db, GMV_SQL)
    return scalar(db, GMV_SQL + " AND platform = :p", p=platform)


def order(db: Any, platform_order_id: str) -> dict[str, Any]:
    """One order as a dict of its columns (KeyError when absent)."""
    with db.engine.connect() as conn:
        row = (
            conn.execute(text("SELECT * FROM orders WHERE platform_order_id = :o"), {"o": platform_order_id})
            .mappings()
            .first()
        )
    if row is None:
        raise KeyError(platform_order_id)
    return dict(row)


def statuses(db: Any) -> dict[str, str]:
    return dict(rows(db, "SELECT platform_order_id, status FROM orders"))


def counts(db: Any) -> dict[str, int]:
    return {
        t: scalar(db, f'SELECT COUNT(*) FROM "{t}"')
        for t in ("orders", "order_line", "import_batch", "import_reject", "import_change")
    }


def dump(db: Any) -> dict[str, list[tuple]]:
    """Orders and lines in a stable order, without row ids and batch ids, to
    compare the database's content before and after."""
    order_cols = (
        "platform, platform_order_id, status, platform_status, created_time, paid_time, shipped_time, "
        "completed_time, paid_fen, shipping_fen, discount_fen, refund_fen, item_count, buyer_key, "
        "buyer_identified, is_test, test_reason, flagged, seller_memo, close_reason, source_hash"
    )
    line_cols = (
        "o.platform_order_id, l.line_key, l.platform_item_id, l.outer_id, l.sku_code, l.title, l.spec, "
        "l.quantity, l.unit_price_fen, l.paid_fen, l.refund_fen, l.refund_status, l.status"
    )
    return {
        "orders": rows(db, f"SELECT {order_cols} FROM orders ORDER BY platform, platform_order_id"),
        "order_line": rows(
            db,
            f"SELECT {line_cols} FROM order_line l JOIN orders o ON o.id = l.order_id "
            "ORDER BY o.platform_order_id, l.line_key",
        ),
    }
