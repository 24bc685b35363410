"""BM25F with field lengths read once per index scores exactly as Whoosh's BM25F."""

from __future__ import annotations

import pytest
from whoosh import query as wq
from whoosh.scoring import BM25F

from finder.search import query as queries
from finder.search import schema as f
from finder.search.scoring import best, score_every


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


def test_best_keeps_document_order_among_equal_scores():
    scores = {1: 2.0, 3: 5.0, 4: 2.0, 7: 5.0, 9: 1.0}  # in document order, as collected
    assert best(scores, set(scores), 3) == [3, 7, 1]
    assert best(scores, {1, 4, 9}, 2) == [1, 4]
    assert best(scores, {9}, 5) == [9]


@pytest.mark.parametrize("text", ["calender flexibilty", "innovaton scool", "iada"])
def test_one_pass_scores_are_whoosh_scores(shipped_index, text):
    parsed = queries.parse(text)
    for mode in ("all", "any", "fuzzy"):
        q = queries.build(parsed, mode, shipped_index.near)
        searcher = shipped_index.searcher()
        expected = {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}
        got = score_every(searcher, q)
        assert got == expected, mode
        assert list(got) == sorted(got)  # document order, as ``best`` relies on


def test_a_union_leaves_out_terms_the_index_lacks(shipped_index):
    subs = [
        wq.Term(f.TITLE, "waiver"),
        wq.Term(f.ALL, "waiver"),
        wq.Term(f.CITATIONS, "no-such-token"),
        wq.Term(f.ALL, "nosuchword"),
    ]
    searcher = shipped_index.searcher()
    ours = {h.docnum: h.score for h in searcher.search(queries.Union(subs), limit=None)}
    plain = wq.Or(subs)
    plain.matcher_type = wq.Or.DEFAULT_MATCHER  # the same tree, absent terms kept
    theirs = {h.docnum: h.score for h in searcher.search(plain, limit=None)}
    assert ours  # "waiver" is in the catalog
    assert ours == pytest.approx(theirs)
    nothing = queries.Union([wq.Term(f.ALL, "nosuchword"), wq.Term(f.TITLE, "zzzq")])
    assert list(searcher.search(nothing, limit=None)) == []
