"""Judgement a team can trust: law before words, the misfires that were seen, routes by
kind of contract, and figures on labelled sets the suggester was not tuned on."""

from __future__ import annotations

import pytest

from finder.audit.agreement import measure
from finder.audit.law_eval import evaluate_relevance, load_labelled, split_of
from finder.audit.matching import match_mechanisms
from finder.audit.model import AuditData
from finder.audit.suggester import RuleInput, suggest
from finder.catalog import read
from tests.conftest import DATA

ROOT = DATA.parent.parent


@pytest.fixture(scope="module")
def shipped():
    return read([ROOT / "flexibilities"])


def decision(catalog, text, level, citation="", state="TX"):
    return suggest(RuleInput(text, level, citation, state), catalog)


def test_a_district_testing_window_is_not_the_state_assessment(shipped):
    s = decision(
        shipped,
        "Examinations are offered only in four district testing windows",
        "local_policy",
        "Policy EHDB(LOCAL)",
    )
    assert s.decision != "essential_oversight"


def test_a_health_science_teacher_is_not_about_student_health(shipped):
    s = decision(
        shipped,
        "Our CTE welding and health-science teachers must hold a state teaching certificate",
        "state_statute",
    )
    assert s.decision != "essential_oversight"
    assert not any(
        "health" in r for r in s.reasons.get("health_safety", []) if "“" in r
    )


@pytest.mark.parametrize("citation", ["Tex. Educ. Code § 21.057", ""])
def test_a_list_that_says_never_decides_essential(shipped, citation):
    s = decision(
        shipped,
        "Parents must be notified when their child's teacher is not appropriately certified",
        "state_statute",
        citation,
    )
    assert s.decision == "essential_oversight"
    assert "can never" in " ".join(s.reasons["non_waivable"])


def test_the_law_names_what_a_mechanism_lifts(shipped):
    s = decision(
        shipped,
        "School may not start before the fourth Monday in August",
        "state_statute",
        "Tex. Educ. Code § 25.0811",
    )
    assert s.decision == "unnecessary_control"
    assert "Districts of Innovation" in " ".join(s.reasons["lifted_by_law"])


def ids(matches, usable=True):
    return [m.id for m in matches if m.usable is usable]


def test_routes_by_kind_of_local_rule(shipped):
    def top(text, level, area):
        return ids(match_mechanisms(RuleInput(text, level, "", "CO"), area, shipped))

    assert top("Board policy on bell times", "local_policy", "calendar")[0] == (
        "local-board-action"
    )
    bus = top(
        "Our bus vendor's routes are fixed until June",
        "vendor_contract",
        "transportation",
    )
    assert bus == ["local-vendor-amendment"]
    contract = top(
        "Teachers' contract caps the workday", "collective_bargaining", "staffing"
    )
    assert contract[0] == "local-negotiation"
    assert not any(i.startswith("us-") for i in contract)


def test_an_older_contract_level_reads_as_bargaining():
    data = AuditData.from_dict(
        {"title": "x", "rules": [{"text": "Workday caps", "source_level": "contract"}]}
    )
    assert data.rules[0].source_level == "collective_bargaining"


@pytest.mark.parametrize(
    ("text", "level", "area", "state", "never"),
    [
        (
            "School meals follow the federal meal pattern",
            "federal_law",
            "student_services",
            "TX",
            {"us-perkins-v-reserve", "us-title-i-schoolwide-consolidation"},
        ),
        (
            "A local policy requires 24 credits to graduate",
            "local_policy",
            "graduation",
            "CO",
            {"co-reduced-calendar-four-day-week"},
        ),
        (
            "Teachers' contract sets the length of the workday",
            "collective_bargaining",
            "staffing",
            "TX",
            {"us-esea-8401-waivers", "us-student-centered-funding-pilot"},
        ),
    ],
)
def test_mechanisms_that_do_not_fit_are_not_offered(
    shipped, text, level, area, state, never
):
    offered = set(
        ids(match_mechanisms(RuleInput(text, level, "", state), area, shipped))
    )
    assert not offered & never


