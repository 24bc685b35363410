"""A newcomer finds their state's options in a real browser, at desktop and phone widths."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_search_with_a_typo_did_you_mean_facets_entry_and_state(page):
    page.goto("/")
    assert page.title().endswith("Flexibility Finder")
    page.get_by_label("Search flexibilities").fill("calender flexibilty colorado")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="calendar flexibility colorado").click()
    expect(page).to_have_url(re.compile(re.escape("q=calendar+flexibility")))
    expect(page.locator("#results-heading")).to_contain_text("result")
    # Narrow by a kind facet, then open the first result.
    page.locator(".facets a", has_text="Calendar and instructional time").first.click()
    expect(page).to_have_url(re.compile(re.escape("kind=calendar_time")))
    first = page.locator(".hit h3 a").first
    title = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_have_text(title)
    expect(page.get_by_role("heading", name="What it can never waive")).to_be_visible()
    page.locator(".crumbs a", has_text="Colorado").click()
    expect(page.locator("h1")).to_have_text(re.compile("^Colorado"))
    # Compare Colorado with Texas side by side.
    page.goto("/compare/states")
    page.get_by_label("State 1").select_option("CO")
    page.get_by_label("State 2").select_option("TX")
    page.get_by_role("button", name="Compare").click()
    expect(page.locator("table.side-by-side thead th")).to_have_text(
        ["Kind", "Colorado", "Texas"]
    )


def test_citation_search_finds_the_statute(page):
    page.goto("/search?q=KRS+156.108")
    expect(page.locator(".hit h3 a").first).to_contain_text("Districts of Innovation")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search?q=seat+time+waiver",
        "/flexibilities/tx-districts-of-innovation",
        "/states/TX",
        "/states",
        "/changes",
        "/signin",
        "/signup",
        "/no-such-page",
    ],
)
def test_public_pages_have_no_serious_accessibility_violations(desktop, path):
    desktop.goto(path)
    assert desktop.title()
    assert desktop.locator("html").get_attribute("lang") == "en"
    assert axe_violations(desktop) == []


def test_keyboard_only_search(desktop):
    desktop.goto("/")
    desktop.keyboard.press("Tab")
    focused = desktop.evaluate("document.activeElement.textContent")
    assert "Skip to main content" in focused
    desktop.keyboard.press("Enter")
    assert desktop.evaluate("document.activeElement.id") == "main"
    desktop.locator("#q").focus()
    desktop.keyboard.type("four-day week")
    desktop.keyboard.press("Enter")
    desktop.wait_for_url("**/search?q=four-day+week*")
    # Tab reaches a result link and shows a visible focus outline.
    for _ in range(60):
        desktop.keyboard.press("Tab")
        if desktop.evaluate("document.activeElement.closest('.hit') !== null"):
            break
    outline = desktop.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
