"""The rubric (questions and decision rules) read from audit_templates/rubric.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from finder.audit.files import load_cached
from finder.config import PROJECT_ROOT

DEFAULT_DIR = PROJECT_ROOT / "audit_templates"
DECISIONS = {
    "essential_oversight": "Essential oversight",
    "unnecessary_control": "Unnecessary control",
    "not_a_rule": "Not actually a rule",
    "needs_review": "Needs review",
}


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    help: str
    group: str = ""


@dataclass(frozen=True)
class DecisionRule:
    when: dict[str, bool]
    decision: str
    reason: str


@dataclass(frozen=True)
class Rubric:
    questions: tuple[Question, ...]
    rules: tuple[DecisionRule, ...]

    @property
    def protects(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions if q.group == "protects")

    def decide(self, answers: dict[str, bool | None]) -> tuple[str, str]:
        """The decision and its reason for a set of answers (needs_review if none applies)."""
        values = dict(answers)
        protect_values = [values.get(q) for q in self.protects]
        if any(v is True for v in protect_values):
            values["any_protects"] = True
        elif protect_values and all(v is False for v in protect_values):
            values["any_protects"] = False
        for rule in self.rules:
            if all(values.get(key) is expected for key, expected in rule.when.items()):
                return rule.decision, rule.reason
        return (
            "needs_review",
            "The answers so far do not settle it; the team should review this rule.",
        )


def load_rubric(folder: str | Path = DEFAULT_DIR) -> Rubric:
    """The rubric, parsed once per change of rubric.yaml."""
    return load_cached(Path(folder) / "rubric.yaml", _build_rubric)


def _build_rubric(data) -> Rubric:
    questions = tuple(
        Question(q["id"], q["text"], q.get("help", ""), q.get("group", ""))
        for q in data["questions"]
    )
    rules = tuple(
        DecisionRule(dict(r["when"]), r["decision"], r["reason"])
        for r in data["decision_rules"]
    )
    for rule in rules:
        if rule.decision not in DECISIONS:
            raise ValueError(f"rubric.yaml: unknown decision {rule.decision!r}")
    return Rubric(questions, rules)
