"""Keep generated documents: each version's outline, who made it and when."""

from __future__ import annotations

import json

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from finder.documents.outline import Outline
from finder.store.models import Audit, DocumentVersion, User
from finder.store.teams import log


def keep_version(
    session: Session, audit: Audit, user: User, outline: Outline
) -> DocumentVersion:
    version = DocumentVersion(
        audit_id=audit.id,
        created_by=user.id,
        status=outline.status,
        outline=json.dumps(outline.to_dict(), ensure_ascii=False),
    )
    session.add(version)
    log(
        session,
        audit.team_id,
        user.id,
        "document.generated",
        f"{audit.title} ({outline.status})",
    )
    session.commit()
    return version


def versions(session: Session, audit_id: int) -> list[DocumentVersion]:
    return list(
        session.scalars(
            select(DocumentVersion)
            .where(DocumentVersion.audit_id == audit_id)
            .order_by(DocumentVersion.created_at.desc(), DocumentVersion.id.desc())
        )
    )


def number_of(session: Session, version: DocumentVersion) -> int:
    """A version's number within its own audit (1, 2, 3 …), as users see it; ids count
    every team's documents and are not shown."""
    return session.scalar(
        select(func.count(DocumentVersion.id)).where(
            DocumentVersion.audit_id == version.audit_id,
            DocumentVersion.id <= version.id,
        )
    )


def numbers(session: Session, audit_id: int) -> dict[int, int]:
    """Version id → its number within the audit, for every version of one audit."""
    ids = session.scalars(
        select(DocumentVersion.id)
        .where(DocumentVersion.audit_id == audit_id)
        .order_by(DocumentVersion.id)
    )
    return {version_id: n for n, version_id in enumerate(ids, start=1)}


def get_version(
    session: Session, audit_id: int, version_id: int
) -> DocumentVersion | None:
    return session.scalar(
        select(DocumentVersion).where(
            DocumentVersion.id == version_id, DocumentVersion.audit_id == audit_id
        )
    )


def outline_of(version: DocumentVersion) -> Outline:
    return Outline.from_dict(json.loads(version.outline))
