"""A team member signs up, creates a team, invites a colleague and runs an audit in a browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, new_email, sideways, sign_up

pytestmark = pytest.mark.browser


def start_audit(page, title: str, state: str, template: str) -> None:
    """From a team page: open audits, set one up and seed it from a template."""
    page.get_by_role("link", name="Policy audits").click()
    page.get_by_role("link", name="Start a new audit").click()
    page.get_by_label("Audit title").fill(title)
    page.get_by_label("State").select_option(state)
    page.get_by_role("button", name="Save and choose a template").click()
    page.get_by_label(template).check()
    page.get_by_role("button", name="Use this and continue").click()


def test_sign_up_team_invite_audit_and_viewer(page, chromium, live_server, tmp_path):
    width = page.viewport_size["width"]
    sign_up(page, new_email("lead"), "Lena Lead")
    page.get_by_label("Team name").fill("Mesa Unified")
    page.get_by_role("button", name="Create team").click()
    expect(page.locator("h1")).to_have_text("Mesa Unified")
    assert axe_violations(page) == []
    assert sideways(page) <= 1, page.url
    # Invite a colleague as a viewer.
    page.get_by_label("Role", exact=True).select_option("viewer")
    page.get_by_role("button", name="Create invitation link").click()
    link = page.get_by_label("Invitation link").input_value()
    # Start an audit from a template.
    start_audit(page, "Four-day week", "CO", "Four-day school week")
    expect(page.locator("table.rules tbody tr").nth(3)).to_be_attached()
    assert axe_violations(page) == []
    assert sideways(page) <= 1, page.url
    page.get_by_role("link", name="Review the rules one by one").click()
    expect(page.get_by_text("The answers lead to:")).to_be_visible()
    assert axe_violations(page) == []
    assert sideways(page) <= 1, page.url
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved:")).to_be_visible()
    page.get_by_role("link", name="Summary").click()
    expect(page.get_by_role("heading", name="What is left to do")).to_be_visible()
    assert axe_violations(page) == []
    assert sideways(page) <= 1, page.url
    page.get_by_role("link", name="Evaluation plan").click()
    page.get_by_role("link", name="Add the metrics suggested for").click()
    page.get_by_label("Target, row 1", exact=True).fill("90% of students")
    page.get_by_label("What, row 1", exact=True).fill("First term on the new calendar")
    page.get_by_role("button", name="Save the evaluation plan").click()
    expect(page.get_by_text("Evaluation plan saved.")).to_be_visible()
    expect(page.get_by_label("Target, row 1", exact=True)).to_have_value(
        "90% of students"
    )
    page.screenshot(path=str(tmp_path / f"evaluation-{width}.png"), full_page=True)
    assert axe_violations(page) == []
    assert sideways(page) <= 1, page.url
    page.get_by_role("link", name="Document").first.click()
    assert axe_violations(page) == []
    assert sideways(page) <= 1, page.url
    page.get_by_role("button", name="Generate").click()
    expect(page.locator("table.data tbody tr")).to_have_count(1)
    with page.expect_download() as download:
        page.get_by_role("link", name="Word").click()
    assert re.fullmatch(r"four-day-week-v\d+\.docx", download.value.suggested_filename)

    page.get_by_role("link", name="Summary").click()
    page.get_by_role("link", name="History of changes").click()
    assert axe_violations(page) == []
    assert sideways(page) <= 1, page.url
    page.get_by_role("link", name="Audits").click()
    assert axe_violations(page) == []
    assert sideways(page) <= 1, page.url
    page.goto("/account")
    assert axe_violations(page) == []
    assert sideways(page) <= 1, page.url

    # The colleague joins as a viewer: can read the audit but not edit it.
    colleague = chromium.new_context(
        viewport=page.viewport_size,
        base_url=live_server,
        bypass_csp=True,  # to inject axe
    ).new_page()
    sign_up(colleague, new_email("viewer"), "Vic Viewer")
    colleague.goto(link)
    assert axe_violations(colleague) == []
    colleague.get_by_role("button", name="Accept and join").click()
    expect(colleague.locator(".meta").first).to_contain_text("Viewer")
    colleague.get_by_role("link", name="Policy audits").click()
    colleague.get_by_role("link", name="Four-day week").click()
    colleague.get_by_role("link", name="Rules").first.click()
    expect(colleague.get_by_role("button", name="Add rule")).to_have_count(0)
    colleague.context.close()


def test_print_view_screenshot_and_pdf(desktop, tmp_path):
    sign_up(desktop, new_email("printer"), "Pat Printer")
    desktop.get_by_label("Team name").fill("Print ISD")
    desktop.get_by_role("button", name="Create team").click()
    start_audit(desktop, "Seat time", "TX", "Competency-based high school credit")
    desktop.goto(desktop.url.replace("/rules", "/document/preview"))
    desktop.emulate_media(media="print")
    shot = tmp_path / "print-view.png"
    desktop.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    expect(desktop.locator("h1")).to_have_text("Required flexibilities: Seat time")
    assert desktop.locator(".blank").count() > 0
    pdf = desktop.pdf(format="Letter", display_header_footer=False)
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 2
