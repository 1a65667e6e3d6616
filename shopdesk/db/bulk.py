"""Moving Arrow tables into the database in bulk.

SQLite gets the raw driver's ``executemany`` with tuples (SQLAlchemy's per-row
dict processing would double the time of a million-row import); other
databases go through SQLAlchemy Core. Timestamps are written as SQLite text in
the same form the models use (see ``db.base.SQLITE_DATETIME``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from datetime import datetime
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Connection, Table, bindparam, text, update

from shopdesk.db import staging
from shopdesk.db.base import SQLITE_DATETIME_FORMAT, Base
from shopdesk.memory import give_back_memory

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
        if pa.types.is_decimal(column.type) and is_sqlite(conn):
            column = pc.cast(column, pa.string())  # exact text; NUMERIC affinity stores the number
        if pa.types.is_date(column.type) and is_sqlite(conn):
            column = pc.strftime(pc.cast(column, pa.timestamp("s")), format="%Y-%m-%d")
        out.append(column.to_pylist())
    return out


def _chunks(table: pa.Table) -> Iterator[pa.Table]:
    for start in range(0, table.num_rows, CHUNK_ROWS):
        yield table.slice(start, CHUNK_ROWS)


REBUILD_MIN_ROWS = 100_000


def _secondary_indexes(conn: Connection, table_name: str) -> list[str]:
    """CREATE statements of the table's own (non-unique, named) indexes."""
    rows = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
        "AND sql NOT LIKE 'CREATE UNIQUE%'",
        (table_name,),
    ).all()
    return [r[0] for r in rows]


ChunkDone = Callable[[int, int], None]  # (rows written, rows in all); may raise to cancel


def insert_arrow(
    conn: Connection,
    table_name: str,
    data: pa.Table,
    constants: Mapping[str, Any] | None = None,
    on_chunk: ChunkDone | None = None,
) -> int:
    """Insert every row of ``data`` (column names = table columns) plus ``constants``.

    On SQLite a large insert drops the table's secondary indexes and builds them
    again afterwards, inside the same transaction: one sorted build is several
    times cheaper than a million random index insertions.
    """
    if data.num_rows == 0:
        return 0
    whole = staging.usable(conn, data.num_rows) and table_name in Base.metadata.tables
    if whole and copied_as_they_are(conn, table_name):  # a first import: indexes copied, not rebuilt
        return _insert_whole(conn, table_name, data, constants, on_chunk)
    with indexes_rebuilt_after(conn, table_name, data.num_rows):
        return _insert(conn, table_name, data, constants, on_chunk)


