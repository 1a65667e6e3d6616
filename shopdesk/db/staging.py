"""Large inserts on SQLite through a staging file written by ADBC.

Binding a million rows through Python's ``sqlite3.executemany`` costs about
10 s (each cell becomes a Python object, then an ``sqlite3_bind`` call); the
ADBC SQLite driver binds the Arrow buffers in C and writes the same rows to a
scratch file in about 1.5 s. The import's own connection then ATTACHes that
file and copies the rows with one ``INSERT … SELECT`` inside its transaction,
so a failure or a cancel still rolls everything back.

SQLite refuses to DETACH a database a transaction has read, so the files stay
attached until the connection goes back to the pool (its transaction is over
by then): the pool's ``checkin`` event detaches and deletes them. Each staged
insert has a file of its own — the open transaction keeps a read lock on every
file it has copied from, so the writer could not reuse one.

A table staged *whole* (:class:`Shape`) is created in the file with the target's
own ``CREATE TABLE`` and indexes and holds complete rows in their stored form.
Then ``INSERT INTO target SELECT * FROM staged`` lets SQLite copy the records and
index entries as they are, with no decoding or per-row index search (its
"transfer optimisation"): a million order lines and their orders go into an
empty database in about 2.5 s instead of 4.5 s plus 1.3 s of index building. SQLite
does this only when the target is empty and foreign keys are off on the
connection (imports turn them off: they write links they made themselves);
otherwise the same statement inserts row by row, with the same result.
"""

from __future__ import annotations

import itertools
import logging
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Connection, Engine, event

from shopdesk.tasks.background import Spare, started_idle

log = logging.getLogger(__name__)

MIN_ROWS = 20_000  # below this, executemany is as quick and needs no file
MAX_ATTACHED = 8  # SQLite allows 10 attached databases per connection
STALE_SECONDS = 24 * 3600  # a file this old was left by a process that died mid-import
PREFIX = "shopdesk-stage-"
_PENDING = "shopdesk_staged_files"  # key in the pooled connection's info: [(alias, path)]
_counter = itertools.count(1)


def directory() -> Path:
    """Where staging files go: the system's temporary folder."""
    return Path(tempfile.gettempdir())


def sweep(folder: Path | None = None, now: float | None = None) -> int:
    """Delete staging files left by a process that was killed mid-import (a day old:
    a running import's file is minutes old at most). Returns how many went."""
    folder = folder or directory()
    now = time.time() if now is None else now
    removed = 0
    for path in folder.glob(f"{PREFIX}*.sqlite3"):
        try:
            if now - path.stat().st_mtime > STALE_SECONDS:
                path.unlink()
                removed += 1
        except OSError:  # gone meanwhile, or still open (Windows)
            continue
    return removed


def available() -> bool:
    try:
        driver()
    except ImportError:  # a build without the driver: executemany still works
        return False
    return True


_loading = threading.Lock()


def driver() -> ModuleType:
    """``adbc_driver_sqlite.dbapi``, loaded without ``pyarrow.dataset``.

    ADBC's DB-API module imports ``pyarrow.dataset`` only to recognise the Dataset
    and Scanner objects ``adbc_ingest`` also accepts; that import loads Arrow's
    dataset, Parquet, Acero and Substrait libraries: 0.4 s of CPU, a twentieth of
    a million-line import, on two cores that are busy reading the file. Staging
    ingests Tables only, which ADBC binds through the Arrow C stream interface
    before it ever looks at those types. So while the driver loads, an empty
    module stands in for ``pyarrow.dataset``, and goes as soon as it has loaded:
    whatever imports ``pyarrow.dataset`` later gets the real one.
    """
    with _loading:
        loaded = sys.modules.get("adbc_driver_sqlite.dbapi")
        if loaded is not None:
            return loaded
        stand_in = None
        if "pyarrow.dataset" not in sys.modules:
            stand_in = sys.modules["pyarrow.dataset"] = ModuleType("pyarrow.dataset")
        try:
            import adbc_driver_sqlite.dbapi as adbc
        finally:
            if stand_in is not None and sys.modules.get("pyarrow.dataset") is stand_in:
                del sys.modules["pyarrow.dataset"]
        return adbc


def usable(conn: Connection, rows: int) -> bool:
    """True when an insert of ``rows`` rows on ``conn`` should go through a staging file."""
    if conn.dialect.name != "sqlite" or rows < MIN_ROWS or not available():
        return False
    return len(conn.connection.info.get(_PENDING, [])) < MAX_ATTACHED


