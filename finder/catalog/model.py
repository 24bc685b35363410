"""The catalog's entry model: frozen dataclasses and the closed lists they use.

Each field of the YAML is declared once, here, with :func:`declared`; validation
(``validate.py``), loading (``loader.py``), ``Entry.to_dict``, the JSON Schema
(``schema.py``) and the importer derive from these declarations."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import MISSING, dataclass, field, fields

from finder.catalog.hosts import PUBLISHERS
from finder.catalog.jurisdictions import NAMES
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


ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def declared(shape: str, doc: str, *, required: bool = True, default=MISSING, **facts):
    """A field of the catalog's YAML, declared once: validation, loading, ``to_dict``,
    the JSON Schema and the importer all read these facts.

    ``shape``: ``str`` (text, may be empty), ``text`` (non-empty text), ``url``,
    ``bool``, ``date``, ``date?`` (a date or null), ``list[str]`` (``?``: or null),
    ``list[citation]``, or ``list[<nested>]`` with a key of :data:`NESTED`.
    ``required``: the YAML must have the key. ``doc``: what it holds (JSON Schema
    description). ``facts``: ``choices`` (closed list), ``choice_message``, ``pattern``
    and ``pattern_message``, ``min_items`` and ``min_message``, ``blank_message``
    (text that must not be blank), ``invalid`` (the message for a bad ``url``).
    """
    meta = {"shape": shape, "required": required, "doc": doc, **facts}
    if default is MISSING:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class Source:
    url: str = declared("url", "The address of the page that was read.")
    title: str = declared("text", "The page's title.")
    accessed: dt.date = declared("date", "When it was read (YYYY-MM-DD).")
    publisher: str = declared(
        "str",
        "Who publishes it; left out, hosts.yaml says.",
        required=False,
        default="",
        choices=PUBLISHERS,
    )

    @property
    def official(self) -> bool:
        return self.publisher in {"official_law", "official_agency"}


@dataclass(frozen=True)
class Provision:
    """One item of a mechanism's cannot-waive list: its words and the law it names."""

    text: str = declared("text", "What can never be waived, in the source's terms.")
    citations: tuple[str, ...] = declared(
        "list[citation]",
        "The provisions it names, as the citation parser reads them.",
        required=False,
        default=(),
    )
    outside: tuple[str, ...] = declared(
        "list[str]",
        "When the law bars only part of the provisions it cites (the maximum class"
        " sizes of a section that also sets averages): words naming what it leaves"
        " outside the bar. A rule within the citations is still barred unless its"
        " words say one of these and none of ``part``.",
        required=False,
        default=(),
    )
    part: tuple[str, ...] = declared(
        "list[str]",
        "With ``outside``: words naming the part the law does bar; a rule that says"
        " one of them stays barred even if it also names what is outside.",
        required=False,
        default=(),
    )

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Check:
    """An official page an entry's facts were checked against, and when."""

    url: str = declared("url", "The official page read (also among the sources).")
    accessed: dt.date = declared("date", "When it was read (YYYY-MM-DD).")


@dataclass(frozen=True)
class Example:
    name: str = declared("text", "The district or school.")
    note: str = declared("str", "What they used it for.", required=False)
    source: str = declared(
        "url",
        "A page that says so.",
        invalid="must be the URL of a page that says so",
    )


# The nested shapes a field may hold a list of (``list[source]``), and the one that a
# plain string may stand for (a cannot-waive item written as words only).
NESTED = {
    "source": Source,
    "provision": Provision,
    "check": Check,
    "example": Example,
}
TEXT_FORM = {Provision: "text"}

_LIST = "([] if none)"


