"""Activation plan: for each mechanism the requests rely on, its steps, approver and term."""

from __future__ import annotations

from finder.documents.context import BuildContext
from finder.documents.docx_parts import labelled
from finder.documents.outline import Activation, Outline


def build(outline: Outline, ctx: BuildContext) -> None:
    for mechanism in ctx.mechanisms.values():
        if hasattr(mechanism, "activation"):  # a catalog entry
            outline.activation.append(
                Activation(
                    mechanism.title,
                    list(mechanism.citations),
                    list(mechanism.activation),
                    mechanism.approver,
                    list(mechanism.public_process),
                    mechanism.term,
                )
            )
        else:  # a local route (board action, negotiation)
            outline.activation.append(
                Activation(mechanism.title, [], [mechanism.summary], "", [], "")
            )


def docx(doc, o: Outline) -> None:
    if not o.activation:
        doc.add_paragraph("No mechanism chosen yet.")
    for a in o.activation:
        doc.add_heading(a.mechanism, level=2)
        if a.citations:
            doc.add_paragraph("; ".join(a.citations))
        labelled(doc, "Approver", a.approver, "approver")
        labelled(doc, "Term", a.term, "term")
        for step in a.steps:
            doc.add_paragraph(step, style="List Number")
        if a.public_process:
            labelled(doc, "Public process", "; ".join(a.public_process), "")
