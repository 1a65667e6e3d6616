"""Import bookkeeping: one batch per imported file, and the rows it refused."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.base import Base, DateTime


class ImportBatch(Base):
    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(260))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    platform: Mapped[str | None] = mapped_column(String(16))
    kind: Mapped[str | None] = mapped_column(String(32))
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shop.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(16), default="file")  # file | api | demo
    added: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)
    message: Mapped[str | None] = mapped_column(Text)
    # The import rules in force (status and column mappings, test-order words,
    # importer version): the same file under the same rules changes nothing.
    rules_hash: Mapped[str | None] = mapped_column(String(16))


class ImportReject(Base):
    __tablename__ = "import_reject"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"), index=True)
    row_number: Mapped[int] = mapped_column(Integer)
    raw: Mapped[str] = mapped_column(Text)  # JSON object of the row's cells (personal fields removed)
    reason: Mapped[str] = mapped_column(Text)


class ImportChange(Base):
    """The values a batch overwrote, so undoing it can put them back.

    Rows a batch *added* carry its id in their own ``batch_id``; rows it *changed*
    are listed here with their previous values (JSON object of column → value).
    """

    __tablename__ = "import_change"
    __table_args__ = (Index("ix_import_change_row", "table_name", "row_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"), index=True)
    table_name: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[int] = mapped_column(Integer)
    old_values: Mapped[str] = mapped_column(Text)
