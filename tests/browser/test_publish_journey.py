"""From an owner's audit to the state's barriers report: choose what to publish, look
at the preview, publish, and find the case in the report; and the report of twelve
sample audits, chart and table, at both widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from finder.audit.model import AuditData, AuditRule
from finder.web import db
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    axe_violations,
    browsed_app,
    new_email,
    serving,
    sideways,
    team_with_audit,
)
from tests.learning.sample import seed

pytestmark = pytest.mark.browser


def decided_audit() -> dict:
    rules = [
        AuditRule(
            "School may not start before the fourth Monday in August",
            "state_statute",
            "TEC 25.0811",
            "calendar",
            raised_by="Principal Quill",
            decision="unnecessary_control",
            mechanisms=["tx-districts-of-innovation"],
            rationale="A longer fall term before state testing.",
        ),
        AuditRule(
            "Services in each student's IEP",
            "federal_law",
            "20 U.S.C. § 1412",
            "student_services",
            decision="essential_oversight",
        ),
    ]
    return AuditData(
        "Early August start", "TX", district="Quill Creek ISD", rules=rules
    ).to_dict()


def test_a_preview_that_names_a_team_member_says_where_and_offers_no_publish(
    page, tmp_path
):
    width = page.viewport_size["width"]
    email = new_email("named")
    audit = decided_audit()
    audit["rules"][0]["rationale"] = f"Ask Pia Owner ({email}) for the survey."
    team_with_audit(page, tmp_path, email, "Pia Owner", audit)
    page.get_by_role("link", name="choose what to publish").click()
    page.get_by_label("Rationales and replacement plans").check()
    page.get_by_role("button", name="Preview", exact=True).click()
    alert = page.get_by_role("alert").filter(has_text="This would name people")
    expect(alert).to_contain_text(
        "Rule 1's rationale names a team member (“Pia Owner”)"
    )
    expect(alert).to_contain_text("Rule 1's rationale holds an e-mail address")
    expect(page.get_by_role("button", name="Publish as shown")).to_have_count(0)
    assert axe_violations(page) == []
    assert sideways(page) <= 1
    page.screenshot(path=str(tmp_path / f"publish-people-{width}.png"), full_page=True)


def test_an_owner_publishes_and_finds_the_case_in_the_barriers_report(page, tmp_path):
    width = page.viewport_size["width"]
    team_with_audit(page, tmp_path, new_email("pub"), "Pia Owner", decided_audit())
    page.get_by_role("link", name="choose what to publish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish the outcome")
    expect(page.get_by_label("The design's title")).to_be_checked()
    expect(page.get_by_label("Name the district")).not_to_be_checked()
    assert axe_violations(page) == []
    assert sideways(page) <= 1

    page.get_by_label("Name the district").check()
    page.get_by_label("Rationales and replacement plans").check()
    page.get_by_role("button", name="Preview", exact=True).click()
    preview = page.locator("section.preview")
    expect(preview.get_by_role("heading", level=2)).to_have_text(
        "Preview: what the public will see"
    )
    expect(preview).to_contain_text("Quill Creek ISD (Texas): Early August start")
    expect(preview).to_contain_text("A longer fall term before state testing.")
    expect(preview).to_contain_text("Tex. Educ. Code § 25.0811")
    expect(preview).not_to_contain_text("Principal Quill")
    assert axe_violations(page) == []
    assert sideways(page) <= 1
    page.screenshot(path=str(tmp_path / f"publish-preview-{width}.png"), full_page=True)

    page.get_by_role("button", name="Publish as shown").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Quill Creek ISD (Texas): Early August start"
    )
    expect(page.locator("main")).not_to_contain_text("Pia Owner")
    expect(page.locator("main")).not_to_contain_text("Mesa ISD")  # the team's name
    assert axe_violations(page) == []
    assert sideways(page) <= 1

    page.locator("nav.crumbs").get_by_role("link", name="Texas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Barriers in Texas")
    row = page.locator("table.barriers tbody tr", has_text="Tex. Educ. Code § 25.0811")
    expect(row.get_by_role("link", name="Quill Creek ISD").first).to_be_visible()
    expect(row).to_contain_text("Districts of Innovation")
    assert axe_violations(page) == []
    assert sideways(page) <= 1
    page.screenshot(path=str(tmp_path / f"publish-report-{width}.png"), full_page=True)


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory):
    """The app with the twelve sample audits published, on a loopback port."""
    app = browsed_app(tmp_path_factory.mktemp("sample"))
    with app.app_context():
        seed(db.session())
    with serving(app) as url:
        yield url


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_sample_barriers_report_and_national_view(
    chromium, sample_server, viewport, tmp_path
):
    context = chromium.new_context(
        viewport=viewport, base_url=sample_server, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    width = viewport["width"]
    page.goto("/barriers")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Barriers across the states"
    )
    expect(page.locator("main")).to_contain_text(
        "12 published audits, 5 districts named"
    )
    texas = page.get_by_role("link", name="TX (Texas): 5 published audits")
    expect(texas).to_have_count(1)
    assert axe_violations(page) == []
    assert sideways(page) <= 1
    page.screenshot(path=str(tmp_path / f"national-{width}.png"), full_page=True)

    texas.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Barriers in Texas")
    chart = page.get_by_role("img", name="Rules most often judged unnecessary")
    expect(chart).to_be_visible()
    rows = page.locator("table.barriers tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Tex. Educ. Code § 25.0811")
    expect(rows.nth(0).locator("td").first).to_have_text("4")
    expect(rows.nth(1)).to_contain_text("fewer than 3")
    expect(page.locator("main")).not_to_contain_text("Sample Pecos ISD")  # anonymous
    expect(page.locator("main")).to_contain_text("1 more rule without a citation")
    assert axe_violations(page) == []
    assert sideways(page) <= 1
    page.screenshot(path=str(tmp_path / f"barriers-{width}.png"), full_page=True)
    context.close()
