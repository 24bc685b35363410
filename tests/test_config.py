"""Configuration: environment settings, secrets, production refusal, database checks."""

from __future__ import annotations

import pytest

from finder import create_app
from finder.config import ConfigError, from_environment
from finder.store.migrate import DatabaseBehind, upgrade


def test_production_without_secret_key_refuses(tmp_path, monkeypatch, database_url):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        create_app(
            {
                "FINDER_ENV": "production",
                "INDEX_DIR": str(tmp_path),
                "DATABASE_URL": database_url,
            }
        )


def test_development_makes_and_keeps_a_secret(tmp_path, monkeypatch, database_url):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("FINDER_INSTANCE_DIR", str(tmp_path / "instance"))
    settings = {"INDEX_DIR": str(tmp_path / "ix"), "DATABASE_URL": database_url}
    first = create_app(settings)
    second = create_app(settings)
    assert (tmp_path / "instance" / "secret_key").exists()
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert len(first.config["SECRET_KEY"]) == 64
    assert first.config["SESSION_COOKIE_SECURE"] is False


def test_production_with_secret_uses_secure_cookies(tmp_path, database_url):
    app = create_app(
        {
            "FINDER_ENV": "production",
            "SECRET_KEY": "s" * 40,
            "PUBLIC_URL": "https://finder.example.org",
            "INDEX_DIR": str(tmp_path),
            "DATABASE_URL": database_url,
        }
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_environment_settings_are_typed():
    env = {
        "FINDER_PAGE_SIZE": "25",
        "FINDER_CATALOG_DIRS": "/a:/b",
        "FINDER_CATALOG_REPLACE": "yes",
        "SECRET_KEY": "k",
    }
    assert from_environment(env) == {
        "PAGE_SIZE": 25,
        "CATALOG_DIRS": ["/a", "/b"],
        "CATALOG_REPLACE": True,
        "SECRET_KEY": "k",
    }
    with pytest.raises(ConfigError, match="FINDER_PAGE_SIZE"):
        from_environment({"FINDER_PAGE_SIZE": "many"})


def test_extra_catalog_folders_come_after_the_shipped_one(
    tmp_path, monkeypatch, database_url
):
    from tests.conftest import TEST_CATALOG

    monkeypatch.setenv("FINDER_CATALOG_DIRS", str(TEST_CATALOG))
    app = create_app(
        {"SECRET_KEY": "x", "INDEX_DIR": str(tmp_path), "DATABASE_URL": database_url}
    )
    assert app.config["CATALOG_DIRS"][0].endswith("flexibilities")
    assert app.config["CATALOG_DIRS"][1] == str(TEST_CATALOG)


def test_app_refuses_a_database_that_is_behind(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    upgrade(url, "0001")
    with pytest.raises(DatabaseBehind, match="finder db upgrade"):
        create_app({"SECRET_KEY": "x", "INDEX_DIR": str(tmp_path), "DATABASE_URL": url})
    upgrade(url)
    create_app({"SECRET_KEY": "x", "INDEX_DIR": str(tmp_path), "DATABASE_URL": url})
