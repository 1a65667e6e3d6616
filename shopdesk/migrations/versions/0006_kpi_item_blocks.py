"""kpi item blocks

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 18:30:00

Item codes and per shop-day packed item blocks (services/kpi/item_blocks.py): the
product drill-down counted each item's distinct buyers from the period's
order lines, seconds at five million lines; the blocks answer in
milliseconds. They are filled on the first open after this upgrade. And a
note of which days' blocks each data version rewrote, so the in-memory block
caches reload only those.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agg_item_code",
        sa.Column("code", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("outer_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["shop_id"], ["shop.id"], name=op.f("fk_agg_item_code_shop_id_shop"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_agg_item_code")),
        sa.UniqueConstraint("shop_id", "item_key", name=op.f("uq_agg_item_code_shop_id_item_key")),
    )
    op.create_table(
        "agg_item_block",
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("pairs", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        sa.Column("order_data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["shop_id"], ["shop.id"], name=op.f("fk_agg_item_block_shop_id_shop"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("shop_id", "day", name=op.f("pk_agg_item_block")),
    )

    op.create_table(
        "agg_block_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agg_block_change")),
    )
    op.create_index("ix_agg_block_change_version", "agg_block_change", ["version"], unique=False)


def downgrade() -> None:
    # an upgrade after this must build the blocks again
    op.execute("DELETE FROM app_meta WHERE key = 'kpi_item_blocks_version'")
    op.drop_index("ix_agg_block_change_version", table_name="agg_block_change")
    op.drop_table("agg_block_change")
    op.drop_table("agg_item_block")
    op.drop_table("agg_item_code")
