"""Audit data round-trips exactly and rejects bad imports; templates validate like the catalog."""

from __future__ import annotations

import re

import pytest

from finder.audit.model import Answer, AuditData, AuditDataError, AuditRule
from finder.audit.templates import TemplateError, load_templates


def sample() -> AuditData:
    rule = AuditRule(
        "Minimum minutes",
        "state_statute",
        "§ 25.081",
        "instructional_time",
        "Principal",
    )
    rule.answers["prescribes_how"] = Answer(
        True, True, ["Sets a means"], "agreed", True
    )
    rule.decision = "unnecessary_control"
    rule.mechanisms = ["tx-districts-of-innovation"]
    return AuditData(
        "Four-day week",
        "TX",
        "Example ISD",
        "4-day week",
        "Attendance",
        "four-day-week",
        [rule],
    )


def test_round_trip_is_exact():
    data = sample()
    assert AuditData.from_dict(data.to_dict()) == data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "title is required"),
        ({"rules": [{"text": "x", "source_level": "rumour"}]}, "source_level"),
        ({"rules": [{"text": "x", "decision": "maybe"}]}, "decision"),
        ({"rules": [{"text": "x", "binds": "yes"}]}, "binds"),
        ({"rules": ["not a mapping"]}, "rules[0]"),
        ({"format": 99}, "format"),
    ],
)
def test_bad_imports_are_refused(change, message):
    raw = {**sample().to_dict(), **change}
    with pytest.raises(AuditDataError, match=re.escape(message)):
        AuditData.from_dict(raw)


def test_shipped_templates_are_valid():
    from finder.catalog import load_catalog
    from finder.config import shipped_catalog_dir

    known = set(load_catalog([shipped_catalog_dir()]).by_id)
    templates = load_templates(known_entries=known)
    assert len(templates) >= 7
    for template in templates.values():
        assert template.rules
        assert template.metrics
        assert all(e in known for e in template.catalog_entries)


def test_broken_template_is_reported(tmp_path):
    (tmp_path / "bad.yaml").write_text(
        "id: bad\ntitle: Bad\nsummary: x\nrules:\n  - text: r\n    source_level: rumour\n    policy_area: calendar\nmetrics: []\nsources: []\nextra: 1\n"
    )
    (tmp_path / "broken.yaml").write_text("id: [\n")
    with pytest.raises(TemplateError) as info:
        load_templates(tmp_path)
    text = str(info.value)
    assert "bad.yaml: extra: unknown field" in text
    assert "rules[0].source_level" in text
    assert "sources: needs at least one source" in text
    assert "broken.yaml:" in text


def test_template_rules_for_a_state(tmp_path):
    (tmp_path / "t.yaml").write_text(
        "id: t\ntitle: T\nsummary: s\nrules:\n  - text: Days rule\n    source_level: state_statute\n    policy_area: calendar\n"
        "    by_state:\n      TX: {citation: '§ 25.081'}\nmetrics:\n  - {area: access, metric: m}\nsources:\n  - {url: 'https://example.org', title: x, accessed: 2026-11-23}\n"
    )
    template = load_templates(tmp_path)["t"]
    assert template.rules_for("tx")[0]["citation"] == "§ 25.081"
    assert template.rules_for("CO")[0]["citation"] == ""


def test_a_rule_a_state_does_not_have_is_left_out_for_that_state(tmp_path):
    """Texas counts minutes, not days, and bars bargaining contracts: the template's day
    rule and bargaining rule are left out of a Texas audit, said why, and kept for
    other states; "absent" needs its source and no citation of its own."""
    from finder.audit import editing

    shipped = load_templates()["four-day-week"]
    texts = [r["text"] for r in shipped.rules_for("TX")]
    assert "Minimum number of school or instructional days per year" not in texts
    assert not any("Collective bargaining" in t for t in texts)
    assert "Minimum number of school or instructional days per year" in [
        r["text"] for r in shipped.rules_for("CO")
    ]
    left = dict(shipped.left_out("TX"))
    assert (
        "H.B. 2610" in left["Minimum number of school or instructional days per year"]
    )
    data = AuditData("Four-day week", "TX")
    events = editing.apply_template(data, shipped, None)
    assert "3 left out that TX law does not have" in events[0]["why"]
    said = editing.template_summary(shipped, data, len(data.rules))
    assert "Left out, because Texas law does not have them" in said
    assert "Gov't Code § 617.002" in said
    (tmp_path / "t.yaml").write_text(
        "id: t\ntitle: T\nsummary: s\nrules:\n  - text: Days rule\n    source_level: state_statute\n    policy_area: calendar\n"
        "    by_state:\n      TX: {absent: 'minutes, not days', citation: '§ 25.081'}\nmetrics:\n  - {area: access, metric: m}\nsources:\n  - {url: 'https://example.org', title: x, accessed: 2026-11-23}\n"
    )
    with pytest.raises(TemplateError) as refused:
        load_templates(tmp_path)
    assert "absent: say where the law was read" in str(refused.value)
    assert "has no citation of its own" in str(refused.value)
