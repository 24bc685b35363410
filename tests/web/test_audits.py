"""The audit wizard through the pages: set-up to matched mechanisms, conflicts, history, export."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import form_values  # noqa: F401  (re-exported for other tests)


def soup(response):
    return BeautifulSoup(response.data, "html.parser")


def version(browser, url):
    return soup(browser.client.get(url)).find("input", attrs={"name": "version"})[
        "value"
    ]


@pytest.fixture
def audit(browser):
    """A signed-in owner with a team and a Texas four-day-week audit from the template."""
    browser.signup()
    team = browser.create_team("Example ISD")
    response = browser.post(
        f"/teams/{team}/audits/new",
        {
            "title": "Four-day week",
            "district": "Example ISD",
            "state": "TX",
            "innovation": "4-day week",
            "outcome": "Better attendance",
        },
    )
    assert response.status_code == 302
    audit_id = int(
        re.search(r"/audits/(\d+)/template", response.headers["Location"]).group(1)
    )
    base = f"/teams/{team}/audits/{audit_id}"
    chosen = browser.post(
        f"{base}/template",
        {"template": "four-day-week", "version": version(browser, f"{base}/template")},
    )
    assert chosen.status_code == 302
    return team, audit_id, base


def rule_uids(browser, base):
    links = soup(browser.client.get(f"{base}/rules")).select("table.rules th a")
    return [a["href"].rsplit("/", 1)[1] for a in links], [a.get_text() for a in links]


def test_template_seeds_rules_with_state_citations(browser, audit):
    _, _, base = audit
    uids, texts = rule_uids(browser, base)
    assert len(uids) >= 4
    page = browser.client.get(f"{base}/rules").get_data(as_text=True)
    assert "Tex. Educ. Code" in page or "§ 25.081" in page


def test_an_unknown_template_is_refused_with_a_message(browser, audit):
    _, _, base = audit
    before, _ = rule_uids(browser, base)
    response = browser.post(
        f"{base}/template",
        {"template": "no-such-design", "version": version(browser, f"{base}/template")},
    )
    assert response.status_code == 400
    page = soup(response)
    assert page.select_one(".error-summary")
    assert "Choose one of the designs" in page.select_one("#template-error").get_text()
    assert rule_uids(browser, base)[0] == before


def test_add_paste_csv_move_delete(browser, audit):
    _, _, base = audit
    before, _ = rule_uids(browser, base)
    browser.post(
        f"{base}/rules/add",
        {
            "text": "Board policy on bell times",
            "source_level": "local_policy",
            "citation": "Policy EC",
            "policy_area": "calendar",
            "raised_by": "Principal",
            "version": version(browser, f"{base}/rules"),
        },
        form_page=f"{base}/rules",
    )
    browser.post(
        f"{base}/rules/paste",
        {
            "lines": "- Rule one\n\n* Rule two\n",
            "version": version(browser, f"{base}/rules"),
        },
        form_page=f"{base}/rules",
    )
    csv_file = (
        io.BytesIO(
            b"text,source_level,policy_area\nCSV rule,contract,staffing\n,state_rule,other\n"
        ),
        "rules.csv",
    )
    preview = browser.post(
        f"{base}/rules/import",
        {"file": csv_file, "version": version(browser, f"{base}/rules")},
        form_page=f"{base}/rules",
        content_type="multipart/form-data",
    )
    confirm = form_values(soup(preview))  # nothing saved until the preview is confirmed
    browser.client.post(f"{base}/rules/import/confirm", data=confirm)
    uids, texts = rule_uids(browser, base)
    assert texts[-4:] == [
        "Board policy on bell times",
        "Rule one",
        "Rule two",
        "CSV rule",
    ]
    browser.post(
        f"{base}/rules/{uids[-1]}/move",
        {"direction": "up", "version": version(browser, f"{base}/rules")},
        form_page=f"{base}/rules",
    )
    _, texts = rule_uids(browser, base)
    assert texts[-2:] == ["CSV rule", "Rule two"]
    browser.post(
        f"{base}/rules/{uids[-1]}/delete",
        {"version": version(browser, f"{base}/rules")},
        form_page=f"{base}/rules",
    )
    uids_after, _ = rule_uids(browser, base)
    assert len(uids_after) == len(before) + 3


def test_review_suggests_decides_overrides_and_matches(browser, audit, app):
    _, _, base = audit
    browser.post(
        f"{base}/rules/add",
        {
            "text": "Uniform school start date",
            "source_level": "state_statute",
            "citation": "Tex. Educ. Code § 25.0811",
            "policy_area": "calendar",
            "version": version(browser, f"{base}/rules"),
        },
        form_page=f"{base}/rules",
    )
    uids, _ = rule_uids(browser, base)
    url = f"{base}/rules/{uids[-1]}"
    page = soup(browser.client.get(url))
    text = page.get_text(" ", strip=True)
    assert "Suggested: Yes. Sets a means (“start date”)" in text
    assert "The answers lead to: Unnecessary control" in text
    mechanism = page.find(
        "input", attrs={"name": "mechanisms", "value": "tx-districts-of-innovation"}
    )
    assert mechanism is not None
    values = form_values(page)
    values["mechanisms"] = ["tx-districts-of-innovation"]
    saved = browser.client.post(url, data=values)
    assert saved.status_code == 302
    page = soup(browser.client.get(url))
    assert page.find(
        "input", attrs={"name": "mechanisms", "value": "tx-districts-of-innovation"}
    ).has_attr("checked")
    # Overriding the suggestion needs a reason, and the change is kept in the history.
    values = form_values(page)
    values["decision"] = ["essential_oversight"]
    refused = browser.client.post(url, data=values)
    assert refused.status_code == 400
    assert b"Say why you decide differently" in refused.data
    values["override_reason"] = ["Our board wants the state calendar this year."]
    assert browser.client.post(url, data=values).status_code == 302
    history = browser.client.get(f"{base}/history").get_data(as_text=True)
    assert "Our board wants the state calendar this year." in history
    assert "Unnecessary control" in history
    assert "Essential oversight" in history
    summary = soup(browser.client.get(base)).get_text(" ", strip=True)
    assert "Essential oversight" in summary


def test_stale_save_gets_the_conflict_page_and_loses_nothing(
    browser, make_browser, audit
):
    team, _, base = audit
    uids, _ = rule_uids(browser, base)
    url = f"{base}/rules/{uids[0]}"
    first = form_values(soup(browser.client.get(url)))
    second = dict(first)
    first["override_reason"] = ["Mine"]
    first["decision"] = ["not_a_rule"]
    assert browser.client.post(url, data=first).status_code == 302
    second["text"] = ["A stale edit of the rule text"]
    conflict = browser.client.post(url, data=second)
    assert conflict.status_code == 409
    page = soup(conflict)
    assert "Someone else saved this audit first" in page.get_text()
    assert "A stale edit of the rule text" in page.get_text()  # what I typed is shown
    # The newer decision was not overwritten.
    assert "Not actually a rule" in page.get_text()
    reapply = {i["name"]: i["value"] for i in page.select("form input[type=hidden]")}
    assert int(reapply["version"]) == int(version(browser, url))


def test_viewer_reads_comments_and_exports_but_cannot_edit(
    browser, make_browser, audit
):
    team, _, base = audit
    link = soup(
        browser.post(
            f"/teams/{team}/invitations",
            {"role": "viewer", "email": ""},
            form_page=f"/teams/{team}",
            follow_redirects=True,
        )
    ).find(id="invite-link")["value"]
    viewer = make_browser()
    viewer.signup(email="vi@example.org", name="Vi")
    viewer.post(re.sub(r"^https?://[^/]+", "", link), {})
    uids, _ = rule_uids(viewer, base)
    page = viewer.client.get(f"{base}/rules/{uids[0]}")
    assert page.status_code == 200
    assert soup(page).find("fieldset").has_attr("disabled")
    values = form_values(soup(page))
    assert viewer.client.post(f"{base}/rules/{uids[0]}", data=values).status_code == 403
    assert (
        viewer.post(
            f"{base}/comments",
            {"comment": "Have we checked the bus contract?"},
            form_page=base,
        ).status_code
        == 302
    )
    assert b"Have we checked the bus contract?" in browser.client.get(base).data
    assert viewer.client.get(f"{base}/export.json").status_code == 200


def test_export_import_round_trip_and_csv(browser, audit):
    team, _, base = audit
    exported = browser.client.get(f"{base}/export.yaml")
    assert exported.headers["Content-Disposition"].startswith(
        'attachment; filename="four-day-week-'
    )
    original = yaml.safe_load(exported.data)
    upload = (io.BytesIO(exported.data), "audit.yaml")
    imported = browser.post(
        f"/teams/{team}/audits/import",
        {"file": upload},
        form_page=f"/teams/{team}/audits",
        content_type="multipart/form-data",
    )
    assert imported.status_code == 302
    copy_base = imported.headers["Location"]
    copy = json.loads(browser.client.get(f"{copy_base}/export.json").data)
    assert copy == original
    browser.post(
        f"{base}/rules/add",
        {
            "text": '=HYPERLINK("x")',
            "source_level": "unknown",
            "policy_area": "other",
            "version": version(browser, f"{base}/rules"),
        },
        form_page=f"{base}/rules",
    )
    csv_text = browser.client.get(f"{base}/export.csv").get_data(as_text=True)
    assert (
        csv_text.splitlines()[0]
        == "text,source_level,citation,policy_area,raised_by,decision,"
        "source_document,source_place"
    )
    assert "'=HYPERLINK" in csv_text


def test_bad_import_is_refused_with_a_message(browser, audit):
    team, _, _ = audit
    upload = (
        io.BytesIO(b"title: x\nrules: [{text: y, source_level: rumour}]\n"),
        "bad.yaml",
    )
    response = browser.post(
        f"/teams/{team}/audits/import",
        {"file": upload},
        form_page=f"/teams/{team}/audits",
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert b"cannot be imported" in response.data
    assert b"source_level" in response.data


@pytest.mark.parametrize(
    "name", ["one-rule-libreoffice.xlsx", "one-rule-libreoffice-wrong-encoding.xlsx"]
)
def test_a_one_rule_sheet_saved_by_libreoffice_reads_in_the_singular(
    browser,
    audit,  # noqa: F811
    name,
):
    """Real spreadsheet program files (LibreOffice Calc, converted from a UTF-8 CSV read
    as UTF-8, and as Western so the sheet itself holds "Â§" and "â€”"): the rule, its
    "§" and "—" arrive as written and the preview counts one rule."""
    _, _, base = audit
    sheet = Path(__file__).parents[1] / "data" / "spreadsheets"
    upload = ((sheet / name).open("rb"), "one.xlsx")
    preview = browser.post(
        f"{base}/rules/import",
        {"file": upload, "version": version(browser, f"{base}/rules")},
        form_page=f"{base}/rules",
        content_type="multipart/form-data",
    )
    page = soup(preview)
    shown = page.get_text(" ", strip=True)
    assert "1 rule was read" in shown
    assert "Add this rule" in shown
    values = [field.get("value", "") for field in page.find_all("input")]
    values += [area.get_text() for area in page.find_all("textarea")]
    assert "Teachers need a Tennessee license — §" in values
    assert "T.C.A. § 49-5-108" in values
    if "wrong-encoding" in name:
        assert "Characters put back in the text and citation" in shown


def test_the_rule_page_says_why_a_rule_may_not_bind(browser, audit):
    """Whether a rule binds at all is suggested with its reason, like every answer."""
    _, _, base = audit
    for text, level, citation in [
        (
            "The board has to bargain over any topic the union raises",
            "collective_bargaining",
            "Tex. Gov't Code § 617.002; Tex. Educ. Code § 11.151",
        ),
        ("We have always started after Labor Day", "practice", ""),
    ]:
        browser.post(
            f"{base}/rules/add",
            {
                "text": text,
                "source_level": level,
                "citation": citation,
                "policy_area": "staffing",
                "version": version(browser, f"{base}/rules"),
            },
            form_page=f"{base}/rules",
        )
    uids, _ = rule_uids(browser, base)
    practice = soup(browser.client.get(f"{base}/rules/{uids[-1]}"))
    said = practice.find("h2", string="Does it really bind?").find_next("fieldset")
    assert "Suggested: No. Listed as a practice or habit" in said.get_text(
        " ", strip=True
    )
    contract = soup(browser.client.get(f"{base}/rules/{uids[-2]}"))
    said = contract.find("h2", string="Does it really bind?").find_next("fieldset")
    text = said.get_text(" ", strip=True)
    assert "Suggested: Not sure." in text
    assert "the citation is a statute" in text
