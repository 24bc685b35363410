"""Render an outline to a Word document with python-docx: headings, tables, lists, page numbers."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from finder.documents.outline import SECTIONS, Outline
from finder.documents.render import AREA_LABELS
from finder.text import clean_deep

BLANK_COLOR = RGBColor(0x8A, 0x1C, 0x1C)


def _field(paragraph, code: str) -> None:
    """Insert a Word field (PAGE, NUMPAGES) that Word fills in."""
    run = paragraph.add_run()
    for tag, text in (("begin", None), (None, code), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _text(paragraph, value: str, label: str) -> None:
    if value:
        paragraph.add_run(value)
    else:
        run = paragraph.add_run(f"[To complete: {label}]")
        run.italic = True
        run.font.color.rgb = BLANK_COLOR


def _hyperlink(paragraph, text: str, url: str) -> None:
    """A clickable link run (python-docx has no public API for hyperlinks)."""
    rel = paragraph.part.relate_to(
        url,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "1F4E9A")
    props.extend([style, color, underline])
    run.append(props)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _cite(paragraph, value: str, url: str, official: bool) -> None:
    """A citation, linked to its text where known; unofficial copies say so."""
    if value and url:
        _hyperlink(paragraph, value, url)
        if not official:
            paragraph.add_run(" (unofficial copy)")
    else:
        _text(paragraph, value, "citation")


def _labelled(doc, label: str, value: str, blank: str) -> None:
    p = doc.add_paragraph()
    p.add_run(f"{label}: ").bold = True
    _text(p, value, blank)


def _table(doc, headers: list[str], rows: list[list[tuple[str, str]]]) -> None:
    """A table with a header row; each cell is (value, blank label)."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, (value, blank) in zip(cells, row, strict=True):
            cell.text = ""
            _text(cell.paragraphs[0], value, blank)


def render_docx(outline: Outline) -> bytes:
    """The outline as .docx bytes; python-docx turns each newline into a line break.

    The outline is cleaned first: Word's XML refuses control characters, and versions
    stored before input was cleaned may hold them.
    """
    outline = clean_deep(outline)
    doc = Document()
    props = doc.core_properties
    props.title = outline.title
    props.subject = "Required flexibilities"
    props.author = outline.team or "Flexibility Finder"
    props.keywords = "flexibility, waiver, innovation"
    props.comments = f"Status: {outline.status}; generated {outline.date}"
    doc.styles["Normal"].font.size = Pt(11)

    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = f"{outline.district or 'District'} · Required flexibilities" + (
        " · DRAFT" if outline.status == "draft" else ""
    )
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")

    doc.add_paragraph(
        f"{'DRAFT' if outline.status == 'draft' else 'Final'} · {outline.date}"
    )
    doc.add_heading(outline.title, level=0)
    for label, value in (
        ("District", outline.district),
        ("State", outline.state),
        ("Innovation", outline.innovation),
        ("Team", outline.team),
    ):
        _labelled(doc, label, value, label.lower())
    if outline.warnings:
        doc.add_heading("To resolve before submitting", level=1)
        for warning in outline.warnings:
            doc.add_paragraph(warning, style="List Bullet")
    for key in outline.sections:
        doc.add_heading(SECTIONS[key], level=1)
        _SECTION_WRITERS[key](doc, outline)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _vision(doc, o: Outline) -> None:
    doc.add_heading("The vision", level=2)
    _text(doc.add_paragraph(), o.vision, "the vision")
    doc.add_heading("Why this design", level=2)
    _text(doc.add_paragraph(), o.why, "why this design")


