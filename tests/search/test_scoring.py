"""BM25F with field lengths read once per index scores exactly as Whoosh's BM25F."""

from __future__ import annotations

import pytest
from whoosh.scoring import BM25F

from finder.search import query as queries


@pytest.mark.parametrize(
    "text", ["seat time waiver", "innovation", "12A.004", "four-day week calendar"]
)
def test_same_scores_as_whoosh(shipped_index, text):
    parsed = queries.parse(text)
    q = queries.build(parsed, "any", shipped_index.near)
    ours = shipped_index.searcher().search(q, limit=None)
    with shipped_index.ix.searcher(weighting=BM25F()) as plain:
        theirs = plain.search(q, limit=None)
        expected = {hit.docnum: hit.score for hit in theirs}
    assert expected  # the query matches something
    assert {hit.docnum: hit.score for hit in ours} == expected
