"""Blanks: what counts as empty in the document, how it is marked, what "To resolve" says.

Every format prints an empty field as :func:`marker` and every section's builder lists
it under "To resolve before submitting" through :func:`missing`, both from the same
:class:`Blank` declarations, so a blank is never marked in one place and forgotten in
another.
"""

from __future__ import annotations

from dataclasses import dataclass


def is_blank(value) -> bool:
    """Empty, or only spaces and line breaks (a textarea sent with just a newline)."""
    return not str(value or "").strip()


def marker(what: str) -> str:
    """How every format prints a blank: ``[To complete: what]``."""
    return f"[To complete: {what}]"


@dataclass(frozen=True)
class Blank:
    """A field of the document that the team may leave empty."""

    attr: str  # the attribute of the outline object that holds it
    label: str  # printed before the value ("Term")
    what: str  # what to write there, in its marker ("duration requested")
    noun: str  # what is missing, in "To resolve" ("term (the duration requested)")


def series(items: list[str], last: str = "or") -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def unfilled(obj, blanks: tuple[Blank, ...]) -> list[Blank]:
    return [b for b in blanks if is_blank(getattr(obj, b.attr))]


def missing(subject: str, obj, blanks: tuple[Blank, ...]) -> str | None:
    """``"<subject> has no x, y or z."`` for the blanks ``obj`` leaves empty, else None."""
    empty = unfilled(obj, blanks)
    if not empty:
        return None
    return f"{subject} has no {series([b.noun for b in empty])}."


# The cover and the opening section, on the outline itself.
COVER = (
    Blank("district", "District", "district", "district"),
    Blank("state", "State", "state", "state"),
    Blank("innovation", "Program or design", "the program or design", "design"),
    Blank("team", "Prepared by", "team", "team named as its author"),
)
VISION = (
    Blank("vision", "The vision", "the vision", "vision"),
    Blank("why", "Why this design", "why this design", "reason for this design"),
)
# One request: the fields a waiver or an innovation plan asks of each rule.
CITATION = Blank("citation", "Citation", "citation", "citation")
REQUEST = (
    Blank(
        "request_type",
        "Request",
        "waiver or partial modification",
        "request type",
    ),
    Blank("rationale", "Rationale", "rationale tied to the vision", "rationale"),
    Blank(
        "replacement_plan",
        "Replacement plan",
        "how the rule’s intent is still met",
        "replacement plan",
    ),
    Blank(
        "affected",
        "Students and schools affected",
        "students and schools affected, with baseline data",
        "list of students and schools affected",
    ),
    Blank("term", "Term", "duration requested", "term"),
)
APPLICATION_ANSWER = "the district’s answer"
KEPT = (
    CITATION,
    Blank("reason", "Why it is kept", "reason", "reason for keeping it"),
)
NOT_BINDING = (
    Blank(
        "checked",
        "What we checked",
        "what the team checked",
        "record of what the team checked",
    ),
)
ACTIVATION = (
    Blank("approver", "Approver", "approver", "approver"),
    Blank("term", "Term", "term", "term"),
)
METRIC = (
    Blank("baseline", "Baseline", "baseline", "baseline"),
    Blank("target", "Target", "target", "target"),
    Blank("data_source", "Data source", "data source", "data source"),
    Blank("frequency", "Frequency", "frequency", "frequency"),
    Blank("owner", "Owner", "owner", "owner"),
)
MILESTONE = (Blank("when", "When", "date", "date"),)
