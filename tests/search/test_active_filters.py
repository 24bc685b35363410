"""Filters in force, named in words and removable one at a time; chosen facet values lead."""

from __future__ import annotations

from finder.search import SearchRequest
from finder.search.results import active_filters, cleared_params


def run(index, q="", **params):
    return index.search(SearchRequest.from_params(q, **params))


def test_each_filter_is_named_and_removable_alone(search_index):
    results = run(
        search_index,
        "waiver",
        states=["TX", "US"],
        kinds=["waiver_authority"],
        areas=["calendar"],
        sort="state",
    )
    chips = {f.text: f.params for f in active_filters(results)}
    assert list(chips) == [
        "Search: “waiver”",
        "State: Texas",
        "Jurisdiction: Federal",
        "Kind: Waiver authority",
        "Policy area: Calendar",
    ]
    base = {"sort": "state", "kind": ["waiver_authority"], "area": ["calendar"]}
    assert chips["Search: “waiver”"] == {**base, "state": ["TX", "US"]}
    assert chips["State: Texas"] == {**base, "q": "waiver", "state": ["US"]}
    assert chips["Kind: Waiver authority"] == {
        "q": "waiver",
        "state": ["TX", "US"],
        "area": ["calendar"],
        "sort": "state",
    }
    assert chips["Policy area: Calendar"]["kind"] == ["waiver_authority"]
    assert "area" not in chips["Policy area: Calendar"]
    assert cleared_params(results.request) == {"sort": "state"}


def test_a_state_named_in_the_words_is_a_filter_too(search_index):
    results = run(search_index, "Colorado waiver")
    chips = {f.text: f.params for f in active_filters(results)}
    # Removing the state takes its name out of the words; removing the words keeps it.
    assert chips["State: Colorado"] == {"q": "waiver"}
    assert chips["Search: “Colorado waiver”"] == {"state": ["CO"]}


def test_no_filters_no_chips(search_index):
    assert active_filters(run(search_index, "")) == []


def test_selected_values_come_first_in_their_facet(search_index):
    # Kentucky has the fewest entries, so by count alone it would come last.
    assert run(search_index, "").facets["state"][-1].value == "KY"
    results = run(search_index, "", states=["KY"])
    states = results.facets["state"]
    assert [(v.value, v.selected) for v in states[:2]] == [("KY", True), ("CO", False)]
    kinds = run(search_index, "").facets["kind"]
    rarest = kinds[-1].value
    chosen = run(search_index, "", kinds=[rarest]).facets["kind"]
    assert chosen[0].value == rarest
    assert chosen[0].selected
    assert [v.value for v in chosen[1:]] == [v.value for v in kinds[:-1]]
