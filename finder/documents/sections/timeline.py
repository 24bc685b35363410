"""Timeline: the team's milestones, when and what."""

from __future__ import annotations

from finder.documents.context import BuildContext
from finder.documents.docx_parts import table, text
from finder.documents.outline import Outline


def build(outline: Outline, ctx: BuildContext) -> None:
    outline.timeline = [(m.when, m.what) for m in ctx.data.timeline]


def docx(doc, o: Outline) -> None:
    if not o.timeline:
        text(doc.add_paragraph(), "", "timeline")
        return
    table(
        doc,
        ["When", "What"],
        [[(when, "date"), (what, "milestone")] for when, what in o.timeline],
    )