def _insert_whole(
    conn: Connection,
    table_name: str,
    data: pa.Table,
    constants: Mapping[str, Any] | None,
    on_chunk: ChunkDone | None,
) -> int:
    staged = None if on_chunk is None else (lambda: on_chunk(data.num_rows // 2, data.num_rows))
    whole = whole_rows(table_name, data, constants)
    staging.insert_whole(conn, staging.shape(conn, table_name), whole, staged)
    if on_chunk is not None:
        on_chunk(data.num_rows, data.num_rows)
    return data.num_rows


def _worth_rebuilding(conn: Connection, table_name: str, rows: int) -> bool:
    """Many rows, and many next to what the table holds: a rebuild reads the whole
    table, which for a month added to years of orders costs more than it saves."""
    if not is_sqlite(conn) or rows < REBUILD_MIN_ROWS:
        return False
    held = conn.exec_driver_sql(f'SELECT MAX(rowid) FROM "{table_name}"').scalar() or 0  # no scan
    return rows * 2 >= held


@contextmanager
def indexes_rebuilt_after(conn: Connection, table_name: str, rows: int) -> Iterator[None]:
    """Around an insert of ``rows`` rows: on SQLite, when there are many, drop
    the table's secondary indexes first and build them again after, in the same
    transaction (a failure's rollback restores them)."""
    rebuild = _secondary_indexes(conn, table_name) if _worth_rebuilding(conn, table_name, rows) else []
    for create in rebuild:
        name = create.split(" ON ")[0].split()[-1]
        conn.exec_driver_sql(f"DROP INDEX {name}")
    yield
    for create in rebuild:
        conn.exec_driver_sql(create)


def _with_defaults(
    table_name: str, columns: list[str], constants: Mapping[str, Any] | None
) -> dict[str, Any]:
    """``constants`` plus the model's Python-side defaults of the columns not given
    (SQLAlchemy applies those only to its own inserts)."""
    constants = dict(constants or {})
    target: Table | None = Base.metadata.tables.get(table_name)  # None: a work table
    for column in target.columns if target is not None else []:
        default = column.default
        missing = column.name not in columns and column.name not in constants
        if missing and default is not None and getattr(default, "is_scalar", False):
            constants[column.name] = default.arg
    return constants


def foreign_keys_on(conn: Connection) -> bool:
    """Whether SQLite enforces foreign keys on ``conn`` (always True elsewhere)."""
    return not is_sqlite(conn) or bool(conn.exec_driver_sql("PRAGMA foreign_keys").scalar())


def copied_as_they_are(conn: Connection, table_name: str) -> bool:
    """Whether rows staged whole go into ``table_name`` as they are: SQLite does
    that only for an empty table, with foreign keys off (see ``staging``)."""
    if not is_sqlite(conn) or foreign_keys_on(conn):
        return False
    return staging.is_empty(conn, table_name)


def whole_rows(table_name: str, data: pa.Table, constants: Mapping[str, Any] | None = None) -> pa.Table:
    """``data`` plus ``constants`` and the model's defaults as columns: rows to
    stage whole (:class:`staging.Shape`), which the copy takes as they are."""
    columns = dict(zip(data.column_names, data.columns, strict=True))
    for name, value in _with_defaults(table_name, data.column_names, constants).items():
        if value is None:
            continue  # a column left out of a whole row is NULL
        if isinstance(value, datetime):
            value = value.strftime(SQLITE_DATETIME_FORMAT)
        columns[name] = pa.repeat(pa.scalar(value), data.num_rows)
    return pa.table(columns)


def copy_staged(
    conn: Connection,
    staged: staging.Staged,
    name: str,
    table_name: str,
    constants: Mapping[str, Any] | None = None,
) -> int:
    """Copy the staged table ``name`` into ``table_name`` plus ``constants`` —
    :func:`insert_arrow` for rows staged ahead of time; returns how many. A table
    staged whole holds its constants already. The rows' Arrow table is not
    needed: its memory can go before the copy."""
    rows = staged.rows[name]
    if name in staged.whole:
        # copied as they are, index entries too: cheaper than rebuilding the indexes after
        as_they_are = copied_as_they_are(conn, table_name)
        with nullcontext() if as_they_are else indexes_rebuilt_after(conn, table_name, rows):
            staging.copy_whole(conn, staged, name)
        return rows
    columns = [column for column, _select in staged.selects[name]]
    literals = {k: _sql_literal(v) for k, v in _with_defaults(table_name, columns, constants).items()}
    with indexes_rebuilt_after(conn, table_name, rows):
        staging.copy(conn, staged, name, table_name, literals)
    return rows


def _insert(
    conn: Connection,
    table_name: str,
    data: pa.Table,
    constants: Mapping[str, Any] | None,
    on_chunk: ChunkDone | None = None,
) -> int:
    target: Table | None = Base.metadata.tables.get(table_name)  # None: a work table
    constants = _with_defaults(table_name, data.column_names, constants)
    if staging.usable(conn, data.num_rows):  # one copy from a file ADBC wrote: no per-row binding
        literals = {k: _sql_literal(v) for k, v in constants.items()}
        staged = None if on_chunk is None else (lambda: on_chunk(data.num_rows // 2, data.num_rows))
        staging.insert(conn, table_name, data, literals, staged)
        if on_chunk is not None:
            on_chunk(data.num_rows, data.num_rows)
        return data.num_rows
    written = 0
    for chunk in _chunks(data):
        if is_sqlite(conn):
            _insert_sqlite_chunk(conn, table_name, chunk, constants)
        else:
            names = [*chunk.column_names, *constants]
            columns = [c.to_pylist() for c in chunk.columns]
            columns.extend([[value] * chunk.num_rows for value in constants.values()])
            rows = [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]
            if target is None:
                placeholders = ", ".join(f":{n}" for n in names)
                conn.execute(
                    text(f'INSERT INTO "{table_name}" ({", ".join(names)}) VALUES ({placeholders})'), rows
                )
            else:
                conn.execute(target.insert(), rows)
        written += chunk.num_rows
        if on_chunk is not None:
            on_chunk(written, data.num_rows)
    return data.num_rows


def reserve_ids(conn: Connection, table_name: str, count: int) -> pa.Array:
    """``count`` new ids for rows about to be inserted into ``table_name``, so the
    caller can link other rows to them without reading them back.

    SQLite: the ids after the largest one (a write transaction — BEGIN IMMEDIATE —
    holds the database's write lock, so no one else can take them meanwhile).
    PostgreSQL: drawn from the column's sequence, as its own inserts would.
    """
    if count == 0:
        return pa.array([], pa.int64())
    if is_sqlite(conn):
        last = conn.execute(text(f'SELECT COALESCE(MAX(id), 0) FROM "{table_name}"')).scalar_one()
        return pa.array(np.arange(last + 1, last + 1 + count, dtype=np.int64))
    rows = conn.execute(
        text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
        {"t": table_name, "n": count},
    ).scalars()
    return pa.array(list(rows), pa.int64())


def _sql_literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        value = value.strftime(SQLITE_DATETIME_FORMAT)
    return "'" + str(value).replace("'", "''") + "'"


def _constant(column: pa.ChunkedArray | pa.Array) -> tuple[bool, Any]:
    """(True, value) when every cell of ``column`` holds the same value (or is null)."""
    if column.null_count == len(column):
        return True, None
    if column.null_count or not (
        pa.types.is_integer(column.type)
        or pa.types.is_boolean(column.type)
        or pa.types.is_string(column.type)
    ):
        return False, None
    if pa.types.is_boolean(column.type):
        column = pc.cast(column, pa.int8())
    bounds = pc.min_max(column)
    low, high = bounds["min"].as_py(), bounds["max"].as_py()
    if isinstance(low, str) and "\x00" in low:  # SQL text cannot hold NUL: bind it instead
        return False, None
    return low == high, low


def _insert_sqlite_chunk(
    conn: Connection, table_name: str, chunk: pa.Table, constants: dict[str, Any]
) -> None:
    """Bind only the columns that vary: all-null columns are left out and columns
    holding one value become SQL literals (binding is the cost of a bulk insert)."""
    bound_names, bound, literal_names, literals = (
        [],
        [],
        list(constants),
        [_sql_literal(v) for v in constants.values()],
    )
    for name, column in zip(chunk.column_names, chunk.columns, strict=True):
        same, value = _constant(column)
        if same:
            if value is not None:
                literal_names.append(name)
                literals.append(_sql_literal(value))
            continue
        bound_names.append(name)
        bound.append(column)
    columns = _python_columns(
        conn, pa.table(dict(zip(bound_names, bound, strict=True))) if bound else pa.table({})
    )
    names = bound_names + literal_names
    values = ["?"] * len(bound_names) + literals
    sql = f'INSERT INTO "{table_name}" ({", ".join(names)}) VALUES ({", ".join(values)})'
    driver = conn.connection.driver_connection
    if columns:
        driver.executemany(sql, zip(*columns, strict=True))
    else:
        driver.executemany(sql, ([] for _ in range(chunk.num_rows)))


@contextmanager
def id_list(conn: Connection, ids: list[int]) -> Iterator[str]:
    """A temporary one-column table holding ``ids``, for ``WHERE id IN (SELECT id FROM …)``
    (a literal IN list of a hundred thousand ids would hit the parameter limits)."""
    conn.execute(text("DROP TABLE IF EXISTS import_ids"))
    conn.execute(text("CREATE TEMPORARY TABLE import_ids (id INTEGER PRIMARY KEY)"))
    try:
        if is_sqlite(conn):
            conn.connection.driver_connection.executemany(
                "INSERT INTO import_ids VALUES (?)", ((i,) for i in ids)
            )
        else:
            conn.execute(text("INSERT INTO import_ids VALUES (:i)"), [{"i": i} for i in ids])
        yield "import_ids"
    finally:
        conn.execute(text("DROP TABLE IF EXISTS import_ids"))


def update_arrow(conn: Connection, table_name: str, ids: list[int], data: pa.Table) -> int:
    """``UPDATE table SET <data columns> WHERE id = ids[i]`` for every row."""
    if not ids:
        return 0
    if staging.usable(conn, len(ids)):  # one UPDATE … FROM a file ADBC wrote: no per-row binding
        staged = staging.stage({"rows": data.append_column("id", pa.array(ids, pa.int64()))})
        try:
            staging.update(conn, staged, "rows", table_name)
        finally:
            staged.discard()
        give_back_memory()  # the Arrow copies staged
        return len(ids)
    if is_sqlite(conn):
        assignments = ", ".join(f"{name} = ?" for name in data.column_names)
        sql = f'UPDATE "{table_name}" SET {assignments} WHERE id = ?'
        driver = conn.connection.driver_connection
        for start in range(0, len(ids), CHUNK_ROWS):
            chunk = data.slice(start, CHUNK_ROWS)
            columns = _python_columns(conn, chunk)
            driver.executemany(sql, zip(*columns, ids[start : start + CHUNK_ROWS], strict=True))
        return len(ids)
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


def executemany(conn: Connection, sql: str, rows: Iterable[Sequence[Any]]) -> None:
    """``sql`` with ``?`` placeholders for each row, through the driver directly
    on SQLite (SQLAlchemy's per-row handling costs more than the insert)."""
    if is_sqlite(conn):
        conn.connection.driver_connection.executemany(sql, rows)
        return
    names = []
    count = sql.count("?")
    for n in range(count):
        names.append(f"p{n}")
    parts = sql.split("?")
    named = "".join(part + (f":{names[i]}" if i < count else "") for i, part in enumerate(parts))
    batch = [dict(zip(names, row, strict=True)) for row in rows]
    if batch:
        conn.execute(text(named), batch)


FETCH_ROWS = 25_000  # Python tuples per slice: a few megabytes at a time


def read_arrow(conn: Connection, sql: str, schema: pa.Schema, params: dict | None = None) -> pa.Table:
    """The rows of ``sql`` as an Arrow table, fetched in slices (days come back as
    ISO text from SQLite and as dates from PostgreSQL)."""
    cursor = conn.execute(text(sql), params or {}).cursor
    batches = []
    while chunk := cursor.fetchmany(FETCH_ROWS):
        columns = []
        for field, values in zip(schema, zip(*chunk, strict=True), strict=True):
            if pa.types.is_date32(field.type):
                column = pa.array(values)
                columns.append(column if column.type == field.type else pc.cast(column, field.type))
            else:
                columns.append(pa.array(values, field.type))
        batches.append(pa.record_batch(columns, schema=schema))
    return pa.Table.from_batches(batches, schema=schema)
