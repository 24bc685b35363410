"""What a team changes in its audit, and the history each change leaves.

Every function here changes an :class:`~finder.audit.model.AuditData` in place and returns
the history events to store with it (dicts with ``field`` and, as they apply,
``rule_uid``, ``old``, ``new`` and ``why``). Nothing here saves: the caller stores the
audit and the events together, so a refused change leaves nothing behind.

Errors: :class:`AuditFull` when rules would pass :data:`~finder.audit.model.MAX_RULES`;
:class:`OverrideNeedsReason` when a team decides differently from its answers without
saying why.
"""

from __future__ import annotations

from dataclasses import dataclass

from finder.audit import watch
from finder.audit.decisions import derived_decision, refresh_suggestions
from finder.audit.model import (
    MAX_RULES,
    Answer,
    AuditData,
    AuditRule,
    Metric,
    Milestone,
)
from finder.audit.rubric import Rubric
from finder.audit.words import same_text_key
from finder.catalog import Catalog
from finder.catalog.jurisdictions import name as state_name
from finder.text import counted

# The three answers a team can give to a yes/no question, as the forms send them.
ANSWER = {"yes": True, "no": False, "unsure": None}
ANSWER_BACK = {True: "yes", False: "no", None: "unsure"}
TEXT_LIMIT = 500  # characters of a rule's text kept in a history event
APPLICATION_ANSWER_LIMIT = 10_000


# What each kind of history event is called on the audit's history page.
EVENT_LABELS = {
    "setup": "Set-up changed",
    "template": "Template chosen",
    "rule.added": "Rule added",
    "rule.deleted": "Rule deleted",
    "rule.text": "Rule reworded",
    "decision": "Decision",
    "evaluation": "Evaluation plan saved",
    "catalog.acknowledged": "Catalog change acknowledged",
}


def event_label(field: str) -> str:
    """A history event's kind in words (an unknown code made readable)."""
    return (
        EVENT_LABELS.get(field)
        or field.replace(".", " ").replace("_", " ").capitalize()
    )


class AuditFull(ValueError):
    """The audit would hold more than MAX_RULES rules."""


class OverrideNeedsReason(ValueError):
    """A decision differs from the one the answers lead to, and no reason was given."""


@dataclass(frozen=True)
class Setup:
    """The audit's set-up as the team states it."""

    title: str
    state: str
    district: str = ""
    innovation: str = ""
    outcome: str = ""


def new_audit(setup: Setup) -> AuditData:
    return AuditData(
        setup.title, setup.state, setup.district, setup.innovation, setup.outcome
    )


def update_setup(data: AuditData, setup: Setup) -> list[dict]:
    data.title, data.state, data.district = setup.title, setup.state, setup.district
    data.innovation, data.outcome = setup.innovation, setup.outcome
    return [{"field": "setup", "new": data.title}]


def template_summary(template, data: AuditData, added: int) -> str:
    """What applying ``template`` did, in words for the team ("3 rules added from the
    template; left out, because Texas law does not have them: …")."""
    if template is None:
        return "No template: add your rules."
    said = f"{added} {'rule' if added == 1 else 'rules'} added from the template"
    if added == 0 and template.rules_for(data.state):
        said = "No new rules: the audit already holds the template's rules"
    elif added == 0:
        said = f"The template has no rules for {state_name(data.state)}"
    left_out = template.left_out(data.state)
    if not left_out:
        return said + "."
    why = "; ".join(f"“{text}” ({reason})" for text, reason in left_out)
    return f"{said}. Left out, because {state_name(data.state)} law does not have them: {why}"


def apply_template(data: AuditData, template, catalog: Catalog | None) -> list[dict]:
    """Start from a design template (None: no template), adding its rules for the audit's
    state that the audit does not hold yet (same text, any case). The one event's
    ``why`` says how many were added."""
    added: list[AuditRule] = []
    if template is not None:
        existing = {same_text_key(r.text) for r in data.rules}
        for seed in template.rules_for(data.state):
            if same_text_key(seed["text"]) not in existing:
                existing.add(same_text_key(seed["text"]))
                added.append(
                    AuditRule(
                        seed["text"],
                        seed["source_level"],
                        seed["citation"],
                        seed["policy_area"],
                        "Template",
                    )
                )
        _check_room(data, added)
        for rule in added:
            refresh_suggestions(rule, data.state, catalog)
        data.rules.extend(added)
    data.template_id = template.id if template is not None else ""
    left_out = template.left_out(data.state) if template is not None else []
    why = f"{counted(len(added), 'rule')} added"
    if left_out:
        why += f"; {len(left_out)} left out that {data.state} law does not have"
    return [{"field": "template", "new": data.template_id, "why": why}]


