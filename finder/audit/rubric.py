"""The rubric (questions and decision rules) read from audit_templates/rubric.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from finder.audit.files import load_cached
from finder.config import PROJECT_ROOT
from finder.shapes import DataFileError, Keys, OneOf, Req, check_file

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
        found = self.deciding_rule(answers)
        if found is None:
            return (
                "needs_review",
                "The answers so far do not settle it; the team should review this rule.",
            )
        return found.decision, found.reason

    def deciding_rule(self, answers: dict[str, bool | None]) -> DecisionRule | None:
        """The first decision rule the answers meet, or None."""
        values = dict(answers)
        protect_values = [values.get(q) for q in self.protects]
        if any(v is True for v in protect_values):
            values["any_protects"] = True
        elif protect_values and all(v is False for v in protect_values):
            values["any_protects"] = False
        for rule in self.rules:
            if all(values.get(key) is expected for key, expected in rule.when.items()):
                return rule
        return None

    def deciding_answers(self, answers: dict[str, bool | None]) -> list[str]:
        """The answers that settled the decision, in the rubric's order: each yes its
        deciding rule names (for "any_protects", every protects question answered
        yes), "binds" left out (every decided rule binds)."""
        found = self.deciding_rule(answers)
        if found is None:
            return []
        named = [key for key, expected in found.when.items() if expected is True]
        out: list[str] = []
        for key in named:
            if key == "binds":
                continue
            if key == "any_protects":
                out += [q for q in self.protects if answers.get(q) is True]
            else:
                out.append(key)
        return list(dict.fromkeys(out))


def load_rubric(folder: str | Path = DEFAULT_DIR) -> Rubric:
    """The rubric, parsed once per change of rubric.yaml."""
    return load_cached(Path(folder) / "rubric.yaml", _build_rubric)


# Besides the questions' ids, what a decision rule's ``when:`` may name: whether the rule
# binds (asked first), whether any protects-group question is yes (computed by
# Rubric.decide) and the answers the law gives (the suggester's LAW_ANSWERS).
CONDITIONS = ("binds", "any_protects", "non_waivable", "lifted_by_law")


def condition_names(doc) -> set[str]:
    """What a ``when:`` may name in this rubric: its question ids and CONDITIONS."""
    questions = doc.get("questions") if isinstance(doc, dict) else None
    ids = {
        q["id"]
        for q in questions or []
        if isinstance(q, dict) and isinstance(q.get("id"), str)
    }
    return ids | set(CONDITIONS)


QUESTION = {
    "id": Req(str),
    "text": Req(str),
    "help": str,
    "group": OneOf(("protects",)),
}
DECISION_RULE = {
    # A misspelt condition would never hold and the rule would silently never decide.
    "when": Req(
        Keys(
            bool,
            condition_names,
            "unknown condition: not a question id nor one of " + ", ".join(CONDITIONS),
        )
    ),
    "decision": Req(OneOf(DECISIONS)),
    "reason": Req(str),
}
RUBRIC = {
    "questions": Req([Req(QUESTION, "expected a mapping")]),
    "decision_rules": Req([Req(DECISION_RULE, "expected a mapping")]),
}


QUESTION_ID = re.compile(r"[a-z][a-z0-9_]*")


def _rubric_problems(data: dict) -> list[str]:
    """What the shapes cannot say: each question id once, usable as a form field name
    and not one of CONDITIONS; every decision rule names at least one condition (an
    empty ``when:`` always holds, and would hide every rule after it)."""
    problems, seen = [], set()
    for i, q in enumerate(data["questions"]):
        where = f"rubric.yaml: questions[{i}].id"
        if q["id"] in seen:
            problems.append(f"{where}: {q['id']!r} is already a question")
        elif q["id"] in CONDITIONS:
            problems.append(
                f"{where}: {q['id']!r} is a condition the rubric sets itself"
            )
        elif not QUESTION_ID.fullmatch(q["id"]):
            problems.append(f"{where}: use lower-case letters, digits and _")
        seen.add(q["id"])
    problems += [
        f"rubric.yaml: decision_rules[{i}].when: name at least one condition"
        for i, r in enumerate(data["decision_rules"])
        if not r["when"]
    ]
    return problems


def _build_rubric(data) -> Rubric:
    data = check_file("rubric.yaml", data, RUBRIC, coerce=True)
    problems = _rubric_problems(data)
    if problems:
        raise DataFileError(problems)
    questions = tuple(
        Question(q["id"], q["text"], q.get("help") or "", q.get("group") or "")
        for q in data["questions"]
    )
    rules = tuple(
        DecisionRule(dict(r["when"]), r["decision"], r["reason"])
        for r in data["decision_rules"]
    )
    return Rubric(questions, rules)
