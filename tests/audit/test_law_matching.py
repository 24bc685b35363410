"""Matching keeps the law: cannot-waive lists, scope by jurisdiction and body of law."""

from __future__ import annotations

import pytest

from finder.audit.law_eval import evaluate, load_labelled, split_of
from finder.audit.lawfacts import federal_only
from finder.audit.matching import match_mechanisms
from finder.audit.suggester import RuleInput, suggest
from finder.catalog import read
from finder.law.scope import covers, rule_law, scope_of
from tests.conftest import DATA

ROOT = DATA.parent.parent
LABELLED = DATA / "law_match"


@pytest.fixture(scope="module")
def shipped():
    return read([ROOT / "flexibilities"])


def matches_for(catalog, text, citation, area, state="TX", level="state_statute"):
    return match_mechanisms(RuleInput(text, level, citation, state), area, catalog)


# Rules a Texas team would list that 19 TAC § 102.1309 / Tex. Educ. Code § 12A.004 put
# beyond a local innovation plan.
TEXAS_NON_EXEMPTIBLE = [
    ("Give the state assessments (STAAR)", "Tex. Educ. Code § 39.023", "assessment"),
    ("Teach the TEKS in every required course", "TEC § 28.002", "curriculum"),
    ("Students meet state graduation requirements", "§ 28.025", "graduation"),
    ("Follow the school finance rules", "Tex. Educ. Code ch. 48", "finance"),
    ("Each campus has a behavior coordinator", "TEC 37.0012", "student_services"),
    ("Admit students who reside in the district", "TEC § 25.001", "other"),
    ("Student transportation rules", "Tex. Educ. Code ch. 34", "transportation"),
    ("Purchasing procedures", "Tex. Educ. Code § 44.032", "finance"),
    ("Criminal history record checks of employees", "TEC §22.083", "staffing"),
    (
        "Bilingual education programs",
        "Tex. Educ. Code ch. 29, subch. B",
        "curriculum",
    ),
    ("Home-rule school district charters", "Tex. Educ. Code ch. 13", "governance"),
    ("The rules for districts of innovation", "Tex. Educ. Code ch. 12A", "governance"),
]


@pytest.mark.parametrize(("text", "citation", "area"), TEXAS_NON_EXEMPTIBLE)
def test_districts_of_innovation_is_never_usable_for_what_its_law_excludes(
    shipped, text, citation, area
):
    matches = matches_for(shipped, text, citation, area)
    doi = next((m for m in matches if m.id == "tx-districts-of-innovation"), None)
    assert doi is not None, "the barred mechanism is shown, as cannot be used"
    assert doi.usable is False
    assert doi.law.startswith("Tex. Educ. Code")
    assert "Cannot be used" in doi.reasons[-1]
    assert doi.law in doi.reasons[-1]


def test_commissioner_waivers_cannot_lift_the_state_assessment(shipped):
    matches = matches_for(shipped, *TEXAS_NON_EXEMPTIBLE[0])
    waiver = next(m for m in matches if m.id == "tx-commissioner-waivers")
    assert waiver.usable is False
    assert waiver.law == "Tex. Educ. Code ch. 39"


@pytest.mark.parametrize(
    ("text", "citation", "area"),
    [
        (
            "School may not start before the fourth Monday in August",
            "TEC 25.0811",
            "calendar",
        ),
        ("K-4 classes are capped at 22 students", "TEC § 25.112", "class_size"),
    ],
)
def test_what_a_plan_may_exempt_is_offered_as_usable(shipped, text, citation, area):
    usable = [m.id for m in matches_for(shipped, text, citation, area) if m.usable]
    assert "tx-districts-of-innovation" in usable[:3]


@pytest.mark.parametrize(
    ("text", "citation", "state", "level"),
    [
        ("Teachers hold a Colorado license", "C.R.S. 22-63-201", "CO", "state_statute"),
        ("Principal licensure", "C.R.S. 22-32-126", "CO", "unknown"),
        ("Teachers must be certified", "Tex. Educ. Code § 21.003", "TX", "unknown"),
        ("Start date rule", "", "TX", "unknown"),
    ],
)
def test_federal_only_mechanisms_are_never_usable_for_state_law(
    shipped, text, citation, state, level
):
    for m in matches_for(shipped, text, citation, "staffing", state, level):
        scope = m.mechanism.waives if hasattr(m.mechanism, "waives") else None
        federal_only = m.mechanism.state == "US" or (
            scope is not None
            and set(scope) <= {"federal_statute", "federal_regulation"}
        )
        if federal_only:
            assert m.usable is False, m.id


