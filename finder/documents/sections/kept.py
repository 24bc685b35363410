"""Essential oversight we keep: the rules the team decided to keep, and why."""

from __future__ import annotations

from finder.documents.context import BuildContext, law_link
from finder.documents.docx_parts import table
from finder.documents.outline import Kept, Outline


def _reason(rule) -> str:
    if rule.override_reason:
        return rule.override_reason
    reasons = [r for a in rule.answers.values() if a.value for r in a.reasons]
    return " ".join(reasons[:2])


def build(outline: Outline, ctx: BuildContext) -> None:
    for rule in ctx.data.rules:
        if rule.decision == "essential_oversight":
            outline.kept.append(
                Kept(
                    rule.text,
                    rule.citation,
                    _reason(rule),
                    *law_link(rule.citation, ctx.data.state),
                )
            )


def docx(doc, o: Outline) -> None:
    if not o.kept:
        doc.add_paragraph("None recorded.")
        return
    table(
        doc,
        ["Rule", "Citation", "Why it is kept"],
        [
            [(k.rule, "rule"), (k.citation, "citation"), (k.reason, "reason")]
            for k in o.kept
        ],
    )
