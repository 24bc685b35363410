"""Save and load a team's audits; a stale save never overwrites a newer one."""

from __future__ import annotations

import json

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from finder.audit.model import AuditData
from finder.store.models import (
    Audit,
    AuditComment,
    AuditEvent,
    Publication,
    User,
    utcnow,
)
from finder.store.teams import log


class Conflict(Exception):
    """Someone saved a newer version; ``current`` holds it, and nothing was written."""

    def __init__(self, current: Audit):
        self.current = current
        super().__init__(f"audit {current.id} is at version {current.version}")


def content(audit: Audit) -> AuditData:
    return AuditData.from_dict(json.loads(audit.data))


def _dump(data: AuditData) -> str:
    return json.dumps(data.to_dict(), ensure_ascii=False, sort_keys=True)


def create_audit(session: Session, team_id: int, user: User, data: AuditData) -> Audit:
    audit = Audit(
        team_id=team_id,
        title=data.title[:200],
        data=_dump(data),
        created_by=user.id,
        updated_by=user.id,
    )
    session.add(audit)
    session.flush()
    log(session, team_id, user.id, "audit.created", data.title)
    session.commit()
    return audit


def list_audits(session: Session, team_id: int) -> list[Audit]:
    return list(
        session.scalars(
            select(Audit)
            .where(Audit.team_id == team_id)
            .order_by(Audit.updated_at.desc())
        )
    )


def get_audit(session: Session, team_id: int, audit_id: int) -> Audit | None:
    """An audit only if it belongs to the team (another team's id finds nothing)."""
    return session.scalar(
        select(Audit).where(Audit.id == audit_id, Audit.team_id == team_id)
    )


def save_audit(
    session: Session,
    audit: Audit,
    user: User,
    data: AuditData,
    expected_version: int,
    events: list[dict] | None = None,
) -> Audit:
    """Write new content if the audit is still at ``expected_version``; else raise Conflict.

    The check and the write are one UPDATE, so two servers saving at once cannot both win.
    """
    result = session.execute(
        update(Audit)
        .where(Audit.id == audit.id, Audit.version == expected_version)
        .values(
            data=_dump(data),
            title=data.title[:200],
            version=expected_version + 1,
            updated_by=user.id,
            updated_at=utcnow(),
        )
    )
    if result.rowcount != 1:
        session.rollback()
        session.expire_all()
        raise Conflict(session.get(Audit, audit.id))
    for event in events or []:
        session.add(AuditEvent(audit_id=audit.id, user_id=user.id, **event))
    session.commit()
    session.refresh(audit)
    return audit


def history(session: Session, audit_id: int) -> list[AuditEvent]:
    return list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.audit_id == audit_id)
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        )
    )


def add_comment(
    session: Session, audit: Audit, user: User, text: str, rule_uid: str = ""
) -> AuditComment:
    comment = AuditComment(
        audit_id=audit.id, user_id=user.id, text=text.strip()[:4000], rule_uid=rule_uid
    )
    session.add(comment)
    session.commit()
    return comment


def comments(session: Session, audit_id: int) -> list[AuditComment]:
    return list(
        session.scalars(
            select(AuditComment)
            .where(AuditComment.audit_id == audit_id)
            .order_by(AuditComment.at)
        )
    )


def delete_audit(session: Session, audit: Audit, user: User) -> None:
    """Delete an audit, and with it its publication (the activity log says both)."""
    published = session.scalar(
        select(Publication.id).where(Publication.audit_id == audit.id)
    )
    if published is not None:
        log(session, audit.team_id, user.id, "audit.unpublished", audit.title)
    log(session, audit.team_id, user.id, "audit.deleted", audit.title)
    session.delete(audit)
    session.commit()
