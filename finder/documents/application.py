"""Following a program's application format: which of its parts the audit drafts.

The document then prints the program's parts in its order, each with what the program
requires and what the audit has for it (or the blank to complete), followed by the
chosen sections no part took. See :mod:`finder.documents.formats` for the data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from finder.audit.model import AuditData
from finder.catalog.hosts import OFFICIAL, PUBLISHERS
from finder.documents.context import BuildContext, law_link
from finder.documents.formats import FILLS, ApplicationFormat
from finder.documents.outline import Application, Outline, Part, Source
from finder.documents.sections import known

__all__ = [
    "FILLS",
    "SECTION_OF",
    "FormatChoice",
    "apply_format",
    "choose_format",
    "has",
    "sections_after_parts",
]

# The document section each fill comes from: a part that uses it prints it (or its
# piece of it), and the section is not printed again after the parts. "terms" only
# repeats what the requests say, so it takes no section.
SECTION_OF = {
    "innovation": "vision",
    "outcome": "vision",
    "requests": "requests",
    "kept": "kept",
    "not_binding": "not_binding",
    "activation": "activation",
    "evaluation": "evaluation",
    "timeline": "timeline",
}

# Whether the outline has anything for a fill.
_HAS: dict[str, Callable[[Outline], bool]] = {
    "innovation": lambda o: bool(o.vision),
    "outcome": lambda o: bool(o.why),
    "requests": lambda o: bool(o.requests),
    "terms": lambda o: any(r.term for r in o.requests),
    "kept": lambda o: bool(o.kept),
    "not_binding": lambda o: bool(o.not_binding),
    "activation": lambda o: bool(o.activation),
    "evaluation": lambda o: bool(o.metrics),
    "timeline": lambda o: bool(o.timeline),
}


def has(outline: Outline, fill: str) -> bool:
    """Whether the audit put anything in the outline for ``fill``."""
    return _HAS[fill](outline)


def apply_format(
    fmt: ApplicationFormat, outline: Outline, ctx: BuildContext
) -> Application:
    """The format's parts with what the outline drafts for each; every required part
    the audit cannot draft is a warning in "To resolve"."""
    parts = []
    for part in fmt.parts:
        drafted = any(has(outline, fill) for fill in part.fills)
        parts.append(
            Part(
                id=part.id,
                heading=part.heading,
                contains=part.contains,
                required=part.required,
                fills=list(part.fills),
                citations=[(c, *law_link(c, fmt.jurisdiction)) for c in part.citations],
                drafted=drafted,
            )
        )
        if part.required and not drafted:
            ctx.warn(
                f"{fmt.title}: “{part.heading}” is required "
                f"({'; '.join(part.citations)}) and the audit has nothing for it yet."
            )
    program = set(fmt.entries)
    for request in outline.requests:
        others = [m for m in request.mechanism_ids if m not in program]
        if request.mechanism_ids and not program & set(request.mechanism_ids):
            named = ", ".join(
                ctx.catalog.get(m).title if ctx.catalog.get(m) else m for m in others
            )
            ctx.warn(
                f"{fmt.title}: “{request.rule}” is requested through {named}, not through "
                "this program, yet the document lists it among the program's requests: "
                "choose the program's mechanism for it, or request it separately and "
                "leave it out of this document."
            )
    if fmt.unverified:
        ctx.warn(
            f"{fmt.title}: {len(fmt.unverified)} of its {len(fmt.parts)} parts could "
            "not be confirmed in official text; check them against the program's current "
            "rules or form before submitting.",
            advisory=True,
        )
    cited = {s.url: s for part in fmt.parts for s in part.sources}
    sources = [
        Source(
            s.title,
            s.url,
            s.accessed,
            "" if s.publisher in OFFICIAL else PUBLISHERS[s.publisher],
        )
        for s in sorted(cited.values(), key=lambda s: s.publisher not in OFFICIAL)
    ]
    return Application(fmt.id, fmt.title, parts, sources)


def sections_after_parts(outline: Outline) -> list[str]:
    """The chosen sections that no part of the format prints, in their order."""
    taken = {
        SECTION_OF[fill]
        for part in outline.application.parts
        for fill in part.fills
        if fill in SECTION_OF
    }
    return [key for key in known(outline.sections) if key not in taken]


@dataclass(frozen=True)
class FormatChoice:
    """The formats a team can follow for an audit, and the one it chose."""

    selected: ApplicationFormat | None
    relevant: list[ApplicationFormat]  # their catalog entries are in the requests
    others: list[ApplicationFormat]


def choose_format(
    formats: dict[str, ApplicationFormat], data: AuditData, chosen: str = ""
) -> FormatChoice:
    """Every format, those whose catalog entries the audit's requests rely on first;
    ``chosen`` is selected if it names one (anything else selects none)."""
    used = {
        mechanism
        for rule in data.rules
        if rule.decision == "unnecessary_control"
        for mechanism in rule.mechanisms
    }
    relevant = [f for f in formats.values() if used & set(f.entries)]
    others = [f for f in formats.values() if f not in relevant]
    return FormatChoice(formats.get(chosen or ""), relevant, others)
