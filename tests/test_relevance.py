"""Search quality on the real catalog: the relevance set must reach recall@5 >= 0.9."""

from __future__ import annotations

from pathlib import Path

from finder.search.evaluation import evaluate, load_relevance_set

RELEVANCE_SET = Path(__file__).with_name("relevance.yaml")


def test_relevance_set_is_large_enough_and_points_at_real_entries(shipped_index):
    judgements = load_relevance_set(RELEVANCE_SET)
    assert len(judgements) >= 25
    for j in judgements:
        for entry_id in j.expected:
            assert shipped_index.catalog.get(entry_id), entry_id


def test_recall_at_5(shipped_index):
    report = evaluate(shipped_index, load_relevance_set(RELEVANCE_SET))
    misses = [(o.query, o.found[:5]) for o in report.misses]
    assert report.recall_at_5 >= 0.9, misses
    assert report.mrr >= 0.8, misses
