"""The public view of a case holds what the owner chose and nothing else."""

from __future__ import annotations

import json

from finder.audit.model import AuditData, AuditRule, Metric
from finder.learning import CHOICES, Case, Choices, build_case
from finder.learning.cases import naming_people, unpublishable


def audit() -> AuditData:
    return AuditData(
        "Four-day week",
        "CO",
        district="Peak SD",
        innovation="A fifth-day lab.",
        rules=[
            AuditRule(
                "Calendar days",
                "state_statute",
                "C.R.S. 22-32-109",
                "calendar",
                raised_by="Pat Private",
                decision="unnecessary_control",
                mechanisms=["co-innovation-schools-act"],
                rationale="Why it goes.",
                replacement_plan="How its intent stays.",
                affected="312 students at Peak Middle",
            ),
            AuditRule("Undecided rule", "local_policy"),
            AuditRule("A habit", "practice", decision="not_a_rule"),
            AuditRule("IEP services", "federal_law", decision="essential_oversight"),
        ],
        metrics=[Metric("engagement", "Attendance", "91%", "95%", owner="Pat Private")],
    )


def test_nothing_chosen_publishes_only_the_state():
    case = build_case(audit(), Choices(), "Peak SD")
    assert case == Case(state="CO", named=False)
    assert not Choices().anything


def test_each_choice_adds_only_its_field():
    full = build_case(audit(), Choices.from_names(CHOICES), "Peak SD")
    assert full.named
    assert full.district == "Peak SD"
    assert full.title == "Four-day week"
    assert full.description == "A fifth-day lab."
    assert [r.text for r in full.rules] == ["Calendar days", "IEP services"]
    lifted = full.rules[0]
    assert lifted.mechanisms == ("co-innovation-schools-act",)
    assert (lifted.rationale, lifted.replacement_plan) == (
        "Why it goes.",
        "How its intent stays.",
    )
    assert full.rules[1].mechanisms == ()
    assert full.mechanisms == ("co-innovation-schools-act",)
    assert [(m.metric, m.target) for m in full.metrics] == [("Attendance", "95%")]
    stored = json.dumps(full.to_dict())
    assert "Pat Private" not in stored  # a rule's raiser, a metric's owner
    assert "312 students" not in stored  # never a publishable field
    assert Case.from_dict(json.loads(stored)) == full

    rules_only = build_case(audit(), Choices(rules=True), "Peak SD")
    assert rules_only.rules[0].mechanisms == ()
    assert rules_only.rules[0].rationale == ""
    assert rules_only.title == rules_only.district == rules_only.description == ""
    assert rules_only.mechanisms == ()
    assert rules_only.metrics == ()
    mechanisms_only = build_case(audit(), Choices(mechanisms=True), "Peak SD")
    assert mechanisms_only.rules == ()
    assert mechanisms_only.mechanisms == ("co-innovation-schools-act",)


def test_an_anonymous_case_has_no_district_and_a_plain_heading():
    case = build_case(audit(), Choices(title=True), "Peak SD")
    assert case.district == ""
    assert not case.named
    assert case.heading("Colorado") == "A district (Colorado): Four-day week"
    # named without a district name to show: anonymous
    assert not build_case(audit(), Choices(named=True), "  ").named
    named = build_case(audit(), Choices(named=True), "Peak SD")
    assert named.heading("Colorado") == "Peak SD (Colorado): a published audit"


def test_choices_round_trip_through_names():
    choices = Choices(title=True, named=True)
    assert choices.names() == ["title", "named"]
    assert Choices.from_names([*choices.names(), "bogus"]) == choices
    assert set(CHOICES) == {f for f in Choices.__dataclass_fields__}


def test_what_stops_publishing():
    assert (
        unpublishable(AuditData("x")) == "Choose the audit's state in the set-up first."
    )
    assert unpublishable(AuditData("x", "TX")) == "Decide at least one rule first."
    data = audit()
    assert unpublishable(data).startswith(
        "Finish the audit first: 1 of the audit's 4 rules is still open"
    )
    data.rules[1].decision = "needs_review"
    assert "1 of the audit's 4 rules is still open" in unpublishable(data)
    data.rules[1].decision = "essential_oversight"
    data.rules[0].decision = ""
    data.rules[2].decision = ""
    assert "2 of the audit's 4 rules are still open" in unpublishable(data)
    data.rules[0].decision = "unnecessary_control"
    data.rules[2].decision = "not_a_rule"
    assert unpublishable(data) == ""


def test_no_public_text_names_a_team_member_or_holds_an_e_mail_address():
    data = audit()
    data.rules[0].rationale = "Ask Pat  Private (see P.Private@peak.example) for data."
    data.metrics[0].data_source = "Attendance sheets from the grants office"
    case = build_case(data, Choices(rules=True, rationales=True, metrics=True), "")
    found = naming_people(case, ["Pat Private", "pat@peak.example", "Grant", "Al"])
    assert found == [
        "Rule 1's rationale holds an e-mail address",
        "Rule 1's rationale names a team member (“Pat Private”)",
    ]
    data.metrics[0].data_source = "Attendance sheets kept by Grant"
    case = build_case(data, Choices(metrics=True, named=True), "Peak SD")
    assert naming_people(case, ["Grant"]) == ["Metric 1 names a team member (“Grant”)"]
    assert naming_people(case, ["Al", "Gran"]) == []  # short, or not a whole word
    assert naming_people(build_case(data, Choices(), "Peak SD"), ["Grant"]) == []


def test_a_member_is_found_however_the_name_or_address_is_written():
    def found(text, people=("Ana Díaz", "ana.diaz@example.org")):
        data = AuditData(
            "t",
            "TX",
            rules=[AuditRule("A rule", "local_policy", decision="essential_oversight")],
        )
        data.rules[0].rationale = text
        case = build_case(data, Choices(rules=True, rationales=True), "")
        return naming_people(case, list(people))

    named = ["Rule 1's rationale names a team member (“Ana Díaz”)"]
    for text in (
        "Ask Ana Diaz",  # accent left off
        "DIAZ, ANA signed it",  # surname first, capitals
        "A. Díaz wrote it",  # initial
        "Ms. Diaz agreed",  # title
        "Ana Dıaz",  # dotless i
        "\u0410na Diaz",  # a Cyrillic capital A
    ):
        assert found(text) == named, text
    spelled = ["Rule 1's rationale holds an e-mail address"]
    assert found("write to ana at example dot org") == spelled
    assert found("write to ana.diaz (at) example (dot) org")[0] == spelled[0]
    assert found("write to ana{at}example{dot}org")[0] == spelled[0]
    assert found("write to ana\uff20example.org")[0] == spelled[0]  # a full-width @
    for text, person in (
        ("Ana Lopez agreed", "Ana Maria Lopez"),  # a middle name left out
        ("Ms. O'Brien agreed", "Ann O'Brien"),
        ("Ana López agreed", "Ana López-García"),
        ("Coach Lopez agreed", "Ana Lopez"),
    ):
        assert found(text, [person]), text
    # ordinary words are not names, nor ordinary prose an address
    for text, person in (
        ("A timely review", "Tim Ely"),
        ("Students will mark attendance", "Will"),
        ("Diazepam is not kept at school", "Ana Díaz"),
        ("Show a hall pass", "Alex Hall"),
        ("mark page numbers", "Mark Page"),
        ("the principal grant program", "Ann Grant"),
        ("Meet at school. Org charts are posted.", "Ana Díaz"),
    ):
        assert found(text, [person]) == [], text
