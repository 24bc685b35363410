"""Vision and why this design: the innovation the team wants, and the outcome it seeks."""

from __future__ import annotations

from finder.documents.context import BuildContext
from finder.documents.docx_parts import text
from finder.documents.outline import Outline


def build(outline: Outline, ctx: BuildContext) -> None:
    outline.vision = ctx.data.innovation
    outline.why = ctx.data.outcome


def docx(doc, o: Outline) -> None:
    doc.add_heading("The vision", level=2)
    text(doc.add_paragraph(), o.vision, "the vision")
    doc.add_heading("Why this design", level=2)
    text(doc.add_paragraph(), o.why, "why this design")
