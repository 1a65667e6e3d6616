"""Moving Arrow tables into the database in bulk.

SQLite gets the raw driver's ``executemany`` with tuples (SQLAlchemy's per-row
dict processing would double the time of a million-row import); other
databases go through SQLAlchemy Core. Timestamps are written as SQLite text in
the same form the models use (see ``db.base.SQLITE_DATETIME``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Connection, Table, bindparam, update

from shopdesk.db.base import SQLITE_DATETIME_FORMAT, Base

CHUNK_ROWS = 50_000


def is_sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def _python_columns(conn: Connection, table: pa.Table) -> list[list[Any]]:
    out = []
    for column in table.columns:
        if pa.types.is_timestamp(column.type) and is_sqlite(conn):
            column = pc.strftime(column, format=SQLITE_DATETIME_FORMAT)
        if pa.types.is_boolean(column.type) and is_sqlite(conn):
            column = pc.cast(column, pa.int8())
        out.append(column.to_pylist())
    return out


def _chunks(table: pa.Table) -> Iterator[pa.Table]:
    for start in range(0, table.num_rows, CHUNK_ROWS):
        yield table.slice(start, CHUNK_ROWS)


def insert_arrow(
    conn: Connection, table_name: str, data: pa.Table, constants: Mapping[str, Any] | None = None
) -> int:
    """Insert every row of ``data`` (column names = table columns) plus ``constants``."""
    if data.num_rows == 0:
        return 0
    constants = dict(constants or {})
    target: Table = Base.metadata.tables[table_name]
    # The models' Python-side defaults (SQLAlchemy applies them only to its own inserts).
    for column in target.columns:
        default = column.default
        missing = column.name not in data.column_names and column.name not in constants
        if missing and default is not None and getattr(default, "is_scalar", False):
            constants[column.name] = default.arg
    names = [*data.column_names, *constants]
    for chunk in _chunks(data):
        columns = _python_columns(conn, chunk)
        n = chunk.num_rows
        columns.extend([[value] * n for value in constants.values()])
        if is_sqlite(conn):
            placeholders = ", ".join("?" for _ in names)
            sql = f'INSERT INTO "{table_name}" ({", ".join(names)}) VALUES ({placeholders})'
            conn.connection.driver_connection.executemany(sql, zip(*columns, strict=True))
        else:
            rows = [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]
            conn.execute(target.insert(), rows)
    return data.num_rows


def update_arrow(conn: Connection, table_name: str, ids: list[int], data: pa.Table) -> int:
    """``UPDATE table SET <data columns> WHERE id = ids[i]`` for every row."""
    if not ids:
        return 0
    target: Table = Base.metadata.tables[table_name]
    names = data.column_names
    statement = (
        update(target)
        .where(target.c.id == bindparam("_row_id"))
        .values({name: bindparam(f"_v_{name}") for name in names})
    )
    columns = [column.to_pylist() for column in data.columns]  # SQLAlchemy binds the types
    rows = [
        {"_row_id": row_id, **{f"_v_{n}": v for n, v in zip(names, values, strict=True)}}
        for row_id, *values in zip(ids, *columns, strict=True)
    ]
    for start in range(0, len(rows), CHUNK_ROWS):
        conn.execute(statement, rows[start : start + CHUNK_ROWS])
    return len(rows)
