"""The review page, the document and the suggester give one answer for one rule."""

from __future__ import annotations

from dataclasses import replace

from finder.audit.matching import match_mechanisms, mechanism_verdict
from finder.audit.suggester import RuleInput, non_waivable_match
from finder.audit.words import stems, words_cover
from finder.catalog import Catalog
from finder.catalog.model import Provision


def with_item(catalog: Catalog, entry_id: str, text: str) -> Catalog:
    entries = [
        replace(e, cannot_waive=(*e.cannot_waive, Provision(text)))
        if e.id == entry_id
        else e
        for e in catalog.entries
    ]
    return replace(catalog, entries=entries)


def test_a_citation_s_words_do_not_make_an_item_cover_the_rule(catalog):
    """ "Education Code certification of counselors" does not cover a rule on teachers'
    certification because the rule cites the Education Code."""
    changed = with_item(
        catalog,
        "tx-districts-of-innovation",
        "Education Code certification of counselors",
    )
    rule = RuleInput(
        "Certification rules for teachers",
        "state_statute",
        "Tex. Educ. Code § 21.003",
        "TX",
    )
    offered = {
        m.id: m.usable for m in match_mechanisms(rule, "staffing", changed, limit=20)
    }
    entry = changed.get("tx-districts-of-innovation")
    usable, _ = mechanism_verdict(rule, entry)
    assert offered["tx-districts-of-innovation"] is usable is True
    assert non_waivable_match(rule, changed) is None


def test_an_item_that_covers_the_rule_bars_it_everywhere(catalog):
    changed = with_item(
        catalog, "tx-districts-of-innovation", "Certification rules for school teachers"
    )
    rule = RuleInput(
        "Certification rules for teachers", "state_statute", "Tex. Educ. Code", "TX"
    )
    entry = changed.get("tx-districts-of-innovation")
    assert mechanism_verdict(rule, entry)[0] is False
    offered = {
        m.id: m.usable for m in match_mechanisms(rule, "staffing", changed, limit=20)
    }
    assert offered.get("tx-districts-of-innovation") is not True
    assert non_waivable_match(rule, changed) is not None


def test_a_rule_s_figures_do_not_thin_out_the_item_it_matches():
    """A list names the subject ("the minimum annual hours"); the rule's numbers are
    its particulars, so the matcher and the suggester read the same item the same way."""
    rule = stems(
        "Schedule at least 1,050 hours of direct instruction in grades 1-6 and "
        "1,137 in grades 7-12."
    )
    item = stems("The minimum annual hours of direct instruction for each grade band.")
    assert words_cover(rule, item)
    assert not words_cover(rule, stems("The minimum number of school days."))


def test_word_families_the_stemmer_splits_are_one_word():
    """ "Certified" and "certification", "license" and "licensure" say one thing."""
    assert stems("certified") == stems("certification") == stems("certificate")
    assert stems("licensure") == stems("licensed")
    rule = stems("Only certified CTE instructors may teach welding")
    assert words_cover(rule, stems("CTE instructor certification"))
