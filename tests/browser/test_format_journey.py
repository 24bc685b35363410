"""A grant writer picks the program's application format on the document page, sees
what it still lacks, and generates a version that follows the program's parts."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, new_email, sideways, team_with_audit
from tests.web.test_law_pages import BARRED

pytestmark = pytest.mark.browser
TX = "Texas local innovation plan (District of Innovation)"


def test_follow_a_program_s_format(page, tmp_path):
    width = page.viewport_size["width"]
    team_with_audit(
        page,
        tmp_path,
        new_email("writer"),
        "Gus Grant",
        BARRED,
    )
    page.get_by_role("navigation", name="Audit steps").get_by_role(
        "link", name=re.compile("Document")
    ).click()
    expect(page.get_by_role("heading", name="Application format")).to_be_visible()
    program = page.get_by_label("Program")
    # the format for the audit's own mechanism is offered first
    expect(program.locator("optgroup").first).to_have_attribute(
        "label", "For the mechanisms this audit relies on"
    )
    program.select_option(label=TX)
    page.get_by_role("button", name="Show what it requires").click()
    expect(page.get_by_role("heading", name=f"What the {TX} requires")).to_be_visible()
    rows = page.locator("ol.checklist > li")
    expect(rows).to_have_count(5)
    expect(rows.nth(3)).to_contain_text("Missing")  # no term requested yet
    expect(rows.nth(2)).to_contain_text("Drafted")
    expect(page.locator(".notice")).to_contain_text("“Term of the plan” is required")
    page.screenshot(
        path=str(tmp_path / f"format-checklist-{width}.png"), full_page=True
    )
    assert axe_violations(page) == []
    assert sideways(page) <= 1, page.url

    page.get_by_role("button", name="Generate").click()
    expect(page.get_by_text(re.compile(r"Version \d+ generated"))).to_be_visible()
    expect(page.get_by_label("Program")).to_have_value("tx-local-innovation-plan")
    page.get_by_role("link", name="View", exact=True).first.click()
    expect(
        page.get_by_role("heading", name="3. Education Code requirements the district")
    ).to_be_visible()
    expect(page.locator("#part-term .blank")).to_have_text(
        "[To complete: the term requested]"
    )
    page.screenshot(path=str(tmp_path / f"format-document-{width}.png"), full_page=True)
    assert axe_violations(page) == []
