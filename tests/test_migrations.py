"""The database schema is brought up to date at start-up without losing data."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import MetaData, func, inspect, select, table, text

from shopdesk import paths
from shopdesk.db.engine import make_engine, parse_target
from shopdesk.db.migrate import MIGRATIONS_DIR, MigrationError, current_revision, head_revision, upgrade
from shopdesk.db.models import Base
from shopdesk.services.database import SALT_KEY, open_database
from tests.helpers.rows import fill_every_table

FIRST_REVISION = "0001"


def counts(path: Path) -> dict[str, int]:
    engine = make_engine(parse_target(path))
    with engine.connect() as conn:
        result = {
            name: conn.scalar(select(func.count()).select_from(table(name)))
            for name in inspect(conn).get_table_names()
            if name != "alembic_version"
        }
    engine.dispose()
    return result


def test_upgrade_empty_database_creates_every_table(db_path: Path) -> None:
    assert upgrade(parse_target(db_path)) is None  # nothing to back up
    engine = make_engine(parse_target(db_path))
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    assert current_revision(engine) == head_revision()
    engine.dispose()
    assert not any(paths.backup_dir().iterdir())


def test_new_database_file_is_private(db_path: Path) -> None:
    open_database(db_path).close()
    assert db_path.stat().st_mode & 0o077 == 0


def test_a_new_database_has_large_pages_and_an_old_one_keeps_its_own(db_path: Path, tmp_path: Path) -> None:
    """32 KB pages for new files (fewer system calls in bulk imports); a file made
    with SQLite's 4 KB default keeps them and still opens and takes writes."""
    from shopdesk.db.engine import PAGE_SIZE

    open_database(db_path).close()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA page_size").fetchone() == (PAGE_SIZE,)
    old = tmp_path / "old.sqlite3"
    with sqlite3.connect(old) as conn:
        conn.execute("CREATE TABLE keep (x)")  # fixes SQLite's default page size
    db = open_database(old)
    try:
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO keep VALUES (1)"))
    finally:
        db.close()
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA page_size").fetchone() == (4096,)
        assert conn.execute("SELECT x FROM keep").fetchall() == [(1,)]


def test_schema_matches_models_after_upgrade(db_path: Path) -> None:
    """Autogenerate finds nothing to do: the migrations and the models agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    upgrade(parse_target(db_path))
    engine = make_engine(parse_target(db_path))
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_upgrade_from_first_revision_keeps_all_data(db_path: Path) -> None:
    target = parse_target(db_path)
    upgrade(target, FIRST_REVISION)
    engine = make_engine(target)
    with engine.begin() as conn:
        as_of_first = MetaData()
        as_of_first.reflect(conn)  # the tables exactly as the first revision made them
        as_of_first.remove(as_of_first.tables["alembic_version"])
        before = fill_every_table(conn, as_of_first)
    engine.dispose()

    open_database(db_path).close()

    after = counts(db_path)
    for name, n in before.items():
        assert after[name] >= n, name
    # the salt and the KPI aggregate stamps (version, data version, item blocks) were added
    assert after["app_meta"] == before["app_meta"] + 4


def test_opening_twice_keeps_the_same_salt(db_path: Path) -> None:
    def salt() -> str:
        db = open_database(db_path)
        with db.session() as s:
            value = s.execute(text("SELECT value FROM app_meta WHERE key = :k"), {"k": SALT_KEY}).scalar()
        db.close()
        return value

    first = salt()
    assert len(first) == 32
    assert salt() == first


def _scripts_with_table_rebuild(tmp_path: Path) -> Path:
    """A copy of the shipped migrations plus a test-only revision that makes
    batch mode rebuild the ``orders`` table, which ``order_line`` references
    with ON DELETE CASCADE."""
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision()
    (scripts / "versions" / "9999_rebuild_orders.py").write_text(
        f'''
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("orders", recreate="always") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))


def downgrade():
    pass
''',
        encoding="utf-8",
    )
    return scripts


def _shop_with_orders(db_path: Path) -> None:
    engine = make_engine(parse_target(db_path))
    with engine.begin() as conn:
        fill_every_table(conn, Base.metadata)
    engine.dispose()


def test_table_rebuild_does_not_cascade_deletes_and_backs_up(db_path: Path, tmp_path: Path) -> None:
    upgrade(parse_target(db_path))
    _shop_with_orders(db_path)
    before = counts(db_path)

    backup = upgrade(parse_target(db_path), script_location=_scripts_with_table_rebuild(tmp_path))

    after = counts(db_path)
    assert after == before  # order lines and everything else still there
    assert backup is not None and backup.parent == paths.backup_dir()
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT count(*) FROM orders").fetchone()[0] == before["orders"]
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()


def test_the_trap_is_real_with_foreign_keys_on(db_path: Path, tmp_path: Path) -> None:
    """Proves the test above can fail: the same rebuild with foreign keys ON
    silently deletes the order lines that reference the rebuilt table."""
    from alembic import command

    from shopdesk.db.migrate import alembic_config

    upgrade(parse_target(db_path))
    _shop_with_orders(db_path)
    config = alembic_config(_scripts_with_table_rebuild(tmp_path))
    engine = make_engine(parse_target(db_path), foreign_keys=True)
    with engine.connect() as conn:
        config.attributes["connection"] = conn
        with conn.begin():
            command.upgrade(config, "head")
    engine.dispose()
    assert counts(db_path)["order_line"] == 0


def test_failed_migration_leaves_file_unchanged(db_path: Path, tmp_path: Path) -> None:
    upgrade(parse_target(db_path))
    _shop_with_orders(db_path)
    before = counts(db_path)
    scripts = _scripts_with_table_rebuild(tmp_path)
    bad = scripts / "versions" / "9999_rebuild_orders.py"
    bad.write_text(
        bad.read_text().replace(
            'batch.add_column(sa.Column("note", sa.Text(), nullable=True))',
            'batch.add_column(sa.Column("note", sa.Text()))\n    op.execute("SELECT no_such_function()")',
        )
    )
    with pytest.raises(MigrationError, match="数据库升级失败"):
        upgrade(parse_target(db_path), script_location=scripts)
    assert counts(db_path) == before
    assert current_revision(make_engine(parse_target(db_path))) == head_revision()
    assert "note" not in {
        c["name"] for c in inspect(make_engine(parse_target(db_path))).get_columns("orders")
    }


def test_database_from_a_newer_version_is_refused(db_path: Path) -> None:
    upgrade(parse_target(db_path))
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    with pytest.raises(MigrationError, match="更新版本"):
        open_database(db_path)
