"""Search behaviour on the small test catalog: each feature the finder promises."""

from __future__ import annotations

import threading

import pytest

from finder.catalog import load_catalog, read
from finder.search import SearchRequest, build_index, index_key, is_fresh, open_index
from finder.search.results import BadRequest, toggle_params
from tests.conftest import TEST_CATALOG, write_catalog


def ids(results):
    return [hit.entry.id for hit in results.hits]


def run(index, q="", **params):
    return index.search(SearchRequest.from_params(q, **params))


def test_stemming_finds_other_word_forms(search_index):
    assert "co-reduced-calendar" in ids(run(search_index, "calendars"))


def test_title_match_ranks_first(search_index):
    assert (
        ids(run(search_index, "innovation schools"))[0] == "co-innovation-schools-act"
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("12A.004", "tx-districts-of-innovation"),
        ("§ 12A.004", "tx-districts-of-innovation"),
        ("22-32.5", "co-innovation-schools-act"),
        ("KRS 156.108", "ky-districts-of-innovation"),
        ("§ 1204", "us-iada"),
        ("20 U.S.C. § 7861", "us-esea-8401-waivers"),
    ],
)
def test_citations_as_typed(search_index, query, expected):
    assert ids(run(search_index, query))[0] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("4-day week", "co-reduced-calendar"),
        ("Carnegie unit", "co-state-board-waivers"),
        ("seat time", "co-state-board-waivers"),
        ("IADA", "us-iada"),
        ("career and technical", "tx-teacher-certification-cte-permit"),
        ("CTE", "tx-teacher-certification-cte-permit"),
        ("exemption", "tx-districts-of-innovation"),
    ],
)
def test_domain_synonyms(search_index, query, expected):
    assert expected in ids(run(search_index, query))


def test_state_name_in_query_filters_to_that_state(search_index):
    results = run(search_index, "Colorado waiver")
    assert results.states_from_query == ("CO",)
    assert {hit.entry.state for hit in results.hits} == {"CO"}


def test_state_code_in_query(search_index):
    assert {h.entry.state for h in run(search_index, "TX certification").hits} == {"TX"}


def test_state_with_no_match_widens_to_all(search_index):
    results = run(search_index, "Kentucky performance assessments")
    assert results.widened_from == ("KY",)
    assert ids(results)[0] == "us-iada"


def test_did_you_mean_for_typos(search_index):
    results = run(search_index, "calender")
    assert results.suggestion == "calendar"
    assert results.mode == "fuzzy"
    assert "co-reduced-calendar" in ids(results)


def test_no_suggestion_when_words_are_known(search_index):
    assert run(search_index, "calendar").suggestion is None


def test_any_words_fallback(search_index):
    results = run(search_index, "innovation zzzqqq")
    assert results.mode == "any"
    assert results.total > 0


def test_nothing_matches(search_index):
    results = run(search_index, "xylophone")
    assert results.total == 0
    assert results.hits == []


def test_empty_query_lists_everything(search_index):
    assert run(search_index, "").total == 9


def test_facets_count_and_combine(search_index):
    results = run(search_index, "", states=["CO"])
    assert results.total == 4
    states = {v.value: v.count for v in results.facets["state"]}
    # Disjunctive: the state facet still counts the other states (OR within a facet).
    assert states == {"CO": 4, "TX": 2, "US": 2, "KY": 1}
    kinds = {v.value: v.count for v in results.facets["kind"]}
    assert kinds == {
        "innovation_schools": 1,
        "waiver_authority": 1,
        "calendar_time": 1,
        "flexibility_guide": 1,
    }


def test_or_within_and_across_facets(search_index):
    both = run(search_index, "", states=["CO", "TX"])
    assert both.total == 6
    narrowed = run(
        search_index,
        "",
        states=["CO", "TX"],
        kinds=["waiver_authority", "innovation_district"],
    )
    assert sorted(ids(narrowed)) == [
        "co-state-board-waivers",
        "tx-districts-of-innovation",
    ]
    area = run(search_index, "", areas=["calendar"], states=["TX"])
    assert ids(area) == ["tx-districts-of-innovation"]


def test_facets_combine_with_the_query(search_index):
    results = run(search_index, "waiver", kinds=["waiver_authority"])
    assert set(ids(results)) == {"co-state-board-waivers", "us-esea-8401-waivers"}


