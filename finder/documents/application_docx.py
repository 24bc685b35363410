"""The Word version of a document that follows a program's format (see application.html.j2)."""

from __future__ import annotations

from finder.documents.application import FILLS, SECTION_OF, has, sections_after_parts
from finder.documents.docx_parts import bookmark, cite, hyperlink, table, text
from finder.documents.outline import Outline, Part
from finder.documents.sections import REGISTRY

HEADING = "Heading "


def _citations(paragraph, part: Part) -> None:
    for n, (citation, url, official) in enumerate(part.citations):
        if n:
            paragraph.add_run("; ")
        cite(paragraph, citation, url, official)


def _status(part: Part) -> str:
    """What the checklist says the audit has for a part ("": the blank to complete)."""
    if part.drafted:
        return "Drafted from the audit: " + "; ".join(FILLS[f] for f in part.fills)
    return "" if part.required else "Not in the audit; include it if it applies"


def _checklist(doc, o: Outline) -> None:
    a = o.application
    bookmark(doc.add_heading(f"What the {a.title} requires", level=1), "checklist")
    doc.add_paragraph(
        "This document follows the parts the program requires, in its order. What the "
        "audit could not draft is marked “To complete”."
    )
    table(
        doc,
        ["Part", "Required by", "In this document"],
        [
            [
                (
                    f"{n}. {p.heading}" + ("" if p.required else " (if it applies)"),
                    "part",
                ),
                ("; ".join(c for c, _, _ in p.citations), "citation"),
                (_status(p), "nothing in the audit yet"),
            ]
            for n, p in enumerate(a.parts, start=1)
        ],
    )
    if a.sources:
        doc.add_paragraph("The parts were read in:")
    for s in a.sources:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run((f"[{s.kind}] " if s.kind else "") + f"{s.title} — ")
        hyperlink(p, s.url, s.url)
        p.add_run(f" (accessed {s.accessed})")


def _section_under_part(doc, o: Outline, key: str) -> None:
    """A section's own Word writer, under a sub-heading, its headings one level down."""
    section = REGISTRY[key]
    doc.add_heading(section.title, level=2)
    before = len(doc.paragraphs)
    section.docx(doc, o)
    for paragraph in doc.paragraphs[before:]:
        name = paragraph.style.name
        if name.startswith(HEADING) and name[len(HEADING) :].isdigit():
            paragraph.style = doc.styles[f"{HEADING}{int(name[len(HEADING) :]) + 1}"]


def _fill(doc, o: Outline, fill: str) -> None:
    if fill == "innovation":
        doc.add_heading("The innovation", level=2)
        text(doc.add_paragraph(), o.vision, "the innovation")
    elif fill == "outcome":
        doc.add_heading("Why this design", level=2)
        text(doc.add_paragraph(), o.why, "why this design")
    elif fill == "terms":
        doc.add_heading("Terms requested", level=2)
        if not has(o, "terms"):
            text(doc.add_paragraph(), "", "the term requested")
        for r in o.requests:
            if r.term:
                p = doc.add_paragraph(style="List Bullet")
                p.add_run(f"{r.rule}: ").bold = True
                p.add_run(r.term)
    else:
        _section_under_part(doc, o, SECTION_OF[fill])


def write_application(doc, o: Outline) -> None:
    """The checklist, each part with what the audit has for it, then the other sections."""
    _checklist(doc, o)
    for n, part in enumerate(o.application.parts, start=1):
        bookmark(doc.add_heading(f"{n}. {part.heading}", level=1), f"part-{part.id}")
        p = doc.add_paragraph()
        lead = "Required" if part.required else "If it applies, as provided"
        p.add_run(lead + (" by " if part.citations else "")).italic = True
        _citations(p, part)
        p.add_run(": ").italic = True
        p.add_run(part.contains)
        for fill in part.fills:
            _fill(doc, o, fill)
        if not part.fills:
            text(doc.add_paragraph(), "", part.heading.lower())
    for key in sections_after_parts(o):
        bookmark(doc.add_heading(REGISTRY[key].title, level=1), key)
        REGISTRY[key].docx(doc, o)
