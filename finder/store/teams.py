"""Teams: create, invite, roles, membership changes, district profile, activity log."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from finder.catalog.jurisdictions import CODES
from finder.store.accounts import token_hash
from finder.store.models import (
    ROLES,
    Activity,
    Invitation,
    Membership,
    Team,
    User,
    utcnow,
)

INVITATION_LIFETIME = dt.timedelta(days=7)
INVITATIONS_PER_HOUR = 30  # per person: enough for a district team, not for spam
INVITATION_WINDOW = dt.timedelta(hours=1)
PROFILE_FIELDS = ("district_name", "state", "size", "demographics", "vision")


class TeamError(ValueError):
    """A team change cannot be done; the message says why."""


def log(
    session: Session, team_id: int, user_id: int | None, action: str, detail: str = ""
) -> None:
    """Record who changed what in a team (kept for the audit trail)."""
    session.add(
        Activity(team_id=team_id, user_id=user_id, action=action, detail=detail[:2000])
    )


def activity(session: Session, team_id: int, limit: int = 100) -> list[Activity]:
    return list(
        session.scalars(
            select(Activity)
            .where(Activity.team_id == team_id)
            .order_by(Activity.at.desc(), Activity.id.desc())
            .limit(limit)
        )
    )


def create_team(session: Session, user: User, name: str) -> Team:
    """A new team with its creator as owner; it becomes the creator's current team."""
    name = (name or "").strip()
    if not name:
        raise TeamError("Give the team a name, usually the district or school.")
    team = Team(
        name=name[:200],
        district_name=user.district or "",
        state="",
        size="",
        demographics="",
        vision="",
    )
    session.add(team)
    session.flush()
    session.add(Membership(user_id=user.id, team_id=team.id, role="owner"))
    user.current_team_id = team.id
    log(session, team.id, user.id, "team.created", name)
    session.commit()
    return team


def user_teams(session: Session, user_id: int) -> list[tuple[Team, str]]:
    rows = session.execute(
        select(Team, Membership.role)
        .join(Membership)
        .where(Membership.user_id == user_id)
        .order_by(Team.name)
    )
    return [(team, role) for team, role in rows]


def members(session: Session, team_id: int) -> list[Membership]:
    return list(
        session.scalars(
            select(Membership)
            .join(User)
            .where(Membership.team_id == team_id)
            .order_by(User.name)
        )
    )


def switch_team(session: Session, user: User, team_id: int) -> None:
    """Make a team the user's current one (the caller has checked membership)."""
    user.current_team_id = team_id
    session.commit()


def _owners(session: Session, team_id: int) -> int:
    return session.scalar(
        select(func.count())
        .select_from(Membership)
        .where(Membership.team_id == team_id, Membership.role == "owner")
    )


def create_invitation(
    session: Session,
    team: Team,
    by: User,
    role: str,
    email: str = "",
    lifetime: dt.timedelta = INVITATION_LIFETIME,
) -> str:
    """An expiring invitation link token (only its hash is stored)."""
    if role not in ROLES:
        raise TeamError(f"Role must be one of: {', '.join(ROLES)}.")
    since = utcnow() - INVITATION_WINDOW
    recent = session.scalar(
        select(func.count())
        .select_from(Invitation)
        .where(Invitation.created_by == by.id, Invitation.created_at >= since)
    )
    if recent >= INVITATIONS_PER_HOUR:
        raise TeamError(
            f"You created {recent} invitations in the last hour, the most allowed. "
            "Try again later."
        )
    token = secrets.token_urlsafe(24)
    session.add(
        Invitation(
            team_id=team.id,
            token_hash=token_hash(token),
            role=role,
            email=(email or "").strip().lower()[:254],
            created_by=by.id,
            expires_at=utcnow() + lifetime,
        )
    )
    log(session, team.id, by.id, "invitation.created", f"{role} {email}".strip())
    session.commit()
    return token


def open_invitations(session: Session, team_id: int) -> list[Invitation]:
    return list(
        session.scalars(
            select(Invitation)
            .where(
                Invitation.team_id == team_id,
                Invitation.accepted_at.is_(None),
                Invitation.revoked.is_(False),
                Invitation.expires_at >= utcnow(),
            )
            .order_by(Invitation.created_at.desc())
        )
    )


