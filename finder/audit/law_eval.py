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

import yaml

from finder.audit.matching import match_mechanisms
from finder.audit.suggester import RuleInput
from finder.catalog import Catalog

TOP = 3


def split_of(text: str) -> str:
    """ "test" or "dev", fixed by the rule's words."""
    return "test" if hashlib.sha256(text.encode()).digest()[0] % 2 == 0 else "dev"


def load_labelled(folder: str | Path) -> list[dict]:
    """Every labelled rule in a folder of YAML files, each with its file's state."""
    rules = []
    for path in sorted(Path(folder).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
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

    def to_dict(self) -> dict:
        return {
            "rules": self.rules,
            "barred_pairs": self.negatives,
            "barred_offered_as_usable": self.offered_unusable,
            "positives": self.positives,
            "right_mechanism_usable_in_top_3": self.found_in_top,
            "recall_top_3": round(self.recall, 3),
            "violations": self.violations,
            "misses": self.misses,
        }


def evaluate(rules: list[dict], catalog: Catalog) -> LawFigures:
    """Count barred mechanisms offered as usable, and positives found in the top 3."""
    figures = LawFigures()
    for item in rules:
        rule = RuleInput(
            str(item.get("text", "")),
            str(item.get("source_level") or "unknown"),
            str(item.get("citation") or ""),
            str(item.get("state") or "").upper(),
        )
        matches = match_mechanisms(rule, str(item.get("policy_area") or ""), catalog)
        usable = [m.id for m in matches if m.usable]
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
