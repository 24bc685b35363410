"""The review table: suggestions, reasons and mechanisms for every rule; several
suggestions confirmed at once, each recorded in the history with who and when."""

from __future__ import annotations

import dataclasses

import yaml

from finder.audit.decisions import confirm_suggestions, review_rows
from finder.audit.model import AuditData, AuditRule
from finder.catalog import Catalog
from finder.catalog.model import Example
from tests.audit.mechanisms import sd_mechanism
from tests.web.test_audits import audit, soup  # noqa: F401  (fixture)


def test_confirm_suggestions_records_only_clear_undecided_ones(catalog):
    data = AuditData("x", "TX")
    clear = AuditRule("Board policy on bell times", "local_policy")
    unclear = AuditRule("We have always done it", "unknown")
    decided = AuditRule("Special education evaluations", "federal_law")
    decided.decision = "essential_oversight"
    data.rules += [clear, unclear, decided]
    rows = {r["rule"].uid: r for r in review_rows(data, catalog)}
    assert rows[decided.uid]["status"] == "decided"
    assert rows[clear.uid]["status"] == "suggested"
    events, skipped = confirm_suggestions(
        [clear.uid, unclear.uid, decided.uid, "nope"], data, catalog
    )
    recorded = [e["rule_uid"] for e in events]
    assert recorded[0] == clear.uid
    assert decided.uid not in recorded
    assert clear.decision == rows[clear.uid]["decision"]
    assert all(a.confirmed for a in clear.answers.values())
    assert (
        dict(skipped)
        == {
            unclear.uid: "its answers need the team's judgement",
            decided.uid: "already decided",
        }
        or dict(skipped)[decided.uid] == "already decided"
    )
    assert decided.decision == "essential_oversight"


def test_each_row_shows_the_answers_that_settled_it(catalog):
    data = AuditData("x", "TX")
    means = AuditRule(
        "Schedule at least 180 days of instruction on the district calendar",
        "local_policy",
    )
    safety = AuditRule(
        "Every employee must pass a criminal background check", "state_statute"
    )
    overridden = AuditRule("Board policy on bell times", "local_policy")
    data.rules += [means, safety, overridden]
    review_rows(data, catalog)  # fills the suggestions
    overridden.decision = "essential_oversight"
    overridden.override_reason = "The board wants to keep it this year."
    rows = {r["rule"].uid: r for r in review_rows(data, catalog)}
    assert any("Sets a means" in line for line in rows[means.uid]["evidence"])
    assert any("background check" in line for line in rows[safety.uid]["evidence"])
    # a team's own reason stands alone
    assert rows[overridden.uid]["reason"] == "The board wants to keep it this year."
    assert rows[overridden.uid]["evidence"] == []


def test_a_rule_left_open_says_what_to_check(catalog):
    """An open rule's row says why it is open when the question is whether it binds
    at all (nobody said where it is written; a "contract" rule citing only a statute),
    not just that the answers do not settle it."""
    data = AuditData("x", "MD")
    unsaid = AuditRule("The buses leave at seven", "unknown")
    statute = AuditRule(
        "The board has to bargain over any topic the union raises",
        "collective_bargaining",
        "Md. Code, Educ. § 6-408(b)",
    )
    data.rules += [unsaid, statute]
    rows = {r["rule"].uid: r for r in review_rows(data, catalog)}
    assert rows[unsaid.uid]["status"] == "needs_review"
    assert "Nobody has said where this is written" in rows[unsaid.uid]["evidence"][0]
    assert rows[statute.uid]["status"] == "needs_review"
    assert "§ 6-408(b)" in rows[statute.uid]["evidence"][0]


def test_the_mechanism_shown_is_the_one_the_reason_names(catalog):
    used = (Example("Pierre", "Waived teacher evaluation timelines", "https://x.org/"),)
    innovation = dataclasses.replace(
        sd_mechanism(catalog.entries[0], "sd-innovation", "innovation_district"),
        title="Innovation districts",
        examples=used,
    )
    waivers = sd_mechanism(
        catalog.entries[0], "sd-waivers", "waiver_authority", areas=("staffing",)
    )
    data = AuditData("x", "SD")
    rule = AuditRule(
        "Teacher evaluation timelines and observation pacing", "state_rule"
    )
    rule.policy_area = "staffing"
    data.rules.append(rule)
    row = review_rows(data, Catalog([waivers, innovation]))[0]
    assert row["decision"] == "unnecessary_control"
    assert "Pierre used it" in row["evidence"][0]
    assert row["mechanism"] == "Innovation districts"


def test_review_table_filters_and_bulk_confirm(browser, audit):  # noqa: F811
    _, _, base = audit
    page = soup(browser.client.get(f"{base}/review/table"))
    rows = page.select("table.review-table tbody tr")
    assert rows
    # the reasons behind a suggestion are in the table, not only on the rule's page
    assert page.select("table.review-table ul.evidence li")
    boxes = page.select("input[name=rule]")
    assert boxes  # the four-day-week template gives clear suggestions
    chosen = [b["value"] for b in boxes[:2]]
    token = browser.token(f"{base}/review/table")
    version = page.find("input", attrs={"name": "version"})["value"]
    response = browser.client.post(
        f"{base}/review/confirm",
        data={"csrf_token": token, "version": version, "rule": chosen},
    )
    assert response.status_code == 302
    after = soup(browser.client.get(f"{base}/review/table?show=decided"))
    decided = [a["href"].rsplit("/", 1)[1] for a in after.select("tbody th a")]
    assert sorted(decided) == sorted(chosen)
    history = browser.client.get(f"{base}/history").get_data(as_text=True)
    assert history.count("confirmed the suggestion in the review table") == 2
    exported = yaml.safe_load(browser.client.get(f"{base}/export.yaml").data)
    recorded = {r["uid"]: r["decision"] for r in exported["rules"]}
    assert all(recorded[uid] for uid in chosen)
    still_open = soup(browser.client.get(f"{base}/review/table?show=open"))
    assert not set(chosen) & {
        a["href"].rsplit("/", 1)[1] for a in still_open.select("tbody th a")
    }


def test_review_table_by_decision_and_area(browser, audit):  # noqa: F811
    _, _, base = audit
    page = soup(browser.client.get(f"{base}/review/table?show=all&area=calendar"))
    rows = page.select("table.review-table tbody tr")
    assert rows
    every = soup(browser.client.get(f"{base}/review/table?show=all"))
    assert len(rows) < len(every.select("table.review-table tbody tr"))
    weird = browser.client.get(f"{base}/review/table?show=%00&decision=x&area=<b>")
    assert weird.status_code == 200


def test_nothing_ticked_is_a_message_not_an_error(browser, audit):  # noqa: F811
    _, _, base = audit
    token = browser.token(f"{base}/review/table")
    response = browser.client.post(
        f"{base}/review/confirm", data={"csrf_token": token, "version": "1"}
    )
    assert response.status_code == 302
