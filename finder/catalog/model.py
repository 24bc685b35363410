"""The catalog's entry model: frozen dataclasses and the closed lists they use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

KINDS = {
    "waiver_authority": "Waiver authority",
    "innovation_schools": "Innovation schools or zones",
    "innovation_district": "Innovation district",
    "pilot_program": "Pilot program",
    "grant_program": "Grant program",
    "seat_time_competency": "Seat time and competency-based credit",
    "calendar_time": "Calendar and instructional time",
    "staffing_certification": "Staffing and certification",
    "assessment": "Assessment",
    "flexibility_guide": "Flexibility guide",
    "other": "Other",
}

POLICY_AREAS = {
    "seat_time": "Seat time",
    "calendar": "Calendar",
    "instructional_time": "Instructional time",
    "staffing": "Staffing",
    "class_size": "Class size",
    "assessment": "Assessment",
    "graduation": "Graduation",
    "curriculum": "Curriculum",
    "cte": "Career and technical education",
    "finance": "Finance",
    "governance": "Governance",
    "accountability": "Accountability",
    "virtual_learning": "Virtual learning",
    "facilities": "Facilities",
    "transportation": "Transportation",
    "student_services": "Student services",
    "reporting": "Reporting",
    "other": "Other",
}

STATUSES = {
    "active": "Active",
    "expired": "Expired",
    "repealed": "Repealed",
    "proposed": "Proposed",
}


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    accessed: dt.date


@dataclass(frozen=True)
class Example:
    name: str
    note: str
    source: str


@dataclass(frozen=True)
class Entry:
    id: str
    state: str
    title: str
    kind: str
    policy_areas: tuple[str, ...]
    citations: tuple[str, ...]
    summary: str
    allows: tuple[str, ...]
    eligibility: str
    activation: tuple[str, ...]
    approver: str
    term: str
    public_process: tuple[str, ...]
    application_fields: tuple[str, ...]
    cannot_waive: tuple[str, ...]
    examples: tuple[Example, ...]
    related: tuple[str, ...]
    sources: tuple[Source, ...]
    effective: dt.date | None
    last_reviewed: dt.date
    status: str
    verified: bool
    note: str = ""
    origin: str = field(default="", compare=False)  # file:line it was read from

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def area_labels(self) -> tuple[str, ...]:
        return tuple(POLICY_AREAS.get(a, a) for a in self.policy_areas)

    def to_dict(self) -> dict:
        """The entry as plain JSON-ready data, field names as in the YAML."""
        return {
            "id": self.id,
            "state": self.state,
            "title": self.title,
            "kind": self.kind,
            "policy_areas": list(self.policy_areas),
            "citations": list(self.citations),
            "summary": self.summary,
            "allows": list(self.allows),
            "eligibility": self.eligibility,
            "activation": list(self.activation),
            "approver": self.approver,
            "term": self.term,
            "public_process": list(self.public_process),
            "application_fields": list(self.application_fields),
            "cannot_waive": list(self.cannot_waive),
            "examples": [vars(e) for e in self.examples],
            "related": list(self.related),
            "sources": [
                {"url": s.url, "title": s.title, "accessed": s.accessed.isoformat()}
                for s in self.sources
            ],
            "effective": self.effective.isoformat() if self.effective else None,
            "last_reviewed": self.last_reviewed.isoformat(),
            "status": self.status,
            "verified": self.verified,
            "note": self.note,
        }
