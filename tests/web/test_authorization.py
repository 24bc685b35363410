"""Walk every route as an anonymous visitor, a member of another team and a viewer.

Each must be refused what it may not read or change: another team's objects answer
404 (ids reveal nothing), a viewer's edits 403, and nothing in the database changes.
A new route fails this test until it is classified below.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from finder import create_app
from finder.audit.model import AuditData, AuditRule
from finder.store import accounts, teams
from finder.store import audits as audit_store
from finder.store.audits import content as store_content
from finder.store.models import Invitation, Membership, Publication, Team
from finder.web import db
from tests.conftest import app_config

PUBLIC = {
    "static",
    "catalog.home",
    "catalog.states",
    "catalog.state",
    "catalog.entry",
    "catalog.changes",
    "catalog.changes_feed",
    "catalog.healthz",
    "compare.index",
    "compare.download",
    "compare.states",
    "compare.states_download",
    "compare.entries",
    "compare.entries_download",
    "exports.search",
    "search.index",
    "api.search",
    "api.entry",
    "api.entry_schema",
    "api.file_schema",
    "api.openapi_document",
    # Published outcomes: computed from publication rows only (tests/web/test_publishing.py).
    "cases.index",
    "cases.case",
    "cases.feed",
    "cases.national",
    "cases.barriers",
    "cases.barriers_csv",
    "api.cases",
    "api.case",
    "api.barriers",
    "auth.signup",
    "auth.signin",
    "auth.signout",
    "auth.reset",
    # An invitation link says what it invites to; accepting it needs an account
    # (tests/web/test_invitation_signup.py).
    "teams.invitation",
}
# Signed-in pages that are about the user, not one team.
ACCOUNT = {"auth.account", "teams.index", "teams.create"}
# Team pages a viewer may use (reading, and commenting on audits).
VIEWER_ALLOWED = {
    "teams.show",
    "teams.activity",
    "teams.switch",
    "teams.leave",
    "audits.index",
    "audits.summary",
    "audits.history",
    "audits.rules",
    "audits.review",
    "audits.review_table",
    "audits.export",
    "audits.comment",
    "documents.preview",
    "documents.download",
}
# Pages that show a form to viewers read-only (GET) but refuse the POST.
VIEWER_READS = {
    "audits.setup",
    "audits.template",
    "audits.rule",
    "audits.evaluation",
    "documents.document",
}


@pytest.fixture
def world(tmp_path, database_url):
    app = create_app(app_config(tmp_path, database_url, WTF_CSRF_ENABLED=False))
    with app.app_context():
        s = db.session()
        owner = accounts.create_user(
            s, "owner@example.org", "Olga", "correct horse battery"
        )
        viewer = accounts.create_user(
            s, "viewer@example.org", "Vic", "correct horse battery"
        )
        outsider = accounts.create_user(
            s, "out@example.org", "Otto", "correct horse battery"
        )
        team = teams.create_team(s, owner, "Target ISD")
        teams.update_profile(
            s, team, owner, {"name": "Target ISD", "vision": "Original vision"}
        )
        teams.accept_invitation(
            s, teams.create_invitation(s, team, owner, "viewer"), viewer
        )
        teams.create_invitation(s, team, owner, "editor", "pending@example.org")
        teams.create_team(s, outsider, "Other ISD")
        rule = AuditRule(
            "Minimum minutes of instruction",
            "state_statute",
            "§ 25.081",
            "instructional_time",
        )
        audit = audit_store.create_audit(
            s, team.id, owner, AuditData("Target audit", "TX", rules=[rule])
        )
        from finder.catalog import load_catalog
        from finder.documents.build import build_outline
        from finder.store.documents import keep_version

        outline = build_outline(
            store_content(audit), load_catalog(app.config["CATALOG_DIRS"]), "Target ISD"
        )
        version = keep_version(s, audit, owner, outline)
        ids = {
            "version_id": version.id,
            "audit_id": audit.id,
            "uid": rule.uid,
            "team_id": team.id,
            "user_id": owner.id,
            "invitation_id": s.scalar(
                select(Invitation.id).where(Invitation.email == "pending@example.org")
            ),
        }
    yield app, ids
    app.extensions["finder.engine"].dispose()


def snapshot(app, team_id):
    with app.app_context():
        s = db.session()
        team = s.get(Team, team_id)
        roles = sorted(
            (m.user_id, m.role)
            for m in s.scalars(select(Membership).where(Membership.team_id == team_id))
        )
        invitations = sorted(
            (i.id, i.revoked)
            for i in s.scalars(select(Invitation).where(Invitation.team_id == team_id))
        )
        published = s.scalars(
            select(Publication.id).where(Publication.team_id == team_id)
        ).all()
        return (team.name, team.vision, team.state, roles, invitations, published)


def routes(app, ids):
    for rule in app.url_map.iter_rules():
        values = {}
        for arg in rule.arguments:
            values[arg] = {
                "entry_id": "tx-districts-of-innovation",
                "code": "TX",
                "token": "not-a-real-token",
                "case_id": 1,
                "filename": "finder.css",
                "fmt": "json" if rule.endpoint == "audits.export" else "docx",
            }.get(arg, ids.get(arg))
        path = rule.build(values, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, path


def signed_in(app, email):
    client = app.test_client()
    response = client.post(
        "/signin", data={"email": email, "password": "correct horse battery"}
    )
    assert response.status_code == 302
    return client


def test_every_route_is_classified(world):
    app, ids = world
    for endpoint, _, _ in routes(app, ids):
        team_scoped = (
            endpoint.startswith(("teams.", "audits.", "documents."))
            and endpoint not in ACCOUNT
        )
        assert endpoint in PUBLIC or endpoint in ACCOUNT or team_scoped, endpoint


def test_anonymous_is_sent_to_sign_in(world):
    app, ids = world
    before = snapshot(app, ids["team_id"])
    client = app.test_client()
    for endpoint, method, path in routes(app, ids):
        if endpoint in PUBLIC:
            continue
        response = client.open(
            path, method=method, data={"name": "Hacked", "role": "owner", "vision": "x"}
        )
        assert response.status_code == 302, (endpoint, method, response.status_code)
        assert "/signin" in response.headers["Location"], endpoint
    assert snapshot(app, ids["team_id"]) == before


def test_member_of_another_team_gets_404(world):
    app, ids = world
    before = snapshot(app, ids["team_id"])
    client = signed_in(app, "out@example.org")
    checked = 0
    for endpoint, method, path in routes(app, ids):
        if endpoint in PUBLIC or endpoint in ACCOUNT:
            continue
        response = client.open(
            path,
            method=method,
            data={"name": "Hacked", "role": "owner", "vision": "x", "email": ""},
        )
        assert response.status_code == 404, (endpoint, method, response.status_code)
        assert b"Target ISD" not in response.data
        checked += 1
    assert checked >= 10
    assert snapshot(app, ids["team_id"]) == before


def test_viewer_can_read_but_not_change(world):
    app, ids = world
    before = snapshot(app, ids["team_id"])
    client = signed_in(app, "viewer@example.org")
    for endpoint, method, path in routes(app, ids):
        if endpoint in PUBLIC or endpoint in ACCOUNT or endpoint == "teams.leave":
            continue
        response = client.open(
            path,
            method=method,
            data={"name": "Hacked", "role": "owner", "vision": "x", "email": ""},
        )
        if endpoint in VIEWER_ALLOWED | VIEWER_READS and method == "GET":
            assert response.status_code in (200, 302), (
                endpoint,
                method,
                response.status_code,
            )
        elif endpoint in VIEWER_ALLOWED:
            assert response.status_code in (200, 302), (endpoint, method)
        else:
            assert response.status_code == 403, (endpoint, method, response.status_code)
    assert snapshot(app, ids["team_id"]) == before


def test_catalog_stays_public(world):
    app, _ = world
    client = app.test_client()
    for path in [
        "/",
        "/search?q=waiver",
        "/states/TX",
        "/flexibilities/us-iada",
        "/api/v1/flexibilities?q=x",
        "/changes.atom",
    ]:
        assert client.get(path).status_code == 200, path


UNPUBLISHED_WORDS = ("Target audit", "Target ISD", "Minimum minutes", "Olga")


def test_an_unpublished_audit_is_nowhere_public(world):
    """Before its owner publishes, no public page, feed, file or API answer shows the
    audit, whoever asks; its case address does not exist."""
    app, ids = world
    visitors = [app.test_client(), signed_in(app, "out@example.org")]
    visitors.append(signed_in(app, "viewer@example.org"))
    paths = [
        "/cases",
        "/cases?state=TX",
        "/cases.atom",
        "/barriers",
        "/barriers/TX",
        "/barriers/TX.csv",
        "/barriers.csv",
        "/api/v1/cases",
        "/api/v1/cases?state=TX",
        "/api/v1/barriers",
        "/api/v1/barriers?state=TX",
        "/flexibilities/tx-districts-of-innovation",
    ]
    for client in visitors:
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            body = response.get_data(as_text=True)
            for word in UNPUBLISHED_WORDS:
                assert word not in body, (path, word)
        for path in ("/cases/1", "/api/v1/cases/1"):
            assert client.get(path).status_code == 404


def test_every_page_the_owner_reads_has_unique_element_ids(world):
    """Two visible fields with one id send a label (and a click on it) to the wrong
    field: the document upload once filled the spreadsheet field this way. (Hidden
    inputs have no label; forms repeat their version and token.)"""
    from collections import Counter

    from bs4 import BeautifulSoup

    app, ids = world
    client = signed_in(app, "owner@example.org")
    checked = 0
    for endpoint, method, path in routes(app, ids):
        if method != "GET":
            continue
        response = client.get(path)
        if response.status_code != 200 or response.mimetype != "text/html":
            response.close()
            continue
        page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        shown = [t["id"] for t in page.find_all(id=True) if t.get("type") != "hidden"]
        repeated = [i for i, n in Counter(shown).items() if n > 1]
        assert repeated == [], (endpoint, repeated)
        checked += 1
    assert checked >= 15
