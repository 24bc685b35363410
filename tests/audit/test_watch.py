"""Audits watch the catalog entries their requests rely on, and show what changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from finder.audit import editing, watch
from finder.audit.exchange import export_audit, load_audit
from finder.audit.model import AuditData, AuditRule
from finder.catalog import Catalog

DOI = "tx-districts-of-innovation"
PERMIT = "tx-teacher-certification-cte-permit"


def decided(mechanisms, text="Uniform school start date") -> AuditRule:
    return AuditRule(
        text,
        "state_statute",
        "Tex. Educ. Code § 25.0811",
        "calendar",
        decision="unnecessary_control",
        mechanisms=list(mechanisms),
    )


def changed(catalog: Catalog, entry_id: str, **values) -> Catalog:
    """The catalog with one entry edited (reviewed again a day later)."""
    entry = catalog.get(entry_id)
    values.setdefault("last_reviewed", entry.last_reviewed + dt.timedelta(days=1))
    return Catalog(
        [
            dataclasses.replace(e, **values) if e.id == entry_id else e
            for e in catalog.entries
        ]
    )


def without(catalog: Catalog, entry_id: str) -> Catalog:
    return Catalog([e for e in catalog.entries if e.id != entry_id])


def watched_audit(catalog) -> AuditData:
    data = AuditData(
        "Calendar",
        "TX",
        rules=[decided([DOI]), decided([PERMIT], "CTE teachers must be certified")],
    )
    watch.follow_all(data, catalog)
    return data


def test_a_chosen_entry_is_kept_as_it_stood(catalog):
    data = watched_audit(catalog)
    kept = data.rules[0].relied_on[DOI]
    entry = catalog.get(DOI)
    assert kept.status == "active"
    assert kept.term == entry.term
    assert kept.approver == entry.approver
    assert kept.citations == list(entry.citations)
    assert kept.cannot_waive == [p.text for p in entry.cannot_waive]
    assert kept.last_reviewed == entry.last_reviewed.isoformat()
    assert watch.changes(data, catalog) == []
    assert not watch.changed(data, catalog)


def test_a_change_shows_on_the_audits_that_use_the_entry_only(catalog):
    data = watched_audit(catalog)
    other = AuditData("Staffing", "TX", rules=[data.rules[1]])
    now = changed(catalog, DOI, status="repealed", term="Until 2027")
    found = watch.changes(data, now)
    assert [c.entry_id for c in found] == [DOI]
    change = found[0]
    assert change.rule_uids == [data.rules[0].uid]
    assert change.reviewed == now.get(DOI).last_reviewed.isoformat()
    assert {(f.label, f.before, f.after) for f in change.fields} == {
        ("Status", "Active", "Repealed"),
        ("Duration and renewal", catalog.get(DOI).term, "Until 2027"),
    }
    assert change.what() == "status and duration and renewal"
    assert change.reviewed_then == catalog.get(DOI).last_reviewed.isoformat()
    assert watch.changed(data, now)
    assert watch.changes(other, now) == []
    assert not watch.changed(other, now)


def test_every_watched_field_is_compared(catalog):
    data = watched_audit(catalog)
    entry = catalog.get(DOI)
    edits = {
        "cannot_waive": entry.cannot_waive[1:],
        "citations": (*entry.citations, "Tex. Educ. Code § 12A.099"),
        "approver": "The commissioner",
        "status": "expired",
        "term": "Two years",
    }
    for name, value in edits.items():
        (change,) = watch.changes(data, changed(catalog, DOI, **{name: value}))
        assert [f.field for f in change.fields] == [name]
        if name == "cannot_waive":
            assert change.fields[0].dropped == (entry.cannot_waive[0].text,)
            assert change.fields[0].added == ()
    # A field nobody watches (the summary) raises nothing.
    assert watch.changes(data, changed(catalog, DOI, summary="New words")) == []


def test_the_law_of_a_cannot_waive_item_is_watched(catalog):
    """The same words barring other law (a citation added, a part left outside) change
    what a request can rely on: shown, as the item before and after."""
    data = watched_audit(catalog)
    entry = catalog.get(DOI)
    first = entry.cannot_waive[0]
    for edit in (
        {"citations": (*first.citations, "Tex. Educ. Code § 29.001")},
        {"outside": ("average",), "part": ("maximum",)},
    ):
        items = (dataclasses.replace(first, **edit), *entry.cannot_waive[1:])
        (change,) = watch.changes(data, changed(catalog, DOI, cannot_waive=items))
        assert [f.field for f in change.fields] == ["cannot_waive_law"]
        (dropped,) = change.fields[0].dropped
        (added,) = change.fields[0].added
        assert dropped.startswith(first.text)
        assert added.startswith(first.text)
        assert added != dropped
    # a snapshot kept before the law was watched shows no change for it
    data.rules[0].relied_on[DOI].cannot_waive_law = []
    assert watch.changes(data, catalog) == []


def test_an_entry_gone_from_the_catalog_is_a_change(catalog):
    data = watched_audit(catalog)
    (change,) = watch.changes(data, without(catalog, DOI))
    assert change.removed
    assert change.what() == "removed from the catalog"
    assert change.title == catalog.get(DOI).title


def test_acknowledging_keeps_the_entry_as_it_is_now(catalog):
    data = watched_audit(catalog)
    now = changed(catalog, DOI, status="repealed")
    events = editing.acknowledge_changes(data, now)
    assert [e["field"] for e in events] == ["catalog.acknowledged"]
    assert events[0]["new"] == catalog.get(DOI).title
    assert "status" in events[0]["why"]
    assert watch.changes(data, now) == []
    assert data.rules[0].relied_on[DOI].status == "repealed"
    # A gone entry, once acknowledged, raises nothing more while it stays gone...
    gone = without(now, PERMIT)
    assert editing.acknowledge_changes(data, gone, {PERMIT})
    assert data.rules[1].relied_on[PERMIT].gone
    assert watch.changes(data, gone) == []
    assert not watch.changed(data, gone)
    watch.follow_all(data, gone)  # saving the audit keeps watching it
    assert data.rules[1].relied_on[PERMIT].gone


def test_an_entry_back_after_its_removal_was_acknowledged_is_shown(catalog):
    data = watched_audit(catalog)
    editing.acknowledge_changes(data, without(catalog, PERMIT), {PERMIT})
    # back as it was: shown as back, nothing else changed
    (back,) = watch.changes(data, catalog)
    assert back.returned
    assert not back.removed
    assert back.what() == "back in the catalog"
    assert watch.changed(data, catalog)
    # back with a new term: both are shown
    now = changed(catalog, PERMIT, term="One year, not renewable")
    (back,) = watch.changes(data, now)
    assert back.what() == "back in the catalog and duration and renewal"
    editing.acknowledge_changes(data, now)
    assert not data.rules[1].relied_on[PERMIT].gone
    assert watch.changes(data, now) == []
    # the flag survives export and import, and a wrong type is refused
    editing.acknowledge_changes(data, without(now, PERMIT))
    again = load_audit(export_audit(data, "json"))
    assert again.rules[1].relied_on[PERMIT].gone
    raw = json.loads(export_audit(data, "json"))
    raw["rules"][1]["relied_on"][PERMIT]["gone"] = "yes"
    with pytest.raises(ValueError, match="must be true, false or null"):
        AuditData.from_dict(raw)


def test_acknowledging_leaves_changes_not_shown(catalog):
    data = watched_audit(catalog)
    now = changed(changed(catalog, DOI, status="repealed"), PERMIT, term="One year")
    events = editing.acknowledge_changes(data, now, {DOI})
    assert len(events) == 1
    assert [c.entry_id for c in watch.changes(data, now)] == [PERMIT]


def test_a_new_review_keeps_the_snapshot_until_acknowledged(catalog):
    from finder.audit.rubric import load_rubric

    rubric = load_rubric()
    data = AuditData("Calendar", "TX", rules=[decided([])])
    rule = data.rules[0]
    values = editing.review_values(rule, rubric) | {
        "mechanisms": [DOI],
        "override_reason": "The start date is a means, not an end.",
    }
    editing.record_review(data, rule, values, rubric, catalog, usable_mechanisms={DOI})
    assert DOI in rule.relied_on
    now = changed(catalog, DOI, status="expired")
    editing.record_review(data, rule, values, rubric, now, usable_mechanisms={DOI})
    assert [c.entry_id for c in watch.changes(data, now)] == [DOI]
    # Unchosen: no longer watched.
    values["mechanisms"] = []
    editing.record_review(data, rule, values, rubric, now, usable_mechanisms={DOI})
    assert rule.relied_on == {}


def test_only_requests_are_watched(catalog):
    data = watched_audit(catalog)
    data.rules[0].decision = "essential_oversight"
    now = changed(catalog, DOI, status="repealed")
    assert watch.changes(data, now) == []
    watch.follow_all(data, now)
    assert data.rules[0].relied_on == {}


def test_stored_audits_without_snapshots_load_and_show_nothing(catalog):
    stored = AuditData("Old", "TX", rules=[decided([DOI])]).to_dict()
    for rule in stored["rules"]:
        del rule["relied_on"]
    data = AuditData.from_dict(json.loads(json.dumps(stored)))
    assert data.rules[0].relied_on == {}
    now = changed(catalog, DOI, status="repealed")
    assert watch.changes(data, now) == []
    assert not watch.changed(data, now)
    # The first save takes the baseline from the catalog as it is then.
    watch.follow_all(data, now)
    assert data.rules[0].relied_on[DOI].status == "repealed"
    assert watch.changes(data, now) == []


def test_export_and_import_keep_the_snapshots(catalog):
    data = watched_audit(catalog)
    now = changed(catalog, DOI, status="repealed")
    for fmt in ("json", "yaml"):
        back = load_audit(export_audit(data, fmt))
        assert back.rules[0].relied_on == data.rules[0].relied_on
        assert [c.entry_id for c in watch.changes(back, now)] == [DOI]


def test_an_imported_snapshot_of_an_entry_not_chosen_is_dropped(catalog):
    data = watched_audit(catalog)
    raw = data.to_dict()
    raw["rules"][0]["relied_on"]["us-iada"] = raw["rules"][0]["relied_on"][DOI]
    back = load_audit(json.dumps(raw))
    assert list(back.rules[0].relied_on) == [DOI]
