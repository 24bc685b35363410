"""The audit's changes as domain calls: each returns its history, refuses what it must."""

from __future__ import annotations

import pytest

from finder.audit import editing
from finder.audit.model import MAX_RULES, Answer, AuditData, AuditRule
from finder.audit.rubric import load_rubric
from finder.audit.templates import load_templates


@pytest.fixture(scope="module")
def rubric():
    return load_rubric()


def reviewed(rule, rubric, **changes):
    """The review form's values for a rule as it stands, with some changed."""
    return {**editing.review_values(rule, rubric), **changes}


def test_first_answer_to_a_question_added_later_is_kept(rubric):
    # The rule's answers were made before the rubric had "other_safeguard".
    rule = AuditRule("Seat time of 120 hours per credit", "state_statute")
    data = AuditData("Audit", "TX", rules=[rule])
    for q in rubric.questions:
        if q.id != "other_safeguard":
            rule.answers[q.id] = Answer(value=False, suggested=False)
    values = reviewed(rule, rubric, q_other_safeguard="yes", c_other_safeguard="ours")
    editing.record_review(data, rule, values, rubric, None, usable_mechanisms=set())
    answer = rule.answers["other_safeguard"]
    assert answer.value is True
    assert answer.confirmed
    assert answer.comment == "ours"


def test_override_needs_a_reason_and_changes_nothing_saved(rubric):
    rule = AuditRule("Teachers must hold a certificate", "state_statute")
    data = AuditData("Audit", "TX", rules=[rule])
    values = reviewed(rule, rubric, binds="no", decision="unnecessary_control")
    with pytest.raises(editing.OverrideNeedsReason):
        editing.record_review(data, rule, values, rubric, None, usable_mechanisms=set())
    assert rule.decision == ""
    values["override_reason"] = "The certificate is local habit, not law."
    events = editing.record_review(
        data, rule, values, rubric, None, usable_mechanisms=set()
    )
    assert rule.decision == "unnecessary_control"
    assert rule.override_reason.startswith("The certificate")
    assert events == [
        {
            "rule_uid": rule.uid,
            "field": "decision",
            "old": "",
            "new": "unnecessary_control",
            "why": "The certificate is local habit, not law.",
        }
    ]


def test_review_follows_the_answers_and_keeps_only_usable_mechanisms(rubric):
    rule = AuditRule("Bell schedule set by the central office", "practice")
    data = AuditData("Audit", "TX", rules=[rule])
    values = reviewed(
        rule,
        rubric,
        binds="no",
        text="Bell schedule set centrally",
        mechanisms=["tx-district-of-innovation", "made-up"],
    )
    events = editing.record_review(
        data,
        rule,
        values,
        rubric,
        None,
        usable_mechanisms={"tx-district-of-innovation"},
        application_answers={"Plan": "  our plan  ", "Empty": "  "},
    )
    assert rule.decision == "not_a_rule"
    assert rule.mechanisms == ["tx-district-of-innovation"]
    assert rule.application_answers == {"Plan": "our plan"}
    assert [e["field"] for e in events] == ["decision", "rule.text"]
    assert events[0]["why"] == "follows the answers"


def test_template_adds_each_rule_once_and_refuses_to_overfill():
    template = next(iter(load_templates().values()))
    data = AuditData("Audit", "TX")
    events = editing.apply_template(data, template, None)
    added = len(data.rules)
    assert added
    assert events[0]["why"] == f"{added} rules added"
    assert data.template_id == template.id
    editing.apply_template(data, template, None)
    assert len(data.rules) == added  # same texts are not added twice
    full = AuditData(
        "Audit", "TX", rules=[AuditRule(f"r{i}") for i in range(MAX_RULES)]
    )
    with pytest.raises(editing.AuditFull):
        editing.apply_template(full, template, None)
    assert len(full.rules) == MAX_RULES
    assert full.template_id == ""


def test_rules_added_moved_and_deleted_leave_history():
    data = AuditData("Audit", "TX")
    first, second = AuditRule("First"), AuditRule("Second")
    events = editing.add_rules(data, [first, second], None, "pasted")
    assert [e["why"] for e in events] == ["pasted", "pasted"]
    assert first.answers  # suggestions made on the way in
    assert editing.move_rule(data, second, up=True) == []
    assert data.rules == [second, first]
    editing.move_rule(data, second, up=True)  # already first: stays
    assert data.rules == [second, first]
    assert editing.delete_rule(data, first)[0]["old"] == "First"
    assert data.rules == [second]
    with pytest.raises(editing.AuditFull):
        editing.add_rules(
            data, [AuditRule(f"Rule {n}") for n in range(MAX_RULES)], None, "pasted"
        )


def test_a_rule_the_audit_already_holds_is_not_added_again():
    """Pasting, importing or typing the same rule twice (any case, any punctuation)
    adds it once; the team is told how many were repeats."""
    data = AuditData("Audit", "TX")
    editing.add_rules(data, [AuditRule("No start before the fourth Monday")], None, "x")
    events = editing.add_rules(
        data,
        [
            AuditRule("no start before the fourth Monday!"),
            AuditRule("Class size of 22"),
            AuditRule("CLASS SIZE OF 22"),
        ],
        None,
        "pasted",
    )
    assert [e["new"] for e in events] == ["Class size of 22"]
    assert len(data.rules) == 2
    assert editing.added_summary(1, 3) == (
        "1 rule added. 2 were already in the audit and not added again."
    )


def test_evaluation_rows_keep_filled_rows_and_offer_the_templates():
    template = next(t for t in load_templates().values() if t.metrics)
    data = AuditData("Audit", "TX")
    suggested = editing.evaluation_rows(data, template)
    assert len(suggested) == len(template.metrics)
    events = editing.set_evaluation(
        data,
        [{**suggested[0], "target": " 90% "}, {"metric": "no area"}, {}],
        [{"when": " Fall ", "what": " Launch "}, {"when": "x", "what": " "}],
    )
    assert [m.target for m in data.metrics] == ["90%"]
    assert [(t.when, t.what) for t in data.timeline] == [("Fall", "Launch")]
    assert events == [{"field": "evaluation", "new": "1 metrics"}]
    assert len(editing.evaluation_rows(data, template)) == len(template.metrics)


def test_every_history_event_the_code_records_has_words():
    import re
    from pathlib import Path

    package = Path(editing.__file__).parent.parent
    recorded = {
        code
        for path in package.rglob("*.py")
        for code in re.findall(r'"field": "([a-z_.]+)"', path.read_text())
    }
    assert {"decision", "rule.added", "catalog.acknowledged"} <= recorded
    assert recorded <= set(editing.EVENT_LABELS), recorded - set(editing.EVENT_LABELS)
    assert editing.event_label("rule.moved") == "Rule moved"