def _ingestable(column: pa.ChunkedArray | pa.Array) -> tuple[pa.ChunkedArray | pa.Array, str]:
    """(the column as ADBC should write it, how the SELECT turns it back into ours).

    Timestamps travel as epoch seconds and become SQLite's ``YYYY-MM-DD HH:MM:SS``
    text (the models' storage form); decimals travel as exact text, which the
    target's NUMERIC affinity stores as a number, as the executemany path does.
    """
    kind = column.type
    if pa.types.is_timestamp(kind):
        seconds = pc.cast(pc.cast(column, pa.timestamp("s")), pa.int64())
        return seconds, "datetime({}, 'unixepoch')"
    if pa.types.is_decimal(kind):
        return pc.cast(column, pa.string()), "{}"
    if pa.types.is_date32(kind):  # ADBC binds dates 5× slower than the same text
        return pc.cast(column, pa.string()), "{}"
    if pa.types.is_boolean(kind):
        return pc.cast(column, pa.int8()), "{}"
    if pa.types.is_large_string(kind):
        return pc.cast(column, pa.string()), "{}"
    return column, "{}"


@dataclass(frozen=True)
class Shape:
    """A target table as SQLite declares it: staged under another name with the same
    statements, it is a table SQLite can copy records from as they are."""

    table: str
    create: str  # CREATE TABLE …, as in sqlite_master
    indexes: tuple[str, ...]  # CREATE INDEX … of its declared indexes (UNIQUE ones are in create)

    def statements(self, name: str) -> tuple[str, list[str]]:
        """The CREATE TABLE and CREATE INDEX statements for a copy called ``name``.
        UNIQUE constraints stay in the table: SQLite copies index entries only
        between indexes with the same conflict action, and a constraint's
        differs from a ``CREATE UNIQUE INDEX``'s."""
        table = re.compile(rf'^(CREATE TABLE\s+)"?{re.escape(self.table)}"?', re.IGNORECASE)
        create = table.sub(rf'\1"{name}"', self.create, count=1)
        on = re.compile(rf'(\sON\s+)"?{re.escape(self.table)}"?(\s*\()', re.IGNORECASE)
        indexes = [on.sub(rf'\1"{name}"\2', index, count=1) for index in self.indexes]
        if create == self.create or any(i == j for i, j in zip(indexes, self.indexes, strict=True)):
            raise ValueError(f"cannot restate the table {self.table!r} under another name")
        return create, indexes


def is_empty(conn: Connection, table_name: str) -> bool:
    return bool(conn.exec_driver_sql(f'SELECT NOT EXISTS (SELECT 1 FROM "{table_name}")').scalar())


def shape(conn: Connection, table_name: str) -> Shape:
    """``table_name``'s declaration, read from ``conn``'s database (main schema).
    Its indexes come only when the table is empty: rows are copied with them
    only then, and otherwise building them in the file would be work for nothing."""
    rows = conn.exec_driver_sql(
        "SELECT type, sql FROM main.sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY type DESC",
        (table_name,),
    ).all()
    create = [sql for kind, sql in rows if kind == "table"]
    if len(create) != 1:
        raise ValueError(f"no table {table_name!r}")
    indexes = tuple(sql for kind, sql in rows if kind == "index") if is_empty(conn, table_name) else ()
    return Shape(table_name, create[0], indexes)


@dataclass
class Staged:
    """Tables written to a staging file, not yet copied. Made by :func:`stage`
    (which needs no database connection, so it can run on a worker thread while
    the import computes something else: ADBC releases the GIL)."""

    path: Path
    selects: dict[str, list[tuple[str, str]]]  # table → (column, SELECT expression with {} for it)
    alias: str | None = None  # set once attached
    whole: dict[str, Shape] = field(default_factory=dict)  # tables staged like their target
    rows: dict[str, int] = field(default_factory=dict)  # table → rows written (its data may go)

    def discard(self) -> None:
        """Delete the file of tables that will not be copied (a cancel, an error)."""
        if self.alias is None:
            self.path.unlink(missing_ok=True)


