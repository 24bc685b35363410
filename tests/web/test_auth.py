"""Signing up, in and out through the pages, with CSRF, rate limits and resets."""

from __future__ import annotations

from bs4 import BeautifulSoup

from finder.store import accounts
from finder.web import db


def test_signup_signs_in_and_shows_the_user(browser, client):
    response = browser.signup()
    assert response.status_code == 302
    page = client.get("/teams")
    assert page.status_code == 200
    assert b"Ana Diaz" in page.data


def test_signup_errors_are_tied_to_their_fields(browser):
    response = browser.post(
        "/signup",
        {
            "name": "Ana",
            "email": "not-an-email",
            "password": "short",
            "confirm": "other",
        },
    )
    assert response.status_code == 400
    soup = BeautifulSoup(response.data, "html.parser")
    assert soup.find(role="alert")
    email = soup.find("input", attrs={"name": "email"})
    assert email["aria-invalid"] == "true"
    assert soup.find(id=email["aria-describedby"].split()[-1]).get_text()


def test_weak_password_refused(browser):
    response = browser.signup(password="password123")
    assert response.status_code == 400
    assert b"too common" in response.data


def test_signin_signout(browser, client):
    browser.signup()
    browser.signout()
    assert client.get("/teams").status_code == 302
    assert browser.signin(password="wrong wrong wrong").status_code == 400
    response = browser.signin()
    assert response.status_code == 302
    assert client.get("/teams").status_code == 200


def test_signin_is_rate_limited(browser):
    browser.signup()
    browser.signout()
    for _ in range(accounts.FAILURES_PER_EMAIL):
        assert browser.signin(password="not the password").status_code == 400
    limited = browser.signin()
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) > 0
    assert b"Too many failed sign-in attempts" in limited.data


def test_next_only_follows_local_paths(browser, client):
    browser.signup()
    browser.signout()
    token = browser.token("/signin")
    evil = client.post(
        "/signin?next=https://evil.example/",
        data={
            "csrf_token": token,
            "email": "ana@example.org",
            "password": "correct horse battery",
        },
    )
    assert evil.headers["Location"] == "/teams"


def test_posts_without_csrf_are_refused(browser, client):
    response = client.post(
        "/signup",
        data={
            "name": "A",
            "email": "a@example.org",
            "password": "correct horse battery",
            "confirm": "correct horse battery",
        },
    )
    assert response.status_code == 400
    assert b"nothing was saved yet" in response.data  # the form again, as typed
    assert browser.signin(email="a@example.org").status_code == 400  # no account made
    browser.signup()
    assert client.post("/teams", data={"name": "No token"}).status_code == 400


def test_reset_link_changes_password_and_ends_other_sessions(
    app, browser, make_browser
):
    browser.signup()
    other = make_browser()
    other.signin()
    assert other.client.get("/teams").status_code == 200
    with app.app_context():
        session = db.session()
        token = accounts.issue_reset(
            session, accounts.find_user(session, "ana@example.org")
        )
    fresh = make_browser()
    response = fresh.post(
        f"/reset/{token}",
        {"password": "a new long passphrase", "confirm": "a new long passphrase"},
    )
    assert response.status_code == 302
    assert (
        other.client.get("/teams").status_code == 302
    )  # the old session no longer works
    assert fresh.client.get(f"/reset/{token}").status_code == 404


def test_profile_update(browser, client, make_browser):
    browser.signup()
    response = browser.post(
        "/account",
        {"name": "Ana D.", "email": "ana.d@example.org", "district": "New ISD"},
    )
    assert response.status_code == 302
    page = client.get("/account").data
    assert b"Ana D." in page
    assert b"ana.d@example.org" in page
    other = make_browser()
    other.signup(email="ben@example.org", name="Ben Ng")
    taken = other.post(
        "/account", {"name": "Ben", "email": "ANA.D@example.org", "district": ""}
    )
    assert taken.status_code == 200
    assert b"Another account already uses that email address." in taken.data


def test_session_cookie_flags(browser):
    response = browser.signup()
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
