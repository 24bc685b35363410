"""The barriers report: grouped by parsed citation, counted by district, and small
anonymous groups never shown."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from finder.learning import MIN_DISTRICTS, Case, Publication, PublicRule
from finder.learning.barriers import (
    barrier_chart,
    barriers_table,
    build_barriers,
    districts_using,
    report_text,
    rule_key,
)
from finder.tables import to_csv
from tests.learning.sample import sample_publications

WHEN = dt.datetime(2026, 11, 1)


def lifted(citation: str, text: str = "A rule", mechanisms=()) -> PublicRule:
    return PublicRule(
        text, citation, "state_statute", "calendar", "unnecessary_control", mechanisms
    )


def pub(n: int, state: str, rules, named=False, team=None) -> Publication:
    case = Case(state, named, f"District {n}" if named else "", rules=tuple(rules))
    return Publication(n, case, WHEN, team=n if team is None else team)


@pytest.mark.parametrize(
    "written",
    [
        "TEC 25.0811",
        "Tex. Educ. Code § 25.0811",
        "Texas Education Code Section 25.0811(a)",
        "TEC § 25.0811",
        "25.0811",
    ],
)
def test_every_form_of_a_citation_is_one_group(written):
    key, label, cited = rule_key(written, "x", "state_statute", "TX")
    assert (key, label, cited) == (
        "law:tx-educ||25|25.0811",
        "Tex. Educ. Code § 25.0811",
        True,
    )


def test_neighbouring_sections_stay_apart_and_uncited_rules_group_by_words():
    assert (
        rule_key("TEC 25.081", "x", "", "TX")[0]
        != rule_key("TEC 25.0811", "x", "", "TX")[0]
    )
    one = rule_key("", "Board policy: 120 hours a credit!", "local_policy", "TX")
    two = rule_key("", "board policy 120 hours a credit", "local_policy", "TX")
    assert one[0] == two[0]
    assert not one[2]


def test_the_twelve_sample_audits():
    pubs = sample_publications()
    assert len(pubs) == 12
    assert {p.case.state for p in pubs} == {"TX", "CO", "KY"}
    assert {p.case.named for p in pubs} == {True, False}
    texas = build_barriers(pubs, "TX")
    assert (texas.cases, texas.named_districts) == (5, 2)
    rows = {r.label: r for r in texas.rows}
    start = rows["Tex. Educ. Code § 25.0811"]  # four ways of writing it
    assert start.districts == 4
    assert start.mechanisms == (("tx-districts-of-innovation", 4),)
    assert [d for _, d in start.named] == ["Sample Brazos ISD", "Sample Mesa ISD"]
    # two districts, one anonymous: no count, only the named case's mechanisms
    staff = rows["Tex. Educ. Code § 21.003"]
    assert staff.districts is None
    assert staff.count_text == "fewer than 3"
    assert staff.mechanisms == (("tx-districts-of-innovation", 1),)
    assert [d for _, d in staff.named] == ["Sample Mesa ISD"]
    # one anonymous district's uncited local policy is not listed at all
    assert texas.withheld == 1
    assert not any("seat-time" in r.label for r in texas.rows)
    assert texas.rows[0] is start  # most districts first
    colorado = {r.label: r.districts for r in build_barriers(pubs, "CO").rows}
    assert colorado == {"C.R.S. 22-32-109": 3, "C.R.S. 22-60.5-201": 2}
    kentucky = {r.label: r.districts for r in build_barriers(pubs, "KY").rows}
    assert kentucky == {"KRS 158.070": 3, "704 KAR 3:305": None}
    nation = build_barriers(pubs)
    assert nation.cases == 12
    assert len(nation.rows) == 7
    assert [r.districts for r in nation.rows[:3]] == [4, 3, 3]
    # essential oversight is never a barrier
    assert not any("1412" in r.label or "29.001" in r.label for r in nation.rows)


def test_small_anonymous_groups_are_never_shown_with_a_count():
    rules = [lifted("TEC 25.0811", "Secret words", ("tx-districts-of-innovation",))]
    for anonymous in range(1, MIN_DISTRICTS):
        report = build_barriers([pub(n, "TX", rules) for n in range(anonymous)], "TX")
        (row,) = report.rows
        assert row.districts is None
        assert row.mechanisms == ()
        assert row.named == ()
        assert row.wording == ""
        assert "Secret words" not in report_text(report)
    report = build_barriers([pub(n, "TX", rules) for n in range(MIN_DISTRICTS)], "TX")
    assert report.rows[0].districts == MIN_DISTRICTS
    assert report.rows[0].mechanisms == (("tx-districts-of-innovation", 3),)


def test_named_districts_alone_are_counted_even_when_few():
    rules = [lifted("TEC 25.0811")]
    report = build_barriers([pub(1, "TX", rules, named=True)], "TX")
    assert report.rows[0].districts == 1
    assert report.rows[0].named == ((1, "District 1"),)


def test_one_team_with_many_audits_is_one_district():
    rules = [lifted("TEC 25.0811")]
    same_team = [pub(n, "TX", rules, team=7) for n in range(5)]
    report = build_barriers(same_team, "TX")
    assert report.named_districts == 0
    assert report.rows[0].districts is None  # still one anonymous district


def test_a_named_districts_anonymous_case_is_never_joined_to_it():
    """One team publishes a named case and an anonymous one on the same rule. Every
    view must read exactly as if the anonymous case were another district's: the same
    counts, the same mechanisms (the anonymous case's extra one withheld), and no total
    of districts beside the count of cases."""
    named = pub(1, "TX", [lifted("TEC 25.0811", mechanisms=("tx-doi",))], True, 7)

    def anonymous(team):
        rules = [
            lifted("TEC 25.0811", mechanisms=("tx-doi", "secret-mechanism")),
            lifted("TEC 25.112", mechanisms=("secret-mechanism",)),
        ]
        return pub(2, "TX", rules, team=team)

    same_team = build_barriers([named, anonymous(7)], "TX")
    other_team = build_barriers([named, anonymous(8)], "TX")
    assert same_team.rows == other_team.rows
    assert build_barriers([named, anonymous(7)]).rows == (
        build_barriers([named, anonymous(8)]).rows
    )
    assert (same_team.cases, same_team.named_districts) == (2, 1)
    assert not hasattr(same_team, "districts")
    rows = {r.label: r for r in same_team.rows}
    start = rows["Tex. Educ. Code § 25.0811"]
    assert start.districts is None  # two districts as the public can tell, one unnamed
    assert start.mechanisms == (("tx-doi", 1),)
    assert start.named == ((1, "District 1"),)
    assert rows["Tex. Educ. Code § 25.112"].mechanisms == ()
    assert "secret-mechanism" not in report_text(same_team)


def test_one_teams_cases_in_two_states_are_never_joined_by_the_nation():
    """A team names itself in Texas and publishes anonymously in Oklahoma on the same
    federal section, beside two other anonymous Oklahoma districts: the national count
    is the sum of what the states show, so it cannot reveal that the named Texas
    district is one of Oklahoma's anonymous ones."""
    rule = "20 U.S.C. § 6311"
    cases = [
        pub(1, "TX", [lifted(rule, mechanisms=("m-tx",))], named=True, team=1),
        pub(2, "OK", [lifted(rule, mechanisms=("m-ok",))], team=1),
        pub(3, "OK", [lifted(rule, mechanisms=("m-ok",))], team=2),
        pub(4, "OK", [lifted(rule, mechanisms=("m-ok",))], team=3),
    ]
    texas = build_barriers(cases, "TX").rows[0].districts
    oklahoma = build_barriers(cases, "OK").rows[0].districts
    (nation,) = build_barriers(cases).rows
    assert (texas, oklahoma) == (1, 3)
    assert nation.districts == texas + oklahoma
    assert dict(nation.mechanisms) == {"m-ok": 3, "m-tx": 1}


def test_the_nation_adds_only_what_each_state_shows():
    """Kentucky's row hides an anonymous district (fewer than 3); Texas names one on
    the same federal section. The national row must not count the hidden district or
    show its mechanism, or comparing the two views would undo the state's privacy."""
    rule = "20 U.S.C. § 6311"
    alpha = pub(1, "KY", [lifted(rule, mechanisms=("alpha-m",))], named=True)
    beta = pub(2, "KY", [lifted(rule, mechanisms=("beta-secret",))])
    gamma = pub(3, "TX", [lifted(rule, mechanisms=("gamma-m",))], named=True)
    kentucky = build_barriers([alpha, beta, gamma], "KY").rows[0]
    assert kentucky.districts is None
    (row,) = build_barriers([alpha, beta, gamma]).rows
    assert row.districts is None  # two shown, one state's district withheld
    assert dict(row.mechanisms) == {"alpha-m": 1, "gamma-m": 1}
    assert row.states == ("KY", "TX")
    delta = pub(4, "TX", [lifted(rule, mechanisms=("delta-m",))], named=True)
    (row,) = build_barriers([alpha, beta, gamma, delta]).rows
    assert row.districts == 3  # the withheld district still not counted
    assert "beta-secret" not in dict(row.mechanisms)


def test_districts_using_a_mechanism():
    m = ("tx-districts-of-innovation",)
    rules = [lifted("TEC 25.0811", mechanisms=m)]
    cases = [
        dataclasses.replace(p, case=dataclasses.replace(p.case, mechanisms=m))
        for p in [pub(1, "TX", rules, named=True), pub(2, "TX", rules)]
    ]
    using = districts_using(cases, m[0])
    assert [p.id for p in using.named] == [1]
    assert using.unnamed is None
    more = cases + [dataclasses.replace(cases[1], id=n, team=n) for n in range(3, 5)]
    using = districts_using(more, m[0])
    assert using.unnamed == 3
    assert districts_using(more, "co-innovation-schools-act").named == ()
    # a named district's own anonymous case counts as one more, like anyone else's
    own = dataclasses.replace(cases[1], id=9, team=cases[0].team)
    other = dataclasses.replace(cases[1], id=9, team=99)
    assert districts_using([*more, own], m[0]) == (
        districts_using([*more, other], m[0])
    )


def test_the_table_chart_and_text():
    report = build_barriers(sample_publications(), "TX")
    table = barriers_table(report, str.upper, lambda i: f"https://x.org/cases/{i}")
    csv = to_csv(table)
    assert "Tex. Educ. Code § 25.0811" in csv
    assert "fewer than 3" in csv
    assert "Sample Mesa ISD <https://x.org/cases/1>" in csv
    chart = barrier_chart(report)
    assert [b["count"] for b in chart["bars"]] == [4]  # only rows with a count
    assert chart["bars"][0]["width"] == 320
    text = report_text(report)
    assert text.splitlines()[0] == "Barriers report: Texas"
    assert "1 more rule without a citation" in text
    assert barrier_chart(build_barriers([], "TX")) is None


def test_a_formula_in_a_label_is_made_safe():
    rules = [lifted("", '=HYPERLINK("http://x")')]
    report = build_barriers([pub(1, "TX", rules, named=True)], "TX")
    csv = to_csv(barriers_table(report, str, str))
    assert "'=HYPERLINK" in csv


def test_the_sample_audits_use_mechanisms_in_force_that_can_lift_their_rules():
    """The sample shown to state offices reads like real use: every mechanism a sample
    team chose is active in the catalog and lawfully lifts the rule it was chosen for."""
    from finder.audit.matching import mechanism_verdict
    from finder.audit.suggester import RuleInput
    from finder.catalog import load_catalog
    from finder.config import shipped_catalog_dir
    from tests.learning.sample import sample_audits

    catalog = load_catalog([shipped_catalog_dir()])
    chosen = 0
    for _, _, audit in sample_audits():
        for rule in audit.rules:
            for entry_id in rule.mechanisms:
                entry = catalog.get(entry_id)
                assert entry is not None, entry_id
                assert entry.status == "active", entry_id
                usable, why = mechanism_verdict(
                    RuleInput(rule.text, rule.source_level, rule.citation, audit.state),
                    entry,
                )
                assert usable, (rule.text, entry_id, why)
                chosen += 1
    assert chosen >= 10
