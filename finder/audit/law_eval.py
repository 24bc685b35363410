"""How well matching keeps the law: a labelled set of rules and the mechanisms that can
and cannot lift them, read from each mechanism's own law.

A labelled file (``tests/data/law_match/<state>.yaml``)::

    state: TX
    rules:
      - text: Teach the TEKS in every required subject.
        citation: Tex. Educ. Code § 28.002
        source_level: state_statute
        policy_area: curriculum
        cannot: [tx-districts-of-innovation]   # its law says it can never lift this
        can: []                                # mechanisms that can lawfully lift it
        source: https://...                    # the official page behind the label

The split is fixed by the rule's words (a stable hash), never by results: the test part
is what figures are reported on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from finder import yamltext
from finder.audit.agreement import rule_input
from finder.audit.matching import match_mechanisms
from finder.audit.suggester import RuleInput
from finder.catalog import Catalog

TOP = 3


def _usable(item: dict, catalog: Catalog) -> tuple[RuleInput, list[str]]:
    """A labelled rule as the matcher sees it, and the ids it offers as usable, ranked."""
    rule = rule_input(item)
    matches = match_mechanisms(rule, str(item.get("policy_area") or ""), catalog)
    return rule, [m.id for m in matches if m.usable]


PARTS = ("test", "dev", "all")


def held_out(rules: list[dict], every: bool = False) -> list[dict]:
    """The fixed test part of a labelled set (or every rule)."""
    return part_of(rules, "all" if every else "test")


def part_of(rules: list[dict], part: str) -> list[dict]:
    """The rules of one part of a labelled set: "test" (fixed before tuning, reported,
    never tuned on), "dev" (for tuning) or "all". Raises ValueError for another name."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}")
    if part == "all":
        return list(rules)
    return [r for r in rules if split_of(str(r.get("text"))) == part]


def split_of(text: str) -> str:
    """ "test" or "dev", fixed by the rule's words."""
    return "test" if hashlib.sha256(text.encode()).digest()[0] % 2 == 0 else "dev"


def load_labelled(folder: str | Path) -> list[dict]:
    """Every labelled rule in a folder of YAML files, each with its file's state."""
    rules = []
    for path in sorted(Path(folder).glob("*.yaml")):
        data = yamltext.load(path.read_text(encoding="utf-8")) or {}
        for raw in data.get("rules") or []:
            rules.append({"state": data.get("state", ""), **raw, "file": path.name})
    return rules


@dataclass
class LawFigures:
    rules: int = 0
    negatives: int = 0  # (rule, mechanism) pairs the law bars
    offered_unusable: int = 0  # of those, offered as usable: must be 0
    positives: int = 0  # rules with at least one mechanism that can lift them
    found_in_top: int = 0  # of those, a right mechanism usable in the top 3
    violations: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found_in_top / self.positives if self.positives else 0.0

    def to_dict(self, itemized: bool = True) -> dict:
        """The figures; ``itemized`` adds each miss (the development part only)."""
        return {
            "rules": self.rules,
            "barred_pairs": self.negatives,
            "barred_offered_as_usable": self.offered_unusable,
            "positives": self.positives,
            "right_mechanism_usable_in_top_3": self.found_in_top,
            "recall_top_3": round(self.recall, 3),
            "violations": self.violations,
            **({"misses": self.misses} if itemized else {}),
        }


def evaluate(rules: list[dict], catalog: Catalog) -> LawFigures:
    """Count barred mechanisms offered as usable, and positives found in the top 3."""
    figures = LawFigures()
    for item in rules:
        rule, usable = _usable(item, catalog)
        figures.rules += 1
        for barred in item.get("cannot") or []:
            figures.negatives += 1
            if barred in usable:
                figures.offered_unusable += 1
                figures.violations.append(f"{barred} offered for {rule.text!r}")
        can = set(item.get("can") or [])
        if can:
            figures.positives += 1
            if can & set(usable[:TOP]):
                figures.found_in_top += 1
            else:
                figures.misses.append(
                    f"{rule.text!r}: wanted {sorted(can)}, got {usable[:TOP]}"
                )
    return figures


@dataclass
class RelevanceFigures:
    """How well the offered (usable) mechanisms fit: precision and recall in the top 3.

    Precision counts every usable mechanism offered in a rule's top 3 and how many of
    them are in its complete ``right`` list; recall counts the rules with a right
    mechanism that have one in their top 3.
    """

    rules: int = 0
    offered: int = 0
    offered_right: int = 0
    with_right: int = 0
    found: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.offered_right / self.offered if self.offered else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.with_right if self.with_right else 0.0

    def to_dict(self, itemized: bool = True) -> dict:
        """The figures; ``itemized`` adds each wrong and missed offer (development
        part only)."""
        return {
            "rules": self.rules,
            "offered_in_top_3": self.offered,
            "right_in_top_3": self.offered_right,
            "precision_top_3": round(self.precision, 3),
            "recall_top_3": round(self.recall, 3),
            **({"wrong": self.wrong, "missed": self.missed} if itemized else {}),
        }


def evaluate_relevance(rules: list[dict], catalog: Catalog) -> RelevanceFigures:
    """Precision and recall of the usable mechanisms offered in the top 3."""
    figures = RelevanceFigures()
    for item in rules:
        rule, usable = _usable(item, catalog)
        top = usable[:TOP]
        right = set(item.get("right") or [])
        figures.rules += 1
        figures.offered += len(top)
        figures.offered_right += len(set(top) & right)
        for wrong in [m for m in top if m not in right]:
            figures.wrong.append(f"{wrong} for {rule.text!r}")
        if right:
            figures.with_right += 1
            if right & set(top):
                figures.found += 1
            else:
                figures.missed.append(
                    f"{rule.text!r}: wanted {sorted(right)}, got {top}"
                )
    return figures
