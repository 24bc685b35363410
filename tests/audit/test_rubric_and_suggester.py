"""The rubric's decision rules and the suggester's answers, each with reasons."""

from __future__ import annotations

import dataclasses

import pytest

from finder.audit.lawfacts import allowed_phrases, used_phrases
from finder.audit.rubric import load_rubric
from finder.audit.suggester import RuleInput, classify, suggest
from finder.audit.words import spelled_out
from finder.catalog import Catalog
from finder.catalog.model import Example
from tests.audit.mechanisms import sd_mechanism


@pytest.fixture(scope="module")
def rubric():
    return load_rubric()


@pytest.mark.parametrize(
    ("answers", "decision"),
    [
        ({"binds": False}, "not_a_rule"),
        (
            {"binds": True, "non_waivable": True, "prescribes_how": True},
            "essential_oversight",
        ),
        (
            {"binds": None, "prescribes_how": True, "health_safety": False},
            "needs_review",
        ),
        (
            {"binds": True, "health_safety": True, "other_safeguard": False},
            "essential_oversight",
        ),
        (
            {
                "binds": True,
                "health_safety": True,
                "other_safeguard": True,
                "prescribes_how": True,
            },
            "unnecessary_control",
        ),
        (
            {"binds": True, "federal_required": True, "prescribes_how": False},
            "essential_oversight",
        ),
        (
            {
                "binds": True,
                "prescribes_how": True,
                "civil_rights": False,
                "health_safety": False,
                "special_populations": False,
                "fiscal_integrity": False,
                "accountability": False,
                "transparency": False,
            },
            "unnecessary_control",
        ),
        (
            {"binds": True, "prescribes_how": True},
            "needs_review",
        ),  # protected interests unknown
        ({}, "needs_review"),
    ],
)
def test_decision_rules(rubric, answers, decision):
    assert rubric.decide(answers)[0] == decision


def test_practice_is_not_a_rule():
    s = suggest(
        RuleInput("We have always required 180 seat-time days for credit", "practice")
    )
    assert s.decision == "not_a_rule"
    assert "practice or habit" in s.reasons["binds"][0]


def test_means_rule_is_unnecessary_control_with_reasons():
    s = suggest(
        RuleInput(
            "Uniform school start date",
            "state_statute",
            "Tex. Educ. Code § 25.0811",
            "TX",
        )
    )
    assert s.decision == "unnecessary_control"
    assert s.answers["prescribes_how"] is True
    assert "start date" in s.reasons["prescribes_how"][0]


def test_protected_interest_is_essential():
    s = suggest(
        RuleInput("Criminal history background checks for employees", "state_statute")
    )
    assert s.decision == "essential_oversight"
    assert s.answers["health_safety"] is True


def test_federal_citation_is_recognized():
    s = suggest(
        RuleInput(
            "Annual assessment in reading and math", "unknown", "20 U.S.C. § 6311"
        )
    )
    assert s.answers["federal_required"] is True


def test_unknown_without_citation_needs_review():
    s = suggest(RuleInput("Something about the lunch schedule", "unknown"))
    assert s.answers["binds"] is None
    assert s.decision == "needs_review"


def test_state_non_waivable_list_comes_from_the_catalog(catalog):
    s = suggest(
        RuleInput("Bilingual education programs", "state_statute", "", "TX"), catalog
    )
    assert s.answers["non_waivable"] is True
    assert "Districts of Innovation" in s.reasons["non_waivable"][0]
    assert s.decision == "essential_oversight"


def test_classify_shape():
    result = classify(RuleInput("Class size limits", "state_statute"))
    assert set(result) == {"suggestion", "reasons"}
    assert result["suggestion"] in {
        "essential_oversight",
        "unnecessary_control",
        "not_a_rule",
        "needs_review",
    }
    assert all(isinstance(r, str) and r for r in result["reasons"])


def test_clause_on_a_subject_the_state_keeps_out_of_bargaining_is_not_a_rule():
    clause = "Class sizes are capped by the teachers' contract"
    indiana = suggest(RuleInput(clause, "collective_bargaining", "", "IN"))
    assert indiana.decision == "not_a_rule"
    assert "Ind. Code" in indiana.reasons["binds"][0]
    assert "class size" in indiana.reasons["binds"][0]
    # the same clause where the state's law lets the contract settle it binds
    elsewhere = suggest(RuleInput(clause, "collective_bargaining", "", "MA"))
    assert elsewhere.answers["binds"] is True
    assert elsewhere.decision == "unnecessary_control"
    # and a subject Indiana still bargains (salary) binds there too
    pay = suggest(
        RuleInput(
            "The salary schedule in the contract", "collective_bargaining", "", "IN"
        )
    )
    assert pay.answers["binds"] is True


