"""The first page holds the best-scoring entries: Whoosh's top-N shortcuts lose none."""

from __future__ import annotations

import pytest

from finder.search import SearchRequest
from finder.search import query as queries

# Several concepts each (And of Ors over title, combined text and citations), the
# shape where Whoosh's preloaded Or once dropped the best entry from the top ten.
QUESTIONS = [
    "seat time waiver",
    "waiver of class size limits",
    "teacher certification waiver",
    "calendar minimum minutes",
    "innovation school plan waiver",
    "competency based credit",
    "career technical education industry experts",
    "school board policy waiver",
    # typos: the spelling-field fallback, ranked in the same pass that lists matches
    "calender flexibilty",
    "innovaton scool",
]


@pytest.mark.parametrize("text", QUESTIONS)
def test_first_page_is_the_exact_top_ten(shipped_index, text):
    results = shipped_index.search(SearchRequest.from_params(text), use_cache=False)
    assert results.total > 10  # enough matches for a shortcut to matter
    parsed = queries.parse(text)
    q = queries.build(parsed, results.mode, shipped_index.near)
    searcher = shipped_index.searcher()
    every = searcher.search(q, limit=None)
    ranked = sorted(every, key=lambda hit: (-hit.score, hit.docnum))
    best = [hit["id"] for hit in ranked[:10]]
    assert [hit.entry.id for hit in results.hits] == best
