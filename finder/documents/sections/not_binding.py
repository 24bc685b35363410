"""Flexibility we already have: what the team believed was a rule, and found nobody requires."""

from __future__ import annotations

from finder.documents.blanks import NOT_BINDING
from finder.documents.context import BuildContext
from finder.documents.docx_parts import text
from finder.documents.outline import NotBinding, Outline


def build(outline: Outline, ctx: BuildContext) -> None:
    for at, rule in enumerate(ctx.data.rules):
        if rule.decision == "not_a_rule":
            found = NotBinding(rule.text, rule.checked)
            outline.not_binding.append(found)
            ctx.require(
                f"“{rule.text}”, found not to be a rule,", found, NOT_BINDING, at
            )


def docx(doc, o: Outline) -> None:
    doc.add_paragraph(
        "These were believed to be rules, but nobody requires them; the district can act on them now."
    )
    for n in o.not_binding:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(n.rule).bold = True
        p.add_run(f" — {NOT_BINDING[0].label.lower()}: ")
        text(p, n.checked, NOT_BINDING[0].what)
    if not o.not_binding:
        doc.add_paragraph("None recorded.")
