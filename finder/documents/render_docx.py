"""Render an outline to a Word document with python-docx: a cover page, a contents page
with the legend, then "To resolve" and each section, with page numbers."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

from finder.documents import front
from finder.documents.application_docx import write_application
from finder.documents.docx_parts import (
    BLANK_COLOR,
    bookmark,
    hyperlink,
    labelled,
    page_number_tab,
    remember_style_ids,
    update_fields_on_open,
    word_field,
)
from finder.documents.outline import Outline
from finder.documents.sections import REGISTRY, known
from finder.text import clean_deep


def render_docx(outline: Outline, version: int | None = None) -> bytes:
    """The outline as .docx bytes; ``version``: the saved version's number (None: a
    preview). python-docx turns each newline into a line break.

    The outline is cleaned first: Word's XML refuses control characters, and versions
    stored before input was cleaned may hold them.
    """
    outline = clean_deep(outline)
    doc = Document()
    remember_style_ids(doc)
    props = doc.core_properties
    props.title = outline.title
    props.subject = "Required flexibilities"
    props.author = outline.team or "Flexibility Finder"
    props.keywords = "flexibility, waiver, innovation"
    props.comments = f"Status: {outline.status}; generated {outline.date}"
    doc.styles["Normal"].font.size = Pt(11)
    _page_furniture(doc, outline)
    _cover(doc, outline, version)
    _contents(doc, outline)
    if outline.warnings:
        bookmark(doc.add_heading(front.warnings_title(outline), level=1), "warnings")
        for warning in outline.warnings:
            doc.add_paragraph(warning, style="List Bullet")
    if outline.application:  # the program's parts in its order
        write_application(doc, outline)
    for key in [] if outline.application else known(outline.sections):
        section = REGISTRY[key]
        bookmark(doc.add_heading(section.title, level=1), key)
        section.docx(doc, outline)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


HEADER_DISTRICT = 60  # characters of the district's name in the running header


def _short(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word, with an ellipsis when cut."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-") + "…"


def _page_furniture(doc, outline: Outline) -> None:
    """Header and "Page n of m" on every page but the cover."""
    page = doc.sections[0]
    page.different_first_page_header_footer = True
    header = page.header.paragraphs[0]
    header.text = " · ".join(
        part
        for part in (
            _short(outline.district, HEADER_DISTRICT),
            "Required flexibilities",
            "DRAFT" if outline.status == "draft" else "",
        )
        if part
    )
    footer = page.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Page ")
    word_field(footer, "PAGE")
    footer.add_run(" of ")
    word_field(footer, "NUMPAGES")


def _cover(doc, outline: Outline, version: int | None) -> None:
    """The cover page: what the document is, for whom, which version and its status."""
    kind = doc.add_paragraph()
    # a long title or district needs the room the cover's top margin would take
    roomy = len(outline.title) + len(outline.district) < 140
    kind.paragraph_format.space_before = Pt(150 if roomy else 24)
    run = kind.add_run("REQUIRED FLEXIBILITIES")
    run.font.size = Pt(10)
    run.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
    doc.add_heading(outline.title, level=0)
    status = doc.add_paragraph().add_run(front.status_label(outline.status).upper())
    status.bold = True
    if outline.status != "final":
        status.font.color.rgb = BLANK_COLOR
    for label, value, what in front.cover(outline, version):
        labelled(doc, label, value, what)
    doc.add_page_break()


def _contents(doc, outline: Outline) -> None:
    """The contents (each line linked to its heading's bookmark, with the heading's page
    number as a PAGEREF field Word updates when the file is opened) and the legend, on
    one page."""
    doc.add_paragraph("Contents", style="TOC Heading")
    page = doc.sections[0]
    width = page.page_width - page.left_margin - page.right_margin
    for anchor, heading in front.contents(outline):
        p = doc.add_paragraph()
        page_number_tab(p, width)
        hyperlink(p, heading, anchor=anchor)
        p.add_run("\t")
        word_field(p, f"PAGEREF {anchor} \\h", shown="–")
    update_fields_on_open(doc)
    doc.add_paragraph("How to read this document", style="TOC Heading")
    for term, meaning in front.legend(outline):
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(f"{term}: ").bold = True
        p.add_run(meaning)
    doc.add_page_break()
