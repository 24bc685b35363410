"""The document model: what the required-flexibilities outline says, before any format.

Versions are stored as ``Outline.to_dict()`` JSON and must load for as long as they
are kept. A field added to the model is declared with :func:`added`: versions stored
before it load with its default, and ``to_dict`` leaves it out while it holds that
default, so an older version loads and stores back exactly as it was.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields, is_dataclass

from finder.audit.model import Metric  # the audit's success metric, copied as it is


def added(default=MISSING, default_factory=MISSING):
    """A field added after versions were first stored (see the module docstring)."""
    return field(
        default=default, default_factory=default_factory, metadata={"added": True}
    )


@dataclass
class Request:
    rule: str
    citation: str
    source_level: str
    request_type: str
    mechanism: str
    mechanism_citations: list[str]
    rationale: str
    replacement_plan: str
    safeguards_kept: list[str]
    affected: str
    term: str
    application_fields: list[
        tuple[str, str]
    ]  # (what the law asks for, what the team wrote)
    citation_url: str = ""  # where the cited law can be read ("" when not parsed)
    citation_official: bool = True  # False: the link is an unofficial copy
    found_in: str = ""  # the district document the rule was imported from, and where
    # the ids of the mechanisms named in ``mechanism`` (see Outline.mechanisms)
    mechanism_ids: list[str] = added(default_factory=list)


@dataclass
class Kept:
    rule: str
    citation: str
    reason: str
    citation_url: str = ""
    citation_official: bool = True


@dataclass
class NotBinding:
    rule: str
    checked: str


@dataclass
class Activation:
    mechanism: str
    citations: list[str]
    steps: list[str]
    approver: str
    public_process: list[str]
    term: str
    id: str = added("")  # the mechanism's id (see Outline.mechanisms)


VERIFIED = "verified against official sources"
UNVERIFIED = "not fully verified"


@dataclass
class Mechanism:
    """A mechanism the requests rely on, and how far the catalog has verified it."""

    id: str
    title: str
    # True: every statement of law in its catalog entry was read in official text;
    # False: not all of it; None: a district's own route (board action, negotiation),
    # which has no law of its own to verify.
    verified: bool | None
    reason: str = ""  # why it is not fully verified, in the document's words

    @property
    def verification(self) -> str:
        """``VERIFIED`` or ``UNVERIFIED``; "" for a district's own route."""
        if self.verified is None:
            return ""
        return VERIFIED if self.verified else UNVERIFIED

    @property
    def verification_note(self) -> str:
        """The verification as a sentence or two, with the reason when not verified."""
        if self.verified is None:
            return ""
        return f"{self.verification.capitalize()}." + (
            f" {self.reason}" if self.reason else ""
        )


@dataclass
class Source:
    title: str
    url: str
    accessed: str
    kind: str = ""  # "" for official sources, else its label ("Unofficial copy of law")


@dataclass
class Part:
    """One part a program's application requires, and what the audit put under it."""

    id: str
    heading: str
    contains: str  # what the program says the part must contain
    required: bool
    fills: list[str]  # keys of formats.FILLS, in the order they print
    citations: list[tuple[str, str, bool]]  # (citation, link or "", official link?)
    drafted: bool  # the audit has something for it


@dataclass
class Application:
    """The program format the document follows (see finder/documents/formats.py)."""

    id: str
    title: str
    parts: list[Part]
    sources: list[Source]

    @classmethod
    def from_dict(cls, data: dict) -> Application:
        return cls(
            **{k: v for k, v in data.items() if k not in {"parts", "sources"}},
            parts=[
                Part(**{**p, "citations": [tuple(c) for c in p["citations"]]})
                for p in data["parts"]
            ],
            sources=[Source(**s) for s in data["sources"]],
        )


@dataclass
class Outline:
    title: str
    district: str
    state: str
    innovation: str
    team: str
    date: str
    status: str  # "draft" or "final"
    vision: str
    why: str
    requests: list[Request] = field(default_factory=list)
    kept: list[Kept] = field(default_factory=list)
    not_binding: list[NotBinding] = field(default_factory=list)
    activation: list[Activation] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    timeline: list[tuple[str, str]] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Warnings that keep the document from being final (a subset of ``warnings``):
    # a request that relies on a mechanism whose own law cannot lift the rule.
    blocking: list[str] = field(default_factory=list)
    # the sections to print, in order; empty: every section (see sections.known)
    sections: list[str] = field(default_factory=list)
    # the mechanisms the requests rely on, in the order they are first named
    mechanisms: list[Mechanism] = added(default_factory=list)
    # citation as printed -> (URL of its text, official?), for the mechanisms' law
    links: dict[str, tuple[str, bool]] = added(default_factory=dict)
    # the program format it follows; None: the standard outline
    application: Application | None = added(default=None)
    # Warnings that only ask the reader to check something (the law in its official
    # text): the rest are work to finish, and a final document has none left.
    advisory: list[str] = added(default_factory=list)

    def to_dict(self) -> dict:
        return _plain(self)

    @classmethod
    def from_dict(cls, data: dict) -> Outline:
        """Rebuild a stored version (written by to_dict, so trusted in shape)."""
        return cls(
            **{k: v for k, v in data.items() if k not in _NESTED},
            requests=[
                Request(
                    **{
                        **r,
                        "application_fields": [
                            tuple(p) for p in r["application_fields"]
                        ],
                    }
                )
                for r in data["requests"]
            ],
            kept=[Kept(**k) for k in data["kept"]],
            not_binding=[NotBinding(**n) for n in data["not_binding"]],
            activation=[Activation(**a) for a in data["activation"]],
            metrics=[Metric(**m) for m in data["metrics"]],
            timeline=[tuple(t) for t in data["timeline"]],
            sources=[Source(**s) for s in data["sources"]],
            mechanisms=[Mechanism(**m) for m in data.get("mechanisms", [])],
            links={c: tuple(link) for c, link in data.get("links", {}).items()},
            application=(
                Application.from_dict(data["application"])
                if data.get("application")
                else None
            ),
        )

    def mechanism(self, mechanism_id: str) -> Mechanism | None:
        """The mechanism with this id, or None (versions stored before it was kept)."""
        return next((m for m in self.mechanisms if m.id == mechanism_id), None)


_NESTED = {
    "application",
    "requests",
    "kept",
    "not_binding",
    "activation",
    "metrics",
    "timeline",
    "sources",
    "mechanisms",
    "links",
}


def _at_default(f, value) -> bool:
    if f.default is not MISSING:
        return value == f.default
    return f.default_factory is not MISSING and value == f.default_factory()


def _plain(value):
    """``dataclasses.asdict``, leaving out added fields that hold their default."""
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in fields(value)
            if not (f.metadata.get("added") and _at_default(f, getattr(value, f.name)))
        }
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_plain(v) for v in value)
    return value
