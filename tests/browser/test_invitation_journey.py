"""A colleague follows an invitation link, signs up on the way and joins, at both widths."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, new_email, sideways, sign_up

pytestmark = pytest.mark.browser


def check(page, tmp_path, name: str) -> None:
    assert axe_violations(page) == [], page.url
    assert sideways(page) <= 1, page.url
    width = page.viewport_size["width"]
    page.screenshot(path=str(tmp_path / f"{name}-{width}.png"), full_page=True)


def test_invited_newcomer_signs_up_and_lands_on_the_invitation(
    page, chromium, live_server, tmp_path
):
    sign_up(page, new_email("owner"), "Olga Owner")
    page.get_by_label("Team name").fill("Mesa Unified")
    page.get_by_role("button", name="Create team").click()
    page.get_by_label("Role", exact=True).select_option("editor")
    page.get_by_role("button", name="Create invitation link").click()
    # Redirected to the team page: the link is shown there, once.
    expect(page).to_have_url(re.compile(r"/teams/\d+#invite-h$"))
    link = page.get_by_label("Invitation link").input_value()
    expect(page.locator(".activity")).to_contain_text(
        "Olga Owner created an invitation link for a new editor"
    )
    check(page, tmp_path, "team-with-link")
    page.reload()
    expect(page.get_by_label("Invitation link")).to_have_count(0)

    newcomer = chromium.new_context(
        viewport=page.viewport_size, base_url=live_server, bypass_csp=True
    ).new_page()
    newcomer.goto(link)
    expect(newcomer.locator("h1")).to_have_text("Join “Mesa Unified”")
    check(newcomer, tmp_path, "invitation-signed-out")
    newcomer.get_by_role("link", name="Create an account").click()
    expect(
        newcomer.get_by_text("You are invited to join “Mesa Unified”")
    ).to_be_visible()
    newcomer.get_by_label("Your name").fill("Nia New")
    newcomer.get_by_label("Email").fill(new_email("new"))
    newcomer.get_by_label("Password", exact=True).fill("correct horse battery")
    newcomer.get_by_label("Repeat the password").fill("correct horse battery")
    newcomer.get_by_role("button", name="Create account").click()
    # Back on the invitation, with a greeting that says so.
    expect(newcomer).to_have_url(re.compile(r"/invite/"))
    expect(newcomer.get_by_text("accept the invitation below")).to_be_visible()
    check(newcomer, tmp_path, "invitation-after-sign-up")
    # The teams page shows the invitation waiting too.
    newcomer.goto("/teams")
    expect(
        newcomer.get_by_role("heading", name="An invitation is waiting")
    ).to_be_visible()
    check(newcomer, tmp_path, "teams-pending")
    newcomer.get_by_role("link", name="Open the invitation to “Mesa Unified”").click()
    newcomer.get_by_role("button", name="Accept and join").click()
    expect(newcomer.locator("h1")).to_have_text("Mesa Unified")
    expect(newcomer.locator(".activity")).to_contain_text(
        "Nia New joined the team as editor"
    )
    check(newcomer, tmp_path, "team-joined")
    newcomer.get_by_role("link", name="Full activity log").click()
    expect(newcomer.locator("table.data tbody tr").first).to_contain_text(
        "joined the team as editor"
    )
    check(newcomer, tmp_path, "activity-log")
    newcomer.goto("/teams")
    expect(
        newcomer.get_by_role("heading", name="An invitation is waiting")
    ).to_have_count(0)
    newcomer.context.close()