def test_a_vendor_contract_term_binds_only_when_it_carries_a_protection():
    routes = suggest(
        RuleInput("The bus contract fixes every route for the year", "vendor_contract")
    )
    assert routes.answers["binds"] is False
    assert routes.decision == "not_a_rule"
    assert "amendment" in routes.reasons["binds"][0]
    # the decision's own reason fits a contract term too: not "nobody requires it"
    assert "Nobody" not in routes.decision_reason
    assert "vendor" in routes.decision_reason
    privacy = suggest(
        RuleInput(
            "The vendor contract must keep student records confidential",
            "vendor_contract",
        )
    )
    assert privacy.answers["binds"] is True
    assert privacy.decision == "essential_oversight"


def test_traditional_names_a_model_not_a_habit():
    s = suggest(
        RuleInput(
            "Online students must meet traditional seat-time attendance",
            "state_rule",
        )
    )
    assert s.answers["binds"] is True


def test_pupil_accounting_is_a_counting_method_not_fiscal_integrity():
    s = suggest(
        RuleInput(
            "Online courses count only under the pupil accounting manual", "state_rule"
        )
    )
    assert s.answers["fiscal_integrity"] is False
    assert s.answers["prescribes_how"] is True
    # financial accounting still is
    books = suggest(RuleInput("Follow the state accounting manual", "state_rule"))
    assert books.answers["fiscal_integrity"] is True


def test_a_hyphenated_means_is_read_as_the_words_it_joins():
    s = suggest(
        RuleInput("Instructional-time minimums in the state bulletin", "state_rule")
    )
    assert s.answers["prescribes_how"] is True
    assert "instructional time" in s.reasons["prescribes_how"][0]


def _law(catalog, id, kind, allows=(), cannot_waive=()):
    """A South Dakota mechanism with only the law given here (built from a test entry)."""
    return sd_mechanism(
        catalog.entries[0], id, kind, allows=allows, cannot_waive=cannot_waive
    )


def test_a_waiver_law_that_lists_the_rule_among_what_it_lifts_decides(catalog):
    rule = RuleInput(
        "Teacher evaluation timelines and observation pacing set by the state",
        "state_rule",
        "",
        "SD",
    )
    granted = (
        "Waivers granted include average class size for CTE classes, teacher "
        "evaluation timelines, duty-free lunch and planning time",
    )
    waivers = _law(catalog, "sd-waivers", "waiver_authority", allows=granted)
    s = suggest(rule, Catalog([waivers]))
    assert s.decision == "unnecessary_control"
    assert "teacher evaluation timelines" in s.reasons["lifted_by_law"][0]
    # words alone ("teacher evaluation") read it as accountability
    assert suggest(rule, Catalog([])).decision == "essential_oversight"
    # a calendar option's list describes the option, not what a law has lifted
    option = _law(catalog, "sd-option", "calendar_time", allows=granted)
    assert suggest(rule, Catalog([option])).decision == "essential_oversight"
    # and a list that says never comes before it
    kept = _law(
        catalog,
        "sd-kept",
        "innovation_district",
        cannot_waive=["Teacher evaluation timelines and observation pacing"],
    )
    assert suggest(rule, Catalog([waivers, kept])).decision == "essential_oversight"


def test_what_documented_districts_used_a_waiver_law_for_is_evidence(catalog):
    rule = RuleInput(
        "Teacher evaluation timelines and observation pacing set by the state",
        "state_rule",
        "",
        "SD",
    )
    used = (
        Example(
            "Example School District",
            "Sought exemptions including the 330-minute day and teacher evaluation "
            "timelines",
            "https://doe.sd.gov/",
        ),
    )
    waivers = dataclasses.replace(
        _law(catalog, "sd-waivers", "waiver_authority"), examples=used
    )
    s = suggest(rule, Catalog([waivers]))
    assert s.decision == "unnecessary_control"
    assert s.reasons["lifted_by_law"] == [
        "“sd-waivers” can lift it: Example School District used it for “teacher "
        "evaluation timelines”."
    ]
    # an option's districts describe the option, not what a law has lifted
    option = dataclasses.replace(
        _law(catalog, "sd-option", "calendar_time"), examples=used
    )
    assert suggest(rule, Catalog([option])).decision == "essential_oversight"
    # what a district did with a mechanism never outweighs what its law keeps
    kept = dataclasses.replace(
        _law(
            catalog,
            "sd-kept",
            "waiver_authority",
            cannot_waive=["Teacher evaluation timelines and observation pacing"],
        ),
        examples=used,
    )
    assert suggest(rule, Catalog([kept])).decision == "essential_oversight"
    # a phrase about something else is no evidence
    other = dataclasses.replace(
        _law(catalog, "sd-other", "waiver_authority"),
        examples=(Example("Other District", "Used it for the 330-minute day", ""),),
    )
    assert "lifted_by_law" not in suggest(rule, Catalog([other])).answers


