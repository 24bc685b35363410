"""The review table: suggestions, reasons and mechanisms for every rule; several
suggestions confirmed at once, each recorded in the history with who and when."""

from __future__ import annotations

import yaml

from finder.audit.decisions import confirm_suggestions, review_rows
from finder.audit.model import AuditData, AuditRule
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


def test_review_table_filters_and_bulk_confirm(browser, audit):  # noqa: F811
    _, _, base = audit
    page = soup(browser.client.get(f"{base}/review/table"))
    rows = page.select("table.review-table tbody tr")
    assert rows
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