def _requests(doc, o: Outline) -> None:
    if not o.requests:
        doc.add_paragraph("No unnecessary controls were identified.")
        return
    _table(
        doc,
        ["Rule", "Citation", "Mechanism", "Rationale", "How the intent is still met"],
        [
            [
                (r.rule, "rule"),
                (r.citation, "citation"),
                (r.mechanism, "mechanism"),
                (r.rationale, "rationale"),
                (r.replacement_plan, "replacement plan"),
            ]
            for r in o.requests
        ],
    )
    for n, r in enumerate(o.requests, start=1):
        doc.add_heading(f"{n}. {r.rule}", level=2)
        p = doc.add_paragraph()
        p.add_run("Citation: ").bold = True
        _cite(p, r.citation, r.citation_url, r.citation_official)
        _labelled(
            doc,
            "Source",
            r.source_level + (f" (found in {r.found_in})" if r.found_in else ""),
            "source",
        )
        _labelled(doc, "Request", r.request_type, "waiver or partial modification")
        mechanism = r.mechanism + (
            f" ({'; '.join(r.mechanism_citations)})"
            if r.mechanism and r.mechanism_citations
            else ""
        )
        _labelled(doc, "Mechanism", mechanism, "mechanism")
        _labelled(doc, "Rationale", r.rationale, "rationale tied to the vision")
        _labelled(
            doc,
            "Replacement plan",
            r.replacement_plan,
            "how the rule’s intent is still met",
        )
        _labelled(
            doc,
            "Students and schools affected",
            r.affected,
            "students and schools affected, with baseline data",
        )
        _labelled(doc, "Term", r.term, "duration requested")
        if r.safeguards_kept:
            _labelled(
                doc, "Safeguards that stay in force", "; ".join(r.safeguards_kept), ""
            )
        if r.application_fields:
            doc.add_heading("What the application must contain", level=3)
            for label, answer in r.application_fields:
                p = doc.add_paragraph(style="List Number")
                p.add_run(f"{label}: ").bold = True
                _text(p, answer, label)


def _kept(doc, o: Outline) -> None:
    if not o.kept:
        doc.add_paragraph("None recorded.")
        return
    _table(
        doc,
        ["Rule", "Citation", "Why it is kept"],
        [
            [(k.rule, "rule"), (k.citation, "citation"), (k.reason, "reason")]
            for k in o.kept
        ],
    )


def _not_binding(doc, o: Outline) -> None:
    doc.add_paragraph(
        "These were believed to be rules, but nobody requires them; the district can act on them now."
    )
    for n in o.not_binding:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(f"{n.rule}: ").bold = True
        _text(p, n.checked, "what the team checked")
    if not o.not_binding:
        doc.add_paragraph("None recorded.")


def _activation(doc, o: Outline) -> None:
    if not o.activation:
        doc.add_paragraph("No mechanism chosen yet.")
    for a in o.activation:
        doc.add_heading(a.mechanism, level=2)
        if a.citations:
            doc.add_paragraph("; ".join(a.citations))
        _labelled(doc, "Approver", a.approver, "approver")
        _labelled(doc, "Term", a.term, "term")
        for step in a.steps:
            doc.add_paragraph(step, style="List Number")
        if a.public_process:
            _labelled(doc, "Public process", "; ".join(a.public_process), "")


def _evaluation(doc, o: Outline) -> None:
    if not o.metrics:
        _text(
            doc.add_paragraph(),
            "",
            "success metrics for access, engagement, belonging, agency and outcomes",
        )
        return
    _table(
        doc,
        ["Area", "Metric", "Baseline", "Target", "Data source", "Frequency", "Owner"],
        [
            [
                (AREA_LABELS[m.area], "area"),
                (m.metric, "metric"),
                (m.baseline, "baseline"),
                (m.target, "target"),
                (m.data_source, "data source"),
                (m.frequency, "frequency"),
                (m.owner, "owner"),
            ]
            for m in o.metrics
        ],
    )


def _timeline(doc, o: Outline) -> None:
    if not o.timeline:
        _text(doc.add_paragraph(), "", "timeline")
        return
    _table(
        doc,
        ["When", "What"],
        [[(when, "date"), (what, "milestone")] for when, what in o.timeline],
    )


def _sources(doc, o: Outline) -> None:
    for s in o.sources:
        p = doc.add_paragraph(style="List Number")
        p.add_run((f"[{s.kind}] " if s.kind else "") + f"{s.title} — ")
        _hyperlink(p, s.url, s.url)
        p.add_run(f" (accessed {s.accessed})")
    if not o.sources:
        doc.add_paragraph("No catalog sources cited.")


_SECTION_WRITERS = {
    "vision": _vision,
    "requests": _requests,
    "kept": _kept,
    "not_binding": _not_binding,
    "activation": _activation,
    "evaluation": _evaluation,
    "timeline": _timeline,
    "sources": _sources,
}
