"""Twelve published audits in three states (tests/data/published_sample.yaml), as
domain publications or seeded into a database through the store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from finder.audit.model import AuditData
from finder.learning import Choices, Publication, build_case

SAMPLE = Path(__file__).parents[1] / "data" / "published_sample.yaml"
# What every sample owner chose besides naming the district (or not).
CHOSEN = ("title", "description", "rules", "mechanisms", "rationales")


def sample_audits() -> list[tuple[str, bool, AuditData]]:
    """(district, named?, audit) for each sample audit."""
    rows = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    out = []
    for row in rows:
        data = AuditData.from_dict(
            {
                "title": row["title"],
                "state": row["state"],
                "district": row["district"],
                "innovation": row.get("innovation", ""),
                "rules": row["rules"],
            }
        )
        out.append((row["district"], bool(row["named"]), data))
    return out


def choices_for(named: bool) -> Choices:
    return Choices.from_names([*CHOSEN, *(["named"] if named else [])])


def sample_publications() -> list[Publication]:
    """The sample as publications (ids and teams 1–12), without a database."""
    start = dt.datetime(2026, 11, 1, 9, 0)
    return [
        Publication(
            i,
            build_case(data, choices_for(named), district),
            start + dt.timedelta(days=i),
            team=i,
        )
        for i, (district, named, data) in enumerate(sample_audits(), start=1)
    ]


def seed(session) -> list[int]:
    """Each sample audit in its own team, published by its owner; the publication ids."""
    from finder.store import accounts, publications, teams
    from finder.store import audits as audit_store

    ids = []
    for n, (district, named, data) in enumerate(sample_audits(), start=1):
        owner = accounts.create_user(
            session, f"owner{n}@example.org", f"Owner {n}", "correct horse battery"
        )
        team = teams.create_team(session, owner, f"{district} audit team")
        audit = audit_store.create_audit(session, team.id, owner, data)
        case = build_case(data, choices_for(named), district)
        ids.append(
            publications.publish(session, audit, owner, choices_for(named), case).id
        )
    return ids
