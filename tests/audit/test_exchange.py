"""The one loader for uploaded audits and rule lists: bounded, checked, placed errors."""

from __future__ import annotations

import json
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finder.audit.exchange import (
    ImportProblems,
    load_audit,
    load_rule_list,
    parse_structured,
)
from finder.audit.model import AuditData, AuditRule

# The 451-byte file that stored a 72 MB comment (nine levels of nested aliases).
LAUGHS = (
    'title: "Laughs"\nlol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"l{n}: &{chr(97 + n)} [{','.join(['*' + chr(96 + n)] * 9)}]\n"
        for n in range(1, 9)
    )
    + "rules:\n  - text: t\n    answers: {q: {comment: *i}}\n"
)


def exported(**changes) -> str:
    data = AuditData("Four-day week", "TX", rules=[AuditRule("Start date")]).to_dict()
    data.update(changes)
    return yaml.safe_dump(data)


def problems_of(text) -> list[str]:
    with pytest.raises(ImportProblems) as info:
        load_audit(text)
    return info.value.problems


def test_nested_aliases_refused_quickly_with_a_clear_message():
    assert len(LAUGHS) < 600
    start = time.perf_counter()
    problems = problems_of(LAUGHS)
    assert time.perf_counter() - start < 1
    assert "anchors and aliases" in problems[0]
    assert problems[0].startswith("line 2:")


def test_a_single_alias_is_refused_too():
    assert "aliases" in problems_of("title: &t x\ndistrict: *t\n")[0]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"rules": 5}, "rules: expected a list"),
        ({"metrics": 5}, "metrics: expected a list"),
        ({"timeline": "soon"}, "timeline: expected a list"),
        ({"title": ["a"]}, "title: expected text"),
    ],
)
def test_wrong_types_at_the_top_are_reported_with_their_place(changes, expected):
    assert expected in problems_of(exported(**changes))


def test_wrong_types_inside_rules_are_all_reported_with_their_place():
    rules = [
        {"text": "a"},
        {"text": "b", "answers": [1, 2]},
        {"text": "c", "answers": {"civil_rights": {"reasons": 5}}},
        {"text": "d", "answers": {"q": 7}, "mechanisms": "x", "binds": "yes"},
        7,
    ]
    problems = problems_of(exported(rules=rules))
    assert problems == [
        "rules[1].answers: expected a mapping",
        "rules[2].answers.civil_rights.reasons: expected a list",
        "rules[3].binds: expected true, false or null",
        "rules[3].answers.q: expected a mapping",
        "rules[3].mechanisms: expected a list",
        "rules[4]: expected a mapping",
    ]


def test_numbers_and_dates_where_text_is_expected_become_text():
    data = load_audit(
        "title: 2026\nrules:\n  - {text: Minutes, citation: 25.081, term: 2027-06-30}\n"
    )
    assert data.title == "2026"
    assert data.rules[0].citation == "25.081"
    assert data.rules[0].term == "2027-06-30"


def test_rule_cap_enforced_on_import():
    body = json.dumps(
        {"title": "Big", "rules": [{"text": f"r{i}"} for i in range(20_000)]}
    )
    problems = problems_of(body)
    assert problems == ["rules: the file has 20,000 rules; an audit holds at most 500"]


def test_deep_nesting_refused_without_recursion_error():
    start = time.perf_counter()
    problems = problems_of("[" * 100_000 + "]" * 100_000)
    assert "nested deeper than" in problems[0]
    assert time.perf_counter() - start < 2


def test_size_and_node_limits():
    with pytest.raises(ImportProblems, match="limit is 100 bytes"):
        parse_structured("x" * 101, max_bytes=100)
    with pytest.raises(ImportProblems, match="more than 10 values"):
        parse_structured("[" + ",".join(["1"] * 20) + "]", max_nodes=10)


def test_impossible_date_and_python_tags_are_problems_not_crashes():
    assert "not valid" in problems_of("title: x\nwhen: 2026-13-45\n")[0]
    assert "not valid" in problems_of("title: !!python/object:os.system x\n")[0]


def test_control_characters_and_crlf_are_cleaned_on_import():
    data = load_audit('title: "A\\x0bB\\x00"\nrules:\n  - text: "one\\r\\ntwo\\x1b"\n')
    assert data.title == "A\nB"
    assert data.rules[0].text == "one\ntwo"


