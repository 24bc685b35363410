"""Every audit data file is checked one way: unknown keys refused with their place."""

from __future__ import annotations

import copy
import re
import shutil

import pytest
import yaml

from finder.audit.exchange import ImportProblems, load_audit, load_rule_list
from finder.audit.rubric import CONDITIONS, DEFAULT_DIR, _build_rubric
from finder.audit.suggester import LAW_ANSWERS, _build_knowledge, load_knowledge
from finder.audit.templates import TemplateError, load_templates
from finder.shapes import DataFileError

RUBRIC = yaml.safe_load((DEFAULT_DIR / "rubric.yaml").read_text(encoding="utf-8"))
KNOWLEDGE = yaml.safe_load((DEFAULT_DIR / "knowledge.yaml").read_text(encoding="utf-8"))


def rubric_problems(change) -> list[str]:
    data = copy.deepcopy(RUBRIC)
    change(data)
    with pytest.raises(DataFileError) as info:
        _build_rubric(data)
    return info.value.problems


def test_shipped_rubric_and_knowledge_load():
    rubric = _build_rubric(copy.deepcopy(RUBRIC))
    assert rubric.rules
    assert rubric.protects
    knowledge = _build_knowledge(copy.deepcopy(KNOWLEDGE))
    assert set(knowledge.protects) == set(rubric.protects)


def test_a_typo_in_a_when_condition_is_refused():
    def typo(data):
        data["decision_rules"][1]["when"] = {"binds": True, "non_waiveable": True}

    [problem] = rubric_problems(typo)
    assert problem.startswith(
        "rubric.yaml: decision_rules[1].when.non_waiveable: unknown condition"
    )


def test_when_may_name_questions_and_the_conditions_beside_them():
    # what the suggester answers from the law is among what a condition may name
    assert set(LAW_ANSWERS) <= set(CONDITIONS)
    data = copy.deepcopy(RUBRIC)
    data["decision_rules"][0]["when"] = {"binds": True, "civil_rights": False}
    data["decision_rules"][1]["when"] = {"any_protects": True, "lifted_by_law": True}
    assert _build_rubric(data).rules[0].when == {"binds": True, "civil_rights": False}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(extra=1), "rubric.yaml: extra: unknown field"),
        (
            lambda d: d["questions"][0].update(hlep="x"),
            "rubric.yaml: questions[0].hlep: unknown field",
        ),
        (
            lambda d: d["decision_rules"][0].update(decison="x"),
            "rubric.yaml: decision_rules[0].decison: unknown field",
        ),
        (
            lambda d: d["decision_rules"][0].update(decision="maybe"),
            "rubric.yaml: decision_rules[0].decision: 'maybe' is not one of",
        ),
        (
            lambda d: d["decision_rules"][0]["when"].update(binds="no"),
            "rubric.yaml: decision_rules[0].when.binds: expected true or false",
        ),
        (
            lambda d: d["questions"][0].update(group="protect"),
            "rubric.yaml: questions[0].group: 'protect' is not one of",
        ),
    ],
)
def test_rubric_problems_have_their_place(change, expected):
    problems = rubric_problems(change)
    assert any(p.startswith(expected) for p in problems), problems


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(federl={}), "knowledge.yaml: federl: unknown field"),
        (
            lambda d: d["protects"]["civil_rights"].update(word=["x"]),
            "knowledge.yaml: protects.civil_rights.word: unknown field",
        ),
        (
            lambda d: d["not_binding"].update(source_levels=["habit"]),
            "knowledge.yaml: not_binding.source_levels[0]: 'habit' is not one of",
        ),
        (lambda d: d.pop("federal"), "knowledge.yaml: federal: required"),
    ],
)
def test_knowledge_problems_have_their_place(change, expected):
    data = copy.deepcopy(KNOWLEDGE)
    change(data)
    with pytest.raises(DataFileError) as info:
        _build_knowledge(data)
    assert any(p.startswith(expected) for p in info.value.problems), info.value


