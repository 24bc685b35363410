"""Activation plan: for each mechanism the requests rely on, its steps, approver and term."""

from __future__ import annotations

from finder.documents.blanks import ACTIVATION
from finder.documents.context import BuildContext
from finder.documents.docx_parts import (
    bullets,
    cites,
    intro,
    labelled,
    lead,
    numbered,
)
from finder.documents.outline import Activation, Outline


def build(outline: Outline, ctx: BuildContext) -> None:
    for mechanism in ctx.mechanisms.values():
        if hasattr(mechanism, "activation"):  # a catalog entry
            activation = Activation(
                mechanism.title,
                list(mechanism.citations),
                list(mechanism.activation),
                mechanism.approver,
                list(mechanism.public_process),
                mechanism.term,
                id=mechanism.id,
            )
        else:  # a local route (board action, negotiation)
            activation = Activation(
                mechanism.title, [], [mechanism.summary], "", [], "", id=mechanism.id
            )
        outline.activation.append(activation)
        ctx.require(
            f"The activation plan for “{mechanism.title}”", activation, ACTIVATION
        )


def docx(doc, o: Outline) -> None:
    if not o.activation:
        doc.add_paragraph("No mechanism chosen yet.")
    for a in o.activation:
        doc.add_heading(a.mechanism, level=2)
        mechanism = o.mechanism(a.id)
        if mechanism and mechanism.verification_note:
            lead(doc, "Verification").add_run(mechanism.verification_note)
        if a.citations:
            cites(lead(doc, "Law"), a.citations, o.links)
        for blank in ACTIVATION:
            labelled(doc, blank.label, getattr(a, blank.attr), blank.what)
        if a.steps:
            intro(doc, "Steps")
            numbered(doc, a.steps)
        if a.public_process:
            intro(doc, "Public process")
            bullets(doc, a.public_process)
