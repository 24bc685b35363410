"""Accounts through the pages: sign-out ends the session, proxies, limits, feed links."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from finder import create_app
from finder.config import ConfigError
from finder.store.models import SignInAttempt
from tests.conftest import Browser, app_config


def test_a_saved_cookie_no_longer_works_after_sign_out(app, browser):
    browser.signup()
    assert browser.client.get("/teams").status_code == 200
    saved = browser.client.get_cookie("session").value
    browser.signout()
    thief = app.test_client()
    thief.set_cookie("session", saved)
    response = thief.get("/teams")
    assert response.status_code == 302  # was: 200, the old cookie still signed in
    assert "/signin" in response.headers["Location"]


def _attempt_addresses(app):
    with app.app_context():
        from finder.web import db

        return [a.address for a in db.session().scalars(select(SignInAttempt))]


def test_forwarded_address_is_trusted_only_from_configured_proxies(
    tmp_path, database_url
):
    header = {"X-Forwarded-For": "203.0.113.50"}
    for count, expected in ((0, "127.0.0.1"), (1, "203.0.113.50")):
        app = create_app(app_config(tmp_path, database_url, PROXY_COUNT=count))
        browser = Browser(app.test_client())
        token = browser.token("/signin")
        browser.client.post(
            "/signin",
            data={
                "csrf_token": token,
                "email": f"x{count}@example.org",
                "password": "nope",
            },
            headers=header,
            environ_base={"REMOTE_ADDR": "127.0.0.1"},
        )
        assert _attempt_addresses(app)[-1] == expected
        app.extensions["finder.engine"].dispose()


def test_sign_up_is_rate_limited_per_address(app, make_browser):
    from finder.store.accounts import SIGNUPS_PER_ADDRESS

    for i in range(SIGNUPS_PER_ADDRESS):
        assert make_browser().signup(email=f"u{i}@example.org").status_code == 302
    response = make_browser().signup(email="one-too-many@example.org")
    assert response.status_code == 429
    assert "Retry-After" in response.headers
    assert b"Too many new accounts" in response.data


def test_invitations_are_rate_limited(browser):
    from finder.store.teams import INVITATIONS_PER_HOUR

    browser.signup()
    team = browser.create_team()
    for _ in range(INVITATIONS_PER_HOUR):
        ok = browser.post(
            f"/teams/{team}/invitations", {"role": "viewer"}, form_page=f"/teams/{team}"
        )
        assert ok.status_code == 302
    refused = browser.post(
        f"/teams/{team}/invitations",
        {"role": "viewer"},
        form_page=f"/teams/{team}",
        follow_redirects=True,
    )
    assert b"in the last hour" in refused.data


def test_feed_links_come_from_the_public_url_not_the_host_header(
    tmp_path, database_url
):
    app = create_app(
        app_config(tmp_path, database_url, PUBLIC_URL="https://finder.example.org/")
    )
    body = (
        app.test_client()
        .get("/changes.atom", headers={"Host": "evil.example"})
        .get_data(as_text=True)
    )
    assert "evil.example" not in body
    assert 'href="https://finder.example.org/changes.atom"' in body
    app.extensions["finder.engine"].dispose()


def test_production_needs_a_public_url(tmp_path, database_url):
    with pytest.raises(ConfigError, match="FINDER_PUBLIC_URL"):
        create_app(
            {
                "FINDER_ENV": "production",
                "SECRET_KEY": "s" * 40,
                "INDEX_DIR": str(tmp_path),
                "DATABASE_URL": database_url,
            }
        )
