"""Publish and unpublish an audit's outcome; read what is published, and only that."""

from __future__ import annotations

import json

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from finder.learning.cases import Case, Choices, Publication
from finder.store.models import Audit, User, utcnow
from finder.store.models import Publication as Row
from finder.store.teams import log


def _public(row: Row) -> Publication:
    return Publication(
        row.id, Case.from_dict(json.loads(row.snapshot)), row.published_at, row.team_id
    )


def publication_of(session: Session, audit_id: int) -> Row | None:
    """The audit's publication row (for its owners' pages), or None."""
    return session.scalar(select(Row).where(Row.audit_id == audit_id))


def chosen(row: Row | None) -> Choices | None:
    """The choices a publication was made with, or None when not published."""
    return Choices.from_names(row.choices.split()) if row is not None else None


def publish(
    session: Session, audit: Audit, user: User, choices: Choices, case: Case
) -> Row:
    """Publish (or publish again) the audit's case as chosen, and log it.

    Publishing again keeps the case's public address, unless the district's name is
    added or taken away: then the case gets a new address, so a link saved from the
    named version never leads to the anonymous one (or back)."""
    row = publication_of(session, audit.id)
    again = row is not None
    if row is not None and json.loads(row.snapshot).get("named") != case.named:
        session.delete(row)
        session.flush()
        row = None
    if row is None:
        row = Row(audit_id=audit.id, team_id=audit.team_id)
        session.add(row)
    row.state = case.state
    row.choices = " ".join(choices.names())
    row.snapshot = json.dumps(case.to_dict(), ensure_ascii=False, sort_keys=True)
    row.published_by = user.id
    row.published_at = utcnow()
    row.audit_version = audit.version
    code = "audit.republished" if again else "audit.published"
    log(session, audit.team_id, user.id, code, audit.title)
    session.commit()
    return row


def unpublish(session: Session, audit: Audit, user: User) -> bool:
    """Remove the audit's publication; False when it was not published."""
    row = publication_of(session, audit.id)
    if row is None:
        return False
    session.delete(row)
    log(session, audit.team_id, user.id, "audit.unpublished", audit.title)
    session.commit()
    return True


def stamp(session: Session) -> tuple:
    """What changes whenever anything is published, published again or unpublished:
    the count and sum of ids (a case added or removed), the latest publishing time,
    and the sums of audit versions and of the lengths of what is published (a case
    published again, even by a server whose clock is behind). The key of cached public
    views."""
    return tuple(
        session.execute(
            select(
                func.count(Row.id),
                func.sum(Row.id),
                func.max(Row.published_at),
                func.sum(Row.audit_version),
                func.sum(func.length(Row.snapshot) + func.length(Row.choices)),
            )
        ).one()
    )


def published(session: Session, state: str = "") -> list[Publication]:
    """Every published case (of one state when given), newest first."""
    query = select(Row).order_by(Row.published_at.desc(), Row.id.desc())
    if state:
        query = query.where(Row.state == state)
    return [_public(row) for row in session.scalars(query)]


def get_published(session: Session, publication_id: int) -> Publication | None:
    row = session.get(Row, publication_id)
    return _public(row) if row is not None else None