def test_snippets_mark_matches_and_escape_text(search_index):
    hit = run(search_index, "industry certificate").hits[0]
    assert hit.entry.id == "tx-teacher-certification-cte-permit"
    assert any(matched for _, matched in hit.snippet)
    assert "<b>" not in hit.snippet_html
    assert "&lt;b&gt;" in hit.snippet_html or "<mark>" in hit.snippet_html


def test_paging(search_index):
    request = SearchRequest.from_params("", page=2)
    page2 = search_index.search(request, page_size=4)
    page1 = search_index.search(SearchRequest.from_params(""), page_size=4)
    assert page2.pages == 3
    assert len(page2.hits) == 4
    assert not set(ids(page1)) & set(ids(page2))
    beyond = search_index.search(SearchRequest.from_params("", page=9), page_size=4)
    assert beyond.hits == []
    assert beyond.total == 9


def test_sort_by_state_and_by_review_date(search_index):
    by_state = search_index.search(
        SearchRequest.from_params("", sort="state"), page_size=20
    )
    assert [h.entry.state for h in by_state.hits] == sorted(
        h.entry.state for h in by_state.hits
    )
    reviewed = search_index.search(
        SearchRequest.from_params("", sort="reviewed"), page_size=20
    )
    dates = [h.entry.last_reviewed for h in reviewed.hits]
    assert dates == sorted(dates, reverse=True)


def test_strict_requests_reject_unknown_values():
    with pytest.raises(BadRequest, match="unknown state 'ZZ'"):
        SearchRequest.from_params("", states=["zz"], strict=True)
    with pytest.raises(BadRequest, match="page"):
        SearchRequest.from_params("", page="0", strict=True)
    lenient = SearchRequest.from_params(
        "", states=["zz", "tx"], kinds=["nope"], page="x", sort="?"
    )
    assert lenient == SearchRequest(states=("TX",))


def test_toggle_params_select_and_clear(search_index):
    results = run(search_index, "waiver", states=["CO"])
    assert toggle_params(results, "state", "TX") == {
        "q": "waiver",
        "state": ["CO", "TX"],
    }
    assert toggle_params(results, "state", "CO") == {"q": "waiver"}
    from_query = run(search_index, "Colorado waiver")
    assert toggle_params(from_query, "state", "CO") == {"q": "waiver"}


def test_index_is_cached_and_rebuilt_when_the_catalog_changes(tmp_path):
    folder = write_catalog(
        tmp_path / "cat", {p.name: p.read_text() for p in TEST_CATALOG.iterdir()}
    )
    root = tmp_path / "index"
    catalog = load_catalog([folder])
    assert not is_fresh(root, catalog)
    open_index(root, catalog)
    assert is_fresh(root, catalog)
    stamp = (root / index_key(catalog)).stat().st_mtime_ns
    open_index(root, load_catalog([folder]))
    assert (
        root / index_key(catalog)
    ).stat().st_mtime_ns == stamp  # reused, not rebuilt
    text = (
        (folder / "ky.yaml")
        .read_text()
        .replace("Kentucky Districts of Innovation", "Kentucky Zebra Districts")
    )
    (folder / "ky.yaml").write_text(text)
    changed = load_catalog([folder])
    assert not is_fresh(root, changed)
    assert ids(
        open_index(root, changed).search(SearchRequest.from_params("zebra"))
    ) == ["ky-districts-of-innovation"]


def test_builds_leave_no_partial_folders_and_survive_races(tmp_path):
    catalog = load_catalog([TEST_CATALOG])
    root = tmp_path / "index"
    errors = []

    def build():
        try:
            build_index(root, catalog)
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=build) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [p.name for p in root.iterdir()] == [index_key(catalog)]
    assert run(open_index(root, catalog), "calendar").total > 0


def test_broken_leftover_folder_is_replaced(tmp_path):
    catalog = load_catalog([TEST_CATALOG])
    root = tmp_path / "index"
    (root / index_key(catalog)).mkdir(parents=True)
    (root / index_key(catalog) / "junk").write_text("half-built")
    assert run(open_index(root, catalog), "calendar").total > 0