def test_used_phrases_cut_a_note_into_what_was_used(catalog):
    entry = dataclasses.replace(
        catalog.entries[0],
        examples=(
            Example(
                "Tupelo",
                "Planned to seek exemptions including the 330-minute day and the 95 "
                "percent endorsement requirement",
                "",
            ),
        ),
    )
    assert used_phrases(entry) == (
        ("Tupelo", "Planned to seek exemptions"),
        ("Tupelo", "the 330-minute day"),
        ("Tupelo", "the 95 percent endorsement requirement"),
    )


def test_word_evidence_never_outweighs_a_protection_of_students(catalog):
    rule = RuleInput(
        "Special education self-contained class sizes may not exceed 8 students "
        "with disabilities",
        "state_rule",
        "",
        "SD",
    )
    waivers = dataclasses.replace(
        _law(catalog, "sd-waivers", "waiver_authority", allows=["Class sizes"]),
        examples=(Example("Columbia", "Waived class sizes", "https://doe.sd.gov/"),),
    )
    s = suggest(rule, Catalog([waivers]))
    assert "lifted_by_law" not in s.answers
    assert s.decision == "essential_oversight"
    # the same list still decides a rule that protects nothing of the kind
    plain = RuleInput(
        "Class sizes for grade 9 may not exceed 30", "state_rule", "", "SD"
    )
    assert suggest(plain, Catalog([waivers])).decision == "unnecessary_control"


def test_used_phrases_keep_only_what_was_lifted(catalog):
    def used(note):
        entry = dataclasses.replace(
            catalog.entries[0], examples=(Example("D", note, ""),)
        )
        return [phrase for _, phrase in used_phrases(entry)]

    # an approval or a date is no use of the law
    assert used("Approved as an innovation research zone in March 2018") == []
    # what still binds is not what was lifted
    assert used(
        "Waived the class cap; uncertified teachers must certify in a year"
    ) == ["Waived the class cap"]
    # a cut never leaves a bracket unpaired
    assert used("Waived school days (for snow days, the start date)") == [
        "Waived school days for snow days",
        "the start date",
    ]


def test_what_an_option_cannot_lift_is_its_own_limit_not_an_essential_rule(catalog):
    rule = RuleInput(
        "Teacher contracts must require 187 days of service", "state_statute", "", "SD"
    )
    limit = ["Teachers on contracts must still give the minimum days of service"]
    option = _law(catalog, "sd-short-year", "calendar_time", cannot_waive=limit)
    assert suggest(rule, Catalog([option])).decision == "unnecessary_control"
    waivers = _law(catalog, "sd-waivers", "waiver_authority", cannot_waive=limit)
    assert suggest(rule, Catalog([waivers])).decision == "essential_oversight"


def test_what_a_waiver_says_still_binds_is_not_what_it_lifts(catalog):
    days = _law(
        catalog,
        "sd-days-waiver",
        "waiver_authority",
        allows=[
            "Fewer than 180 school days while still offering the minimum annual "
            "instructional hours",
            "Waivers of rules, but not of the essential knowledge and skills",
        ],
    )
    assert allowed_phrases(days) == (
        "Fewer than 180 school days while",
        "Waivers of rules",
    )
    for text in (
        "Schools must offer the minimum annual instructional hours",
        "Teach the essential knowledge and skills in every subject",
    ):
        s = suggest(RuleInput(text, "state_statute", "", "SD"), Catalog([days]))
        assert "lifted_by_law" not in s.answers, text
    fewer = suggest(
        RuleInput(
            "No school holds fewer than 180 school days", "state_statute", "", "SD"
        ),
        Catalog([days]),
    )
    assert fewer.answers["lifted_by_law"] is True


