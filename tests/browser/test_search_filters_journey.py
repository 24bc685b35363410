"""A newcomer sees the filters in force above the results and removes them, at both widths."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, sideways

pytestmark = pytest.mark.browser


def test_filters_show_as_chips_and_each_removes_itself(page, tmp_path):
    width = page.viewport_size["width"]
    page.goto("/search?q=waiver")
    expect(page.locator(".active-filters .chip")).to_have_count(1)
    # Texas is picked from the state facet: it moves to the top of that list.
    page.locator("#facet-state + ul a", has_text="Texas").click()
    expect(page).to_have_url(re.compile(r"state=TX"))
    first_state = page.locator("#facet-state + ul li a").first
    expect(first_state).to_contain_text("Texas")
    expect(first_state).to_have_attribute("aria-current", "true")
    page.locator("#facet-kind + ul a", has_text="Waiver authority").first.click()
    expect(page).to_have_url(re.compile(r"kind=waiver_authority"))
    texas = page.get_by_role("link", name="Remove filter State: Texas")
    kind = page.get_by_role("link", name="Remove filter Kind: Waiver authority")
    expect(texas).to_be_visible()
    expect(kind).to_be_visible()
    expect(
        page.get_by_role("link", name="Remove filter Search: “waiver”")
    ).to_be_visible()
    # The chips sit above the results, also on a phone where the facets come last
    # (read once the page and its style sheets have loaded, in page coordinates).
    page.wait_for_load_state("load")
    tops = page.evaluate(
        """() => ['.active-filters', '.hits'].map(
            s => document.querySelector(s).getBoundingClientRect().top + window.scrollY)"""
    )
    assert tops[0] < tops[1], tops
    assert axe_violations(page) == []
    assert sideways(page) <= 1
    page.screenshot(path=str(tmp_path / f"search-chips-{width}.png"), full_page=False)
    # Keyboard: focus the Texas chip and press Enter; only Texas goes.
    texas.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Remove filter State: Texas")).to_have_count(0)
    expect(page).not_to_have_url(re.compile(r"state="))
    expect(kind).to_be_visible()
    page.get_by_role("link", name="Clear all filters").click()
    expect(page.locator(".active-filters")).to_have_count(0)
    expect(page.locator("#results-heading")).to_contain_text("results")
    assert "q=" not in page.url
    assert "kind=" not in page.url
