"""Shared fixtures: an app on the small test catalog, its client and CLI runner, indexes."""

from __future__ import annotations

from pathlib import Path

import pytest

from finder import create_app
from finder.catalog import load_catalog
from finder.config import shipped_catalog_dir
from finder.search import open_index

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


@pytest.fixture
def app(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "CATALOG_DIRS": [str(TEST_CATALOG)],
            "CATALOG_REPLACE": True,
            "INDEX_DIR": str(tmp_path / "index"),
            "SECRET_KEY": "test-secret",
        }
    )
    return app


@pytest.fixture
def client(app):
    return app.test_client()


def write_catalog(folder: Path, files: dict[str, str]) -> Path:
    """Write catalog YAML files into a folder and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
