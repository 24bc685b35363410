"""The shipped catalog loads with no problems and meets the catalog's own rules."""

from __future__ import annotations

from finder.catalog import load_catalog, read
from finder.catalog.jurisdictions import NAMES
from finder.catalog.report import build_report
from finder.config import shipped_catalog_dir


def shipped():
    return load_catalog([shipped_catalog_dir()])


def test_shipped_catalog_validates():
    catalog = read([shipped_catalog_dir()])
    assert [str(p) for p in catalog.problems] == []


def test_every_entry_has_read_sources_with_dates():
    for entry in shipped().entries:
        assert entry.sources, entry.id
        for source in entry.sources:
            assert source.url.startswith(("http://", "https://")), entry.id
            assert source.accessed, entry.id


def test_every_jurisdiction_is_covered():
    catalog = shipped()
    report = build_report(catalog)
    assert set(report.by_state) == set(NAMES)
    assert report.below_target == []
    assert report.total >= 200
    assert report.cited_share >= 0.85


def test_unverified_entries_say_why():
    for entry in shipped().entries:
        if not entry.verified:
            assert entry.note, f"{entry.id}: unverified entries need a note"


def test_the_playbook_examples_are_in_the_catalog():
    catalog = shipped()
    for entry_id in [
        "in-flexibility-guide",
        "mt-innovation-guide",
        "co-cde-waiver-guidance",
        "pa-innovation-guide",
        "ca-secondary-school-redesign-pilot",
        "ut-personalized-competency-based-learning-grants",
        "us-iada",
        "tx-districts-of-innovation",
        "co-innovation-schools-act",
        "co-state-board-waivers",
        "ky-districts-of-innovation",
        "us-esea-8401-waivers",
    ]:
        assert catalog.get(entry_id), entry_id
