"""The law on the pages: a barred mechanism is shown as "cannot be used" with its law,
Final is refused while a blocking warning stands, entry pages link the law."""

from __future__ import annotations

import io
import json

import yaml

from tests.web.test_audits import audit, soup  # noqa: F401  (fixture)

BARRED = {
    "format": 1,
    "title": "Graduation on our own terms",
    "state": "TX",
    "district": "Mesa ISD",
    "innovation": "Mastery-based diplomas",
    "outcome": "More graduates ready for work",
    "rules": [
        {
            "text": "Students meet the state graduation requirements",
            "source_level": "state_statute",
            "citation": "Tex. Educ. Code § 28.025",
            "policy_area": "graduation",
            "decision": "unnecessary_control",
            "override_reason": "We want mastery-based diplomas.",
            "mechanisms": ["tx-districts-of-innovation"],
            "rationale": "Mastery over seat time.",
            "replacement_plan": "Portfolio defenses.",
        }
    ],
}


def imported(browser, team) -> str:
    upload = (io.BytesIO(json.dumps(BARRED).encode()), "audit.json")
    response = browser.post(
        f"/teams/{team}/audits/import",
        {"file": upload},
        form_page=f"/teams/{team}/audits",
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    return response.headers["Location"]


def test_final_is_refused_while_a_request_relies_on_a_barred_mechanism(
    browser,
    audit,  # noqa: F811
):
    team, _, _ = audit
    base = imported(browser, team)
    page = browser.client.get(f"{base}/document")
    text = soup(page).get_text(" ")
    assert "Blocks final" in text
    assert "Tex. Educ. Code ch. 28" in text
    form = {
        "csrf_token": browser.token(f"{base}/document"),
        "status": "final",
        "include-requests": "1",
        "order-requests": "1",
    }
    refused = browser.client.post(f"{base}/document", data=form, follow_redirects=True)
    assert "Not saved as final" in refused.get_data(as_text=True)
    assert soup(refused).select("table.data tbody tr") == []  # nothing was kept
    form["status"] = "draft"
    form["csrf_token"] = browser.token(f"{base}/document")
    assert browser.client.post(f"{base}/document", data=form).status_code == 302
    rows = soup(browser.client.get(f"{base}/document")).select("table.data tbody tr")
    assert len(rows) == 1
    assert "Draft" in rows[0].get_text()


def test_the_rule_page_says_which_law_bars_a_mechanism(browser, audit):  # noqa: F811
    team, _, _ = audit
    base = imported(browser, team)
    exported = yaml.safe_load(browser.client.get(f"{base}/export.yaml").data)
    uid = exported["rules"][0]["uid"]
    page = soup(browser.client.get(f"{base}/rules/{uid}"))
    barred = [
        div
        for div in page.select("div.mechanism.unusable")
        if "Districts of Innovation" in div.get_text()
    ]
    assert barred
    assert "Cannot be used" in barred[0].get_text()
    assert "Tex. Educ. Code ch. 28" in barred[0].select_one(".law-verdict").get_text()
    law = page.find("a", string="Tex. Educ. Code § 28.025")
    assert law["href"].startswith("https://statutes.capitol.texas.gov/")


def test_entry_page_links_the_law_and_labels_sources(client):
    page = soup(client.get("/flexibilities/tx-districts-of-innovation"))
    links = page.select("a.law-link")
    assert any(
        a["href"].startswith("https://statutes.capitol.texas.gov/") for a in links
    )
    assert "Can lift" in page.get_text()
    badges = [b.get_text() for b in page.select("ol.sources .badge")]
    assert badges[0].startswith("Official")
    assert all(b for b in badges)
    cannot = page.select_one("ul.cannot-waive").get_text(" ")
    assert "Tex. Educ. Code ch. 28" in cannot


def test_a_pasted_line_shows_its_citation_and_can_be_corrected(browser, audit):  # noqa: F811
    from tests.web.test_audits import form_values, version

    _, _, base = audit
    preview = browser.post(
        f"{base}/rules/paste",
        {
            "lines": "TEC §22.083 Criminal History Record Check",
            "version": version(browser, f"{base}/rules"),
        },
        form_page=f"{base}/rules",
    )
    assert preview.status_code == 200
    page = soup(preview)
    row = page.select_one("table.import-preview tbody tr")
    assert "→ Tex. Educ. Code § 22.083" in row.get_text()
    assert row.select_one("textarea").get_text() == "Criminal History Record Check"
    values = form_values(page)
    values["citation-0"] = ["Tex. Educ. Code § 22.0833"]  # the team corrects it
    values["policy_area-0"] = ["staffing"]
    assert (
        browser.client.post(f"{base}/rules/import/confirm", data=values).status_code
        == 302
    )
    rules = yaml.safe_load(browser.client.get(f"{base}/export.yaml").data)["rules"]
    assert (rules[-1]["text"], rules[-1]["citation"], rules[-1]["source_level"]) == (
        "Criminal History Record Check",
        "Tex. Educ. Code § 22.0833",
        "state_statute",
    )
    assert rules[-1]["policy_area"] == "staffing"