def test_catalog_with_problems_still_serves_valid_entries(tmp_path):
    files = {p.name: p.read_text() for p in TEST_CATALOG.iterdir()}
    files["ky.yaml"] = files["ky.yaml"].replace(
        "kind: innovation_district", "kind: bogus"
    )
    catalog = read([write_catalog(tmp_path / "cat", files)])
    assert len(catalog.problems) == 1
    assert "ky-districts-of-innovation" not in catalog.by_id
    assert run(open_index(tmp_path / "ix", catalog), "").total == 8


def test_incremental_update_writes_only_what_changed(tmp_path):
    from finder.search.build import _update_index

    folder = write_catalog(
        tmp_path / "cat", {p.name: p.read_text() for p in TEST_CATALOG.iterdir()}
    )
    root = tmp_path / "index"
    open_index(root, load_catalog([folder]))
    path = folder / "co.yaml"
    text = path.read_text().replace(
        "Colorado flexibility guide", "Colorado zebra guide"
    )
    path.write_text(
        text.replace("  - id: co-reduced-calendar", "  - id: co-reduced-calendar-x", 1)
    )
    changed = load_catalog([folder])
    index = open_index(root, changed)  # updates a copy of the previous index
    assert ids(index.search(SearchRequest.from_params("zebra"))) == [
        "co-flexibility-guide"
    ]
    assert index.search(SearchRequest.from_params("")).total == 9
    assert {
        h.entry.id
        for h in index.search(SearchRequest.from_params(""), page_size=20).hits
    } == set(changed.by_id)
    copy = tmp_path / "copy"
    import shutil

    shutil.copytree(root / index_key(changed), copy)
    assert _update_index(copy, changed, None) == 0  # already current: nothing rewritten


def test_repeated_searches_come_from_the_cache_and_match_fresh_ones(search_index):
    request = SearchRequest.from_params("waiver", states=["CO"])
    first = search_index.search(request)
    assert search_index.search(request) is first  # cached
    fresh = search_index.search(request, use_cache=False)
    assert fresh is not first
    assert ids(fresh) == ids(first)
    assert fresh.total == first.total
    assert search_index.search(SearchRequest.from_params("waiver")) is not first


def test_a_citation_finds_entries_citing_it_or_a_part_of_it(tmp_path):
    """Search by containment: R.C. 3313.603 holds R.C. 3313.603(J), however typed."""
    from tests.catalog.test_loader import catalog_file, entry

    cited = entry(id="oh-credit", state="OH").replace(
        "citations: [Some Code § 1]", "citations: [ORC 3313.603(J)]"
    )
    other = entry(id="oh-other", state="OH").replace(
        "citations: [Some Code § 1]", "citations: [ORC 3313.60]"
    )
    folder = write_catalog(
        tmp_path / "cat", {"oh.yaml": catalog_file("OH", cited, other)}
    )
    index = open_index(str(tmp_path / "ix"), read([folder]))
    for typed in [
        "ORC 3313.603",
        "R.C. 3313.603(J)",
        "Ohio Rev. Code § 3313.603",
        "3313.603(J)",
    ]:
        ids = [h.entry.id for h in index.search(SearchRequest.from_params(typed)).hits]
        assert ids == ["oh-credit"], typed
    results = index.search(SearchRequest.from_params("R.C. ch. 3313"))
    chapter = [h.entry.id for h in results.hits]
    assert sorted(chapter) == ["oh-credit", "oh-other"]


def test_facets_of_a_search_matching_everything_are_the_catalog_counts(
    search_index, catalog
):
    for _ in range(2):  # the second answer comes from the counts kept for the index
        results = search_index.search(SearchRequest.from_params(""), use_cache=False)
        assert results.total == len(catalog)
        shown = {
            facet: {v.value: v.count for v in values}
            for facet, values in results.facets.items()
        }
        assert shown == {k: dict(v) for k, v in catalog.counts().items()}


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("seat tiem", "seat time"),
        ("calender", "calendar"),
        ("innovaiton", "innovation"),
    ],
)
def test_did_you_mean_counts_swapped_letters_as_one_typo_and_never_offers_a_stop_word(
    search_index, typed, meant
):
    """ "tiem" is "time" with two letters swapped (one typo, two Levenshtein edits);
    "them" is one edit away but a stop word, which is never what a search meant."""
    assert run(search_index, typed).suggestion == meant
