"""Database commands: upgrade, status, administrator, reset links, backup and restore."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from finder.cli import main
from finder.store.db import make_engine


@pytest.fixture
def env(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("FINDER_PUBLIC_URL", "https://finder.example.org")
    return url


def run(*args, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


def upgraded_with_admin() -> None:
    """A migrated database holding the administrator a@example.org."""
    assert run("db", "upgrade").exit_code == 0
    created = run(
        "admin",
        "create",
        "--email",
        "a@example.org",
        "--name",
        "A",
        "--password",
        "correct horse battery",
    )
    assert created.exit_code == 0, created.output


def test_upgrade_status_admin_and_reset_link(env):
    assert run("db", "status").exit_code == 1
    assert run("db", "upgrade").exit_code == 0
    assert "OK" in run("db", "status").output
    created = run(
        "admin",
        "create",
        "--email",
        "root@example.org",
        "--name",
        "Root",
        "--password",
        "correct horse battery",
    )
    assert created.exit_code == 0, created.output
    weak = run(
        "admin",
        "create",
        "--email",
        "b@example.org",
        "--name",
        "B",
        "--password",
        "short",
    )
    assert weak.exit_code == 1
    assert "at least 10" in weak.output
    link = run("admin", "reset-link", "root@example.org")
    assert link.exit_code == 0
    assert link.output.startswith("https://finder.example.org/reset/")
    assert run("admin", "reset-link", "nobody@example.org").exit_code == 1


def test_commands_refuse_a_database_that_is_behind(env):
    result = run(
        "admin",
        "create",
        "--email",
        "a@example.org",
        "--name",
        "A",
        "--password",
        "correct horse battery",
    )
    assert result.exit_code == 1
    assert "finder db upgrade" in result.output


def test_backup_and_restore(env, tmp_path):
    upgraded_with_admin()
    backup = tmp_path / "backup.sqlite3"
    assert run("backup", str(backup)).exit_code == 0
    engine = make_engine(env)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM users"))
    engine.dispose()
    assert run("restore", str(backup), "--yes").exit_code == 0
    engine = make_engine(env)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT email FROM users")).scalar() == "a@example.org"
    engine.dispose()
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("not a database")
    refused = run("restore", str(bad), "--yes")
    assert refused.exit_code == 1
    assert "is not a SQLite database" in refused.output


def test_reset_link_is_mailed_when_smtp_is_set(env, monkeypatch):
    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            sent.append((host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def send_message(self, message):
            sent.append((message["To"], message.get_content()))

    monkeypatch.setattr("smtplib.SMTP", FakeSMTP)
    monkeypatch.setenv("FINDER_SMTP_HOST", "mail.example.org:2525")
    upgraded_with_admin()
    result = run("admin", "reset-link", "a@example.org")
    assert result.exit_code == 0
    assert "mailed to a@example.org" in result.output
    assert sent[0] == ("mail.example.org", 2525)
    assert sent[1][0] == "a@example.org"
    assert "https://finder.example.org/reset/" in sent[1][1]
