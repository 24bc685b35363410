"""Search quality on a relevance set: recall@5 and mean reciprocal rank."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from finder import yamltext
from finder.search.results import SearchRequest


@dataclass(frozen=True)
class Judgement:
    query: str
    expected: tuple[str, ...]
    states: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    query: str
    expected: tuple[str, ...]
    found: tuple[str, ...]
    recall: float
    reciprocal_rank: float


@dataclass(frozen=True)
class Report:
    outcomes: tuple[Outcome, ...]

    @property
    def count(self) -> int:
        return len(self.outcomes)

    @property
    def recall_at_5(self) -> float:
        return sum(o.recall for o in self.outcomes) / max(1, self.count)

    @property
    def mrr(self) -> float:
        return sum(o.reciprocal_rank for o in self.outcomes) / max(1, self.count)

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.recall < 1]


def load_relevance_set(path: str | Path) -> list[Judgement]:
    """Questions and the entry ids each should find, from YAML."""
    data = yamltext.load(Path(path).read_text(encoding="utf-8"))
    return [
        Judgement(item["query"], tuple(item["expected"]), tuple(item.get("state", [])))
        for item in data["questions"]
    ]


def evaluate(index, judgements: list[Judgement], k: int = 5) -> Report:
    """Run each question; recall@k is the share of expected ids in the top k."""
    outcomes = []
    for j in judgements:
        results = index.search(
            SearchRequest.from_params(j.query, states=j.states), page_size=max(k, 10)
        )
        found = tuple(hit.entry.id for hit in results.hits)
        top = found[:k]
        recall = sum(1 for e in j.expected if e in top) / len(j.expected)
        ranks = [found.index(e) + 1 for e in j.expected if e in found]
        outcomes.append(
            Outcome(
                j.query, j.expected, found, recall, 1 / min(ranks) if ranks else 0.0
            )
        )
    return Report(tuple(outcomes))
