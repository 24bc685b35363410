"""Accounts in the store: creation, password rules, sign-in limits, resets."""

from __future__ import annotations

import datetime as dt

import pytest

from finder.store import accounts
from finder.store.models import SignInAttempt


def test_create_and_authenticate(session):
    user = accounts.create_user(
        session, " Ana@Example.org ", "Ana", "correct horse battery"
    )
    assert user.email == "ana@example.org"
    assert user.password_hash.startswith("scrypt:")
    assert "correct horse" not in user.password_hash
    assert (
        accounts.authenticate(
            session, "ANA@example.org", "correct horse battery", "1.2.3.4"
        )
        == user
    )
    assert (
        accounts.authenticate(session, "ana@example.org", "wrong password!", "1.2.3.4")
        is None
    )


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short", "at least 10"),
        ("aaaaaaaaaaaa", "more different"),
        ("password123", "too common"),
        ("ana.lopez-2024!", "name or email"),
    ],
)
def test_password_rules(session, password, problem):
    with pytest.raises(accounts.AccountError, match=problem):
        accounts.create_user(session, "ana.lopez@example.org", "Ana", password)


def test_duplicate_email(session):
    accounts.create_user(session, "a@example.org", "A", "correct horse battery")
    with pytest.raises(accounts.AccountError, match="already exists"):
        accounts.create_user(session, "A@example.org", "B", "another good passphrase")


def test_rate_limit_per_email_and_window(session):
    accounts.create_user(session, "a@example.org", "A", "correct horse battery")
    for _ in range(accounts.FAILURES_PER_EMAIL):
        assert (
            accounts.authenticate(
                session, "a@example.org", "nope nope nope", "10.0.0.1"
            )
            is None
        )
    with pytest.raises(accounts.RateLimited) as info:
        accounts.authenticate(
            session, "a@example.org", "correct horse battery", "10.0.0.2"
        )
    assert 0 < info.value.retry_after <= 15 * 60 + 1
    # Once the failures are older than the window, sign-in works again.
    for attempt in session.query(SignInAttempt):
        attempt.at -= dt.timedelta(minutes=16)
    session.commit()
    assert accounts.authenticate(
        session, "a@example.org", "correct horse battery", "10.0.0.2"
    )


def test_rate_limit_per_address(session):
    for n in range(accounts.FAILURES_PER_ADDRESS):
        accounts.authenticate(
            session, f"nobody{n}@example.org", "whatever12345", "9.9.9.9"
        )
    with pytest.raises(accounts.RateLimited):
        accounts.authenticate(
            session, "someone@example.org", "whatever12345", "9.9.9.9"
        )


def test_reset_token_is_single_use_and_expires(session):
    user = accounts.create_user(session, "a@example.org", "A", "correct horse battery")
    version = user.session_version
    token = accounts.issue_reset(session, user)
    assert accounts.reset_for(session, token)
    accounts.reset_password(session, token, "a brand new passphrase")
    assert user.session_version == version + 1
    assert accounts.authenticate(
        session, "a@example.org", "a brand new passphrase", "x"
    )
    with pytest.raises(accounts.AccountError, match="expired or was already used"):
        accounts.reset_password(session, token, "yet another passphrase")
    old = accounts.issue_reset(session, user, lifetime=dt.timedelta(seconds=-1))
    assert accounts.reset_for(session, old) is None
