"""The catalog's entry model: frozen dataclasses and the closed lists they use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from finder.law.scope import WAIVE_LEVELS  # noqa: F401 - re-exported for validation

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
    publisher: str = ""  # official_law | official_agency | secondary | mirror

    @property
    def official(self) -> bool:
        return self.publisher in {"official_law", "official_agency"}


@dataclass(frozen=True)
class Provision:
    """One item of a mechanism's cannot-waive list: its words and the law it names."""

    text: str
    citations: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Check:
    """An official page an entry's facts were checked against, and when."""

    url: str
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
    cannot_waive: tuple[Provision, ...]
    examples: tuple[Example, ...]
    related: tuple[str, ...]
    sources: tuple[Source, ...]
    effective: dt.date | None
    last_reviewed: dt.date
    status: str
    verified: bool
    note: str = ""
    # Bodies of law it can lift: WAIVE_LEVELS keys or citations; None: the default
    # scope (its own jurisdiction's statutes and rules); (): it lifts no rule.
    waives: tuple[str, ...] | None = None
    verified_against: tuple[Check, ...] = ()
    official_source: str = ""  # why no official source is cited, where none is
    origin: str = field(default="", compare=False)  # file:line it was read from

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def area_labels(self) -> tuple[str, ...]:
        return tuple(POLICY_AREAS.get(a, a) for a in self.policy_areas)

    @property
    def official_sources(self) -> tuple[Source, ...]:
        return tuple(s for s in self.sources if s.official)

    def to_dict(self) -> dict:
        """The entry as plain JSON-ready data, field names as in the YAML (every field)."""
        return {
            f.name: _plain(getattr(self, f.name)) for f in fields(self) if f.compare
        }


def _plain(value):
    """Dataclasses, tuples and dates as JSON-ready data."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value
