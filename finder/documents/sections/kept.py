"""Essential oversight we keep: the rules the team decided to keep, and why."""

from __future__ import annotations

from finder.documents.blanks import KEPT
from finder.documents.context import BuildContext, law_link
from finder.documents.docx_parts import table
from finder.documents.outline import Kept, Outline


def _reason(rule) -> str:
    if rule.override_reason:
        return rule.override_reason
    reasons = [r for a in rule.answers.values() if a.value for r in a.reasons]
    return " ".join(reasons[:2])


def build(outline: Outline, ctx: BuildContext) -> None:
    for at, rule in enumerate(ctx.data.rules):
        if rule.decision == "essential_oversight":
            kept = Kept(
                rule.text,
                rule.citation,
                _reason(rule),
                *law_link(rule.citation, ctx.data.state),
            )
            outline.kept.append(kept)
            ctx.require(f"The kept rule “{rule.text}”", kept, KEPT, at)


def docx(doc, o: Outline) -> None:
    if not o.kept:
        doc.add_paragraph("None recorded.")
        return
    table(
        doc,
        ["Rule", *(b.label for b in KEPT)],
        [
            [(k.rule, "rule"), *((getattr(k, b.attr), b.what) for b in KEPT)]
            for k in o.kept
        ],
    )