def test_suggester_figures_on_the_untuned_test_part(shipped):
    rules = [
        r for r in load_labelled(DATA / "suggest_set") if split_of(r["text"]) == "test"
    ]
    assert len(load_labelled(DATA / "suggest_set")) >= 150
    result = measure(rules, shipped)
    # The targets are agreement >= 0.9 with needs-review <= 0.15; what this guards is
    # the figure reached without tuning on this part (see the closing note). One
    # cannot-waive overlap test shared with the matcher (finder.audit.words, chosen on
    # the development part: 82.7% -> 84.1% there) left 56 agreements here and decided
    # one more rule (84.8% -> 83.6%); reading a cannot-waive item against the rule's
    # words alone, not its citation's (as matching does; development part unchanged at
    # 69 of 82), left 55 of 66 here (83.3%). Reading the law behind a contract
    # (Indiana keeps evaluation, dismissal, class size and the calendar out of
    # teachers' contracts; a vendor's own terms with no protection in them are no
    # rule), "traditional" as a model rather than a habit and pupil accounting as a
    # counting method (development part 69 of 82 -> 80 of 85) gave 58 of 66 here
    # (87.9%), needs-review unchanged at 8.3%. Reading the law before word lists (a
    # waiver or innovation law whose own list of what it lifts names the rule's
    # subject; only those kinds' cannot-waive words make a rule essential), hyphens
    # read as the words they join and figures no longer thinning a list item's words
    # (development part 80 of 85 -> 84 of 87, needs-review 4.5% -> 2.2%) gave 59 of 66
    # here (89.4%), needs-review unchanged at 8.3%; measured twice (midway, end).
    # The catalog's verification pass then moved press-reported uses out of `allows`
    # (58 of 66 here, 83 of 87 there); reading what documented districts used a waiver
    # or innovation law for as evidence (as `examples` record it) gave 85 of 88 there
    # and 59 of 66 here again. A robustness pass on the development part (the same
    # rules reworded as teams type them: short forms, citations typed without periods,
    # a rule's words read for its own state's law only) and 36 new development rules
    # (a list word of three letters is a whole word, a notice to parents protects
    # transparency, a waiver law's own conditions are not lifted by it, North
    # Carolina's void union contracts) took the development part to 116 of 118 and
    # gave 60 of 66 here (90.9%), needs-review unchanged at 8.3%; this part was read
    # three times in that work (figures only: 59, 59, then 60 of 66), never its misses.
    # An outside review then found false positives in those word changes (a surname
    # read as the Perkins Act, "taxpayer" lost, any board policy saying "federal" kept
    # from local control, a cap's wording slipping past Tennessee's bar); fixing them
    # on their merits left 59 of 66 here (89.4%), not reverted for the figure. A
    # further 31 development rules (153 in all) and what they taught (a contract that
    # must be bid, a notice to the state) left it at 59 of 66 (read once after).
    # 76 development rules from nine states the set lacked (AL, CT, DC, DE, MD, NE,
    # NM, RI, WY) scored 59 of 71 before any change made for them (83.1%, needs-review
    # 6.6%); what they and the older development rules taught (a bargaining rule citing
    # only a statute is left for the team; another state's name for its rules is not
    # read as that state's law; a board policy carrying out a named federal law; word
    # forms) took them to 60 of 66 decided (90.9%, needs-review 13.2%) and gave 60 of
    # 65 here (92.3%, needs-review 9.7%), read once after that work (a guard run in
    # between showed only that the review share had passed 0.09). An outside review
    # then found false readings in that work (a contract's own "Section 7.4" read as
    # the state code, "disciplinary action" or "unexcused absences" read as student
    # safety, a statewide test's name in a homework rule read as accountability, a
    # policy of "Federal Way" schools read as federal law); fixing them on their
    # merits, with more names read only in their own state, left 58 of 64 here
    # (90.6%, needs-review 11.1%), not reverted for the figure.
    assert result.agreed >= 58
    assert result.agreement >= 0.90
    assert result.review_share <= 0.12


def test_relevance_figures_on_the_untuned_test_part(shipped):
    rules = [
        r
        for r in load_labelled(DATA / "relevance_set")
        if split_of(r["text"]) == "test"
    ]
    assert len(load_labelled(DATA / "relevance_set")) >= 80
    figures = evaluate_relevance(rules, shipped)
    # Reached once, after tuning on the development part only: a subject mechanism
    # of another named policy area is no longer offered on shared words, an
    # innovation law needs its area or two shared words, state names are no shared
    # subject, and Georgia's "title 20, chapter 2" scopes parse (70.1% -> 75.2%
    # precision, 90.4% -> 92.3% recall here). A second round, tuned on the
    # development part only (83.6% -> 92.1% precision, 97.7% -> 100% recall there):
    # subject mechanisms fit by what they allow, programs for a group of students only
    # rules about that group, a route for graduates no rule about someone without a
    # degree, a waiver by its kind only where its reach is shown, a typed citation
    # the parser cannot read is not assumed inside a named body, whole federal acts
    # contain their run of the U.S. Code, and a limit inside the granting section bars
    # the rule with its figure: 75.2% -> 81.7% precision and 98.1% -> 96.2% recall here
    # (one rule fewer with a right mechanism in its top 3). The same day's catalog
    # verification took press-reported uses out of entries' law fields: 80.8% here.
    assert figures.recall >= 0.96
    assert figures.precision >= 0.80
