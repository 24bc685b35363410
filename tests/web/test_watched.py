"""A catalog edit after a team decided shows on its audits until an editor acknowledges it."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from finder import create_app
from finder.audit.model import AuditData, AuditRule
from finder.audit.watch import follow_all
from finder.store import accounts, teams
from finder.store import audits as audit_store
from finder.web import db
from tests.conftest import TEST_CATALOG, Browser, app_config, write_catalog

DOI = "tx-districts-of-innovation"
PERMIT = "tx-teacher-certification-cte-permit"
PASSWORD = "correct horse battery"


def request(mechanism: str, text: str) -> AuditRule:
    return AuditRule(
        text,
        "state_statute",
        "Tex. Educ. Code § 25.0811",
        "calendar",
        decision="unnecessary_control",
        mechanisms=[mechanism],
    )


@pytest.fixture
def world(tmp_path, database_url):
    """A team (owner and viewer) with three audits on a catalog the test may edit:
    one relying on Districts of Innovation, one on another entry, and one stored
    before audits kept snapshots."""
    folder = write_catalog(
        tmp_path / "cat", {p.name: p.read_text() for p in TEST_CATALOG.iterdir()}
    )
    app = create_app(app_config(tmp_path, database_url, CATALOG_DIRS=[str(folder)]))
    with app.app_context():
        s = db.session()
        owner = accounts.create_user(s, "owner@example.org", "Olga", PASSWORD)
        viewer = accounts.create_user(s, "viewer@example.org", "Vic", PASSWORD)
        team = teams.create_team(s, owner, "Target ISD")
        teams.accept_invitation(
            s, teams.create_invitation(s, team, owner, "viewer"), viewer
        )
        catalog = app.extensions["finder.live"].catalog
        ids = {"team": team.id}
        for key, title, mechanism, watched in (
            ("relying", "Calendar", DOI, True),
            ("other", "Staffing", PERMIT, True),
            ("older", "Older calendar", DOI, False),
        ):
            data = AuditData(title, "TX", rules=[request(mechanism, f"{title} rule")])
            if watched:
                follow_all(data, catalog)
            ids[key] = audit_store.create_audit(s, team.id, owner, data).id
    yield app, folder, ids
    app.extensions["finder.engine"].dispose()


def edit_catalog(app, folder):
    """Districts of Innovation: a shorter term, reviewed again."""
    path = folder / "tx.yaml"
    text = path.read_text()
    text = text.replace("term: Up to five years", "term: Up to three years", 1)
    text = text.replace("last_reviewed: 2026-11-01", "last_reviewed: 2026-11-20", 1)
    path.write_text(text)
    assert app.extensions["finder.live"].refresh(force=True)
    assert app.extensions["finder.live"].catalog.get(DOI).term == "Up to three years"


def person(app, email) -> Browser:
    browser = Browser(app.test_client())
    assert browser.signin(email, PASSWORD).status_code == 302
    return browser


def page(browser, url):
    response = browser.client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.data, "html.parser")


def notice(soup):
    return soup.select_one("section.watched")


def test_a_catalog_change_shows_on_the_audits_relying_on_the_entry(world):
    app, folder, ids = world
    owner = person(app, "owner@example.org")
    base = f"/teams/{ids['team']}/audits"
    assert notice(page(owner, f"{base}/{ids['relying']}")) is None
    edit_catalog(app, folder)

    shown = notice(page(owner, f"{base}/{ids['relying']}"))
    text = shown.get_text(" ", strip=True)
    assert "Districts of Innovation" in text
    assert "Duration and renewal" in text
    assert "Before: Up to five years" in text
    assert "Now: Up to three years" in text
    assert "2026-11-20" in text
    assert shown.find("button", string="Acknowledge this change")
    assert notice(page(owner, f"{base}/{ids['other']}")) is None
    assert notice(page(owner, f"{base}/{ids['older']}")) is None  # no baseline

    # The rule's review page and the document say so too.
    with app.app_context():
        row = audit_store.get_audit(db.session(), ids["team"], ids["relying"])
        uid = audit_store.content(row).rules[0].uid
    rule_page = notice(page(owner, f"{base}/{ids['relying']}/rules/{uid}"))
    assert "Up to three years" in rule_page.get_text()
    document = page(owner, f"{base}/{ids['relying']}/document")
    assert "Up to three years" in notice(document).get_text()
    resolve = document.select_one("div.notice").get_text(" ", strip=True)
    assert "“Districts of Innovation” changed in the catalog" in resolve
    assert "duration and renewal (entry reviewed 2026-11-20)" in resolve

    listed = page(owner, base)
    marked = {
        row.th.get_text(strip=True)
        for row in listed.select("tbody tr")
        if "Changed in the catalog" in row.get_text()
    }
    assert marked == {"Calendar"}


def acknowledge_form(soup) -> tuple[str, dict]:
    form = notice(soup).find("form")
    values = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    return form["action"], values


def test_acknowledging_clears_the_notice_and_is_in_the_history(world):
    app, folder, ids = world
    owner = person(app, "owner@example.org")
    summary = f"/teams/{ids['team']}/audits/{ids['relying']}"
    edit_catalog(app, folder)
    action, values = acknowledge_form(page(owner, summary))
    # A form shown before another catalog edit acknowledges nothing unseen.
    stale = owner.client.post(action, data={**values, "catalog": "older"})
    assert stale.status_code == 302
    assert notice(page(owner, summary)) is not None

    done = owner.client.post(action, data=values)
    assert done.status_code == 302
    assert done.headers["Location"].endswith(summary)
    assert notice(page(owner, summary)) is None
    history = page(owner, f"{summary}/history").get_text(" ", strip=True)
    assert "Catalog change acknowledged" in history
    assert "Olga" in history
    assert "duration and renewal" in history
    listed = page(owner, f"/teams/{ids['team']}/audits")
    assert "Changed in the catalog" not in listed.get_text()


def test_a_viewer_sees_the_change_but_cannot_acknowledge_it(world):
    app, folder, ids = world
    owner, viewer = person(app, "owner@example.org"), person(app, "viewer@example.org")
    summary = f"/teams/{ids['team']}/audits/{ids['relying']}"
    edit_catalog(app, folder)
    action, values = acknowledge_form(page(owner, summary))
    seen = notice(page(viewer, summary))
    assert seen is not None
    assert seen.find("form") is None
    assert "An editor on the team can acknowledge it" in seen.get_text()
    values["csrf_token"] = viewer.token(f"{summary}")
    assert viewer.client.post(action, data=values).status_code == 403
    assert notice(page(owner, summary)) is not None


def test_an_audit_stored_without_snapshots_gets_one_when_acknowledged(world):
    app, folder, ids = world
    owner = person(app, "owner@example.org")
    summary = f"/teams/{ids['team']}/audits/{ids['older']}"
    edit_catalog(app, folder)
    assert notice(page(owner, summary)) is None
    with app.app_context():
        row = audit_store.get_audit(db.session(), ids["team"], ids["older"])
        assert audit_store.content(row).rules[0].relied_on == {}
        fingerprint = app.extensions["finder.live"].catalog.fingerprint
        version = row.version
    response = owner.post(
        f"{summary}/acknowledge",
        {"version": version, "catalog": fingerprint, "entries": "", "back": ""},
        form_page=summary,
    )
    assert response.status_code == 302
    with app.app_context():
        row = audit_store.get_audit(db.session(), ids["team"], ids["older"])
        kept = audit_store.content(row).rules[0].relied_on[DOI]
    assert kept.term == "Up to three years"
