"""`finder db upgrade` says what it did: created, upgraded from one revision, or nothing."""

from __future__ import annotations

from click.testing import CliRunner

from finder.cli import main
from finder.store.migrate import Upgraded, head_revision, safe_url


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_created_upgraded_and_already_current(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    head = head_revision()
    created = run("db", "upgrade", "--revision", "0002")
    assert created.exit_code == 0, created.output
    assert created.output == f"Created the database at {url} (schema revision 0002).\n"
    upgraded = run("db", "upgrade")
    assert upgraded.output == (
        f"Upgraded the database at {url} from revision 0002 to {head}.\n"
    )
    again = run("db", "upgrade")
    assert again.exit_code == 0
    assert again.output == (
        f"Already at revision {head}: nothing to do (the database at {url}).\n"
    )
    assert "OK" in run("db", "status").output


def test_an_empty_database_is_created_at_head(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'new' / 'db.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    result = run("db", "upgrade")
    assert result.output == (
        f"Created the database at {url} (schema revision {head_revision()}).\n"
    )


def test_passwords_are_hidden():
    url = "postgresql+psycopg://finder:s3cret@db.example.org:5432/finder"
    assert safe_url(url) == "postgresql+psycopg://finder:***@db.example.org:5432/finder"
    for done in (
        Upgraded(safe_url(url), None, "0004"),
        Upgraded(safe_url(url), "0002", "0004"),
        Upgraded(safe_url(url), "0004", "0004"),
    ):
        assert "s3cret" not in done.describe()
        assert "finder:***@db.example.org" in done.describe()


def test_failures_are_plain_messages_without_the_password(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    unknown = run("db", "upgrade", "--revision", "nope")
    assert unknown.exit_code == 1
    assert "Cannot upgrade to 'nope'" in unknown.output
    # Nothing listens on port 1: the refusal names the database, password masked.
    monkeypatch.setenv("DATABASE_URL", "postgresql://finder:s3cret@127.0.0.1:1/finder")
    unreachable = run("db", "upgrade")
    assert unreachable.exit_code == 1
    assert "Cannot reach the database at postgresql://finder:***@127.0.0.1:1" in (
        unreachable.output
    )
    assert "s3cret" not in unreachable.output