def test_state_mechanisms_are_never_usable_for_federal_law(shipped):
    matches = matches_for(
        shipped,
        "Annual statewide tests in grades 3-8",
        "ESEA § 1111(b)(2)",
        "assessment",
        "TX",
        "federal_law",
    )
    assert matches
    assert all(m.mechanism.state == "US" for m in matches if m.usable)


def test_the_level_is_read_from_the_citation_when_unknown(shipped):
    matches = matches_for(
        shipped,
        "Criminal History Record Check",
        "TEC §22.083",
        "staffing",
        level="unknown",
    )
    assert not any(m.usable and m.mechanism.state == "US" for m in matches)


def test_labelled_set_is_large_and_sourced():
    rules = load_labelled(LABELLED)
    others = [r for r in rules if r["state"] != "TX"]
    assert len(others) >= 60
    assert len({r["state"] for r in others}) >= 7  # at least 6 states and federal law
    assert all(str(r.get("source", "")).startswith("http") for r in rules)


def test_every_labelled_id_is_in_the_catalog(shipped):
    for rule in load_labelled(LABELLED):
        for entry_id in [*(rule.get("can") or []), *(rule.get("cannot") or [])]:
            assert shipped.get(entry_id) is not None, entry_id


@pytest.mark.parametrize("part", ["test", "all"])
def test_no_barred_mechanism_is_offered_and_the_right_one_is_found(shipped, part):
    rules = load_labelled(LABELLED)
    if part == "test":
        rules = [r for r in rules if split_of(r["text"]) == "test"]
    figures = evaluate(rules, shipped)
    assert figures.negatives >= 30
    assert figures.offered_unusable == 0, figures.violations
    assert figures.recall >= 0.9, figures.misses


def test_templates_cite_each_rule_s_own_law(shipped):
    from finder.audit.templates import citation_problems, load_templates

    templates = load_templates(known_entries=set(shipped.by_id))
    assert citation_problems(templates, shipped) == []


def test_a_template_citing_the_mechanism_s_statute_is_refused(shipped, tmp_path):
    from finder.audit.templates import citation_problems, load_templates

    (tmp_path / "t.yaml").write_text(
        "id: t\ntitle: T\nsummary: S\nsources: [{url: 'https://x.gov/', title: S, accessed: 2026-11-01}]\nrules:\n"
        "  - text: Teachers hold a standard certificate\n"
        "    source_level: state_statute\n    policy_area: staffing\n"
        "    by_state:\n"
        '      TX: {citation: "Tex. Educ. Code § 21.055", source: "https://x.gov/", '
        "entry: tx-district-teaching-permits-cte}\n"
    )
    [problem] = citation_problems(load_templates(tmp_path), shipped)
    assert "is the law of the mechanism tx-district-teaching-permits-cte" in problem


def test_a_template_citation_needs_its_source(shipped, tmp_path):
    from finder.audit.templates import citation_problems, load_templates

    (tmp_path / "t.yaml").write_text(
        "id: t\ntitle: T\nsummary: S\nsources: [{url: 'https://x.gov/', title: S, accessed: 2026-11-01}]\nrules:\n"
        "  - text: Uniform start date\n"
        "    source_level: state_statute\n    policy_area: calendar\n"
        "    by_state:\n"
        '      TX: {citation: "Tex. Educ. Code § 25.0811"}\n'
    )
    [problem] = citation_problems(load_templates(tmp_path), shipped)
    assert "needs the `source` it was read on" in problem


def test_a_federal_item_does_not_bar_a_state_certification_statute(shipped):
    """Seen as a new user: "Teacher certification (Tex. Educ. Code § 21.003)" got
    Districts of Innovation as "cannot be used" from the words of its federal-law item."""
    matches = matches_for(
        shipped, "Teacher certification", "Tex. Educ. Code § 21.003", "staffing"
    )
    doi = next(m for m in matches if m.id == "tx-districts-of-innovation")
    assert doi.usable is True


