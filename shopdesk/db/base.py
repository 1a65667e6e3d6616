"""Declarative base with a constraint naming convention.

Alembic batch mode on SQLite recreates tables and can only drop or alter a
constraint it can name, so every constraint gets a predictable name.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime as _DateTime
from sqlalchemy import MetaData, func
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Timestamps are stored to the second as 'YYYY-MM-DD HH:MM:SS' on SQLite (no
# microseconds): the bulk import writes that text directly, date(x) and range
# comparisons work on it, and the ORM reads the same thing back.
SQLITE_DATETIME = sqlite.DATETIME(
    storage_format="%(year)04d-%(month)02d-%(day)02d %(hour)02d:%(minute)02d:%(second)02d",
    regexp=r"(\d+)-(\d+)-(\d+)(?: (\d+):(\d+):(\d+)(?:\.\d+)?)?",
)
DateTime = _DateTime().with_variant(SQLITE_DATETIME, "sqlite")
SQLITE_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"

PLATFORMS = ("taobao", "jd", "pdd", "douyin")
ORDER_STATUSES = ("unpaid", "paid", "shipped", "completed", "cancelled", "refunded")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Timestamped:
    """created_at / updated_at kept by the database (Asia/Shanghai wall time is not
    needed here: these are bookkeeping stamps, stored as UTC)."""

    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )


def in_list(column: str, values: tuple[str, ...]) -> str:
    """SQL text for a CHECK that a column holds one of ``values``.

    Written as ``a = 'x' OR a = 'y'`` rather than ``a IN ('x', 'y')``: SQLite
    builds an ephemeral index for an IN list on every row it checks, which made a
    600k-order import spend 5 of its 8 insert seconds in two CHECKs.
    """
    return " OR ".join(f"{column} = '{v}'" for v in values)
