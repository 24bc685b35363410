"""Teams through the pages: create, invite a colleague, roles, profile, leave."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup


def invite_link(browser, team_id, role="editor"):
    response = browser.post(
        f"/teams/{team_id}/invitations",
        {"role": role, "email": ""},
        form_page=f"/teams/{team_id}",
        follow_redirects=True,
    )
    assert response.status_code == 200
    link = BeautifulSoup(response.data, "html.parser").find(id="invite-link")["value"]
    return re.sub(r"^https?://[^/]+", "", link)


def test_a_new_invitation_link_is_shown_once_after_a_redirect(browser):
    browser.signup()
    team_id = browser.create_team()
    other_team = browser.create_team("Other ISD")
    created = browser.post(
        f"/teams/{team_id}/invitations",
        {"role": "viewer", "email": ""},
        form_page=f"/teams/{team_id}",
    )
    # Post/redirect/get: the browser ends on the team page, not on the POST address.
    assert created.status_code == 302
    assert created.headers["Location"] == f"/teams/{team_id}#invite-h"
    # Another team's page does not hand out this team's link.
    assert b"invite-link" not in browser.client.get(f"/teams/{other_team}").data
    shown = browser.client.get(f"/teams/{team_id}")
    assert shown.headers["Cache-Control"] == "no-store"
    link = BeautifulSoup(shown.data, "html.parser").find(id="invite-link")["value"]
    assert re.fullmatch(r"https?://[^/]+/invite/[\w-]+", link)
    # Reloading shows the page without the link and creates no second invitation.
    again = browser.client.get(f"/teams/{team_id}")
    assert b"invite-link" not in again.data
    assert "Cache-Control" not in again.headers
    open_ones = BeautifulSoup(again.data, "html.parser").select("#invite-h ~ ul li")
    assert len(open_ones) == 1
    # The link works for a colleague.
    assert browser.client.get(re.sub(r"^https?://[^/]+", "", link)).status_code == 200


def test_from_signup_to_a_second_person_joining(browser, make_browser):
    browser.signup()
    team_id = browser.create_team("Example ISD")
    path = invite_link(browser, team_id, "viewer")
    colleague = make_browser()
    # Following the link first asks the colleague to sign up, then brings them back.
    landing = colleague.client.get(path)
    assert landing.status_code == 200
    assert b"Create an account" in landing.data
    signed_up = colleague.signup(email="ben@example.org", name="Ben Ng")
    assert signed_up.headers["Location"] == path
    page = colleague.client.get(path)
    assert b"Join" in page.data
    joined = colleague.post(path, {})
    assert joined.status_code == 302
    team_page = colleague.client.get(f"/teams/{team_id}")
    assert b"Your role: <strong>Viewer</strong>" in team_page.data
    assert (
        colleague.post(path, {}, form_page=f"/teams/{team_id}").status_code == 404
    )  # used up
    owner_view = browser.client.get(f"/teams/{team_id}").data
    assert b"Ben Ng" in owner_view
    assert "Ben Ng joined the team as viewer" in BeautifulSoup(
        owner_view, "html.parser"
    ).get_text(" ", strip=True)


def test_owner_changes_roles_and_removes(browser, make_browser):
    browser.signup()
    team_id = browser.create_team()
    path = invite_link(browser, team_id, "viewer")
    colleague = make_browser()
    colleague.signup(email="ben@example.org", name="Ben Ng")
    colleague.post(path, {})
    assert colleague.client.get(f"/teams/{team_id}/profile").status_code == 403
    ben_id = 2
    browser.post(
        f"/teams/{team_id}/members/{ben_id}/role",
        {"role": "editor"},
        form_page=f"/teams/{team_id}",
    )
    assert colleague.client.get(f"/teams/{team_id}/profile").status_code == 200
    browser.post(
        f"/teams/{team_id}/members/{ben_id}/remove", {}, form_page=f"/teams/{team_id}"
    )
    assert colleague.client.get(f"/teams/{team_id}").status_code == 404


def test_last_owner_cannot_leave(browser, client):
    browser.signup()
    team_id = browser.create_team()
    response = browser.post(
        f"/teams/{team_id}/leave",
        {},
        form_page=f"/teams/{team_id}",
        follow_redirects=True,
    )
    assert b"last owner cannot be removed" in response.data
    assert client.get(f"/teams/{team_id}").status_code == 200


def test_district_profile_is_saved_and_shown(browser, client):
    browser.signup()
    team_id = browser.create_team()
    response = browser.post(
        f"/teams/{team_id}/profile",
        {
            "name": "Example ISD",
            "district_name": "Example Independent SD",
            "state": "TX",
            "size": "4 schools",
            "demographics": "Rural",
            "vision": "<b>Every learner</b>",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/teams/{team_id}").data
    assert b"Example Independent SD" in page
    assert b"Texas" in page
    assert b"&lt;b&gt;Every learner&lt;/b&gt;" in page


def test_switch_between_teams(browser, client):
    browser.signup()
    first = browser.create_team("First")
    browser.create_team("Second")
    browser.post(f"/teams/{first}/switch", {}, form_page="/teams")
    soup = BeautifulSoup(client.get("/teams").data, "html.parser")
    current = [
        row.th.get_text(" ", strip=True)
        for row in soup.select("tbody tr")
        if row.find(class_="badge")
    ]
    assert current == ["First Current"]


def test_expired_or_unknown_invitation(browser, client):
    browser.signup()
    assert client.get("/invite/not-a-token").status_code == 404


def test_an_invitation_gives_the_least_rights_unless_the_owner_chooses_more(browser):
    """A hurried owner does not hand out edit rights by default: the role starts at
    Viewer."""
    from bs4 import BeautifulSoup

    browser.signup()
    team_id = browser.create_team("Mesa ISD")
    page = BeautifulSoup(browser.client.get(f"/teams/{team_id}").data, "html.parser")
    form = page.find("input", attrs={"name": "email", "type": "email"}).find_parent(
        "form"
    )
    role = form.find("select", attrs={"name": "role"})
    assert role.find("option", selected=True)["value"] == "viewer"
