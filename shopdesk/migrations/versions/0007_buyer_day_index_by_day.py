"""buyer-day rows indexed by day only

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 02:10:00

``ix_agg_buyer_day_scan`` covered every column a period's buyer count read from
``agg_buyer_day``; since the counts come from the packed blocks
(``agg_buyer_block``), nothing scans it, while every import paid for it: a
third of the table's size, and 0.6 s of a million-line first import to build.
What still looks rows up by day — repacking the blocks of the days an import
changed — needs only the day.
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SCAN_COLUMNS = [
    "day",
    "platform",
    "shop_id",
    "orders",
    "p_prev",
    "p_prev2",
    "p_prev_orders",
    "s_prev",
    "s_prev2",
    "s_prev_orders",
]


def upgrade() -> None:
    op.drop_index("ix_agg_buyer_day_scan", table_name="agg_buyer_day")
    op.create_index("ix_agg_buyer_day_day", "agg_buyer_day", ["day"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_agg_buyer_day_day", table_name="agg_buyer_day")
    op.create_index("ix_agg_buyer_day_scan", "agg_buyer_day", SCAN_COLUMNS, unique=False)
