"""Timeline: the team's milestones, when and what."""

from __future__ import annotations

from finder.documents.blanks import MILESTONE
from finder.documents.context import BuildContext
from finder.documents.docx_parts import table, text
from finder.documents.outline import Outline


def build(outline: Outline, ctx: BuildContext) -> None:
    outline.timeline = [(m.when, m.what) for m in ctx.data.timeline]
    if not outline.timeline:
        ctx.warn("The timeline has no milestones yet.")
    for milestone in ctx.data.timeline:
        ctx.require(f"The milestone “{milestone.what}”", milestone, MILESTONE)


def docx(doc, o: Outline) -> None:
    if not o.timeline:
        text(doc.add_paragraph(), "", "timeline")
        return
    table(
        doc,
        [MILESTONE[0].label, "What"],
        [[(when, MILESTONE[0].what), (what, "milestone")] for when, what in o.timeline],
    )
