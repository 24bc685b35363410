"""Keep generated documents: each version's outline, who made it and when."""

from __future__ import annotations

import json

from sqlalchemy import select
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
