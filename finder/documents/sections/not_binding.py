"""Flexibility we already have: what the team believed was a rule, and found nobody requires."""

from __future__ import annotations

from finder.documents.context import BuildContext
from finder.documents.docx_parts import text
from finder.documents.outline import NotBinding, Outline


def build(outline: Outline, ctx: BuildContext) -> None:
    for rule in ctx.data.rules:
        if rule.decision == "not_a_rule":
            outline.not_binding.append(NotBinding(rule.text, rule.checked))


def docx(doc, o: Outline) -> None:
    doc.add_paragraph(
        "These were believed to be rules, but nobody requires them; the district can act on them now."
    )
    for n in o.not_binding:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(f"{n.rule}: ").bold = True
        text(p, n.checked, "what the team checked")
    if not o.not_binding:
        doc.add_paragraph("None recorded.")
