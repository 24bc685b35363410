"""A team finds its rules in its own policy manual: upload → preview → choose → the
rules appear with where they came from (issue 16)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.audit import document_samples as samples
from tests.browser.conftest import axe_violations, new_email, team_with_audit
from tests.web.test_law_pages import BARRED

pytestmark = pytest.mark.browser


def test_rules_from_a_policy_manual(page, tmp_path):
    width = page.viewport_size["width"]
    team_with_audit(
        page,
        tmp_path,
        new_email("manual"),
        "Mo Manual",
        BARRED,
    )
    page.get_by_role("navigation", name="Audit steps").get_by_role(
        "link", name="Rules"
    ).click()

    manual = tmp_path / "Board Policy Manual.pdf"
    manual.write_bytes(samples.manual_pdf())
    page.get_by_label("Document (PDF, Word, web page or text)").set_input_files(
        str(manual)
    )
    page.get_by_role("button", name="Find rules").click()

    rows = page.locator("table.document-preview tbody tr")
    rows.first.wait_for()
    expect(rows).to_have_count(5)
    assert "EHDC(LEGAL), page 1" in rows.nth(0).inner_text()
    assert page.locator("#citation-0").input_value() == "Tex. Educ. Code § 28.023"
    page.screenshot(
        path=str(tmp_path / f"document-preview-{width}.png"), full_page=True
    )
    assert axe_violations(page) == []

    # leave out the examination dates; correct the first rule's wording
    page.locator("#include-2").uncheck()
    page.locator("#text-1").fill("Credit-by-examination tests only twice a year")
    page.get_by_role("button", name="Add the ticked rules").click()
    page.wait_for_url("**/rules")

    expect(
        page.get_by_text("Credit-by-examination tests only twice a year")
    ).to_be_visible()
    expect(page.get_by_text("Examinations must be taken on the dates")).to_have_count(0)
    page.get_by_role(
        "link", name="Credit-by-examination tests only twice a year"
    ).click()
    provenance = page.locator("details.provenance")
    assert "Imported from Board Policy Manual.pdf, EHDC(LOCAL), page 1" in (
        provenance.locator("summary").inner_text()
    )
    provenance.locator("summary").click()
    assert "only twice a year" in provenance.locator("blockquote").inner_text()
    page.screenshot(path=str(tmp_path / f"rule-provenance-{width}.png"), full_page=True)
    assert axe_violations(page) == []
