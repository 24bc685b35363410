"""The document page: choose an application format, see its checklist, generate a version."""

from __future__ import annotations

import io

from docx import Document

from tests.web.test_audits import audit, soup  # noqa: F401  (fixture)
from tests.web.test_law_pages import imported

TX = "tx-local-innovation-plan"


def test_formats_for_the_audit_s_mechanisms_are_offered_first(browser, audit):  # noqa: F811
    team, _, _ = audit
    base = imported(browser, team)  # one request, relying on Districts of Innovation
    page = soup(browser.client.get(f"{base}/document"))
    groups = page.select("select#format optgroup")
    assert [g["label"] for g in groups] == [
        "For the mechanisms this audit relies on",
        "Other programs",
    ]
    assert [o["value"] for o in groups[0]("option")] == [TX]
    assert len(groups[1]("option")) == 4
    assert page.select_one("select#format option")["value"] == ""  # none: standard
    assert page.find(id="checklist-heading") is None  # nothing chosen yet


def test_the_checklist_shows_what_is_missing_and_the_version_follows_it(
    browser,
    audit,  # noqa: F811
):
    team, _, _ = audit
    base = imported(browser, team)
    page = soup(browser.client.get(f"{base}/document?format=co-innovation-plan"))
    assert page.select_one("select#format option[selected]")["value"] == (
        "co-innovation-plan"
    )
    rows = page.select("ol.checklist > li")
    assert len(rows) == 8
    status = {
        r.find("strong").get_text(): r.find(class_="badge").get_text() for r in rows
    }
    assert status["Prior-year and proposed budgets"] == "Missing"
    assert status["Expected improvements in academic achievement"] == "Missing"
    assert status["Waivers requested, with replacement plans"] == "Drafted"
    assert "From the audit: Requested flexibilities." in rows[5].get_text()
    assert "Not confirmed in official text" in rows[0].get_text()
    assert "4 required parts missing" in page.get_text()  # no metrics yet
    # the same parts are listed among the things to resolve
    resolve = page.find(class_="notice").get_text()
    assert "“Prior-year and proposed budgets” is required" in resolve
    preview = page.find("a", string="Open the print view")["href"]
    assert preview.endswith("?format=co-innovation-plan")
    printed = soup(browser.client.get(preview))
    assert printed.find(id="part-budget") is not None

    form = {
        "csrf_token": browser.token(f"{base}/document?format=co-innovation-plan"),
        "status": "draft",
        "format": "co-innovation-plan",
        "include-requests": "1",
        "order-requests": "1",
        "include-sources": "1",
        "order-sources": "2",
    }
    done = browser.client.post(f"{base}/document", data=form)
    assert done.status_code == 302
    assert done.headers["Location"].endswith("/document?format=co-innovation-plan")
    link = soup(browser.client.get(f"{base}/document")).select_one(
        "table.data tbody tr a"
    )["href"]
    doc = Document(io.BytesIO(browser.client.get(link).data))
    level1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert level1[1:4] == [
        "What the Colorado innovation plan (Innovation Schools Act, C.R.S. 22-32.5) requires",
        "1. The school's mission, and why innovation status would enhance it",
        "2. The innovations",
    ]
    assert level1[-1] == "Sources"


def test_without_a_format_the_page_and_versions_are_as_before(browser, audit):  # noqa: F811
    team, _, _ = audit
    base = imported(browser, team)
    page = soup(browser.client.get(f"{base}/document?format=no-such-format"))
    assert page.select("select#format option[selected]") == []
    assert page.find("input", attrs={"name": "format"}) is None
    form = {
        "csrf_token": browser.token(f"{base}/document"),
        "status": "draft",
        "include-requests": "1",
        "order-requests": "1",
    }
    done = browser.client.post(f"{base}/document", data=form)
    assert done.headers["Location"].endswith("/document")
    link = soup(browser.client.get(f"{base}/document")).select_one(
        "table.data tbody tr a"
    )["href"]
    doc = Document(io.BytesIO(browser.client.get(link).data))
    level1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert level1 == ["To resolve before submitting", "Requested flexibilities"]
