"""Scoring: BM25F as Whoosh computes it, with each field's document lengths read once
per index; every match scored in one pass.

Whoosh's scorer looks a document's field length up through five calls and a byte
decode for every posting it scores; an open index never changes, so the lengths are
read once per segment and field into a list. The formula and its order of operations
are Whoosh's own, so the scores are the same to the last bit (a test compares them).
"""

from __future__ import annotations

import heapq

from whoosh import query as wq
from whoosh.scoring import BM25F, BM25FScorer


class IndexBM25F(BM25F):
    """BM25F for one open index: field lengths kept per segment and field."""

    def __init__(self, B: float = 0.75, K1: float = 1.2):
        super().__init__(B=B, K1=K1)
        self._lengths: dict[tuple[str, str], list] = {}

    def scorer(self, searcher, fieldname, text, qf=1):
        segment = getattr(searcher.reader(), "segment", None)
        if not searcher.schema[fieldname].scorable or segment is None:
            return super().scorer(searcher, fieldname, text, qf=qf)
        key = (segment().segment_id(), fieldname)
        lengths = self._lengths.get(key)
        if lengths is None:
            reader = searcher.reader()
            lengths = self._lengths[key] = [
                reader.doc_field_length(docnum, fieldname, 1)
                for docnum in range(reader.doc_count_all())
            ]
        B = self._field_B.get(fieldname, self.B)
        return _ListedLengthScorer(searcher, fieldname, text, B, self.K1, lengths, qf)


class _ListedLengthScorer(BM25FScorer):
    def __init__(self, searcher, fieldname, text, B, K1, lengths: list, qf=1):
        super().__init__(searcher, fieldname, text, B, K1, qf=qf)
        self.lengths = lengths

    def score(self, matcher):
        # whoosh.scoring.bm25, written out: the same operations in the same order
        tf = matcher.weight()
        fl = self.lengths[matcher.id()]
        K1, B = self.K1, self.B
        return self.idf * (
            (tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / self.avgfl))
        )


def score_every(searcher, q) -> dict[int, float]:
    """Every document the query matches, with its score, in one pass.

    A plain Or of terms (the typo search over the spelling field) is summed term by
    term straight from each posting list, as Whoosh's array union sums it; anything
    else steps Whoosh's own matcher, with nothing above it needing each document.
    """
    scores: dict[int, float] = {}
    context = searcher.context(needs_current=False)
    terms_only = (
        type(q) is wq.Or
        and not q.scale
        and q.boost == 1
        and all(isinstance(sub, wq.Term) for sub in q.subqueries)
    )
    for subsearcher, offset in searcher.leaf_searchers():
        if terms_only:
            for term in q.subqueries:
                matcher = term.matcher(subsearcher, context)
                while matcher.is_active():
                    doc = offset + matcher.id()
                    scores[doc] = scores.get(doc, 0.0) + matcher.score()
                    matcher.next()
            continue
        matcher = q.matcher(subsearcher, context)
        while matcher.is_active():
            scores[offset + matcher.id()] = matcher.score()
            matcher.next()
    if terms_only:  # in document order, without what scores nothing (as Whoosh does)
        scores = {doc: scores[doc] for doc in sorted(scores) if scores[doc] > 0}
    return scores


def best(scores: dict[int, float], allowed, count: int) -> list[int]:
    """The ``count`` best-scoring allowed documents, best first; equal scores in
    document order, as Whoosh ranks them (``scores`` holds documents in that order,
    and ``nlargest`` keeps the order of equals)."""
    candidates = (
        scores if len(allowed) == len(scores) else [d for d in scores if d in allowed]
    )
    return heapq.nlargest(count, candidates, key=scores.__getitem__)
