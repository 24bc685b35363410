"""Evaluation plan: the team's success metrics, area by area."""

from __future__ import annotations

from dataclasses import replace

from finder.audit.model import METRIC_AREAS
from finder.documents.context import BuildContext
from finder.documents.docx_parts import table, text
from finder.documents.outline import Outline

AREA_LABELS = METRIC_AREAS


def build(outline: Outline, ctx: BuildContext) -> None:
    outline.metrics = [replace(m) for m in ctx.data.metrics]  # copies, not the audit's
    if not outline.metrics:
        ctx.warn("The evaluation plan has no success metrics yet.")


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
        ["Area", "Metric", "Baseline", "Target", "Data source", "Frequency", "Owner"],
        [
            [
                (AREA_LABELS[m.area], "area"),
                (m.metric, "metric"),
                (m.baseline, "baseline"),
                (m.target, "target"),
                (m.data_source, "data source"),
                (m.frequency, "frequency"),
                (m.owner, "owner"),
            ]
            for m in o.metrics
        ],
    )
