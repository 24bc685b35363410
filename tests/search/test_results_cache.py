"""The search results cache: hits, misses, key normalization, bounds and invalidation."""

from __future__ import annotations

import threading

from finder.live import LiveCatalog
from finder.search import SearchRequest
from finder.search.cache import ResultsCache, cache_key
from tests.conftest import TEST_CATALOG, write_catalog


def ids(results):
    return [h.entry.id for h in results.hits]


def test_a_repeated_search_is_a_hit_and_a_new_one_a_miss(catalog, tmp_path):
    from finder.search import open_index

    index = open_index(tmp_path / "ix", catalog)
    cache = index.results_cache
    first = index.search(SearchRequest.from_params("waiver", states=["CO"]))
    assert (cache.hits, cache.misses) == (0, 1)
    again = index.search(SearchRequest.from_params("waiver", states=["CO"]))
    assert again is first
    assert (cache.hits, cache.misses) == (1, 1)
    other = index.search(SearchRequest.from_params("waiver", states=["TX"]))
    assert other is not first
    assert (cache.hits, cache.misses) == (1, 2)
    # the uncached path neither reads nor fills the cache, and gives the same answer
    fresh = index.search(
        SearchRequest.from_params("waiver", states=["CO"]), use_cache=False
    )
    assert (cache.hits, cache.misses, len(cache)) == (1, 2, 2)
    assert ids(fresh) == ids(first)
    assert fresh.total == first.total


def test_equivalent_requests_share_a_key():
    a = SearchRequest(q="  seat   time ", states=("TX", "CO"), kinds=("b", "a"))
    b = SearchRequest(q="seat time", states=("CO", "TX", "CO"), kinds=("a", "b"))
    assert cache_key("cat", a, 10) == cache_key("cat", b, 10)
    # letter case is meaning ("IN" is Indiana), so it is part of the key
    assert cache_key("cat", SearchRequest(q="IN"), 10) != cache_key(
        "cat", SearchRequest(q="in"), 10
    )
    for changed in (
        SearchRequest(q="seat time", states=("CO",)),
        SearchRequest(q="seat time", states=("CO", "TX"), kinds=("a", "b"), page=2),
        SearchRequest(
            q="seat time", states=("CO", "TX"), kinds=("a", "b"), sort="state"
        ),
    ):
        assert cache_key("cat", changed, 10) != cache_key("cat", b, 10)
    assert cache_key("cat", b, 10) != cache_key("cat", b, 20)
    assert cache_key("cat", b, 10) != cache_key("other-catalog", b, 10)


def test_an_equivalent_request_is_answered_with_its_own_request(search_index):
    tidy = SearchRequest.from_params("waiver", states=["CO", "KY"])
    messy = SearchRequest(q="  waiver ", states=("KY", "CO"))
    first = search_index.search(tidy)
    hits = search_index.results_cache.hits
    second = search_index.search(messy)
    assert search_index.results_cache.hits == hits + 1
    assert second.request == messy
    assert ids(second) == ids(first)
    assert second.total == first.total


def test_the_cache_is_bounded_least_recently_used_first():
    cache = ResultsCache(size=3)
    for n in range(3):
        cache.put(("c", n), n)
    assert cache.get(("c", 0)) == 0  # 0 is now the most recently used
    cache.put(("c", 3), 3)
    assert len(cache) == 3
    assert cache.get(("c", 1)) is None
    assert [cache.get(("c", n)) for n in (0, 2, 3)] == [0, 2, 3]


def test_the_cache_is_safe_across_threads():
    cache = ResultsCache(size=50)

    def work(offset):
        for n in range(500):
            cache.put(("c", (n + offset) % 80), n)
            cache.get(("c", n % 80))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(cache) == 50
    assert cache.hits + cache.misses == 8 * 500


def test_a_catalog_change_invalidates_cached_answers(tmp_path):
    folder = write_catalog(
        tmp_path / "cat", {p.name: p.read_text() for p in TEST_CATALOG.iterdir()}
    )
    live = LiveCatalog([str(folder)], tmp_path / "ix", check_seconds=0)
    request = SearchRequest.from_params("zebra")
    assert live.index.search(request).total == 0
    assert live.index.search(request).total == 0
    assert live.results_cache.hits == 1
    old_key = live.index.cache_key
    path = folder / "ky.yaml"
    path.write_text(
        path.read_text().replace("Kentucky Districts", "Kentucky Zebra Districts")
    )
    assert live.refresh(force=True)
    assert live.index.cache_key != old_key
    assert (
        live.index.results_cache is live.results_cache
    )  # one cache, kept across reloads
    assert all(key[0] == live.index.cache_key for key in live.results_cache._items)
    hits = live.results_cache.hits
    assert live.index.search(request).total == 1  # a miss: the new catalog's answer
    assert live.results_cache.hits == hits


def test_the_search_page_and_the_api_use_the_cache(app, client):
    cache = app.extensions["finder.live"].results_cache
    assert client.get("/search?q=waiver&state=CO").status_code == 200
    hits = cache.hits
    assert client.get("/search?q=waiver&state=CO").status_code == 200
    assert cache.hits == hits + 1
    assert client.get("/api/v1/flexibilities?q=waiver&state=CO").status_code == 200
    assert cache.hits == hits + 2