def test_utf16_export_with_bom_reads():
    assert load_audit(exported().encode("utf-16")).title == "Four-day week"


def test_rule_list_for_classify_places_its_problems():
    assert (
        load_rule_list("- text: a\n- {text: b, citation: 1.2}\n")[1]["citation"]
        == "1.2"
    )
    with pytest.raises(ImportProblems) as info:
        load_rule_list("rules:\n  - text: a\n  - 5\n  - {citation: x}\n")
    assert info.value.problems == [
        "rules[1]: expected a mapping",
        "rules[2].text: required",
    ]
    with pytest.raises(ImportProblems, match="expected a list"):
        load_rule_list("rules: 5\n")


def test_an_export_round_trips():
    data = AuditData("Cal\u00e9ndar", "CO", rules=[AuditRule("Line one\nline two")])
    assert load_audit(json.dumps(data.to_dict())) == data


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)
AUDIT_KEYS = st.sampled_from(
    ["title", "rules", "metrics", "timeline", "answers", "text", "reasons", "area"]
)


# No deadline: on a busy machine (the suite on every core) one example can pass 200 ms;
# what is checked is the outcome, not the time (as in test_rule_import and test_fuzz).
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(AUDIT_KEYS, JSONISH, max_size=5)
    | st.lists(st.dictionaries(AUDIT_KEYS, JSONISH, max_size=4), max_size=3),
    st.sampled_from(["json", "yaml"]),
)
def test_any_structure_is_accepted_or_refused_with_problems(value, how):
    text = json.dumps(value) if how == "json" else yaml.safe_dump(value)
    for loader in (load_audit, load_rule_list):
        try:
            loader(text)
        except ImportProblems as exc:
            problems = exc.problems
        else:
            problems = ["accepted"]
        assert problems


@settings(max_examples=150, deadline=None)  # no deadline: see above
@given(st.text(alphabet=st.characters(exclude_categories=())), st.text())
def test_any_unicode_in_an_audit_round_trips_cleaned(title, rule):
    from finder.text import clean_text

    data = AuditData(title or "t", rules=[AuditRule(rule or "r")])
    try:
        text = json.dumps(data.to_dict())
    except UnicodeEncodeError:  # pragma: no cover - json escapes surrogates
        return
    try:
        loaded = load_audit(text)
    except ImportProblems as exc:  # an empty title after cleaning is refused
        problems = set(exc.problems)
    else:
        problems = set()
    if problems:
        assert problems <= {"title: required", "rules[0].text: required"}
        return
    assert loaded.title == clean_text(title or "t")[:10_000]
    assert loaded.rules[0].text == clean_text(rule or "r")[:2000]


def test_a_rule_copied_with_its_id_gets_its_own_id():
    text = b"title: Ours\nrules:\n- {text: First, uid: abc}\n- {text: Copy, uid: abc}\n"
    data = load_audit(text)
    assert [r.text for r in data.rules] == ["First", "Copy"]
    assert data.rules[0].uid == "abc"
    assert data.rules[1].uid != "abc"
    assert data.rule(data.rules[1].uid) is data.rules[1]


def test_an_audit_rule_may_not_carry_a_labelled_set_s_keys():
    with pytest.raises(ImportProblems, match=r"rules\[0\]\.label: unknown field"):
        load_audit(b"title: Ours\nrules:\n- {text: First, label: not_a_rule}\n")


@pytest.mark.parametrize(
    "state", ["TEXAS", "ZZ", "US", "T", "<SCRIPT>ALERT(1)</SCRIPT>"]
)
def test_an_audit_file_whose_state_is_not_a_state_is_refused(state):
    """An audit is of one state's rules: anything but a state's postal code (or none)
    is refused with the place and the value, before it can reach a page or a column."""
    with pytest.raises(ImportProblems) as refused:
        load_audit(json.dumps({"title": "Calendar", "state": state}))
    assert refused.value.problems == [
        f"state: “{state[:30]}” is not a state's two-letter postal code (such as TX)"
    ]
    assert load_audit(json.dumps({"title": "Calendar", "state": "tx"})).state == "TX"
    assert load_rule_list(json.dumps([{"text": "A rule", "state": "US"}]))
