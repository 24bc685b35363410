"""Matching a rule to mechanisms by jurisdiction, source level, policy area and cannot-waive."""

from __future__ import annotations

import dataclasses

import pytest

from finder.audit.lawfacts import student_group
from finder.audit.matching import (
    BOARD_ACTION,
    NEGOTIATION,
    STOP_PRACTICE,
    match_mechanisms,
)
from finder.audit.suggester import RuleInput
from finder.catalog import Catalog
from finder.catalog.model import Example, Provision
from tests.audit.mechanisms import sd_mechanism


def ids(matches):
    return [m.id for m in matches]


def test_state_rule_matches_state_mechanisms_ranked_with_reasons(catalog):
    matches = match_mechanisms(
        RuleInput("Carnegie unit seat time for credit", "state_rule", "", "CO"),
        "seat_time",
        catalog,
    )
    assert ids(matches)[0] == "co-state-board-waivers"
    assert any("policy area" in r for r in matches[0].reasons)
    assert all(m.mechanism.state == "CO" for m in matches)


def test_federal_rule_only_federal_mechanisms(catalog):
    matches = match_mechanisms(
        RuleInput("Statewide assessment in every grade", "federal_law", "", "CO"),
        "assessment",
        catalog,
    )
    assert matches
    assert {m.mechanism.state for m in matches} == {"US"}
    assert "federal" in matches[0].reasons[0]


def test_local_policy_is_lifted_by_the_board(catalog):
    matches = match_mechanisms(
        RuleInput("Board policy on the bell schedule", "local_policy", "", "CO"),
        "calendar",
        catalog,
    )
    assert matches[0].mechanism is BOARD_ACTION


def test_contract_clause_by_negotiation_or_a_mechanism_that_reaches_contracts(catalog):
    matches = match_mechanisms(
        RuleInput("Contract limits on the teacher workday", "contract", "", "CO"),
        "calendar",
        catalog,
    )
    assert NEGOTIATION in [m.mechanism for m in matches]
    assert "co-innovation-schools-act" in ids(
        matches
    )  # its text says it reaches bargaining provisions
    assert "co-state-board-waivers" not in ids(matches)


def test_practice_needs_no_mechanism(catalog):
    assert [
        m.mechanism
        for m in match_mechanisms(
            RuleInput("We always do X", "practice"), "other", catalog
        )
    ] == [STOP_PRACTICE]


def test_cannot_waive_marks_a_mechanism_unusable(catalog):
    matches = match_mechanisms(
        RuleInput("Bilingual education requirements", "state_statute", "", "TX"),
        "student_services",
        catalog,
    )
    doi = next(m for m in matches if m.id == "tx-districts-of-innovation")
    assert doi.usable is False
    assert doi.blocked_by == "Bilingual education"
    assert "Cannot be used" in doi.reasons[-1]
    assert matches[-1].usable is False or all(
        not m.usable for m in matches[matches.index(doi) :]
    )


def test_a_mechanism_that_names_the_section_ranks_first():
    from finder.catalog import load_catalog
    from finder.config import shipped_catalog_dir

    shipped = load_catalog([shipped_catalog_dir()])
    rule = RuleInput(
        "Uniform school start date", "state_statute", "Tex. Educ. Code § 25.0811", "TX"
    )
    first = match_mechanisms(rule, "calendar", shipped)[0]
    assert first.id == "tx-districts-of-innovation"
    assert "names the rule's section (25.0811)" in " ".join(first.reasons)


def _offered(rule, area, *entries):
    return [
        m.id for m in match_mechanisms(rule, area, Catalog(list(entries))) if m.usable
    ]


@pytest.fixture
def make_entry(catalog):
    """make_entry(id, kind, areas, summary): a South Dakota mechanism with no law of
    its own beyond those fields (built from any test entry)."""

    def make(id, kind, areas, summary):
        return sd_mechanism(catalog.entries[0], id, kind, areas, summary)

    return make


def test_a_mechanism_of_another_policy_area_needs_more_than_shared_words(make_entry):
    permit = make_entry(
        "sd-permit",
        "staffing_certification",
        ["staffing"],
        "A permit lets a district hire someone to teach a subject while certification "
        "is pending.",
    )
    rule = RuleInput(
        "Teach the required curriculum in every subject", "state_statute", "", "SD"
    )
    # the team named the rule's area: a permit is about staffing, not curriculum
    assert _offered(rule, "curriculum", permit) == []
    assert _offered(rule, "staffing", permit) == ["sd-permit"]
    # with no area named, two shared words ("teach", "subject") still offer it
    assert _offered(rule, "", permit) == ["sd-permit"]