@pytest.mark.parametrize(
    ("text", "level", "question"),
    [
        (
            "Teachers must have a duty-free meal period",
            "state_statute",
            "health_safety",
        ),
        ("Report card grades must use the A-F scale", "local_policy", "accountability"),
    ],
)
def test_a_word_in_another_sense_protects_nothing(text, level, question):
    s = suggest(RuleInput(text, level, "Policy 1", "TX"))
    assert s.answers[question] is not True
    assert s.decision == "unnecessary_control"


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("School meals must meet the nutrition standards", "health_safety"),
        ("Publish each school's report card on the state site", "accountability"),
    ],
)
def test_the_same_word_in_its_own_sense_still_protects(text, question):
    s = suggest(RuleInput(text, "state_statute", "", "TX"))
    assert s.answers[question] is True


@pytest.mark.parametrize(
    ("short", "question"),
    [
        # the short forms a team types name the same protected interests
        ("SPED students keep their services", "special_populations"),
        ("ELs must be able to take part in instruction", "special_populations"),
        ("SROs must complete state training", "health_safety"),
        ("No guns on school grounds", "health_safety"),
        ("Vendors must let parents see and fix their kid's records", "civil_rights"),
        ("Teachers on a permit may not teach an EOC-tested course", "accountability"),
    ],
)
def test_short_forms_name_what_the_spelled_out_words_name(short, question):
    s = suggest(RuleInput(short, "state_statute", "", "TN"))
    assert s.answers[question] is True
    assert s.decision == "essential_oversight"


def test_short_forms_and_word_families_name_a_means():
    # "95%" is "95 percent"; "endorsed" is the word family of "endorsement"
    s = suggest(
        RuleInput("95% of teachers must be endorsed in their subjects", "state_rule")
    )
    assert s.answers["prescribes_how"] is True
    assert s.decision == "unnecessary_control"
    # capitals are read only as typed in capitals: "pe" is not physical education
    assert spelled_out("HS PE credits") == "high school physical education credits"
    assert spelled_out("a pe class") == "a pe class"
    assert spelled_out("ELA and EL") == "ELA and English learner"
    # a name in capitals is not a short form, a plural is not doubled, "HR" is not hours
    assert spelled_out("EL PASO ISD calendar") == "EL PASO ISD calendar"
    assert spelled_out("SWDs and ELLs") == (
        "students with disabilities and English language learners"
    )
    assert spelled_out("HR approves 2 hrs") == "HR approves 2 hours"
    # a rule pasted in capitals, and an acronym after a short form, keep the short form
    assert spelled_out("SPED STUDENTS GET PE") == (
        "special education STUDENTS GET physical education"
    )
    assert spelled_out("HS GPA of 2 HRS") == "high school GPA of 2 hours"
    s = suggest(
        RuleInput(
            "EL PASO ISD: school may not start before the fourth Monday in August",
            "state_statute",
            "Tex. Educ. Code § 25.0811",
            "TX",
        )
    )
    assert s.answers.get("special_populations") is not True


def test_a_bargaining_subject_is_read_in_its_word_family():
    clause = "Dismissing a teacher has to follow the contract's procedures"
    s = suggest(RuleInput(clause, "collective_bargaining", "", "IN"))
    assert s.decision == "not_a_rule"


def test_student_data_and_evaluations_of_teachers_are_read_as_their_interests():
    data = suggest(
        RuleInput(
            "Vendor has to keep student data secure and confidential",
            "vendor_contract",
        )
    )
    assert data.answers["civil_rights"] is True
    assert data.decision == "essential_oversight"
    reviews = suggest(
        RuleInput("Annual performance evaluations of teachers", "state_statute")
    )
    assert reviews.answers["accountability"] is True


@pytest.fixture(scope="module")
def shipped_catalog():
    from pathlib import Path

    from finder.catalog import read

    return read([Path(__file__).parents[2] / "flexibilities"])


def test_a_short_list_word_is_read_as_a_whole_word():
    """ "bus" (a means) is not in "business", nor "tax" in "taxonomy"."""
    from finder.audit.suggester import load_knowledge

    how = load_knowledge().prescribes_how
    assert how.find("Report within three business days", "") is None
    assert how.find("Bus routes must be approved by the board", "") == "bus"
    assert how.find("No busing across zone lines", "") == "busing"
    assert how.find("Students ride the buses home", "") == "buses"
    assert how.find("No bussing across zone lines", "") == "bussing"
    fiscal = load_knowledge().protects["fiscal_integrity"]
    for word in ("taxes", "taxable", "taxation", "taxpayers"):
        assert fiscal.find(f"Rules on {word} for the levy", "") == word
    assert fiscal.find("A taxonomy of learning goals", "") is None