TEMPLATE = """\
id: t
title: T
summary: S
rules:
  - text: Days rule
    source_level: state_statute
    policy_area: calendar
    by_state:
      TX: {citation: "Tex. Educ. Code § 25.081", source: "https://x.gov/"}
metrics:
  - {area: access, metric: m}
sources:
  - {url: "https://x.gov/", title: S, accessed: 2026-11-01}
"""


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "policy_area: calendar",
            "policy_area: calendar\n    nots: x",
            "rules[0].nots",
        ),
        ('source: "https://x.gov/"}', 'sorce: "https://x.gov/"}', "by_state.TX.sorce"),
        ("TX: {", "XX: {", "rules[0].by_state.XX: unknown state"),
        ("metric: m}", "metric: m, goal: 1}", "metrics[0].goal: unknown field"),
        ("accessed: 2026-11-01}", "accessed: 2026-11-01, by: me}", "sources[0].by"),
        (
            "accessed: 2026-11-01",
            "accessed: soon",
            "sources[0].accessed: expected a date",
        ),
    ],
)
def test_template_problems_have_their_place(tmp_path, old, new, expected):
    assert old in TEMPLATE
    (tmp_path / "t.yaml").write_text(TEMPLATE.replace(old, new), encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_templates(tmp_path)
    assert any(p.startswith("t.yaml: ") and expected in p for p in info.value.problems)


def test_a_good_template_loads(tmp_path):
    (tmp_path / "t.yaml").write_text(TEMPLATE, encoding="utf-8")
    assert load_templates(tmp_path)["t"].rules_for("TX")[0]["citation"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: x\ndistrcit: y\n", "distrcit: unknown field"),
        (
            "title: x\nrules:\n  - {text: a, citaton: b}\n",
            "rules[0].citaton: unknown field",
        ),
        (
            "title: x\nrules:\n  - {text: a, answers: {q: {vale: true}}}\n",
            "rules[0].answers.q.vale: unknown field",
        ),
        ("title: x\nmetrics:\n  - {metric: m, area: access, by: x}\n", "metrics[0].by"),
        ("title: x\ntimeline:\n  - {what: w, whn: x}\n", "timeline[0].whn"),
    ],
)
def test_an_audit_import_refuses_unknown_keys_with_their_place(text, expected):
    with pytest.raises(ImportProblems) as info:
        load_audit(text)
    assert any(p.startswith(expected) for p in info.value.problems), info.value


def test_rule_lists_keep_their_labels():
    [rule] = load_rule_list("- {text: a, label: x, why: y, source: {url: z}}\n")
    assert rule["why"] == "y"
    assert rule["source"] == {"url": "z"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["questions"].append(dict(d["questions"][0])),
            "is already a question",
        ),
        (
            lambda d: d["questions"][0].update(id="binds"),
            "is a condition the rubric sets itself",
        ),
        (lambda d: d["questions"][0].update(id="Civil Rights"), "lower-case letters"),
        (
            lambda d: d["decision_rules"][0].update(when={}),
            "decision_rules[0].when: name at least one condition",
        ),
    ],
)
def test_rubric_refuses_what_would_break_the_review_form_or_the_decisions(
    change, expected
):
    data = copy.deepcopy(RUBRIC)
    change(data)
    with pytest.raises(DataFileError, match=re.escape(expected)):
        _build_rubric(data)


def test_knowledge_protects_names_are_the_rubrics_questions(tmp_path):
    """A misspelt protects name ("civil_rigths") would leave a rubric question without
    words and give words to no question: the loader says where."""
    for name in ("rubric.yaml", "knowledge.yaml"):
        shutil.copy(DEFAULT_DIR / name, tmp_path / name)
    path = tmp_path / "knowledge.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  civil_rights:", "  civil_rigths:"),
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as info:
        load_knowledge(tmp_path)
    assert info.value.problems == [
        "knowledge.yaml: protects.civil_rigths: not a question of the rubric's "
        "protects group (civil_rights, health_safety, special_populations, "
        "fiscal_integrity, accountability, transparency)",
        "knowledge.yaml: protects: no words for the rubric's question 'civil_rights'",
    ]
    assert load_knowledge(DEFAULT_DIR).protects  # the shipped files agree
    # a question given an empty list has no words either
    shipped = (DEFAULT_DIR / "knowledge.yaml").read_text(encoding="utf-8")
    path.write_text(
        re.sub(r"(  transparency:\n    words: )\[[^\]]*\]", r"\1[]", shipped),
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as info:
        load_knowledge(tmp_path)
    assert info.value.problems == [
        "knowledge.yaml: protects: no words for the rubric's question 'transparency'"
    ]
