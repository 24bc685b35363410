"""A grant writer generates the document, downloads it under the audit's own name and
reads its print view: cover, contents that jump to each section, the blanks still to
fill, the mechanism's verification, at desktop and phone widths."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, new_email, sideways, team_with_audit

pytestmark = pytest.mark.browser

TITLE = "Four-day week: Friday internships, 2027-28"
AUDIT = {
    "format": 1,
    "title": TITLE,
    "state": "TX",
    "district": "Mesa ISD",
    "innovation": "A four-day week with Friday internships.",
    "outcome": "Better attendance.",
    "rules": [
        {
            "text": "Uniform school start date.",
            "source_level": "state_statute",
            "citation": "Tex. Educ. Code § 25.0811",
            "policy_area": "calendar",
            "decision": "unnecessary_control",
            "mechanisms": ["tx-districts-of-innovation"],
            "request_type": "waiver",
            "rationale": "Starting earlier lets us fit a four-day calendar.",
            "replacement_plan": "We keep 75,600 minutes across the year.",
            # students and schools affected, and the term, left for later
        },
        {
            "text": "Background checks for all staff.",
            "source_level": "state_statute",
            "citation": "Tex. Educ. Code § 22.0833",
            "policy_area": "staffing",
            "decision": "essential_oversight",
            "override_reason": "Protects students.",
        },
    ],
    "metrics": [
        {
            "area": "access",
            "metric": "Students attending 95% of days.",
            "baseline": "81%",
            "target": "88%",
            "data_source": "SIS",
            "frequency": "Monthly",
            "owner": "Attendance office",
        }
    ],
    "timeline": [{"when": "January", "what": "Board resolution and hearing."}],
}


def test_generate_download_and_read_the_document(page, tmp_path):
    width = page.viewport_size["width"]
    team_with_audit(page, tmp_path, new_email("writer"), "Gia Grant", AUDIT)
    page.get_by_role("navigation", name="Audit steps").get_by_role(
        "link", name="Document"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Required-flexibilities document"
    )
    expect(
        page.get_by_text(
            "The request for “Uniform school start date.” has no list of students "
            "and schools affected or term."
        )
    ).to_be_visible()
    assert axe_violations(page) == []
    assert sideways(page) <= 1, page.url

    page.get_by_role("button", name="Generate").click()
    expect(page.locator("table.data tbody tr")).to_have_count(1)
    with page.expect_download() as download:
        page.get_by_role("link", name="Word").click()
    name = download.value.suggested_filename
    number = re.fullmatch(
        r"four-day-week-friday-internships-2027-28-v(\d+)\.docx", name
    ).group(1)
    saved = tmp_path / name
    download.value.save_as(saved)
    doc = Document(io.BytesIO(saved.read_bytes()))
    assert doc.paragraphs[1].text == f"Required flexibilities: {TITLE}"
    texts = [p.text for p in doc.paragraphs]
    assert f"Version: {number}" in texts
    assert "Contents" in texts
    assert (
        "Students and schools affected: "
        "[To complete: students and schools affected, with baseline data]"
    ) in texts

    page.get_by_role("link", name="View", exact=True).click()
    expect(page.locator("header.cover h1")).to_have_text(
        f"Required flexibilities: {TITLE}"
    )
    cover = page.locator("header.cover")
    expect(cover.locator("dd", has_text=re.compile(f"^{number}$"))).to_have_count(1)
    expect(cover).to_contain_text("Draft, not for submission")
    request = page.locator("#request-1")
    expect(request).to_contain_text("Districts of Innovation (not fully verified)")
    expect(request.locator(".blank").first).to_have_text(
        "[To complete: students and schools affected, with baseline data]"
    )
    page.screenshot(path=str(tmp_path / f"document-view-{width}.png"), full_page=True)
    assert axe_violations(page) == []
    assert sideways(page) <= 1, page.url

    page.get_by_role("navigation", name="Contents").get_by_role(
        "link", name="Activation plan"
    ).click()
    expect(page).to_have_url(re.compile(r"#activation$"))
    expect(page.locator("#activation h2")).to_be_in_viewport()
    expect(page.locator("#activation .verification").first).to_contain_text(
        "Not fully verified."
    )

    page.emulate_media(media="print")
    page.screenshot(path=str(tmp_path / f"document-print-{width}.png"), full_page=True)
    if width > 1000:  # one printed copy is enough to look at
        page.pdf(path=str(tmp_path / "document-print.pdf"), format="Letter")
