"""Migrations: from empty to head, and from the previous revision with data kept."""

from __future__ import annotations

from sqlalchemy import inspect, text

from finder.store.db import make_engine
from finder.store.migrate import current_revision, head_revision, upgrade
from finder.store.models import Base
from tests.conftest import PG_URL


def fresh_url(tmp_path):
    if PG_URL:
        engine = make_engine(PG_URL)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
        return PG_URL
    return f"sqlite:///{tmp_path / 'm.sqlite3'}"


def test_upgrade_from_empty_matches_the_models(tmp_path):
    url = fresh_url(tmp_path)
    upgrade(url)
    engine = make_engine(url)
    try:
        assert current_revision(engine) == head_revision()
        tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
        assert tables == set(Base.metadata.tables)
        for table in Base.metadata.sorted_tables:
            columns = {c["name"] for c in inspect(engine).get_columns(table.name)}
            assert columns == set(table.columns.keys()), table.name
    finally:
        engine.dispose()


def test_upgrade_from_previous_revision_keeps_data(tmp_path):
    url = fresh_url(tmp_path)
    upgrade(url, "0001")
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO users (email, name, district, password_hash, is_admin, "
                    "session_version, created_at) VALUES ('a@example.org', 'A', '', 'x', "
                    ":false, 1, CURRENT_TIMESTAMP)"
                ),
                {"false": False},
            )
        upgrade(url)
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            assert (
                conn.execute(text("SELECT email FROM users")).scalar()
                == "a@example.org"
            )
            assert conn.execute(text("SELECT count(*) FROM invitations")).scalar() == 0
    finally:
        engine.dispose()
    if PG_URL:  # leave PostgreSQL migrated for the tests that follow
        upgrade(PG_URL)


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()


def test_publication_ids_are_never_reused_on_sqlite(tmp_path):
    """A database migrated before 0006 reused the highest publication id after a
    delete; after the upgrade the table is AUTOINCREMENT, rows and ids kept."""
    from sqlalchemy import create_engine, text

    from finder.store.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"

    def publications_ddl() -> str:
        engine = create_engine(url)
        with engine.connect() as db:
            ddl = db.execute(
                text("SELECT sql FROM sqlite_master WHERE name = 'publications'")
            ).scalar()
        engine.dispose()
        return ddl.upper()

    upgrade(url, "0005")
    assert "AUTOINCREMENT" not in publications_ddl()
    upgrade(url)
    assert "AUTOINCREMENT" in publications_ddl()
