"""Apply suggestions to a rule, derive its decision, and record overrides with reasons."""

from __future__ import annotations

from finder.audit.model import Answer, AuditRule
from finder.audit.rubric import Rubric, load_rubric
from finder.audit.suggester import RuleInput, suggest
from finder.catalog import Catalog


def refresh_suggestions(
    rule: AuditRule, state: str, catalog: Catalog | None, rubric: Rubric | None = None
) -> None:
    """Store the suggester's answers beside the team's, filling only unconfirmed answers."""
    rubric = rubric or load_rubric()
    s = suggest(
        RuleInput(rule.text, rule.source_level, rule.citation, state), catalog, rubric
    )
    for question in [q.id for q in rubric.questions] + ["non_waivable"]:
        answer = rule.answers.get(question) or Answer()
        answer.suggested = s.answers.get(question)
        answer.reasons = s.reasons.get(question, [])
        if not answer.confirmed:
            answer.value = answer.suggested
        rule.answers[question] = answer
    if rule.binds is None and "binds" in s.answers:
        rule.binds = s.answers["binds"]


def derived_decision(rule: AuditRule, rubric: Rubric | None = None) -> tuple[str, str]:
    """The decision the answers lead to, with its reason."""
    return (rubric or load_rubric()).decide(rule.answer_values())


def effective_decision(rule: AuditRule, rubric: Rubric | None = None) -> str:
    """The recorded decision if the team set one, else the derived one."""
    return rule.decision or derived_decision(rule, rubric)[0]
