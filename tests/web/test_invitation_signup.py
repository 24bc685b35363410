"""Someone arriving through an invitation link signs up or in and lands back on it."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from finder.web.auth import safe_next


def text_of(response) -> str:
    return BeautifulSoup(response.data, "html.parser").get_text(" ", strip=True)


@pytest.fixture
def invitation(browser):
    """An owner's team "Mesa ISD" and the path of a fresh editor invitation to it."""
    browser.signup()
    team_id = browser.create_team("Mesa ISD")
    page = browser.post(
        f"/teams/{team_id}/invitations",
        {"role": "editor", "email": ""},
        form_page=f"/teams/{team_id}",
        follow_redirects=True,
    )
    link = BeautifulSoup(page.data, "html.parser").find(id="invite-link")["value"]
    return team_id, re.sub(r"^https?://[^/]+", "", link)


def test_the_link_says_what_it_invites_to_and_offers_sign_up(make_browser, invitation):
    _, path = invitation
    newcomer = make_browser()
    page = newcomer.client.get(path)
    assert page.status_code == 200
    soup = BeautifulSoup(page.data, "html.parser")
    assert soup.find("h1").get_text() == "Join “Mesa ISD”"
    assert "as editor" in soup.get_text(" ", strip=True)
    assert soup.find("button", string="Accept and join") is None  # not signed in yet
    signup = soup.find("a", string="Create an account")["href"]
    assert parse_qs(urlsplit(signup).query)["next"] == [path]
    # Accepting needs an account: a stray post is sent to sign in, and joins nothing.
    posted = newcomer.post(path, {}, form_page="/signin")
    assert posted.status_code == 302
    assert urlsplit(posted.headers["Location"]).path == "/signin"


def test_sign_up_through_the_link_lands_back_on_it(make_browser, invitation):
    team_id, path = invitation
    newcomer = make_browser()
    newcomer.client.get(path)
    form = newcomer.client.get(f"/signup?next={path}")
    assert "You are invited to join “Mesa ISD” as editor" in text_of(form)
    made = newcomer.post(
        f"/signup?next={path}",
        {
            "name": "Ben Ng",
            "email": "ben@example.org",
            "district": "Mesa ISD",
            "password": "correct horse battery",
            "confirm": "correct horse battery",
        },
        form_page=f"/signup?next={path}",
    )
    assert made.headers["Location"] == path
    landing = text_of(newcomer.client.get(path))
    assert "accept the invitation below to join “Mesa ISD”" in landing
    assert "Create a team or open an invitation link" not in landing
    # Looking at the teams page first: the invitation waits there.
    teams_page = BeautifulSoup(newcomer.client.get("/teams").data, "html.parser")
    waiting = teams_page.find(id="pending-h").find_parent("section")
    assert "join “Mesa ISD” as editor" in waiting.get_text(" ", strip=True)
    assert waiting.find("a")["href"] == path
    assert newcomer.post(path, {}).headers["Location"] == f"/teams/{team_id}"
    joined = BeautifulSoup(newcomer.client.get("/teams").data, "html.parser")
    assert joined.find(id="pending-h") is None


def test_sign_in_through_the_link_lands_back_on_it(make_browser, invitation):
    _, path = invitation
    member = make_browser()
    member.signup(email="cy@example.org", name="Cy")
    member.signout()
    member.client.get(path)  # signed out, the link is opened...
    assert "join “Mesa ISD”" in text_of(member.client.get("/signin"))
    # ...and signing in, even without a next, returns to it.
    signed_in = member.signin(email="cy@example.org")
    assert signed_in.headers["Location"] == path


def test_an_external_next_is_refused(make_browser, invitation):
    _, path = invitation
    newcomer = make_browser()
    made = newcomer.post(
        "/signup?next=https://evil.example/phish",
        {
            "name": "Di",
            "email": "di@example.org",
            "district": "",
            "password": "correct horse battery",
            "confirm": "correct horse battery",
        },
        form_page="/signup",
    )
    assert made.headers["Location"] == "/teams"
    # With the invitation opened first, a refused next falls back to the invitation.
    other = make_browser()
    other.signup(email="ed@example.org", name="Ed")
    other.signout()
    other.client.get(path)
    token = other.token("/signin")
    back = other.client.post(
        "/signin?next=//evil.example",
        data={
            "csrf_token": token,
            "email": "ed@example.org",
            "password": "correct horse battery",
        },
    )
    assert back.headers["Location"] == path


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "javascript:alert(1)",
        "evil.example",
        "",
        None,
    ],
)
def test_safe_next_refuses_anything_but_a_local_path(app, target):
    with app.test_request_context():
        assert safe_next(target, "/fallback") == "/fallback"


def test_safe_next_keeps_local_paths(app):
    with app.test_request_context():
        assert safe_next("/invite/abc-DEF_1?x=1") == "/invite/abc-DEF_1?x=1"
        assert safe_next(None) == "/teams"


def test_signing_out_forgets_the_invitation(make_browser, invitation):
    _, path = invitation
    person = make_browser()
    person.signup(email="fa@example.org", name="Fa")
    person.client.get(path)
    assert b"pending-h" in person.client.get("/teams").data
    person.signout()
    person.signin(email="fa@example.org")
    assert b"pending-h" not in person.client.get("/teams").data


def test_a_revoked_invitation_stops_waiting(browser, make_browser, invitation):
    team_id, path = invitation
    person = make_browser()
    person.signup(email="gu@example.org", name="Gu")
    person.client.get(path)
    team_page = BeautifulSoup(
        browser.client.get(f"/teams/{team_id}").data, "html.parser"
    )
    revoke = team_page.find("button", string="Revoke").find_parent("form")["action"]
    browser.post(revoke, {}, form_page=f"/teams/{team_id}")
    assert b"pending-h" not in person.client.get("/teams").data
    assert person.client.get(path).status_code == 404