def test_a_state_name_is_not_a_shared_subject(make_entry):
    calendar = make_entry(
        "sd-calendar",
        "calendar_time",
        ["calendar"],
        "South Dakota boards may set a four-day school week.",
    )
    rule = RuleInput(
        "South Dakota teachers need a certificate", "state_statute", "", "SD"
    )
    assert _offered(rule, "", calendar) == []


def test_an_innovation_law_needs_its_area_or_two_shared_words(make_entry):
    classrooms = make_entry(
        "sd-innovation-classrooms",
        "innovation_schools",
        ["curriculum"],
        "Parents may ask for an alternative curriculum; the district answers in "
        "sixty days.",
    )
    week = RuleInput("Hold school five days a week", "state_statute", "", "SD")
    assert _offered(week, "calendar", classrooms) == []
    curriculum = RuleInput(
        "Use the district's adopted curriculum", "state_statute", "", "SD"
    )
    assert _offered(curriculum, "curriculum", classrooms) == [
        "sd-innovation-classrooms"
    ]


def test_a_program_for_some_students_is_not_offered_for_a_rule_about_all(make_entry):
    flexible_day = dataclasses.replace(
        make_entry(
            "sd-flexible-day",
            "calendar_time",
            ["instructional_time"],
            "Eligible students may attend on a flexible schedule.",
        ),
        allows=("Flexibility in the hours each day an eligible student attends.",),
        eligibility="School districts. Students must meet one criterion: students "
        "in danger of dropping out or who have dropped out.",
    )
    everyone = RuleInput(
        "Every school day must have at least six hours of class", "state_statute"
    )
    everyone = dataclasses.replace(everyone, state="SD")
    assert _offered(everyone, "instructional_time", flexible_day) == []
    # a rule about the group it serves
    returning = dataclasses.replace(
        everyone, text="Students who dropped out must attend six hours each day"
    )
    assert _offered(returning, "instructional_time", flexible_day) == [
        "sd-flexible-day"
    ]
    # the same program open to every student of the district
    for_all = dataclasses.replace(flexible_day, eligibility="School districts.")
    assert _offered(everyone, "instructional_time", for_all) == ["sd-flexible-day"]


def test_a_limit_on_one_group_does_not_make_a_program_narrow(make_entry):
    study = dataclasses.replace(
        make_entry("sd-study", "other", ["virtual_learning"], "Independent study."),
        eligibility="School districts that offer it. Students with exceptional "
        "needs may take part only if their IEP provides for it.",
    )
    assert student_group(study) == ""


def test_a_subject_mechanism_fits_by_what_it_allows_not_its_background(make_entry):
    pathways = dataclasses.replace(
        make_entry(
            "sd-pathways",
            "other",
            ["curriculum", "graduation"],
            "Created to raise education quality, it lets students earn credit "
            "through work-based learning.",
        ),
        allows=("Count work-based learning and internships toward graduation",),
    )
    standards = RuleInput(
        "Each school follows the quality standards for its curriculum",
        "state_rule",
        "",
        "SD",
    )
    assert _offered(standards, "curriculum", pathways) == []
    internships = dataclasses.replace(
        standards, text="Internships cannot count toward the credits to graduate"
    )
    assert _offered(internships, "graduation", pathways) == ["sd-pathways"]


def test_where_a_waiver_law_keeps_a_rule_another_needs_a_specific_tie(make_entry):
    waivers = dataclasses.replace(
        make_entry("sd-waivers", "waiver_authority", ["other"], "Waive rules."),
        cannot_waive=(Provision("Special education services and eligibility"),),
    )
    relief = make_entry(
        "sd-mandate-relief", "waiver_authority", ["finance"], "Skip unfunded mandates."
    )
    zone = make_entry(
        "sd-zone", "innovation_schools", ["student_services"], "Innovation zones."
    )
    rule = RuleInput(
        "Special education eligibility and services follow the state code",
        "state_statute",
        "",
        "SD",
    )
    # the innovation law of the rule's area still fits; the other waiver law does not
    assert _offered(rule, "student_services", waivers, relief, zone) == ["sd-zone"]
    # with no list that keeps the rule, a waiver law reaches it by its kind
    assert "sd-mandate-relief" in _offered(rule, "student_services", relief, zone)