def test_a_surname_or_the_word_federal_in_a_policy_is_no_federal_law():
    for text in (
        "Coach Perkins must approve every team schedule",
        "Flags are flown at half-staff on federal days of mourning",
    ):
        s = suggest(RuleInput(text, "local_policy", "Board Policy 8800", "MI"))
        assert s.decision == "unnecessary_control", text


def test_a_notice_to_parents_protects_transparency():
    s = suggest(
        RuleInput(
            "Tell parents when their child has been taught four or more weeks by a "
            "teacher who is not fully licensed",
            "federal_law",
            "20 U.S.C. § 6312(e)(1)(B)(ii)",
            "US",
        )
    )
    assert s.answers["transparency"] is True
    assert s.decision == "essential_oversight"


def test_a_condition_written_in_a_waiver_law_is_not_lifted_by_it(shipped_catalog):
    """Wisconsin's waiver law (§ 118.38) requires a public hearing before a board asks
    for a waiver: the hearing is the waiver's own condition. (Another Wisconsin entry
    names § 118.38 only to say the start date is excluded from it.)"""
    s = suggest(
        RuleInput(
            "The board must hold a public hearing before asking DPI for a waiver",
            "state_statute",
            "Wis. Stat. § 118.38(1)(b)",
            "WI",
        ),
        shipped_catalog,
    )
    assert s.answers.get("lifted_by_law") is not True
    assert s.decision == "essential_oversight"


def test_a_contract_clause_binds_nothing_where_state_law_voids_every_public_union_contract(
    shipped_catalog,
):
    s = suggest(
        RuleInput(
            "The teachers' association agreement limits extra duties to two a year",
            "collective_bargaining",
            "",
            "NC",
        ),
        shipped_catalog,
    )
    assert s.answers["binds"] is False
    assert "N.C. Gen. Stat. § 95-98" in s.reasons["binds"][0]
    assert "void" in s.reasons["binds"][0]
    assert s.decision == "not_a_rule"
    # elsewhere such a clause binds until the parties change it
    other = RuleInput(
        "The agreement limits extra duties", "collective_bargaining", "", "OH"
    )
    assert suggest(other, shipped_catalog).answers["binds"] is True


def test_a_board_policy_that_carries_out_a_federal_law_is_not_the_boards_to_drop():
    s = suggest(
        RuleInput(
            "Every district computer students use must have internet filtering software",
            "local_policy",
            "Board Policy 4520; Children's Internet Protection Act",
            "MI",
        )
    )
    assert s.answers["federal_required"] is True
    assert s.decision != "unnecessary_control"


@pytest.mark.parametrize(
    "citation",
    ["Federal Way Public Schools Policy 2410", "EHBA (LOCAL); Title IV, Part A"],
)
def test_a_policy_citation_that_only_sounds_federal_says_nothing_of_federal_law(
    citation,
):
    from finder.audit.suggester import load_knowledge

    federal = load_knowledge().federal
    if "Title IV" in citation:
        # "title i" is Title I, not the first letters of Title IV
        assert federal.find("", citation) is None
    s = suggest(
        RuleInput("Class rosters are final by August 1", "local_policy", citation)
    )
    assert s.decision != "essential_oversight"


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            "Bus contracts can run no more than five years and must be bid",
            "fiscal_integrity",
        ),
        ("Bids are opened in public", "fiscal_integrity"),
        ("Credit by a local test only after telling the state", "accountability"),
        ("Notify the state before a school closes", "accountability"),
        ("Report any employee's misconduct with a student", "health_safety"),
        ("Report sexual misconduct by an employee", "health_safety"),
        # a word's other forms say the same: "restrained", "secluded", "expelled"
        ("Tell parents within a day when a child is restrained", "health_safety"),
        ("Tell parents within a day when a student is secluded", "health_safety"),
        (
            "Staff may physically restrain a student only in an emergency",
            "health_safety",
        ),
        ("A student may be expelled only after a hearing", "health_safety"),
        ("A student who was bullied", "health_safety"),
        (
            "Refer a child to child welfare after ten unexcused absences",
            "health_safety",
        ),
        ("No student may be harassed for their religion", "civil_rights"),
    ],
)
def test_bidding_and_notices_to_the_state_are_safeguards(text, question):
    from finder.audit.suggester import load_knowledge

    assert load_knowledge().protects[question].find(text, "")