def test_chosen_mechanisms_that_cannot_lift_a_rule_are_left_to_do(shipped):
    from finder.audit.model import AuditData, AuditRule
    from finder.audit.rubric import load_rubric
    from finder.audit.wizard import progress

    data = AuditData("x", "TX")
    rule = AuditRule(
        "State graduation requirements",
        "state_statute",
        "Tex. Educ. Code § 28.025",
        "graduation",
        decision="unnecessary_control",
        mechanisms=["tx-districts-of-innovation", "no-such-mechanism"],
    )
    rule.binds = True
    data.rules.append(rule)
    [(_, left)] = progress(data, load_rubric(), shipped).open_questions
    assert any("cannot be used for it" in item for item in left)
    assert any("“no-such-mechanism” is not a mechanism" in item for item in left)


def test_limits_written_inside_the_granting_section_bar_by_words_not_by_citation(
    shipped,
):
    """Idaho's hours-based calendar is itself Idaho Code § 33-512, and its cannot-waive
    items (the minimum hours) cite that section: a rule made under the same section
    that the option lifts (five days a week) is not barred by the shared citation,
    while a rule asking to go below the minimum hours is still barred, by its words."""
    from finder.audit.lawfacts import inside_own_law
    from finder.audit.matching import mechanism_verdict

    entry = shipped.get("id-instructional-hours-four-day-week")
    assert len(inside_own_law(entry)) == len(entry.cannot_waive)
    days = RuleInput(
        "School must be held five days a week",
        "state_statute",
        "Idaho Code § 33-512",
        "ID",
    )
    usable, why = mechanism_verdict(days, entry)
    assert usable, why
    hours = RuleInput(
        "High school students need 990 minimum annual instructional hours",
        "state_statute",
        "Idaho Code § 33-512",
        "ID",
    )
    usable, why = mechanism_verdict(hours, entry)
    assert not usable
    assert "instructional hours" in why
    # a posting duty in a neighbouring section the waiver law cites still bars by citation
    board = shipped.get("co-state-board-waivers")
    assert not inside_own_law(board) & {
        i.text for i in board.cannot_waive if "post" in i.text
    }


def test_a_citation_that_cannot_be_read_is_not_assumed_inside_a_named_body():
    """A mechanism that lifts only one body of rules is not shown to reach a rule the
    team placed elsewhere, in words the parser cannot read; with no citation typed,
    its reach is still assumed (and the team is asked where the rule is written)."""
    scope = scope_of("VT", ("Vt. State Bd. of Educ. Rule 2000",))
    inside = rule_law("Follow the EQS", "Vt. State Bd. of Educ. Rule 2000", "", "VT")
    assert covers(scope, inside)[0]
    elsewhere = rule_law(
        "Only licensed educators may teach",
        "Standards Board for Professional Educators Rule Series 5100",
        "state_rule",
        "VT",
    )
    usable, why = covers(scope, elsewhere)
    assert not usable
    assert "Rule Series 5100" in why
    typed_nothing = rule_law(
        "Only licensed educators may teach", "", "state_rule", "VT"
    )
    assert covers(scope, typed_nothing)[0]


@pytest.mark.parametrize(
    ("citation", "state", "label"),
    [
        # a compact citation that names its own body is read as written
        ("8VAC20-132", "VA", "8 VAC 20-132"),
        ("20USC6311", "", "20 U.S.C. § 6311"),
        # a bare number is a section of the state's home code
        ("25.0811", "TX", "Tex. Educ. Code § 25.0811"),
        ("22-32-109", "CO", "C.R.S. 22-32-109"),
    ],
)
def test_a_typed_citation_is_read_as_written_before_as_a_bare_section(
    citation, state, label
):
    law = rule_law("A rule", citation, "state_rule", state)
    assert [c.label for c in law.citations] == [label]


# Tenn. Code Ann. § 49-1-104(a) sets average and maximum class sizes and bars waivers
# of the maximum sizes only; the Commissioner's waiver list names "Maximum class sizes".
# However a team words a cap, it stays barred (cited or not); only a rule about the
# averages alone is outside the bar, and the suggester reads it as matching does.
CAPS = [
    "Maximum class sizes set in T.C.A. § 49-1-104",
    "No class shall exceed 35 students in grades 7-12",
    "Class size cap of 25 in grades K-3",
    "No more than 25 students per class in grades 4-6",
    "Max class size is 25 students",
    "Class sizes may not exceed 30 students",
    "No class may exceed 25 pupils",
    "Classes capped at 25",
    "Individual class size ceiling of 25",
    "Average class size must not exceed 20; maximum 25",
    "The average class size for grades K-3 shall be 20, and no more than 25 "
    "students in a single class.",
    "A class may have at most 25 students",
    "The largest class may have 25",
    "Class size may not go above 25; district average 20",
    "Class sizes in grades K-3 shall not exceed 25 students.",
    # an average written in a cap's words stays barred: the safe side
    "Grade 4-6 classes may average no more than 25 pupils",
]
AVERAGES = [
    "CTE classes must stay within the state average class-size limit",
    "Average class size of 20",
]


