"""Shared fixtures: an app on the small test catalog, its client and CLI runner, indexes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from finder import create_app
from finder.catalog import load_catalog
from finder.config import shipped_catalog_dir
from finder.search import open_index
from finder.store.db import make_engine, make_sessionmaker
from finder.store.migrate import upgrade
from finder.store.models import Base

# Set to a PostgreSQL URL to run the database tests against PostgreSQL (CI does both).
PG_URL = os.environ.get("FINDER_TEST_DATABASE_URL", "")

DATA = Path(__file__).parent / "data"
TEST_CATALOG = DATA / "flexibilities"


@pytest.fixture(scope="session")
def catalog():
    """The small test catalog, loaded once."""
    return load_catalog([TEST_CATALOG])


@pytest.fixture(scope="session")
def search_index(catalog, tmp_path_factory):
    """A search index over the test catalog, built once per session."""
    return open_index(tmp_path_factory.mktemp("index"), catalog)


@pytest.fixture(scope="session")
def shipped_index(tmp_path_factory):
    """A search index over the real shipped catalog."""
    return open_index(
        tmp_path_factory.mktemp("shipped-index"), load_catalog([shipped_catalog_dir()])
    )


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory):
    """A database migrated to the newest schema once per session."""
    if PG_URL:
        upgrade(PG_URL)
        return PG_URL
    path = tmp_path_factory.mktemp("db") / "template.sqlite3"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def database_url(migrated_template, tmp_path):
    """An empty, migrated database for one test (a copied SQLite file, or PostgreSQL emptied)."""
    if PG_URL:
        engine = make_engine(PG_URL)
        tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        engine.dispose()
        return PG_URL
    path = tmp_path / "finder.sqlite3"
    shutil.copy(migrated_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def session(database_url):
    """A database session on a fresh, migrated database."""
    engine = make_engine(database_url)
    with make_sessionmaker(engine)() as s:
        yield s
    engine.dispose()


def app_config(tmp_path, database_url, **overrides) -> dict:
    """Settings for a test app on the small test catalog and a fresh database."""
    return {
        "TESTING": True,
        "CATALOG_DIRS": [str(TEST_CATALOG)],
        "CATALOG_REPLACE": True,
        "INDEX_DIR": str(tmp_path / "index"),
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": database_url,
        **overrides,
    }


@pytest.fixture
def app(tmp_path, database_url):
    app = create_app(app_config(tmp_path, database_url))
    yield app
    app.extensions["finder.engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


def write_catalog(folder: Path, files: dict[str, str]) -> Path:
    """Write catalog YAML files into a folder and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


class Browser:
    """Drives the app like a person: reads each form's CSRF token before posting."""

    def __init__(self, client):
        self.client = client

    def token(self, url: str) -> str:
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(self.client.get(url).data, "html.parser")
        field = soup.find("input", attrs={"name": "csrf_token"})
        assert field is not None, f"no form with a CSRF token on {url}"
        return field["value"]

    def post(
        self, url: str, data: dict | None = None, form_page: str | None = None, **kwargs
    ):
        payload = {"csrf_token": self.token(form_page or url), **(data or {})}
        return self.client.post(url, data=payload, **kwargs)

    def signup(
        self, email="ana@example.org", name="Ana Diaz", password="correct horse battery"
    ):
        return self.post(
            "/signup",
            {
                "name": name,
                "email": email,
                "district": "Example ISD",
                "password": password,
                "confirm": password,
            },
        )

    def signin(self, email="ana@example.org", password="correct horse battery"):
        return self.post("/signin", {"email": email, "password": password})

    def signout(self):
        return self.post("/signout", form_page="/account")

    def create_team(self, name="Example ISD"):
        response = self.post("/teams", {"name": name}, form_page="/teams")
        assert response.status_code == 302, response.data
        return int(response.headers["Location"].rstrip("/").split("/")[-1])


@pytest.fixture
def browser(client):
    return Browser(client)


@pytest.fixture
def make_browser(app):
    """A factory for more browsers (people) on the same app."""
    return lambda: Browser(app.test_client())


def form_values(page) -> dict:
    """What the browser would send for the first form with a version field, as shown."""
    form = page.find("input", attrs={"name": "version"}).find_parent("form")
    values: dict[str, list[str]] = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("disabled") is not None:
            continue
        if field.name == "select":
            chosen = [
                o.get("value", "")
                for o in field.find_all("option")
                if o.has_attr("selected")
            ]
            values.setdefault(name, []).extend(
                chosen or [field.find("option").get("value", "")]
            )
        elif field.get("type") in ("radio", "checkbox"):
            if field.has_attr("checked"):
                values.setdefault(name, []).append(field.get("value", "y"))
        elif field.name == "textarea":
            # Browsers drop the one newline that may follow <textarea> (WTForms writes it).
            text = field.get_text()
            text = text[2:] if text.startswith("\r\n") else text.removeprefix("\n")
            values.setdefault(name, []).append(text)
        else:
            values.setdefault(name, []).append(field.get("value", ""))
    return values