def _check_room(data: AuditData, new_rules: list[AuditRule]) -> None:
    if len(data.rules) + len(new_rules) > MAX_RULES:
        raise AuditFull(f"An audit holds at most {MAX_RULES} rules.")


def add_rules(
    data: AuditData, new_rules: list[AuditRule], catalog: Catalog | None, how: str
) -> list[dict]:
    """Append rules with the suggester's answers; ``how`` says where they came from
    ("added by hand", "pasted", "imported from policy.docx"). A rule the audit already
    holds (the same words and citation: :func:`~finder.audit.words.same_text_key`), or
    that the batch repeats, is not added again; one event per rule added."""

    def key(rule: AuditRule) -> tuple[str, str]:
        return same_text_key(rule.text), same_text_key(rule.citation)

    seen = {key(r) for r in data.rules}
    fresh = []
    for rule in new_rules:
        if not key(rule)[0] or key(rule) not in seen:  # no words: nothing to compare
            seen.add(key(rule))
            fresh.append(rule)
    new_rules = fresh
    _check_room(data, new_rules)
    for rule in new_rules:
        refresh_suggestions(rule, data.state, catalog)
    data.rules.extend(new_rules)
    return [
        {
            "rule_uid": r.uid,
            "field": "rule.added",
            "new": r.text[:TEXT_LIMIT],
            "why": how,
        }
        for r in new_rules
    ]


def added_summary(added: int, offered: int) -> str:
    """In words: how many rules were added, and how many were already in the audit."""
    said = f"{added} {'rule' if added == 1 else 'rules'} added."
    repeats = offered - added
    if repeats:
        said += (
            f" {repeats} {'was' if repeats == 1 else 'were'} already in the audit "
            "and not added again."
        )
    return said


def rules_from_rows(rows) -> list[AuditRule]:
    """Audit rules from rows read by :mod:`finder.audit.rule_import` (text, source level,
    citation, policy area, raised by, source document and place)."""
    return [
        AuditRule(
            r.text,
            r.source_level,
            r.citation,
            r.policy_area,
            r.raised_by,
            source_document=r.source_document,
            source_place=r.source_place,
        )
        for r in rows
    ]


def move_rule(data: AuditData, rule: AuditRule, up: bool) -> list[dict]:
    """Swap a rule with its neighbour (nothing at either end). No history event."""
    i = data.rules.index(rule)
    j = i - 1 if up else i + 1
    if 0 <= j < len(data.rules):
        data.rules[i], data.rules[j] = data.rules[j], data.rules[i]
    return []


def delete_rule(data: AuditData, rule: AuditRule) -> list[dict]:
    data.rules.remove(rule)
    return [
        {"rule_uid": rule.uid, "field": "rule.deleted", "old": rule.text[:TEXT_LIMIT]}
    ]


def review_values(rule: AuditRule, rubric: Rubric) -> dict:
    """A rule as the review form shows it: the fields of :func:`record_review`, and per
    rubric question ``q_<id>`` (yes/no/unsure), ``c_<id>`` (comment), ``k_<id>``
    (confirmed)."""
    values = {
        name: getattr(rule, name)
        for name in (*RULE_FIELDS, *DECISION_FIELDS, "override_reason", "mechanisms")
    }
    values["binds"] = ANSWER_BACK[rule.binds]
    for q in rubric.questions:
        answer = rule.answers.get(q.id)
        values[f"q_{q.id}"] = ANSWER_BACK[answer.value if answer else None]
        values[f"c_{q.id}"] = answer.comment if answer else ""
        values[f"k_{q.id}"] = bool(answer and answer.confirmed)
    return values


# Text fields of a rule the review sets as typed ("" when left empty).
RULE_FIELDS = (
    "text",
    "source_level",
    "citation",
    "policy_area",
    "raised_by",
    "required_by",
    "written_in",
    "checked",
)
DECISION_FIELDS = (
    "decision",
    "request_type",
    "rationale",
    "replacement_plan",
    "affected",
    "term",
)