@pytest.mark.parametrize("citation", ["T.C.A. § 49-1-104", ""])
@pytest.mark.parametrize(
    ("text", "usable"), [(t, False) for t in CAPS] + [(t, True) for t in AVERAGES]
)
def test_a_bar_on_part_of_a_section_reaches_only_rules_on_that_part(
    shipped, text, usable, citation
):
    matches = matches_for(shipped, text, citation, "class_size", state="TN")
    waiver = next(m for m in matches if m.id == "tn-commissioner-waivers")
    assert waiver.usable is usable
    decision = suggest(RuleInput(text, "state_statute", citation, "TN"), shipped)
    if usable:
        assert decision.decision != "essential_oversight"
    else:
        assert "Cannot be used" in waiver.reasons[-1] or citation == ""
        assert decision.decision == "essential_oversight"


def test_the_part_words_are_read_as_whole_words_with_their_endings():
    law = rule_law("Maximum class sizes", "T.C.A. § 49-1-104", "state_statute", "TN")
    assert law.says(("maximum",))
    assert law.says(("MAXIMUMS",)) is False  # longer than the rule's word
    assert not law.says(("max",))  # not a word of it
    assert rule_law("Classes capped at 25", "", "", "TN").says(("cap",))
    assert not rule_law("Room capacity of 30", "", "", "TN").says(("cap",))
    assert not rule_law("Classes average 20", "", "", "TN").says(("maximum",))
    assert not rule_law("Preximum classes", "", "", "TN").says(("maximum",))
    assert not law.says(("", "  "))


@pytest.mark.parametrize(
    ("text", "citation"),
    [
        ("Maximum bus ride time for students is 60 minutes.", ""),
        ("Maximum bus ride time for students is 60 minutes.", "T.C.A. § 49-6-2101"),
        ("Each class period in high school must be at least 50 minutes.", ""),
        ("Lab fees are no more than $20 per class.", "T.C.A. § 49-2-110"),
    ],
)
def test_a_part_bar_leaves_other_subjects_and_other_sections_alone(
    shipped, text, citation
):
    matches = matches_for(shipped, text, citation, "other", state="TN")
    waiver = next(m for m in matches if m.id == "tn-commissioner-waivers")
    assert waiver.usable is True
    decision = suggest(RuleInput(text, "state_statute", citation, "TN"), shipped)
    assert decision.decision != "essential_oversight"


def test_teacher_licensure_is_on_tennessees_cannot_waive_list(shipped):
    matches = matches_for(
        shipped,
        "Teachers must hold a valid Tennessee educator license",
        "T.C.A. § 49-5-108",
        "staffing",
        state="TN",
    )
    waiver = next(m for m in matches if m.id == "tn-commissioner-waivers")
    assert waiver.usable is False


def test_a_rules_words_are_not_read_as_another_states_law(shipped):
    """With no citation typed, the rule's words name its law only when that law is of
    the rule's own state or federal: "federal education law" in a West Virginia rule is
    not New York's Education Law, and no New York mechanism is offered for it."""
    text = "State rules that implement federal education law"
    law = rule_law(text, "", "state_statute", "WV")
    assert law.jurisdiction == "WV"
    assert not law.citations
    suggestion = suggest(RuleInput(text, "state_statute", "", "WV"), shipped)
    assert not any("N.Y." in r for r in suggestion.all_reasons())
    # the state's own law named in the words is still read
    own = rule_law("Follow W. Va. Code § 18-5B-4", "", "state_statute", "WV")
    assert [c.label for c in own.citations] == ["W. Va. Code § 18-5B-4"]


def test_a_list_item_naming_federal_and_state_law_bars_a_state_rule(shipped):
    """Tennessee's waiver law can never waive "Federal and state student assessment and
    accountability": the item names state law too, so its words bar the state's own
    testing rule (an item about federal law alone bars only federal rules)."""
    rule = RuleInput(
        "Administer the state's student assessments and participate in the "
        "accountability system",
        "state_statute",
        "",
        "TN",
    )
    offered = {m.id for m in match_mechanisms(rule, "", shipped) if m.usable}
    assert "tn-commissioner-waivers" not in offered
    assert federal_only("Requirements of federal law, such as special education")
    assert not federal_only("Federal, state and local health and safety")
    assert not federal_only("State, federal and local laws prohibiting discrimination")


