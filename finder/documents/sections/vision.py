"""Vision and why this design: the innovation the team wants, and the outcome it seeks."""

from __future__ import annotations

from finder.documents.blanks import VISION
from finder.documents.context import BEFORE_RULES, BuildContext
from finder.documents.docx_parts import text
from finder.documents.outline import Outline


def build(outline: Outline, ctx: BuildContext) -> None:
    outline.vision = ctx.data.innovation
    outline.why = ctx.data.outcome
    ctx.require("The document", outline, VISION, BEFORE_RULES)


def docx(doc, o: Outline) -> None:
    for blank in VISION:
        doc.add_heading(blank.label, level=2)
        text(doc.add_paragraph(), getattr(o, blank.attr), blank.what)
