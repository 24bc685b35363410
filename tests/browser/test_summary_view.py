"""The summary as a team sees it: decided and suggested apart, open rules listed once."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, new_email, sign_up
from tests.browser.test_team_journey import start_audit

pytestmark = pytest.mark.browser


def test_summary_counts_and_left_to_do(page, tmp_path):
    width = page.viewport_size["width"]
    sign_up(page, new_email("sum"), "Sam Lead")
    page.get_by_label("Team name").fill("Mesa ISD")
    page.get_by_role("button", name="Create team").click()
    start_audit(page, "Four-day week", "TX", "Four-day school week")
    page.get_by_role("link", name="Summary").click()
    expect(
        page.get_by_text(re.compile(r"0 of \d+ rules decided by the team"))
    ).to_be_visible()
    items = page.locator("h2:has-text('What is left to do') + ul > li")
    texts = items.all_inner_texts()
    assert texts
    assert not any(re.search(r"(\w; ){3}", t) for t in texts)
    hrefs = [items.nth(i).locator("a").get_attribute("href") for i in range(len(texts))]
    assert len(hrefs) == len(set(hrefs))
    page.screenshot(path=str(tmp_path / f"summary-{width}.png"), full_page=True)
    assert axe_violations(page) == []


def test_review_table_confirms_several_suggestions(page, tmp_path):
    width = page.viewport_size["width"]
    sign_up(page, new_email("rev"), "Rita Lead")
    page.get_by_label("Team name").fill("Mesa ISD")
    page.get_by_role("button", name="Create team").click()
    start_audit(page, "Four-day week", "CO", "Four-day school week")
    page.get_by_role("link", name="Review them together in a table").click()
    assert axe_violations(page) == []
    boxes = page.locator("input[name=rule]")
    expect(boxes.nth(1)).to_be_attached()
    count = boxes.count()
    assert count >= 2
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.screenshot(path=str(tmp_path / f"review-{width}.png"), full_page=True)
    page.get_by_role(
        "button", name="Record the ticked suggestions as decisions"
    ).click()
    expect(page.get_by_text("Recorded 2 decisions")).to_be_visible()
    expect(page.locator("input[name=rule]")).to_have_count(count - 2)
    page.get_by_label("Show").select_option("decided")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.locator("table.review-table tbody tr")).to_have_count(2)
    assert axe_violations(page) == []