def test_a_mechanism_its_own_list_bars_by_words_does_not_lift_the_rule(shipped):
    """A rule cited to the whole section that holds a waiver power (§ 49-1-201, whose
    subsection (d) is Tennessee's waiver law) is not lifted by that power when the
    power's cannot-waive list names the rule's subject in words: the suggester and the
    matcher read the list alike."""
    rule = RuleInput(
        "Administer the state's student assessments and participate in the "
        "accountability system",
        "state_statute",
        "TCA 49-1-201",
        "TN",
    )
    s = suggest(rule, shipped)
    assert s.answers.get("lifted_by_law") is not True
    assert s.decision == "essential_oversight"
    offered = {m.id for m in match_mechanisms(rule, "", shipped) if m.usable}
    assert "tn-commissioner-waivers" not in offered


def test_an_exception_inside_the_rules_own_section_still_lifts_it(shipped):
    """Texas's class-size exception (§ 25.112(d)) cites § 25.112 too: a rule cited to
    § 25.112 is not a condition of it but what it lifts (for a district that is not a
    District of Innovation as well)."""
    from finder.audit.lawfacts import lifted_by_law
    from finder.catalog import Catalog

    others = Catalog(
        [e for e in shipped.entries if e.id != "tx-districts-of-innovation"]
    )
    law = rule_law(
        "K-4 classes are capped at 22 students", "Tex. Educ. Code § 25.112", "", "TX"
    )
    entry, why = lifted_by_law(law, "Tex. Educ. Code § 25.112", others)
    assert entry.id == "tx-class-size-exception"
    assert "exception within" in why


def test_a_rule_citing_another_states_law_gets_no_mechanism_of_that_state(
    shipped,
):
    """A Tennessee team's rule that cites Georgia's rules cannot use Georgia's waivers
    (they are not the district's), nor can Tennessee's reach Georgia law."""
    rule = RuleInput(
        "Each student must earn credit by seat time",
        "state_rule",
        "Ga. Comp. R. & Regs. 160-5-1-.15",
        "TN",
    )
    matches = match_mechanisms(rule, "seat_time", shipped)
    states = {getattr(m.mechanism, "state", "") for m in matches}
    assert "GA" not in states
    assert not [m.id for m in matches if m.usable and m.id.startswith("tn-")]
    assert suggest(rule, shipped).answers.get("lifted_by_law") is None
    # the same rule in a Georgia audit is Georgia's to lift
    home = RuleInput(rule.text, rule.source_level, rule.citation, "GA")
    assert [m for m in match_mechanisms(home, "seat_time", shipped) if m.usable]


@pytest.mark.parametrize("citation", ["92 NAC 10-003.04", "92 NAC"])
def test_a_whole_title_does_not_make_every_exception_in_it_the_rules(shipped, citation):
    """Nebraska's teaching permit (92 NAC ch. 21) lies in title 92, as does the
    multicultural-education rule (ch. 10): that is no sign the permit lifts it."""
    rule = RuleInput(
        "Multicultural education must be built into the curriculum in every grade",
        "state_rule",
        citation,
        "NE",
    )
    assert suggest(rule, shipped).answers.get("lifted_by_law") is None


@pytest.mark.parametrize(
    ("text", "citation", "state"),
    [
        ("Schools must provide 160 days", "C.R.S. title 22", "CO"),
        ("Schools must provide 75,600 minutes", "Tex. Educ. Code ch. 25", "TX"),
    ],
)
def test_an_exception_somewhere_in_a_title_or_chapter_does_not_lift_the_rule(
    shipped, text, citation, state
):
    """Colorado's adjunct instructor authorization (§ 22-60.5-111) lies in title 22, and
    Texas's class-size exception (§ 25.112) in chapter 25: neither lifts a calendar rule
    cited only by its title or chapter."""
    s = suggest(RuleInput(text, "state_statute", citation, state), shipped)
    reason = " ".join(s.reasons.get("lifted_by_law", []))
    assert "is an exception within" not in reason


def test_another_states_cannot_waive_list_says_nothing_to_this_team(shipped):
    rule = RuleInput(
        "Charter systems must keep their governance councils",
        "state_statute",
        "O.C.G.A. § 20-2-2065",
        "TN",
    )
    assert suggest(rule, shipped).answers.get("non_waivable") is None
