"""A mechanism the team relies on changed in the catalog: the audit says so, the
audits list marks it, and an editor acknowledges it."""

from __future__ import annotations

import dataclasses

import pytest
from playwright.sync_api import expect

from finder.audit.model import AuditData, AuditRule
from finder.audit.watch import snapshot
from finder.catalog import load_catalog
from finder.config import shipped_catalog_dir
from tests.browser.conftest import axe_violations, new_email, sideways, team_with_audit

pytestmark = pytest.mark.browser
DOI = "tx-districts-of-innovation"


def audit_relying_on_an_older_entry() -> dict:
    """An exported audit whose request relies on Districts of Innovation as the
    catalog stated it before (another approver, one item fewer it can never waive)."""
    entry = load_catalog([str(shipped_catalog_dir())]).get(DOI)
    kept = snapshot(entry)
    # and its first item then cited no law (the words are the same, the law is not)
    first_words = entry.cannot_waive[0].text
    before = dataclasses.replace(
        kept,
        approver="The commissioner of education",
        cannot_waive=kept.cannot_waive[:-1],
        cannot_waive_law=[first_words, *kept.cannot_waive_law[1:-1]],
        last_reviewed="2024-01-15",
    )
    rule = AuditRule(
        "School must start no earlier than the fourth Monday in August",
        "state_statute",
        "Tex. Educ. Code § 25.0811",
        "calendar",
        decision="unnecessary_control",
        mechanisms=[DOI],
        relied_on={DOI: before},
    )
    return AuditData("Early start", "TX", district="Mesa ISD", rules=[rule]).to_dict()


def test_the_team_sees_what_changed_and_acknowledges_it(page, tmp_path):
    width = page.viewport_size["width"]
    team_with_audit(
        page,
        tmp_path,
        new_email("watch"),
        "Wes Lead",
        audit_relying_on_an_older_entry(),
    )
    notice = page.locator("section.watched")
    expect(notice.get_by_role("heading", level=2)).to_have_text(
        "The catalog changed after the team decided"
    )
    expect(notice).to_contain_text("Who approves")
    expect(notice).to_contain_text("Before: The commissioner of education")
    expect(notice).to_contain_text("What it can never waive")
    expect(notice).to_contain_text("Newly listed:")
    expect(notice).to_contain_text("The law of what it can never waive")
    expect(notice).to_contain_text("on 2024-01-15 when the team relied on it")
    expect(notice).to_contain_text("The entry was last reviewed on")
    assert axe_violations(page) == []
    assert sideways(page) <= 1
    page.screenshot(path=str(tmp_path / f"watched-summary-{width}.png"), full_page=True)

    summary = page.url
    page.get_by_role("link", name="Review each rule").click()
    expect(page.locator("section.watched")).to_contain_text("Who approves")
    assert axe_violations(page) == []
    assert sideways(page) <= 1
    page.screenshot(path=str(tmp_path / f"watched-rule-{width}.png"), full_page=True)

    page.goto(summary.rsplit("/", 1)[0])
    row = page.locator("tbody tr", has_text="Early start")
    expect(row).to_contain_text("Changed in the catalog")
    assert axe_violations(page) == []
    assert sideways(page) <= 1
    page.screenshot(path=str(tmp_path / f"watched-list-{width}.png"), full_page=True)
    row.get_by_role("link", name="See what changed").click()

    page.get_by_role("link", name="Document").first.click()
    expect(page.locator("section.watched")).to_be_visible()
    expect(page.locator(".notice", has_text="to resolve")).to_contain_text(
        "“Districts of Innovation” changed in the catalog after the team chose it"
    )
    page.screenshot(
        path=str(tmp_path / f"watched-document-{width}.png"), full_page=True
    )
    page.get_by_role("button", name="Acknowledge this change").click()
    expect(
        page.get_by_text("Acknowledged the catalog changes to 1 mechanism.")
    ).to_be_visible()
    expect(page.locator("section.watched")).to_have_count(0)
    assert "changed in the catalog" not in page.locator("main").inner_text()
    assert axe_violations(page) == []

    page.goto(summary.rsplit("/", 1)[0])
    expect(page.locator("tbody tr", has_text="Early start")).to_contain_text(
        "No changes to acknowledge"
    )
