"""Teams in the store: owners, invitations, roles, the last-owner rule, activity."""

from __future__ import annotations

import datetime as dt

import pytest

from finder.store import accounts, teams
from finder.store.access import Forbidden, NotFound, authorize


@pytest.fixture
def people(session):
    make = accounts.create_user
    return (
        make(session, "owner@example.org", "Olga", "correct horse battery"),
        make(session, "ed@example.org", "Ed", "correct horse battery"),
        make(session, "vi@example.org", "Vi", "correct horse battery"),
    )


def test_create_team_makes_the_creator_owner(session, people):
    owner, *_ = people
    team = teams.create_team(session, owner, "Example ISD")
    assert teams.user_teams(session, owner.id) == [(team, "owner")]
    assert owner.current_team_id == team.id
    assert [a.action for a in teams.activity(session, team.id)] == ["team.created"]


def test_invitation_roles_and_authorization(session, people):
    owner, editor, viewer = people
    team = teams.create_team(session, owner, "Example ISD")
    teams.accept_invitation(
        session, teams.create_invitation(session, team, owner, "editor"), editor
    )
    teams.accept_invitation(
        session, teams.create_invitation(session, team, owner, "viewer"), viewer
    )
    assert authorize(session, viewer.id, team.id, "read")
    with pytest.raises(Forbidden):
        authorize(session, viewer.id, team.id, "edit")
    assert authorize(session, editor.id, team.id, "edit")
    with pytest.raises(Forbidden):
        authorize(session, editor.id, team.id, "manage")
    other = teams.create_team(session, editor, "Other district")
    with pytest.raises(NotFound):
        authorize(session, owner.id, other.id, "read")
    with pytest.raises(NotFound):
        authorize(session, None, team.id, "read")


def test_invitations_expire_and_are_single_use(session, people):
    owner, editor, viewer = people
    team = teams.create_team(session, owner, "T")
    token = teams.create_invitation(session, team, owner, "viewer")
    teams.accept_invitation(session, token, editor)
    with pytest.raises(teams.TeamError, match="expired or was already used"):
        teams.accept_invitation(session, token, viewer)
    old = teams.create_invitation(
        session, team, owner, "viewer", lifetime=dt.timedelta(seconds=-1)
    )
    assert teams.invitation_for(session, old) is None
    revoked = teams.create_invitation(session, team, owner, "viewer")
    [inv] = [i for i in teams.open_invitations(session, team.id)]
    teams.revoke_invitation(session, team, owner, inv.id)
    assert teams.invitation_for(session, revoked) is None


def test_last_owner_cannot_leave_or_be_demoted(session, people):
    owner, editor, _ = people
    team = teams.create_team(session, owner, "T")
    with pytest.raises(teams.TeamError, match="last owner"):
        teams.remove_member(session, team, owner, owner.id)
    with pytest.raises(teams.TeamError, match="at least one owner"):
        teams.change_role(session, team, owner, owner.id, "viewer")
    teams.accept_invitation(
        session, teams.create_invitation(session, team, owner, "owner"), editor
    )
    teams.change_role(session, team, editor, owner.id, "viewer")
    assert (
        dict((t.id, r) for t, r in teams.user_teams(session, owner.id))[team.id]
        == "viewer"
    )
    actions = [a.action for a in teams.activity(session, team.id)]
    assert "member.role_changed" in actions


def test_district_profile(session, people):
    owner, *_ = people
    team = teams.create_team(session, owner, "T")
    teams.update_profile(
        session,
        team,
        owner,
        {
            "name": "T",
            "district_name": "Example ISD",
            "state": "tx",
            "vision": "Every learner thrives.",
        },
    )
    assert (team.state, team.district_name) == ("TX", "Example ISD")
    with pytest.raises(teams.TeamError, match="state"):
        teams.update_profile(session, team, owner, {"state": "ZZ"})
    assert teams.activity(session, team.id)[0].detail == "district_name, state, vision"