def invitation_for(session: Session, token: str) -> Invitation | None:
    """The usable invitation for a token, or None when unknown, used, revoked or expired."""
    invitation = session.scalar(
        select(Invitation).where(Invitation.token_hash == token_hash(token or ""))
    )
    if (
        invitation is None
        or invitation.revoked
        or invitation.accepted_at
        or invitation.expires_at < utcnow()
    ):
        return None
    return invitation


def accept_invitation(session: Session, token: str, user: User) -> Team:
    """Join a team with an invitation, once: the database decides who used it first.

    The invitation is claimed with a conditional UPDATE (still unaccepted, not revoked,
    not expired) in the same transaction as the membership; a second person arriving at
    the same moment finds no row to claim and is refused.
    """
    used = TeamError(
        "This invitation has expired or was already used. Ask the team owner for a new link."
    )
    invitation = invitation_for(session, token)
    if invitation is None:
        raise used
    now = utcnow()
    claimed = session.execute(
        update(Invitation)
        .where(
            Invitation.id == invitation.id,
            Invitation.accepted_at.is_(None),
            Invitation.revoked.is_(False),
            Invitation.expires_at >= now,
        )
        .values(accepted_at=now, accepted_by=user.id)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        session.rollback()
        raise used
    exists = session.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.team_id == invitation.team_id
        )
    )
    if exists is None:
        session.add(
            Membership(
                user_id=user.id, team_id=invitation.team_id, role=invitation.role
            )
        )
        log(
            session,
            invitation.team_id,
            user.id,
            "member.joined",
            f"{user.email} as {invitation.role}",
        )
    user.current_team_id = invitation.team_id
    session.commit()
    return invitation.team


def revoke_invitation(
    session: Session, team: Team, by: User, invitation_id: int
) -> None:
    invitation = session.get(Invitation, invitation_id)
    if invitation is None or invitation.team_id != team.id:
        raise LookupError(invitation_id)
    invitation.revoked = True
    log(session, team.id, by.id, "invitation.revoked", invitation.email)
    session.commit()


def _member(session: Session, team: Team, user_id: int) -> Membership:
    membership = session.scalar(
        select(Membership).where(
            Membership.team_id == team.id, Membership.user_id == user_id
        )
    )
    if membership is None:
        raise LookupError(user_id)
    return membership


def change_role(
    session: Session, team: Team, by: User, user_id: int, role: str
) -> None:
    if role not in ROLES:
        raise TeamError(f"Role must be one of: {', '.join(ROLES)}.")
    membership = _member(session, team, user_id)
    if (
        membership.role == "owner"
        and role != "owner"
        and _owners(session, team.id) == 1
    ):
        raise TeamError(
            "A team needs at least one owner. Make someone else an owner first."
        )
    old = membership.role
    membership.role = role
    log(
        session,
        team.id,
        by.id,
        "member.role_changed",
        f"{membership.user.email}: {old} → {role}",
    )
    session.commit()


def remove_member(session: Session, team: Team, by: User, user_id: int) -> None:
    membership = _member(session, team, user_id)
    if membership.role == "owner" and _owners(session, team.id) == 1:
        raise TeamError(
            "The last owner cannot be removed. Make someone else an owner first."
        )
    email = membership.user.email
    user = membership.user
    session.delete(membership)
    if user.current_team_id == team.id:
        user.current_team_id = None
    log(
        session,
        team.id,
        by.id,
        "member.removed" if by.id != user_id else "member.left",
        email,
    )
    session.commit()


def update_profile(
    session: Session, team: Team, by: User, values: dict[str, str]
) -> None:
    """Change the team's name and district profile; unknown keys are ignored."""
    state = (values.get("state") or "").strip().upper()
    if state and state not in CODES:
        raise TeamError("Choose a state from the list.")
    changed = []
    name = (values.get("name") or team.name).strip()
    if name != team.name:
        team.name, changed = name[:200], [*changed, "name"]
    for field in PROFILE_FIELDS:
        value = state if field == "state" else (values.get(field) or "").strip()
        if value != getattr(team, field):
            setattr(team, field, value)
            changed.append(field)
    if changed:
        log(session, team.id, by.id, "profile.updated", ", ".join(changed))
    session.commit()
