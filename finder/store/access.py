"""The one rule for access to team data: which role may do what."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from finder.store.models import Membership, Team

# What each action needs: reading team data, changing it, managing the team's members.
ABILITIES = {
    "read": {"viewer", "editor", "owner"},
    "edit": {"editor", "owner"},
    "manage": {"owner"},
}


class NotFound(LookupError):
    """The team does not exist for this user (never say which)."""


class Forbidden(PermissionError):
    """The user is a member but the role does not allow this action."""


def can(role: str | None, action: str) -> bool:
    return role in ABILITIES[action]


def authorize(
    session: Session, user_id: int | None, team_id: int, action: str
) -> tuple[Team, Membership]:
    """The team and the user's membership, if the user may do the action.

    :raises NotFound: anonymous, or not a member (ids reveal nothing).
    :raises Forbidden: a member whose role does not allow the action.
    """
    if user_id is None:
        raise NotFound(team_id)
    membership = session.scalar(
        select(Membership).where(
            Membership.user_id == user_id, Membership.team_id == team_id
        )
    )
    if membership is None:
        raise NotFound(team_id)
    if not can(membership.role, action):
        raise Forbidden(action)
    return membership.team, membership
