"""A team sees the law decide: a mechanism its own law bars is shown as "cannot be used",
and the document cannot be marked Final while the request relies on it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, new_email, team_with_audit
from tests.web.test_law_pages import BARRED

pytestmark = pytest.mark.browser


def test_cannot_be_used_and_final_refused(page, tmp_path):
    width = page.viewport_size["width"]
    team_with_audit(page, tmp_path, new_email("law"), "Lee Law", BARRED)

    page.get_by_role(
        "link", name="Students meet the state graduation requirements"
    ).click()
    barred = page.locator("div.mechanism.unusable", has_text="Districts of Innovation")
    expect(barred.locator(".badge")).to_have_text("Cannot be used")
    expect(barred.locator(".law-verdict")).to_contain_text("Tex. Educ. Code ch. 28")
    barred.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / f"rule-{width}.png"))
    assert axe_violations(page) == []

    page.get_by_role("link", name="Document").first.click()
    expect(page.get_by_text("Blocks final").first).to_be_visible()
    page.get_by_label("Status").select_option("final")
    page.get_by_role("button", name="Generate").click()
    expect(page.get_by_text("Not saved as final")).to_be_visible()
    expect(page.locator("table.data tbody tr")).to_have_count(0)
    page.screenshot(path=str(tmp_path / f"document-{width}.png"), full_page=True)
    assert axe_violations(page) == []


def test_entry_page_shows_the_law_and_its_sources(page, tmp_path):
    page.goto("/flexibilities/tx-districts-of-innovation")
    expect(page.get_by_text("Can lift")).to_be_visible()
    expect(page.locator("a.law-link").first).to_be_visible()
    expect(page.locator("ol.sources .badge").first).to_have_text(
        re.compile("^Official")
    )
    page.screenshot(
        path=str(tmp_path / f"entry-{page.viewport_size['width']}.png"), full_page=True
    )
    assert axe_violations(page) == []
