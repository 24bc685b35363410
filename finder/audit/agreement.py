"""How well the suggester agrees with a labelled set of real rules."""

from __future__ import annotations

from dataclasses import dataclass

from finder.audit.suggester import RuleInput, suggest
from finder.catalog import Catalog


@dataclass(frozen=True)
class Agreement:
    total: int
    decided: int
    agreed: int
    needs_review: int
    disagreements: tuple[tuple[str, str, str], ...]  # text, label, suggestion

    @property
    def agreement(self) -> float:
        return self.agreed / self.decided if self.decided else 0.0

    @property
    def review_share(self) -> float:
        return self.needs_review / self.total if self.total else 0.0


def rule_input(item: dict) -> RuleInput:
    return RuleInput(
        text=str(item.get("text", "")),
        source_level=str(item.get("source_level") or "unknown"),
        citation=str(item.get("citation") or ""),
        state=str(item.get("state") or "").upper(),
    )


def measure(items: list[dict], catalog: Catalog | None) -> Agreement:
    """Agreement on the rules the suggester decides, and the share it leaves for review."""
    decided = agreed = review = 0
    misses = []
    for item in items:
        decision = suggest(rule_input(item), catalog).decision
        if decision == "needs_review":
            review += 1
            continue
        decided += 1
        if decision == item["label"]:
            agreed += 1
        else:
            misses.append((item["text"], item["label"], decision))
    return Agreement(len(items), decided, agreed, review, tuple(misses))