@dataclass(frozen=True)
class Entry:
    id: str = declared(
        "str",
        "Stable slug: lowercase letters, digits and hyphens; starts with the code.",
        pattern=ID_PATTERN.pattern,
        pattern_message="must be a slug: lowercase letters, digits and hyphens",
    )
    state: str = declared(
        "str",
        "Postal code, DC or US (federal); the file's jurisdiction.",
        choices=NAMES,
        choice_message="unknown jurisdiction {value!r} (postal code, DC or US)",
    )
    title: str = declared("str", "Its name.", blank_message="must not be empty")
    kind: str = declared("str", "What kind of mechanism it is.", choices=KINDS)
    policy_areas: tuple[str, ...] = declared(
        "list[str]",
        "The policy areas it touches (at least one).",
        choices=POLICY_AREAS,
        min_items=1,
        min_message="needs at least one policy area",
    )
    citations: tuple[str, ...] = declared(
        "list[str]",
        "Statute, rule or regulation citations as the source prints them; "
        "empty only for a flexibility_guide.",
    )
    summary: str = declared(
        "str",
        "One to three sentences, in the project's own words.",
        blank_message="must not be empty",
    )
    allows: tuple[str, ...] = declared(
        "list[str]", f"What it lets a district or school do {_LIST}."
    )
    eligibility: str = declared("str", "Who may apply or use it.")
    activation: tuple[str, ...] = declared(
        "list[str]", f"The steps to activate it, in order {_LIST}."
    )
    approver: str = declared("str", "Who approves.")
    term: str = declared("str", "Duration and renewal.")
    public_process: tuple[str, ...] = declared(
        "list[str]", f"Hearings, notice and votes it requires {_LIST}."
    )
    application_fields: tuple[str, ...] = declared(
        "list[str]", f"What a request or plan must contain {_LIST}."
    )
    cannot_waive: tuple[Provision, ...] = declared(
        "list[provision]",
        "What it can never waive: words, or {text, citations}.",
    )
    examples: tuple[Example, ...] = declared(
        "list[example]", f"Districts or schools using it {_LIST}."
    )
    related: tuple[str, ...] = declared("list[str]", f"Ids of related entries {_LIST}.")
    sources: tuple[Source, ...] = declared(
        "list[source]",
        "Every page actually read, official first (at least one).",
        min_items=1,
        min_message="needs at least one source that was read",
    )
    effective: dt.date | None = declared(
        "date?", "When it took effect (YYYY-MM-DD), or null if unknown."
    )
    last_reviewed: dt.date = declared("date", "When the entry was last reviewed.")
    status: str = declared("str", "Whether it is in force.", choices=STATUSES)
    verified: bool = declared(
        "bool",
        "True only if every statement of law was read in official text "
        "(listed in verified_against).",
    )
    note: str = declared(
        "str", "Caveats; what could not be confirmed.", required=False, default=""
    )
    # Bodies of law it can lift: WAIVE_LEVELS keys or citations; None: the default
    # scope (its own jurisdiction's statutes and rules); (): it lifts no rule.
    waives: tuple[str, ...] | None = declared(
        "list[str]?",
        "What it can lift: level keywords or bodies of law; left out or null, its "
        "own jurisdiction's statutes and rules; [] lifts no rule by itself.",
        required=False,
        default=None,
    )
    verified_against: tuple[Check, ...] = declared(
        "list[check]",
        "The official pages its facts were checked against.",
        required=False,
        default=(),
    )
    official_source: str = declared(
        "str",
        "Where no source is official: what was searched and why none was found.",
        required=False,
        default="",
    )
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
        """The entry as plain JSON-ready data, field names as in the YAML (every
        declared field)."""
        return {f.name: _plain(getattr(self, f.name)) for f in declared_fields(Entry)}


@dataclass(frozen=True)
class CatalogFile:
    """One jurisdiction's catalog file: its entries and what its research covered."""

    jurisdiction: str = declared(
        "str",
        "Postal code, DC or US; matches the file name.",
        choices=NAMES,
    )
    coded_through: dt.date | None = declared(
        "date?",
        "The date the file's research was done through.",
        required=False,
        default=None,
    )
    notes: str = declared(
        "str",
        "What was searched and not found; thin spots.",
        required=False,
        default="",
    )
    checked: tuple[str, ...] = declared(
        "list[str]",
        "The currency sweep: one line per law or session looked at.",
        required=False,
        default=(),
    )
    entries: tuple[Entry, ...] = declared(
        "list[entry]", "The catalog entries.", default=()
    )


def declared_fields(cls) -> tuple:
    """The fields of a declared dataclass that its YAML holds, in order."""
    return tuple(f for f in fields(cls) if "shape" in f.metadata)


def _plain(value):
    """Dataclasses, tuples and dates as JSON-ready data."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in declared_fields(value)}
    return value