def test_a_square_footage_standard_is_a_means():
    s = suggest(
        RuleInput(
            "An addition to a school must build the media center to state "
            "square-footage standards",
            "state_rule",
            "",
            "GA",
        )
    )
    assert s.answers["prescribes_how"] is True
    assert s.decision == "unnecessary_control"


def test_another_states_name_for_its_rules_brings_no_mechanism_of_that_state(
    shipped_catalog,
):
    s = suggest(
        RuleInput(
            "Students may not spend more than the state maximum time in transit on "
            "the bus",
            "state_rule",
            "Tenn. State Board rule on maximum student time in transit",
            "TN",
        ),
        shipped_catalog,
    )
    assert s.answers["lifted_by_law"] is True
    reason = s.reasons["lifted_by_law"][0]
    assert "Commissioner Waivers" in reason
    assert "Ga." not in reason


@pytest.mark.parametrize(
    ("text", "citation", "state"),
    [
        (
            "The board has to bargain with the union over any topic the union puts "
            "on the table",
            "Md. Code, Educ. § 6-408(b)",
            "MD",
        ),
        (
            "The school calendar and daily bell schedule have to be bargained with "
            "the teachers union before we change them",
            "Conn. Gen. Stat. § 10-153d(b)",
            "CT",
        ),
    ],
)
def test_a_bargaining_rule_that_cites_only_a_statute_is_left_for_the_team(
    shipped_catalog, text, citation, state
):
    """Bargaining laws mostly limit what a contract may settle: a "contract" rule whose
    only citation is the statute may misread it, so it is not called a rule to lift."""
    s = suggest(
        RuleInput(text, "collective_bargaining", citation, state), shipped_catalog
    )
    assert s.answers["binds"] is None
    assert citation.split(" § ")[-1] in s.reasons["binds"][0]
    assert s.decision == "needs_review"
    # naming the agreement itself makes it the contract's own term again
    named = RuleInput(
        text, "collective_bargaining", f"{citation}; Master Agreement, Art. 9", state
    )
    assert suggest(named, shipped_catalog).decision == "unnecessary_control"


def test_a_reason_quotes_the_rules_own_word_not_the_lists_stem():
    s = suggest(RuleInput("No student may be harassed at school", "state_rule"))
    assert "“harassed”" in s.reasons["civil_rights"][0]
    immunized = suggest(RuleInput("Students must be immunized", "state_statute"))
    assert "“immunized”" in immunized.reasons["health_safety"][0]


@pytest.mark.parametrize(
    ("text", "level", "citation"),
    [
        # a word in another sense: these are no safeguard of students
        (
            "Teachers get written notice before any disciplinary action",
            "local_policy",
            "",
        ),
        ("All teachers embed disciplinary literacy strategies", "local_policy", ""),
        (
            "Students with more than 10 unexcused absences in a semester get no credit",
            "local_policy",
            "Board Policy JH",
        ),
        ("Academic misconduct on a test earns a zero", "local_policy", ""),
        (
            "Teachers accused of misconduct may bring a union representative",
            "local_policy",
            "",
        ),
        (
            "Make-up tests are taken in a secluded area of the library",
            "local_policy",
            "",
        ),
        (
            "Teachers shall not be restrained from taking personal leave",
            "local_policy",
            "",
        ),
        ("Teachers may not assign homework during STAAR week", "local_policy", ""),
        (
            "Students who score 85 on a Regents exam skip the course final",
            "local_policy",
            "",
        ),
    ],
)
def test_words_in_another_sense_are_not_safeguards(text, level, citation):
    s = suggest(RuleInput(text, level, citation, "TX"))
    assert not [q for q in ("health_safety", "accountability") if s.answers.get(q)]
    assert s.decision == "unnecessary_control"


@pytest.mark.parametrize(
    ("text", "citation", "state"),
    [
        ("Teachers have a 45-minute planning period each day", "Section 7.4", "TX"),
        ("Teachers have a 45-minute planning period each day", "12.3", "MN"),
        ("Teachers have a 45-minute planning period", "Employee Handbook § 4.2", "WI"),
        (
            "Coverage pay follows the contract",
            "UTLA-LAUSD Side Letter, Ed Code 41376",
            "CA",
        ),
        (
            "The master agreement caps class size at 28, as Md. Code, Educ. § 6-408 allows",
            "",
            "MD",
        ),
    ],
)
def test_a_bargaining_rule_naming_its_agreement_or_its_own_section_binds(
    shipped_catalog, text, citation, state
):
    s = suggest(
        RuleInput(text, "collective_bargaining", citation, state), shipped_catalog
    )
    assert s.answers["binds"] is True
