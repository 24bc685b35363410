"""The document model: what the required-flexibilities outline says, before any format."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from finder.audit.model import Metric  # the audit's success metric, copied as it is


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
    # the program format it follows; None: the standard outline
    application: Application | None = None

    def to_dict(self) -> dict:
        data = asdict(self)
        if data["application"] is None:  # as versions stored before formats read
            del data["application"]
        return data

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
            application=(
                Application.from_dict(data["application"])
                if data.get("application")
                else None
            ),
        )


_NESTED = {
    "application",
    "requests",
    "kept",
    "not_binding",
    "activation",
    "metrics",
    "timeline",
    "sources",
}
