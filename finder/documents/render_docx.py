"""Render an outline to a Word document with python-docx: cover, page numbers, then each section."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from finder.documents.application_docx import write_application
from finder.documents.docx_parts import labelled, word_field
from finder.documents.outline import Outline
from finder.documents.sections import REGISTRY, known
from finder.text import clean_deep


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

    page = doc.sections[0]
    header = page.header.paragraphs[0]
    header.text = f"{outline.district or 'District'} · Required flexibilities" + (
        " · DRAFT" if outline.status == "draft" else ""
    )
    footer = page.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Page ")
    word_field(footer, "PAGE")
    footer.add_run(" of ")
    word_field(footer, "NUMPAGES")

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
        labelled(doc, label, value, label.lower())
    if outline.warnings:
        doc.add_heading("To resolve before submitting", level=1)
        for warning in outline.warnings:
            doc.add_paragraph(warning, style="List Bullet")
    if outline.application:  # the program's parts in its order
        write_application(doc, outline)
    for key in [] if outline.application else known(outline.sections):
        section = REGISTRY[key]
        doc.add_heading(section.title, level=1)
        section.docx(doc, outline)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
