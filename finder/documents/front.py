"""The front of the document in every format: cover details, contents and the legend."""

from __future__ import annotations

from finder.documents.application import sections_after_parts
from finder.documents.blanks import COVER
from finder.documents.outline import UNVERIFIED, VERIFIED, Outline
from finder.documents.sections import SECTIONS, known

LEGEND = (
    (
        "[To complete: …]",
        "A blank the district fills in before submitting. Every blank is also listed "
        "under “To resolve before submitting”.",
    ),
    (
        VERIFIED.capitalize(),
        "Every statement of law about the mechanism in the Flexibility Finder catalog "
        "was read in the official text.",
    ),
    (
        UNVERIFIED.capitalize(),
        "The catalog could not confirm every statement about the mechanism in official "
        "text; read its law before relying on it.",
    ),
    (
        "Linked citations",
        "A linked citation opens the text of the law; “(unofficial copy)” marks a link "
        "to a copy not published by the government.",
    ),
)


def legend(o: Outline) -> list[tuple[str, str]]:
    """(term, what it means) for the marks the document uses."""
    if "activation" not in known(o.sections):
        return list(LEGEND)
    return [
        (term, meaning + " The activation plan gives the reason.")
        if term == UNVERIFIED.capitalize()
        else (term, meaning)
        for term, meaning in LEGEND
    ]


def status_label(status: str) -> str:
    return "Final" if status == "final" else "Draft, not for submission"


def version_label(version: int | str | None) -> str:
    return str(version) if version else "Preview, not a saved version"


def cover(o: Outline, version: int | str | None) -> list[tuple[str, str, str]]:
    """(label, value, what to complete when blank) for each line of the cover."""
    return [
        *((b.label, getattr(o, b.attr), b.what) for b in COVER),
        ("Date", o.date, "date"),
        ("Version", version_label(version), ""),
        ("Status", status_label(o.status), ""),
    ]


TO_RESOLVE = "To resolve before submitting"
TO_CHECK = "To check before submitting"


def warnings_title(o: Outline) -> str:
    """The heading of the document's list of warnings: "To resolve before submitting",
    or, when every one left only asks the reader to check something (a final version),
    "To check before submitting"."""
    checks_only = o.warnings and all(w in o.advisory for w in o.warnings)
    return TO_CHECK if checks_only else TO_RESOLVE


def contents(o: Outline) -> list[tuple[str, str]]:
    """(anchor, heading) for each part of the document after the front, in order. The
    contents are not numbered in any format: a program's parts carry the program's
    own numbers ("1. Comprehensive educational program"), which a second count would
    contradict ("3. 1. …")."""
    parts = [("warnings", warnings_title(o))] if o.warnings else []
    if o.application:  # the checklist, the program's parts, the sections left
        parts.append(("checklist", f"What the {o.application.title} requires"))
        parts += [
            (f"part-{p.id}", f"{n}. {p.heading}")
            for n, p in enumerate(o.application.parts, start=1)
        ]
        return parts + [(key, SECTIONS[key]) for key in sections_after_parts(o)]
    return parts + [(key, SECTIONS[key]) for key in known(o.sections)]