def test_a_route_for_graduates_is_not_offered_for_someone_without_a_degree(make_entry):
    def certificate(id, eligibility):
        return dataclasses.replace(
            make_entry(id, "staffing_certification", ["staffing"], "A certificate."),
            allows=("Hire a candidate to teach while they complete certification",),
            eligibility=eligibility,
        )

    graduates = certificate(
        "sd-alternative",
        "Candidates with at least a bachelor's degree and a job offer.",
    )
    experts = certificate(
        "sd-expert",
        "Candidates with a bachelor's degree, or an associate degree and 6,000 hours "
        "of work in the field.",
    )
    without = RuleInput(
        "A welder without a college degree cannot be hired to teach welding",
        "state_statute",
        "",
        "SD",
    )
    assert _offered(without, "staffing", graduates, experts) == ["sd-expert"]
    graduate = dataclasses.replace(
        without, text="A welder with a degree cannot be hired to teach welding"
    )
    assert set(_offered(graduate, "staffing", graduates, experts)) == {
        "sd-alternative",
        "sd-expert",
    }


def test_a_waiver_is_offered_by_its_kind_only_where_its_reach_is_shown(make_entry):
    term_waiver = dataclasses.replace(
        make_entry(
            "sd-term-waiver", "waiver_authority", ["calendar"], "Waive the term."
        ),
        waives=("SDCL 13-26-1",),
    )
    certificate = RuleInput(
        "Teachers must hold a certificate", "state_statute", "", "SD"
    )
    term = RuleInput(
        "The school term must be at least 962.5 hours",
        "state_statute",
        "SDCL 13-26-1",
        "SD",
    )
    # a waiver of one section: shown to reach a rule cited within it, not others
    assert _offered(term, "other", term_waiver) == ["sd-term-waiver"]
    assert _offered(certificate, "other", term_waiver) == []
    # a waiver of every state statute reaches any of them
    every = dataclasses.replace(term_waiver, waives=("state_statute",))
    assert _offered(certificate, "other", every) == ["sd-term-waiver"]
    # but not one whose reach turns on when the rule was enacted
    dated = dataclasses.replace(
        every, eligibility="Districts, for mandates enacted after July 1, 2011."
    )
    assert _offered(certificate, "other", dated) == []


def test_title_and_funds_are_no_shared_subject(make_entry):
    transfer = dataclasses.replace(
        make_entry("sd-transfer", "other", ["finance"], "Move money between titles."),
        allows=("Transferring Title II funds to Title I",),
    )
    rule = RuleInput(
        "Title I funds must supplement, not supplant, local funds",
        "state_statute",
        "",
        "SD",
    )
    assert _offered(rule, "finance", transfer) == []
    moving = dataclasses.replace(
        rule, text="Funds may not be transferred from one title to another"
    )
    assert _offered(moving, "finance", transfer) == ["sd-transfer"]


def test_a_limit_inside_the_granting_section_bars_the_rule_with_its_figure(make_entry):
    hours = dataclasses.replace(
        make_entry(
            "sd-hours-calendar", "calendar_time", ["calendar"], "Set days by hours."
        ),
        allows=("Plan the school term in hours rather than days",),
        citations=("SDCL 13-26-1",),
        cannot_waive=(
            Provision(
                "The minimum school term of 962.5 hours still applies",
                ("SDCL 13-26-1",),
            ),
        ),
    )

    def usable(text):
        rule = RuleInput(text, "state_statute", "SDCL 13-26-1", "SD")
        return {
            m.id: m.usable for m in match_mechanisms(rule, "calendar", Catalog([hours]))
        }

    # the rule is the very floor the option keeps: its section and its figure
    assert usable(
        "Each student gets 962.5 hours of instruction, assemblies included"
    ) == {"sd-hours-calendar": False}
    # another rule of the same section is not barred by the shared citation
    assert usable("The school term must run 180 days in the term") == {
        "sd-hours-calendar": True
    }


def test_a_law_a_documented_district_used_for_the_rule_fits_it(catalog):
    used = (Example("Pierre", "Waived teacher evaluation timelines", "https://x.org/"),)
    innovation = dataclasses.replace(
        sd_mechanism(
            catalog.entries[0], "sd-innovation", "innovation_district", ("calendar",)
        ),
        examples=used,
    )
    rule = RuleInput(
        "Teacher evaluation timelines and observation pacing", "state_rule", "", "SD"
    )
    found = {m.id: m for m in match_mechanisms(rule, "staffing", Catalog([innovation]))}
    assert found["sd-innovation"].usable
    assert "Pierre used it for “Waived teacher evaluation timelines”." in (
        found["sd-innovation"].reasons
    )
    # without the district's use nothing ties the law to this rule
    bare = dataclasses.replace(innovation, examples=())
    assert "sd-innovation" not in ids(
        match_mechanisms(rule, "staffing", Catalog([bare]))
    )
