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
