"""An expired or missing CSRF token: the same form again, everything typed kept, nothing saved."""

# ruff: noqa: F811  (the audit fixture is imported from test_audits)
from __future__ import annotations

import io
import json
import time

import pytest
from bs4 import BeautifulSoup
from itsdangerous import URLSafeTimedSerializer, timed

from tests.conftest import form_values
from tests.web.test_audits import audit, soup  # noqa: F401  (fixture)

RATIONALE = "A long rationale typed over more than an hour,\nwith a second line."


@pytest.fixture
def expired_token(app, browser, monkeypatch):
    """The page, and its form's token as it was signed two hours ago (lifetime: one hour)."""

    class TwoHoursAgo:
        @staticmethod
        def time():
            return time.time() - 7200

    def take(url: str):
        page = BeautifulSoup(browser.client.get(url).data, "html.parser")
        with browser.client.session_transaction() as session:
            raw = session["csrf_token"]
        with monkeypatch.context() as m:
            m.setattr(timed, "time", TwoHoursAgo)
            token = URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token").dumps(
                raw
            )
        return page, token

    return take


def _rule_page(browser, base):
    uid = soup(browser.client.get(f"{base}/rules")).select("table.rules th a")[0][
        "href"
    ]
    return uid


def test_review_page_posted_after_an_hour_keeps_the_rationale(
    browser, audit, expired_token
):
    _, _, base = audit
    url = _rule_page(browser, base)
    page, token = expired_token(url)
    values = form_values(page)
    values["csrf_token"] = [token]
    values["rationale"] = [RATIONALE]
    response = browser.client.post(url, data=values)
    assert response.status_code == 400  # was: "Form expired… nothing was saved"
    again = soup(response)
    assert form_values(again)["rationale"] == [RATIONALE]
    fresh = again.find("input", attrs={"name": "csrf_token"})["value"]
    assert fresh != token
    assert "nothing was saved yet" in again.get_text()
    exported = json.loads(browser.client.get(f"{base}/export.json").data)
    assert all(r["rationale"] != RATIONALE for r in exported["rules"])
    resubmitted = form_values(again)
    assert browser.client.post(url, data=resubmitted).status_code == 302
    exported = json.loads(browser.client.get(f"{base}/export.json").data)
    assert any(r["rationale"] == RATIONALE for r in exported["rules"])


@pytest.mark.parametrize("page", ["setup", "evaluation"])
def test_missing_token_on_same_address_forms_rerenders_them(browser, audit, page):
    _, _, base = audit
    values = form_values(soup(browser.client.get(f"{base}/{page}")))
    values.pop("csrf_token")
    key = "innovation" if page == "setup" else "metrics-0-baseline"
    values[key] = ["Typed and kept"]
    response = browser.client.post(f"{base}/{page}", data=values)
    assert response.status_code == 400
    field = soup(response).find(attrs={"name": key})
    assert (field.get_text().lstrip("\r\n") or field.get("value")) == "Typed and kept"
    assert soup(response).find("input", attrs={"name": "csrf_token"})["value"]


def test_post_only_form_gets_everything_back_to_submit_again(browser, audit):
    _, _, base = audit
    version = soup(browser.client.get(f"{base}/rules")).find(
        "input", attrs={"name": "version"}
    )["value"]
    typed = {"text": "A rule typed slowly", "citation": "§ 25.081", "version": version}
    response = browser.client.post(f"{base}/rules/add", data=typed)
    assert response.status_code == 400
    page = soup(response)
    form = page.find("form", class_="expired-form")
    assert form["action"] == f"{base}/rules/add"
    assert (
        form.find("textarea", attrs={"name": "text"}).get_text()
        == "A rule typed slowly"
    )
    assert form.find("input", attrs={"name": "version"})["value"] == version
    again = form_values(page) if page.find("input", attrs={"name": "version"}) else {}
    assert browser.client.post(f"{base}/rules/add", data=again).status_code == 302
    texts = [
        r["text"]
        for r in json.loads(browser.client.get(f"{base}/export.json").data)["rules"]
    ]
    assert texts[-1] == "A rule typed slowly"


def test_expired_form_never_saves_for_a_viewer_either(browser, audit, make_browser):
    team, _, base = audit
    other = make_browser()
    other.signup(email="viewer@example.org")
    response = other.client.post(
        f"{base}/setup", data={"title": "Hijacked", "state": "TX"}
    )
    assert response.status_code in (400, 404)
    assert "Hijacked" not in browser.client.get(f"{base}/setup").get_data(as_text=True)


def test_expired_import_preview_keeps_choices_ticks_and_hidden_rows(browser, audit):
    """The preview's rows come back as the controls they were: a choice list stays a
    choice list with the chosen value, a tick stays a tick, and the machine-read rows
    stay hidden instead of showing JSON to the person."""
    _, _, base = audit
    version = soup(browser.client.get(f"{base}/rules")).find(
        "input", attrs={"name": "version"}
    )["value"]
    upload = (
        io.BytesIO(
            b"text,source_level,policy_area\nFirst CSV rule,state_rule,calendar\n"
            b"Second CSV rule,local_policy,staffing\n"
        ),
        "rules.csv",
    )
    preview = browser.client.post(
        f"{base}/rules/import",
        data={
            "file": upload,
            "version": version,
            "csrf_token": browser.token(f"{base}/rules"),
        },
        content_type="multipart/form-data",
    )
    values = form_values(soup(preview))
    values["source_level-1"] = ["vendor_contract"]
    values["skip-0"] = ["1"]
    values.pop("csrf_token")
    response = browser.client.post(f"{base}/rules/import/confirm", data=values)
    assert response.status_code == 400
    form = soup(response).find("form", class_="expired-form")
    level = form.find("select", attrs={"name": "source_level-1"})
    assert level is not None, "a closed choice came back as a text box"
    assert level.find("option", selected=True)["value"] == "vendor_contract"
    assert form.find("label", attrs={"for": level["id"]}).get_text().endswith("row 2")
    assert form.find("select", attrs={"name": "policy_area-0"}) is not None
    tick = form.find("input", attrs={"name": "skip-0"})
    assert tick["type"] == "checkbox"
    assert tick.has_attr("checked")
    rows = form.find("input", attrs={"name": "rows"})
    assert rows["type"] == "hidden"
    assert "First CSV rule" not in (form.find("textarea", attrs={"name": "rows"}) or "")
    before = json.loads(browser.client.get(f"{base}/export.json").data)["rules"]
    again = browser.client.post(
        f"{base}/rules/import/confirm", data=form_values(soup(response))
    )
    assert again.status_code == 302
    rules = json.loads(browser.client.get(f"{base}/export.json").data)["rules"]
    added = rules[len(before) :]
    assert [(r["text"], r["source_level"]) for r in added] == [
        ("Second CSV rule", "vendor_contract")
    ]