def _stored(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """``column`` as SQLite stores it through our models: timestamps as
    ``YYYY-MM-DD HH:MM:SS`` text (Arrow's cast of whole seconds gives exactly that
    form, 15× quicker than ``strftime``), decimals as exact text (NUMERIC affinity
    makes the number), booleans as 0/1."""
    if pa.types.is_timestamp(column.type):
        return pc.cast(pc.cast(column, pa.timestamp("s")), pa.string())
    values, _select = _ingestable(column)
    return values


def stage(tables: Mapping[str, pa.Table], shapes: Mapping[str, Shape] | None = None) -> Staged:
    """Write ``tables`` (name → rows) to a new staging file. A table named in
    ``shapes`` is staged whole: it must hold every column the target needs (those
    left out are NULL), and is copied with :func:`copy_whole`."""
    adbc = driver()
    handle, name = tempfile.mkstemp(prefix=PREFIX, suffix=".sqlite3", dir=directory())
    os.close(handle)
    staged = Staged(Path(name), {})
    try:
        with adbc.connect(name, autocommit=True) as writer:
            cursor = writer.cursor()
            # a scratch file: no crash safety needed; the largest pages, because SQLite
            # writes and reads a page per system call, and a million lines in 4 KB
            # pages cost 0.6 s more to write here
            for pragma in ("page_size=65536", "journal_mode=OFF", "synchronous=OFF"):
                cursor.execute(f"PRAGMA {pragma}")
                cursor.fetchall()
            for table_name, data in tables.items():
                staged.rows[table_name] = data.num_rows
                if shapes and table_name in shapes:
                    _stage_whole(cursor, table_name, data, shapes[table_name])
                    staged.whole[table_name] = shapes[table_name]
                    continue
                columns, selects = [], []
                for column_name, column in zip(data.column_names, data.columns, strict=True):
                    values, select = _ingestable(column)
                    columns.append(values)
                    selects.append((column_name, select))
                cursor.adbc_ingest(table_name, pa.table(dict(zip(data.column_names, columns, strict=True))))
                del columns
                staged.selects[table_name] = selects
            cursor.close()
    except BaseException:
        staged.path.unlink(missing_ok=True)
        raise
    return staged


def _stage_whole(cursor: Any, name: str, data: pa.Table, target: Shape) -> None:
    create, indexes = target.statements(name)
    deferred = _deferred_keys(cursor, target, name, create)
    if deferred is None:
        cursor.execute(create)
        declared, constants = _columns(cursor, name), {}
    else:
        declared = deferred.columns
        constants = _create_for_rows(cursor, name, deferred, _constants(data), _dates(data))
    # a column of nulls is left out: SQLite stores the same NULL without binding a
    # million of them (a sixth of the orders' staging: a Douyin export leaves six of
    # their columns empty); one with a default must still say NULL
    empty = {n for n, c in zip(data.column_names, data.columns, strict=True) if c.null_count == len(c)}
    defaults = {column_name: default for column_name, (default, _type) in declared.items()}
    left_out = {n for n in empty if defaults.get(n) is None} | set(constants)
    if len(left_out) >= data.num_columns:
        left_out = set(constants)  # (a table of nothing but nulls and constants: kept as it is)
    columns = {
        column_name: _stored(column)
        for column_name, column in zip(data.column_names, data.columns, strict=True)
        if column_name not in left_out
    }
    stated = {column_name: pa.array([value]) for column_name, (_literal, value) in constants.items()}
    checked = _checked_here(target, {**columns, **stated})
    if checked:  # SQLite need not test them row by row (a tenth of the orders' staging)
        cursor.execute("PRAGMA ignore_check_constraints=ON")
    _append(cursor, name, pa.table(columns), _rowid_alias(cursor, name))
    if checked:
        cursor.execute("PRAGMA ignore_check_constraints=OFF")
    del columns
    for index in indexes:  # after the rows: one sort instead of a million searches
        cursor.execute(index)
    if deferred is not None:
        deferred.declare(cursor, name, create)


def _rowid_alias(cursor: Any, name: str) -> str | None:
    """The column of table ``name`` that is its rowid (``id INTEGER … PRIMARY KEY``), if any."""
    cursor.execute(f'PRAGMA table_info("{name}")')
    keys = [(str(row[1]), str(row[2]).upper()) for row in cursor.fetchall() if row[5]]
    if len(keys) != 1 or keys[0][1] != "INTEGER":
        return None
    cursor.execute(f'PRAGMA index_list("{name}")')
    if any(row[3] == "pk" for row in cursor.fetchall()):
        return None  # a key with an index of its own (… PRIMARY KEY DESC): not the rowid
    return keys[0][0]


def _append(cursor: Any, name: str, rows: pa.Table, rowid: str | None) -> None:
    """Append ``rows`` to the empty table ``name``. When their ``rowid`` column counts
    up by one (the ids an import reserved), only the first row states it: SQLite
    gives each row without one the largest rowid so far plus one, the same ids,
    while a stated rowid costs a search of the table for each row (a tenth of the
    instructions of staging the lines). The ids are checked afterwards."""
    ids = rows[rowid] if rowid is not None and rowid in rows.column_names else None
    if ids is None or rows.num_rows < 2 or not _counts_up(ids):
        cursor.adbc_ingest(name, rows, mode="append")
        return
    first, count = int(ids[0].as_py()), rows.num_rows
    written = cursor.adbc_ingest(name, rows.slice(0, 1), mode="append")
    written += cursor.adbc_ingest(name, rows.slice(1).drop_columns([rowid]), mode="append")
    # so many distinct rowids from the first to the last: exactly those (no count(*),
    # and each bound in a query of its own, which SQLite answers from one end of the
    # table instead of reading it all)
    cursor.execute(f'SELECT (SELECT min(rowid) FROM "{name}"), (SELECT max(rowid) FROM "{name}")')
    if written != count or tuple(cursor.fetchall()[0]) != (first, first + count - 1):
        raise RuntimeError(f"the staged table {name!r} did not take the ids it was given")


def _counts_up(ids: pa.ChunkedArray | pa.Array) -> bool:
    """Whether ``ids`` are whole numbers, each one more than the one before."""
    if ids.null_count or not pa.types.is_integer(ids.type):
        return False
    values = np.asarray(ids.to_numpy(), dtype=np.int64)
    return bool(np.all(np.diff(values) == 1))


def _constants(data: pa.Table) -> dict[str, tuple[str, int | str]]:
    """Columns with one value in every row (the shop, the platform, the batch):
    column → (SQL literal, value). Integers and text only."""
    found: dict[str, tuple[str, int | str]] = {}
    for column_name, column in zip(data.column_names, data.columns, strict=True):
        kind = column.type
        if (
            column.null_count
            or not len(column)
            or not (pa.types.is_integer(kind) or pa.types.is_string(kind))
        ):
            continue
        bounds = pc.min_max(column).as_py()
        value = bounds["min"]
        if value != bounds["max"]:
            continue
        found[column_name] = (
            (str(int(value)), value)
            if isinstance(value, int)
            else ("'" + value.replace("'", "''") + "'", value)
        )
    return found


def _dates(data: pa.Table) -> set[str]:
    """Columns of dates and times: stored as ``YYYY-MM-DD[ HH:MM:SS]`` text, in
    which SQLite can never read a number."""
    return {
        n
        for n, c in zip(data.column_names, data.columns, strict=True)
        if pa.types.is_timestamp(c.type) or pa.types.is_date(c.type)
    }


def _create_for_rows(
    cursor: Any,
    name: str,
    deferred: _Deferred,
    constants: dict[str, tuple[str, int | str]],
    dates: set[str],
) -> dict[str, tuple[str, int | str]]:
    """Create the staged table in the form its rows go into most cheaply; the
    declaration is written back whole with the keys (:meth:`_Deferred.declare`),
    so the copy sees the target's, and the records are the same either way.

    - ``constants`` become their columns' defaults, so the rows go in without them:
      SQLite writes the value into each record just as if it had been bound (a
      million bindings fewer per constant column);
    - ``dates`` are declared TEXT: their DATE / DATETIME type has NUMERIC affinity,
      and SQLite would try to read a number from every one of them before storing
      the text as it is (7 % of the orders' staging).

    Checked with the table's own column list; a declaration this cannot restate
    keeps every column bound and typed as declared. Returns the constants the
    table took as defaults (none, then)."""
    create, taken, retyped = deferred.bare, {}, set()
    defaults = {column_name: default for column_name, (default, _type) in deferred.columns.items()}
    for column_name, (literal, value) in constants.items():
        column = re.compile(rf'([(,]\s*"?{re.escape(column_name)}"?\s+[A-Za-z]+(?:\s*\([\d\s,]*\))?)')
        if len(column.findall(create)) != 1 or defaults.get(column_name) is not None:
            continue
        create = column.sub(lambda m, literal=literal: f"{m.group(1)} DEFAULT {literal}", create, count=1)
        taken[column_name] = (literal, value)
    for column_name in dates - set(taken):
        column = re.compile(rf'([(,]\s*"?{re.escape(column_name)}"?\s+)[A-Za-z]+(?=[\s,)])')
        if len(column.findall(create)) == 1:
            create = column.sub(r"\1TEXT", create, count=1)
            retyped.add(column_name)
    cursor.execute(create)
    wanted = {
        column_name: (
            taken[column_name][0] if column_name in taken else default,
            "TEXT" if column_name in retyped else declared_type,
        )
        for column_name, (default, declared_type) in deferred.columns.items()
    }
    if _columns(cursor, name) != wanted:  # not as meant: the bare declaration, every column bound
        cursor.execute(f'DROP TABLE "{name}"')
        cursor.execute(deferred.bare)
        return {}
    return taken


@dataclass(frozen=True)
class _Deferred:
    """A table's UNIQUE and PRIMARY KEY constraints (other than the rowid), built
    as indexes after its rows and then declared as the constraints they are.

    SQLite keeps a constraint's index up to date row by row, a search of a
    b-tree per row; a ``CREATE UNIQUE INDEX`` after the rows is one sort. The
    staged lines took 2.6 s with the constraint in place and 1.6 + 0.35 s this
    way; the orders 1.7 against 1.2 + 0.25 s. But the transfer copy needs the
    staged table to declare the constraint as the target does (an index made by
    CREATE UNIQUE INDEX has another conflict action), so once built, the index
    is renamed to the constraint's own index in the scratch file's schema
    (``writable_schema``): the same entries, under the name and declaration
    SQLite gives a constraint's index. The file is re-read and checked to hold
    exactly the indexes a table declared that way would have; the main database's
    schema is never written this way."""

    bare: str  # the CREATE TABLE without those constraints
    keys: dict[str, tuple[str, ...]]  # the constraint's index name → its columns
    declared: list[tuple[str, int, str]]  # PRAGMA index_list of the table declared whole
    columns: dict[str, tuple[str | None, str]]  # column → (its default, its type): see _columns

    def declare(self, cursor: Any, table: str, create: str) -> None:
        """Build the indexes, then declare them as the constraints' own."""
        built = {}
        for number, (index_name, columns) in enumerate(self.keys.items()):
            built[index_name] = f"shopdesk_deferred_{number}"
            listed = ", ".join(f'"{c}"' for c in columns)
            cursor.execute(f'CREATE UNIQUE INDEX "{built[index_name]}" ON "{table}" ({listed})')
        cursor.execute("PRAGMA schema_version")
        version = cursor.fetchall()[0][0]
        cursor.execute("PRAGMA writable_schema=ON")
        try:
            cursor.execute(
                "UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?", (create, table)
            )
            for index_name, temporary in built.items():
                cursor.execute(
                    "UPDATE sqlite_schema SET name = ?, sql = NULL WHERE type = 'index' AND name = ?",
                    (index_name, temporary),
                )
            cursor.execute(f"PRAGMA schema_version={version + 1}")
        finally:
            cursor.execute("PRAGMA writable_schema=RESET")  # off, and the schema read again
        if _constraint_indexes(cursor, table) != self.declared or _columns(cursor, table) != self.columns:
            raise RuntimeError(f"the staged table {table!r} is not declared as its target is")


_KEY = re.compile(r',\s*(?:CONSTRAINT\s+"?\w+"?\s+)?(?:UNIQUE|PRIMARY KEY)\s*\(([^()]*)\)', re.IGNORECASE)


def _columns(cursor: Any, table: str) -> dict[str, tuple[str | None, str]]:
    """Each column of ``table`` as SQLite has it declared: (its default, its type)."""
    cursor.execute(f'PRAGMA table_info("{table}")')
    return {str(row[1]): (row[4], str(row[2])) for row in cursor.fetchall()}


def _constraint_indexes(cursor: Any, table: str) -> list[tuple[str, int, str]]:
    """(name, unique, origin) of the indexes SQLite made for ``table``'s constraints."""
    cursor.execute(f'PRAGMA index_list("{table}")')
    return sorted((str(row[1]), int(row[2]), str(row[3])) for row in cursor.fetchall() if row[3] != "c")


def _deferred_keys(cursor: Any, target: Shape, name: str, create: str) -> _Deferred | None:
    """How to build ``target``'s constraint indexes after its rows, staged as
    ``name`` (declared by ``create``; None: keep them in the table, as declared).
    Learnt from the table itself: declared whole under a probe name in the scratch file, its indexes
    listed by SQLite, then dropped. Only table constraints on plain columns
    (binary collation, ascending) are deferred, and only when every one is."""
    probe = f"{name}_probe"
    probe_create, _ = target.statements(probe)
    cursor.execute(probe_create)
    try:
        probed = _columns(cursor, probe)
        listed = _constraint_indexes(cursor, probe)
        keys: dict[str, tuple[str, ...]] = {}
        for index_name, _unique, _origin in listed:
            cursor.execute(f'PRAGMA index_xinfo("{index_name}")')
            info = [row for row in cursor.fetchall() if row[5]]  # key columns (not the rowid)
            if any(row[3] or str(row[4]).upper() != "BINARY" or row[2] is None for row in info):
                return None
            keys[_renamed(index_name, probe, name)] = tuple(str(row[2]) for row in info)
    finally:
        cursor.execute(f'DROP TABLE "{probe}"')
    if not keys:
        return None
    bare, removed = create, []
    for clause in reversed(list(_KEY.finditer(create))):
        columns = tuple(c.strip().strip('"') for c in clause.group(1).split(","))
        if columns in keys.values():
            bare = bare[: clause.start()] + bare[clause.end() :]
            removed.append(columns)
        elif "PRIMARY KEY" not in clause.group(0).upper() or any(o == "pk" for *_, o in listed):
            return None  # not the rowid's own key (which has no index): one this does not know
    if sorted(removed) != sorted(keys.values()):
        return None  # a key declared on its column, not as a table constraint: left as it is
    declared = sorted((_renamed(index_name, probe, name), *rest) for index_name, *rest in listed)
    return _Deferred(bare, keys, declared, probed)


def _renamed(index_name: str, probe: str, name: str) -> str:
    """The probe's constraint index name as the staged table's (SQLite names them
    ``sqlite_autoindex_<table>_<n>``)."""
    return index_name.replace(f"sqlite_autoindex_{probe}_", f"sqlite_autoindex_{name}_", 1)


_CHECK = re.compile(r"CHECK \(((?:\w+ = '[^']*'(?: OR )?)+)\)")
_ALLOWED = re.compile(r"(\w+) = '([^']*)'")


def _in_lists(create: str) -> dict[str, list[str]] | None:
    """The table's CHECK constraints as column → allowed values, when every one of
    them is such a list (``status = 'paid' OR status = 'shipped' …``); else None."""
    lists: dict[str, list[str]] = {}
    found = _CHECK.findall(create)
    if len(found) != create.upper().count("CHECK"):
        return None
    for clause in found:
        pairs = _ALLOWED.findall(clause)
        if len({column for column, _value in pairs}) != 1:
            return None
        lists.setdefault(pairs[0][0], []).extend(value for _column, value in pairs)
    return lists


def _checked_here(target: Shape, columns: Mapping[str, pa.Array | pa.ChunkedArray]) -> bool:
    """Test ``target``'s CHECK constraints on the columns at once, in Arrow; True when
    they all were (and passed), so that SQLite may skip them. A value they forbid
    fails the staging, as SQLite's own test would (nulls pass, as in SQL)."""
    lists = _in_lists(target.create)
    if not lists:
        return False
    for column_name, allowed in lists.items():
        if column_name not in columns:
            return False
        values = columns[column_name]
        ok = pc.is_in(values, value_set=pa.array(allowed, values.type))
        if not pc.all(pc.or_(ok, pc.is_null(values))).as_py():
            raise CheckFailed(f"CHECK constraint failed: {column_name} of {target.table}")
    return True


class CheckFailed(ValueError):
    """A staged row holds a value the target's CHECK constraint forbids."""


def copy_whole(conn: Connection, staged: Staged, name: str) -> None:
    """Copy the table ``name``, staged whole, into its target in ``conn``'s transaction."""
    alias = _attached(conn, staged)
    conn.exec_driver_sql(f'INSERT INTO "{staged.whole[name].table}" SELECT * FROM {alias}."{name}"')


def copy(conn: Connection, staged: Staged, name: str, table_name: str, literals: Mapping[str, str]) -> None:
    """``INSERT INTO table_name`` the staged table ``name`` plus ``literals``
    (column → SQL literal), in ``conn``'s transaction. The caller checked :func:`usable`."""
    alias = _attached(conn, staged)
    pairs = staged.selects[name]
    names = [f'"{n}"' for n in [*(column for column, _ in pairs), *literals]]
    values = [*(select.format(f'"{column}"') for column, select in pairs), *literals.values()]
    conn.exec_driver_sql(
        f'INSERT INTO "{table_name}" ({", ".join(names)}) SELECT {", ".join(values)} FROM {alias}."{name}"'
    )


def update(conn: Connection, staged: Staged, name: str, table_name: str) -> None:
    """``UPDATE table_name`` from the staged table ``name``: its ``id`` column picks
    the row, its other columns are the new values (one statement, no per-row binding)."""
    alias = _attached(conn, staged)
    sets = []
    for column, select in staged.selects[name]:
        if column != "id":
            source = 's."' + column + '"'
            sets.append(f'"{column}" = {select.format(source)}')
    conn.exec_driver_sql(
        f'UPDATE "{table_name}" SET {", ".join(sets)} '
        f'FROM {alias}."{name}" AS s WHERE "{table_name}".id = s.id'
    )


def _attached(conn: Connection, staged: Staged) -> str:
    """The schema name ``staged`` is attached under on ``conn`` (attached on first use)."""
    if staged.alias is None:
        alias = f"shopdesk_stage_{next(_counter)}"
        try:
            conn.exec_driver_sql(f"ATTACH DATABASE ? AS {alias}", (str(staged.path),))
        except BaseException:  # (ten attached already…): nobody else would delete it
            staged.discard()
            raise
        staged.alias = alias  # named only once attached: the connection's release deletes it
        conn.connection.info.setdefault(_PENDING, []).append((alias, str(staged.path)))
    return staged.alias


def insert(
    conn: Connection,
    table_name: str,
    data: pa.Table,
    literals: Mapping[str, str],
    on_staged: Callable[[], None] | None = None,
) -> None:
    """Stage ``data`` and copy it into ``table_name`` at once. ``on_staged`` runs
    between writing the file and copying it (it may raise to cancel)."""
    staged = _staged({"rows": data}, None, on_staged)
    copy(conn, staged, "rows", table_name, literals)


def insert_whole(
    conn: Connection, target: Shape, data: pa.Table, on_staged: Callable[[], None] | None = None
) -> None:
    """:func:`insert` for whole rows: staged like ``target`` and copied with :func:`copy_whole`."""
    staged = _staged({"rows": data}, {"rows": target}, on_staged)
    copy_whole(conn, staged, "rows")


def _staged(
    tables: Mapping[str, pa.Table], shapes: Mapping[str, Shape] | None, on_staged: Callable[[], None] | None
) -> Staged:
    staged = stage(tables, shapes)
    if on_staged is not None:
        try:
            on_staged()
        except BaseException:
            staged.discard()
            raise
    return staged


# Staging files at least this big (together) are deleted on a thread of their own:
# the system frees a million lines' 400 MB of them in 30 ms the user need not wait for.
DELETE_LATER_BYTES = 64 << 20
_deleting: list[Spare[None]] = []


def release(dbapi_connection: Any, record: Any) -> None:
    """Detach and delete the staging files of a connection whose transaction is over."""
    if dbapi_connection is None or record is None:  # invalidated: nothing to detach from
        return
    pending = record.info.pop(_PENDING, [])
    paths = []
    for alias, path in pending:
        try:
            dbapi_connection.execute(f"DETACH DATABASE {alias}")
        except Exception:  # the connection is going away anyway: its files must still go
            log.warning("could not detach %s", alias, exc_info=True)
        paths.append(Path(path))
    if sum(_size(path) for path in paths) >= DELETE_LATER_BYTES:
        _deleting[:] = [f for f in _deleting if not f.done()]
        _deleting.append(started_idle("shopdesk-unstage", _delete, paths))
    else:
        _delete(paths)


def deleted(timeout: float | None = None) -> None:
    """Wait until the staging files given to a thread to delete are gone."""
    for future in list(_deleting):
        future.result(timeout)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _delete(paths: list[Path]) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:  # Windows: still open somewhere; the temp dir is cleaned eventually
            log.warning("could not delete the staging file %s", path)


def install(engine: Engine) -> None:
    """Let ``engine``'s pool clean up staging files when a connection is returned,
    and clear away those of imports that never finished."""
    event.listen(engine, "checkin", release)
    sweep()
