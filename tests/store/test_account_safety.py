"""Accounts under pressure: reset links, invitations raced, sign-in timing, rate limits."""

from __future__ import annotations

import threading

import pytest

from finder.store import accounts, teams
from finder.store.db import make_engine, make_sessionmaker

PASSWORD = "correct horse battery"


@pytest.fixture
def ana(session):
    return accounts.create_user(session, "ana@example.org", "Ana", PASSWORD)


def test_older_reset_link_dies_when_a_newer_one_is_issued(session, ana):
    old = accounts.issue_reset(session, ana)
    new = accounts.issue_reset(session, ana)
    assert accounts.reset_for(session, old) is None  # was: still worked
    accounts.reset_password(session, new, "a brand new passphrase")
    with pytest.raises(accounts.AccountError, match="already used"):
        accounts.reset_password(session, old, "another new passphrase")


def test_reset_link_dies_after_a_password_change(session, ana):
    link = accounts.issue_reset(session, ana)
    accounts.change_password(session, ana, "changed on the profile page")
    assert accounts.reset_for(session, link) is None


def test_reset_link_is_used_once_even_from_two_tabs(session, ana):
    link = accounts.issue_reset(session, ana)
    accounts.reset_password(session, link, "first tab's passphrase")
    with pytest.raises(accounts.AccountError):
        accounts.reset_password(session, link, "second tab's passphrase")
    assert accounts.authenticate(session, ana.email, "first tab's passphrase", "x")


def test_sign_out_everywhere_bumps_the_session_version(session, ana):
    before = ana.session_version
    accounts.end_sessions(session, ana)
    session.refresh(ana)
    assert ana.session_version == before + 1


def test_invitation_admits_one_person_when_two_accept_at_once(database_url):
    """Ten trials of two people accepting the same link at the same moment."""
    engine = make_engine(database_url)
    Session = make_sessionmaker(engine)
    with Session() as s:
        owner = accounts.create_user(s, "owner@example.org", "Owner", PASSWORD)
        team = teams.create_team(s, owner, "Example ISD")
        people = [
            accounts.create_user(s, f"p{i}@example.org", f"P{i}", PASSWORD)
            for i in range(20)
        ]
        links = [teams.create_invitation(s, team, owner, "editor") for _ in range(10)]
        team_id, ids = team.id, [p.id for p in people]
    for trial, link in enumerate(links):
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def accept(user_id: int, link=link, barrier=barrier, outcomes=outcomes):
            with Session() as s:
                user = accounts.get_user(s, user_id)
                barrier.wait()
                try:
                    teams.accept_invitation(s, link, user)
                    outcomes.append("joined")
                except teams.TeamError:
                    outcomes.append("refused")

        pair = ids[2 * trial : 2 * trial + 2]
        threads = [threading.Thread(target=accept, args=(u,)) for u in pair]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["joined", "refused"], f"trial {trial}"
    with Session() as s:
        members = teams.members(s, team_id)
    assert len(members) == 1 + 10  # the owner and one person per link
    engine.dispose()


def test_sign_in_costs_the_same_for_unknown_and_known_emails(session, ana, monkeypatch):
    """The same work (one password-hash check) whether or not the account exists, so
    timing reveals nothing. Counted, not timed: speed belongs in bench/."""
    checks: list[str] = []
    real = accounts.check_password_hash

    def counting(stored, password):
        checks.append(stored.split("$", 1)[0])
        return real(stored, password)

    monkeypatch.setattr(accounts, "check_password_hash", counting)
    per_kind = {}
    for kind, email in (("known", ana.email), ("unknown", "nobody@example.org")):
        checks.clear()
        accounts.authenticate(session, email, "wrong passphrase here", "203.0.113.9")
        per_kind[kind] = list(checks)
    assert len(per_kind["known"]) == len(per_kind["unknown"]) == 1
    assert per_kind["known"] == per_kind["unknown"]  # the same hash method and cost


def test_sign_ups_from_one_address_are_limited(session):
    for i in range(accounts.SIGNUPS_PER_ADDRESS):
        accounts.create_user(
            session, f"u{i}@example.org", f"U{i}", PASSWORD, address="198.51.100.7"
        )
    with pytest.raises(accounts.RateLimited, match="new accounts"):
        accounts.create_user(
            session, "one@example.org", "One", PASSWORD, address="198.51.100.7"
        )
    accounts.create_user(
        session, "other@example.org", "Other", PASSWORD, address="198.51.100.8"
    )


def test_invitations_per_person_are_limited(session, ana):
    team = teams.create_team(session, ana, "Example ISD")
    for _ in range(teams.INVITATIONS_PER_HOUR):
        teams.create_invitation(session, team, ana, "viewer")
    with pytest.raises(teams.TeamError, match="in the last hour"):
        teams.create_invitation(session, team, ana, "viewer")
