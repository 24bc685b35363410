"""Arbitrary queries and parameters never produce a server error."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finder import create_app
from tests.conftest import PG_URL, TEST_CATALOG

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=120
)
likely = st.sampled_from(
    ["TX", "co", "US", "waiver_authority", "calendar", "1", "0", "-3", "state", "§", ""]
)
param_value = st.one_of(text, likely)
params = st.lists(
    st.tuples(
        st.sampled_from(["q", "state", "kind", "area", "page", "sort", "x"]),
        param_value,
    ),
    max_size=6,
)


@pytest.fixture(scope="module")
def fuzz_client(tmp_path_factory, migrated_template):
    from finder.store.migrate import upgrade

    url = PG_URL or f"sqlite:///{tmp_path_factory.mktemp('fuzz-db') / 'f.sqlite3'}"
    upgrade(url)
    app = create_app(
        {
            "TESTING": True,
            "CATALOG_DIRS": [str(TEST_CATALOG)],
            "CATALOG_REPLACE": True,
            "INDEX_DIR": str(tmp_path_factory.mktemp("fuzz-index")),
            "SECRET_KEY": "test",
            "DATABASE_URL": url,
        }
    )
    yield app.test_client()
    app.extensions["finder.engine"].dispose()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=text)
def test_any_query_string_on_the_search_page(fuzz_client, query):
    response = fuzz_client.get("/search?" + urlencode({"q": query}))
    assert response.status_code == 200


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(pairs=params)
def test_any_parameters_on_page_and_api(fuzz_client, pairs):
    query = urlencode(pairs)
    assert fuzz_client.get("/search?" + query).status_code == 200
    assert fuzz_client.get("/api/v1/flexibilities?" + query).status_code in {200, 400}