def record_review(
    data: AuditData,
    rule: AuditRule,
    values: dict,
    rubric: Rubric,
    catalog: Catalog | None,
    *,
    usable_mechanisms: set[str],
    application_answers: dict[str, str] | None = None,
) -> list[dict]:
    """Record one rule's review: its description, whether it binds, the team's answer to
    each rubric question, the decision and, for an unnecessary control, the request.

    :param values: as :func:`review_values` gives them (answers as "yes"/"no"/"unsure";
        missing keys count as empty).
    :param usable_mechanisms: ids the team may choose (mechanisms that can lawfully lift
        the rule); others in ``values["mechanisms"]`` are dropped.
    :param application_answers: what the team wrote for each application field.
    :raises OverrideNeedsReason: a decision other than the derived one, with no reason.
    """
    old_decision, old_text = rule.decision, rule.text
    for name in RULE_FIELDS:
        setattr(rule, name, (values.get(name) or "").strip())
    rule.binds = ANSWER.get(values.get("binds") or "unsure")
    for q in rubric.questions:
        # A question added to the rubric after this rule's suggestions were made has no
        # answer yet: the team's first answer to it is kept like any other.
        answer = rule.answers.setdefault(q.id, Answer())
        value = ANSWER.get(values.get(f"q_{q.id}") or "unsure")
        answer.comment = values.get(f"c_{q.id}") or ""
        answer.confirmed = bool(values.get(f"k_{q.id}")) or value != answer.suggested
        answer.value = value
    refresh_suggestions(rule, data.state, catalog, rubric)  # keeps confirmed answers
    derived, _ = derived_decision(rule, rubric)
    chosen = values.get("decision") or ""
    reason = (values.get("override_reason") or "").strip()
    overridden = bool(chosen) and chosen != derived
    if overridden and not reason:
        raise OverrideNeedsReason("Say why you decide differently from the answers.")
    for name in DECISION_FIELDS[1:]:
        setattr(rule, name, (values.get(name) or "").strip())
    rule.decision = chosen or (derived if derived != "needs_review" else "")
    rule.override_reason = reason if overridden else ""
    rule.application_answers = {
        key: text.strip()[:APPLICATION_ANSWER_LIMIT]
        for key, text in (application_answers or {}).items()
        if text.strip()
    }
    rule.mechanisms = [
        m for m in values.get("mechanisms") or [] if m in usable_mechanisms
    ]
    watch.follow(rule, catalog)
    events = []
    if old_decision != rule.decision:
        events.append(
            {
                "rule_uid": rule.uid,
                "field": "decision",
                "old": old_decision,
                "new": rule.decision,
                "why": reason or ("follows the answers" if rule.decision else ""),
            }
        )
    if old_text != rule.text:
        events.append(
            {
                "rule_uid": rule.uid,
                "field": "rule.text",
                "old": old_text[:TEXT_LIMIT],
                "new": rule.text[:TEXT_LIMIT],
            }
        )
    return events


def acknowledge_changes(
    data: AuditData, catalog: Catalog, entry_ids: set[str] | None = None
) -> list[dict]:
    """The team has read what changed in the catalog entries its rules rely on (those
    of ``entry_ids``; None: all): keep each changed entry as it stands now (an entry
    gone from the catalog stays watched as gone, so its return is shown), and take a
    first snapshot where a rule has none. One event per entry, naming what changed."""
    found = [
        c
        for c in watch.changes(data, catalog)
        if entry_ids is None or c.entry_id in entry_ids
    ]
    changed = {c.entry_id for c in found}
    for rule in data.rules:
        for entry_id in [e for e in rule.relied_on if e in changed]:
            entry = catalog.get(entry_id)
            if entry is None:
                rule.relied_on[entry_id].gone = True
            else:
                rule.relied_on[entry_id] = watch.snapshot(entry)
    watch.follow_all(data, catalog)
    return [
        {
            "field": "catalog.acknowledged",
            "new": c.title[:TEXT_LIMIT],
            "why": f"{c.what()} (entry reviewed {c.reviewed})"
            if c.reviewed
            else c.what(),
        }
        for c in found
    ]


def application_fields(rule: AuditRule, catalog: Catalog) -> list[str]:
    """What the applications of the rule's chosen mechanisms ask for, once each, in order."""
    return list(
        dict.fromkeys(
            field
            for m in rule.mechanisms
            if (entry := catalog.get(m))
            for field in entry.application_fields
        )
    )


def evaluation_rows(data: AuditData, template=None) -> list[dict]:
    """The audit's metrics as rows, followed by the template's suggested metrics the
    audit does not have yet (same metric text); ``template`` None: the audit's alone."""
    rows = [vars(m).copy() for m in data.metrics]
    known = {m["metric"] for m in rows}
    for m in template.metrics if template is not None else ():
        if m.get("metric") not in known:
            rows.append(
                {
                    "area": m.get("area", ""),
                    "metric": m.get("metric", ""),
                    "data_source": m.get("data_source", ""),
                }
            )
    return rows


def set_evaluation(
    data: AuditData, metrics: list[dict], timeline: list[dict]
) -> list[dict]:
    """Replace the evaluation plan with the rows a team filled in: metrics need a metric
    and an area, milestones need a "what"; blank rows are left out."""
    data.metrics = [
        Metric(**{k: (row.get(k) or "").strip() for k in Metric.__dataclass_fields__})
        for row in metrics
        if (row.get("metric") or "").strip() and row.get("area")
    ]
    data.timeline = [
        Milestone((row.get("when") or "").strip(), row["what"].strip())
        for row in timeline
        if (row.get("what") or "").strip()
    ]
    return [{"field": "evaluation", "new": f"{len(data.metrics)} metrics"}]
