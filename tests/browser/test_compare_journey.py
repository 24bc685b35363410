"""Maps and comparisons in a browser; keyboard-only audit; pages at 200% zoom."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, new_email, sideways, sign_up

pytestmark = pytest.mark.browser


def test_map_filter_and_tile_link(page):
    page.goto("/")
    page.get_by_label("Kind").select_option("seat_time_competency")
    page.get_by_role("button", name="Show on the map").click()
    expect(page).to_have_url(re.compile(re.escape("kind=seat_time_competency")))
    tile = page.locator("svg.map-svg a[aria-label^='LA (Louisiana)']")
    assert "mechanism" in tile.get_attribute("aria-label")
    tile.click()
    expect(page).to_have_url(re.compile(re.escape("state=LA")))
    expect(page).to_have_url(re.compile(re.escape("kind=seat_time_competency")))


def test_compare_states_matrix_csv_and_side_by_side(page):
    page.goto("/compare")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this table as CSV").click()
    assert download.value.suggested_filename == "flexibilities-by-kind.csv"
    page.get_by_role("link", name="Compare two to four states side by side").click()
    page.get_by_label("State 1").select_option("TX")
    page.get_by_label("State 2").select_option("CO")
    page.get_by_label("State 3").select_option("KY")
    page.get_by_role("button", name="Compare").click()
    expect(page.locator("table.side-by-side thead th")).to_have_count(4)
    expect(page.locator("tr.differs").nth(0)).to_be_attached()


@pytest.mark.parametrize(
    "path",
    [
        "/?kind=waiver_authority",
        "/compare",
        "/compare?by=area",
        "/compare/states?s=TX&s=CO",
    ],
)
def test_comparison_pages_are_accessible(desktop, path):
    desktop.goto(path)
    assert axe_violations(desktop) == []


def test_keyboard_only_audit(desktop):
    sign_up(desktop, new_email("keys"), "Kim Keys")
    desktop.locator("#name").focus()
    desktop.keyboard.type("Keyboard ISD")
    desktop.keyboard.press("Enter")
    desktop.wait_for_url("**/teams/*")
    desktop.get_by_role("link", name="Policy audits").focus()
    desktop.keyboard.press("Enter")
    desktop.get_by_role("link", name="Start a new audit").focus()
    desktop.keyboard.press("Enter")
    desktop.locator("#title").focus()
    desktop.keyboard.type("Keyboard audit")
    desktop.keyboard.press("Tab")  # district
    desktop.keyboard.press("Tab")  # state
    desktop.keyboard.type("Texas")
    desktop.locator("button[type=submit]").focus()
    desktop.keyboard.press("Enter")
    desktop.wait_for_url("**/template")
    desktop.get_by_label("Four-day school week").focus()
    desktop.keyboard.press("Space")
    desktop.get_by_role("button", name="Use this and continue").focus()
    desktop.keyboard.press("Enter")
    desktop.wait_for_url("**/rules")
    expect(desktop.locator("table.rules tbody tr").nth(3)).to_be_attached()
    desktop.get_by_role("link", name="Review the rules one by one").focus()
    desktop.keyboard.press("Enter")
    desktop.get_by_role("button", name="Save", exact=True).focus()
    outline = desktop.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    desktop.keyboard.press("Enter")
    desktop.get_by_text("Saved:").wait_for()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search?q=seat+time",
        "/flexibilities/tx-districts-of-innovation",
        "/compare/states?s=TX&s=CO",
        "/signup",
    ],
)
def test_readable_at_200_percent_zoom(chromium, live_server, path):
    # 200% zoom of a 1280-pixel window: a 640-CSS-pixel viewport at twice the pixel density.
    context = chromium.new_context(
        viewport={"width": 640, "height": 800},
        device_scale_factor=2,
        base_url=live_server,
    )
    page = context.new_page()
    page.goto(path)
    overflow = sideways(page)
    assert overflow <= 1, f"{path} scrolls sideways by {overflow}px at 200% zoom"
    context.close()
