"""Apply suggestions to a rule, derive its decision, and record overrides with reasons."""

from __future__ import annotations

from finder.audit.model import Answer, AuditRule
from finder.audit.rubric import Rubric, load_rubric
from finder.audit.suggester import LAW_ANSWERS, RuleInput, Suggestion, suggest
from finder.catalog import Catalog


def refresh_suggestions(
    rule: AuditRule, state: str, catalog: Catalog | None, rubric: Rubric | None = None
) -> Suggestion:
    """Store the suggester's answers beside the team's, filling only unconfirmed
    answers; returns the suggestion (its reasons include why the rule binds or not)."""
    rubric = rubric or load_rubric()
    s = _suggestion_for(rule, state, catalog, rubric)
    for question in [q.id for q in rubric.questions] + list(LAW_ANSWERS):
        answer = rule.answers.get(question) or Answer()
        answer.suggested = s.answers.get(question)
        answer.reasons = s.reasons.get(question, [])
        if not answer.confirmed:
            answer.value = answer.suggested
        rule.answers[question] = answer
    if rule.binds is None and "binds" in s.answers:
        rule.binds = s.answers["binds"]
    return s


def binds_suggestion(
    rule: AuditRule, state: str, catalog: Catalog | None, rubric: Rubric | None = None
) -> tuple[bool | None, str]:
    """What the suggester says about whether the rule binds at all, and why (a habit,
    a void contract clause, a vendor's own term, nobody said where it is written, a
    "contract" rule citing only a statute): ``(True | False | None, reason)``."""
    s = _suggestion_for(rule, state, catalog, rubric or load_rubric())
    return s.answers.get("binds"), " ".join(s.reasons.get("binds", []))


def _suggestion_for(
    rule: AuditRule, state: str, catalog: Catalog | None, rubric: Rubric
) -> Suggestion:
    return suggest(
        RuleInput(rule.text, rule.source_level, rule.citation, state), catalog, rubric
    )


def derived_decision(rule: AuditRule, rubric: Rubric | None = None) -> tuple[str, str]:
    """The decision the answers lead to, with its reason."""
    return (rubric or load_rubric()).decide(rule.answer_values())


def effective_decision(rule: AuditRule, rubric: Rubric | None = None) -> str:
    """The recorded decision if the team set one, else the derived one."""
    return rule.decision or derived_decision(rule, rubric)[0]


def confirm_suggestions(
    rule_uids: list[str], data, catalog: Catalog | None, rubric: Rubric | None = None
) -> tuple[list[dict], list[tuple[str, str]]]:
    """Record the suggested decision for each chosen rule that has none yet.

    The team confirms the suggester's answers as they stand (each answer is marked
    confirmed) and the decision they lead to is recorded. Rules already decided, rules
    whose answers lead to "needs review" and unknown ids are left alone.

    :returns: (history events, one per decision recorded; (uid, why) for each rule left)
    """
    rubric = rubric or load_rubric()
    chosen = set(rule_uids)
    events: list[dict] = []
    skipped: list[tuple[str, str]] = []
    for rule in data.rules:
        if rule.uid not in chosen:
            continue
        if rule.decision:
            skipped.append((rule.uid, "already decided"))
            continue
        refresh_suggestions(rule, data.state, catalog, rubric)
        decision, _ = derived_decision(rule, rubric)
        if decision == "needs_review":
            skipped.append((rule.uid, "its answers need the team's judgement"))
            continue
        for answer in rule.answers.values():
            answer.confirmed = True
        rule.decision, rule.override_reason = decision, ""
        events.append(
            {
                "rule_uid": rule.uid,
                "field": "decision",
                "old": "",
                "new": decision,
                "why": "confirmed the suggestion in the review table",
            }
        )
    return events, skipped


def review_rows(
    data, catalog: Catalog | None, rubric: Rubric | None = None
) -> list[dict]:
    """One row per rule for the review table: its status, the suggested (or recorded)
    decision with the first reason, and the best usable mechanism.

    Each row: {"rule", "status" ("decided" | "suggested" | "needs_review"),
    "decision", "reason", "evidence" (the first reason of each answer that settled it:
    the law, or the interest protected, or the means prescribed), "mechanism" (title
    or ""), "mechanism_id"}.
    """
    from finder.audit.matching import match_mechanisms

    rubric = rubric or load_rubric()
    rows = []
    for rule in data.rules:
        suggested = None
        if not rule.decision:
            # the suggestions as the catalog and rubric stand now (kept answers stay)
            suggested = refresh_suggestions(rule, data.state, catalog, rubric)
        decision, reason = derived_decision(rule, rubric)
        evidence = [
            rule.answers[key].reasons[0]
            for key in rubric.deciding_answers(rule.answer_values())
            if key in rule.answers and rule.answers[key].reasons
        ]
        if decision == "needs_review" and rule.binds is None and suggested:
            # what the team should check first: whether and where the rule is written
            evidence = suggested.reasons.get("binds", [])[:1]
        if rule.decision:
            status, decision = "decided", rule.decision
            if rule.override_reason:
                reason, evidence = rule.override_reason, []
        else:
            status = "needs_review" if decision == "needs_review" else "suggested"
        mechanism = None
        if catalog is not None and decision == "unnecessary_control":
            found = match_mechanisms(
                RuleInput(rule.text, rule.source_level, rule.citation, data.state),
                rule.policy_area,
                catalog,
                limit=3,
            )
            usable = [m for m in found if m.usable]
            # the mechanism the suggestion's own reason names, when it fits, else the best
            said = " ".join(evidence)
            mechanism = next(
                (m for m in usable if f"“{m.mechanism.title}”" in said),
                usable[0] if usable else None,
            )
        chosen = [m for m in rule.mechanisms]
        rows.append(
            {
                "rule": rule,
                "status": status,
                "decision": decision,
                "reason": reason,
                "evidence": evidence,
                "mechanism": mechanism.mechanism.title if mechanism else "",
                "mechanism_id": mechanism.id if mechanism else "",
                "chosen": chosen,
            }
        )
    return rows
