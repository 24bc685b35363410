"""A running app picks up catalog edits, and a bad edit never takes it down."""

from __future__ import annotations

from finder.live import LiveCatalog
from finder.search import SearchRequest
from tests.conftest import TEST_CATALOG, write_catalog


def copy_catalog(tmp_path):
    return write_catalog(
        tmp_path / "cat", {p.name: p.read_text() for p in TEST_CATALOG.iterdir()}
    )


def test_reload_on_change(tmp_path):
    folder = copy_catalog(tmp_path)
    live = LiveCatalog([str(folder)], tmp_path / "ix", check_seconds=0)
    assert live.index.search(SearchRequest.from_params("zebra")).total == 0
    path = folder / "ky.yaml"
    path.write_text(
        path.read_text().replace("Kentucky Districts", "Kentucky Zebra Districts")
    )
    assert live.refresh(force=True)
    assert live.index.search(SearchRequest.from_params("zebra")).total == 1


def test_no_change_no_reload(tmp_path):
    live = LiveCatalog(
        [str(copy_catalog(tmp_path))], tmp_path / "ix", check_seconds=0.0
    )
    before = live.index
    live.check_seconds = 0.0001
    assert live.refresh() is False
    assert live.index is before


def test_bad_edit_keeps_serving_valid_entries(tmp_path):
    folder = copy_catalog(tmp_path)
    live = LiveCatalog([str(folder)], tmp_path / "ix", check_seconds=0.0001)
    (folder / "ky.yaml").write_text("jurisdiction: KY\nentries: [\n")
    live.refresh(force=True)
    catalog = live.catalog
    assert len(catalog) == 8
    assert catalog.problems
    assert "ky.yaml" in str(catalog.problems[0])


def test_search_page_survives_a_broken_catalog_file(tmp_path, database_url):
    from finder import create_app
    from tests.conftest import app_config

    folder = copy_catalog(tmp_path)
    (folder / "zz.yaml").write_text("::: not yaml [")
    broken = create_app(app_config(tmp_path, database_url, CATALOG_DIRS=[str(folder)]))
    client = broken.test_client()
    home = client.get("/")
    assert home.status_code == 200
    assert b"finder validate" in home.data
    assert client.get("/search?q=waiver").status_code == 200
