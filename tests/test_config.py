"""Configuration: environment settings, secrets, production refusal, database checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from finder import create_app
from finder.config import ConfigError, from_environment
from finder.store.migrate import DatabaseBehind, upgrade
from tests.conftest import TEST_CATALOG

# Tests of settings alone read the small test catalog (its index builds in a moment).
SMALL_CATALOG = {"CATALOG_DIRS": [str(TEST_CATALOG)], "CATALOG_REPLACE": True}


@pytest.fixture(scope="module")
def shared_index_dir(tmp_path_factory) -> str:
    """One index folder for the apps of this module that read the shipped catalog: the
    first builds it, the others find it current."""
    return str(tmp_path_factory.mktemp("config-index"))


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
    settings = {
        "INDEX_DIR": str(tmp_path / "ix"),
        "DATABASE_URL": database_url,
        **SMALL_CATALOG,
    }
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
            **SMALL_CATALOG,
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
    monkeypatch, database_url, shared_index_dir
):
    monkeypatch.setenv("FINDER_CATALOG_DIRS", str(TEST_CATALOG))
    app = create_app(
        {"SECRET_KEY": "x", "INDEX_DIR": shared_index_dir, "DATABASE_URL": database_url}
    )
    assert app.config["CATALOG_DIRS"][0].endswith("flexibilities")
    assert app.config["CATALOG_DIRS"][1] == str(TEST_CATALOG)


def test_app_refuses_a_database_that_is_behind(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    upgrade(url, "0001")
    with pytest.raises(DatabaseBehind, match="finder db upgrade"):
        create_app({"SECRET_KEY": "x", "INDEX_DIR": str(tmp_path), "DATABASE_URL": url})
    upgrade(url)
    settings = {"SECRET_KEY": "x", "DATABASE_URL": url, **SMALL_CATALOG}
    create_app({**settings, "INDEX_DIR": str(tmp_path)})


def test_every_default_sits_on_its_declaration(tmp_path):
    from finder.config import SETTINGS, defaults

    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    assert list(defaults(str(tmp_path))) == names
    assert defaults(str(tmp_path))["INDEX_DIR"] == str(tmp_path / "index")
    # a list default is a new list each time: one app's change cannot leak to another
    assert defaults("a")["CATALOG_DIRS"] is not defaults("a")["CATALOG_DIRS"]


def test_command_line_reads_the_settings_the_app_reads(
    tmp_path, monkeypatch, database_url
):
    """`finder index` builds where the app looks: FINDER_INSTANCE_DIR and the
    instance's config.py count for both."""
    from click.testing import CliRunner

    from finder.cli import main

    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text("PAGE_SIZE = 7\n")
    for name in ("FINDER_INDEX_DIR", "FINDER_PAGE_SIZE", "FINDER_CATALOG_DIRS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FINDER_INSTANCE_DIR", str(instance))
    monkeypatch.setenv("FINDER_CATALOG_REPLACE", "1")
    small = Path(__file__).parent / "data" / "flexibilities"
    monkeypatch.setenv("FINDER_CATALOG_DIRS", str(small))
    result = CliRunner().invoke(main, ["index"])
    assert result.exit_code == 0, result.output
    assert (instance / "index").is_dir()
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "k" * 40})
    assert app.config["INDEX_DIR"] == str(instance / "index")
    assert app.config["PAGE_SIZE"] == 7
    from finder.cli import _settings

    assert _settings()["PAGE_SIZE"] == 7
    assert _settings()["CATALOG_DIRS"] == app.config["CATALOG_DIRS"]


def test_a_relative_instance_folder_is_the_same_for_the_app_and_commands(
    tmp_path, monkeypatch, database_url
):
    from finder.config import load

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FINDER_INSTANCE_DIR", "rel/inst")
    monkeypatch.delenv("FINDER_INDEX_DIR", raising=False)
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "k", **SMALL_CATALOG})
    assert app.instance_path == str(tmp_path / "rel" / "inst")
    assert load(serving=False)["INDEX_DIR"] == app.config["INDEX_DIR"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("CATALOG_DIRS = '/srv/a'", ["/srv/a"]),
        ("CATALOG_DIRS = ['/srv/a', '/srv/b']", ["/srv/a", "/srv/b"]),
        ("PAGE_SIZE = '25'", 25),
        ("CATALOG_CHECK_SECONDS = 5", 5.0),
    ],
)
def test_instance_file_settings_take_their_declared_types(tmp_path, line, expected):
    from finder.config import instance_file

    (tmp_path / "config.py").write_text(line + "\n")
    name = line.split(" =")[0]
    assert instance_file(str(tmp_path))[name] == expected


def test_a_wrong_type_in_the_instance_file_is_refused_with_its_place(tmp_path):
    from finder.config import instance_file

    (tmp_path / "config.py").write_text("PAGE_SIZE = [10]\n")
    with pytest.raises(ConfigError, match="config.py: PAGE_SIZE"):
        instance_file(str(tmp_path))


def test_an_empty_catalog_folder_starts_and_every_public_page_answers(
    tmp_path, database_url
):
    """A deployment that replaces the catalog with a folder not yet filled."""
    empty = tmp_path / "catalog"
    empty.mkdir()
    app = create_app(
        {
            "SECRET_KEY": "k",
            "DATABASE_URL": database_url,
            "INDEX_DIR": str(tmp_path / "index"),
            "CATALOG_DIRS": [str(empty)],
            "CATALOG_REPLACE": True,
        }
    )
    client = app.test_client()
    for url in (
        "/",
        "/search?q=waiver",
        "/states",
        "/compare",
        "/api/v1/flexibilities",
    ):
        assert client.get(url).status_code == 200, url
