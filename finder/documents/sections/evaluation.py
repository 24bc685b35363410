"""Evaluation plan: the team's success metrics, area by area."""

from __future__ import annotations

from dataclasses import replace

from finder.audit.model import METRIC_AREAS
from finder.documents.blanks import METRIC
from finder.documents.context import BuildContext
from finder.documents.docx_parts import table, text
from finder.documents.outline import Outline

AREA_LABELS = METRIC_AREAS


def build(outline: Outline, ctx: BuildContext) -> None:
    outline.metrics = [replace(m) for m in ctx.data.metrics]  # copies, not the audit's
    if not outline.metrics:
        ctx.warn("The evaluation plan has no success metrics yet.")
    for metric in outline.metrics:
        ctx.require(f"The success metric “{metric.metric}”", metric, METRIC)


def docx(doc, o: Outline) -> None:
    if not o.metrics:
        text(
            doc.add_paragraph(),
            "",
            "success metrics for access, engagement, belonging, agency and outcomes",
        )
        return
    table(
        doc,
        ["Area", "Metric", *(b.label for b in METRIC)],
        [
            [
                (AREA_LABELS[m.area], "area"),
                (m.metric, "metric"),
                *((getattr(m, b.attr), b.what) for b in METRIC),
            ]
            for m in o.metrics
        ],
    )
