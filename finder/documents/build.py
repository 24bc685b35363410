"""Build the outline from a saved audit and the catalog; every wording decision is here."""

from __future__ import annotations

import datetime as dt

from finder.audit.decisions import effective_decision
from finder.audit.matching import BOARD_ACTION, NEGOTIATION, STOP_PRACTICE, _blocked
from finder.audit.model import REQUEST_TYPES, AuditData
from finder.audit.rubric import load_rubric
from finder.audit.suggester import SOURCE_LEVELS, _stems
from finder.catalog import Catalog
from finder.catalog.jurisdictions import name as state_name
from finder.documents.outline import (
    DEFAULT_ORDER,
    SECTIONS,
    Activation,
    Kept,
    Metric,
    NotBinding,
    Outline,
    Request,
    Source,
)

LOCAL = {m.id: m for m in (BOARD_ACTION, NEGOTIATION, STOP_PRACTICE)}


def _kept_reason(rule) -> str:
    if rule.override_reason:
        return rule.override_reason
    reasons = [r for a in rule.answers.values() if a.value for r in a.reasons]
    return " ".join(reasons[:2])


def build_outline(
    data: AuditData,
    catalog: Catalog,
    team: str = "",
    status: str = "draft",
    sections: list[str] | None = None,
    today: dt.date | None = None,
) -> Outline:
    """The document for an audit: what to request, what to keep, how to activate and measure."""
    rubric = load_rubric()
    order = [s for s in (sections or DEFAULT_ORDER) if s in SECTIONS]
    outline = Outline(
        title=f"Required flexibilities: {data.title}",
        district=data.district,
        state=state_name(data.state) if data.state else "",
        innovation=data.innovation,
        team=team,
        date=(today or dt.date.today()).isoformat(),
        status=status if status in {"draft", "final"} else "draft",
        vision=data.innovation,
        why=data.outcome,
        sections=order,
    )
    used: dict[str, object] = {}
    for rule in data.rules:
        decision = effective_decision(rule, rubric)
        if not rule.decision:
            outline.warnings.append(f"“{rule.text}” has no recorded decision yet.")
        if decision == "essential_oversight":
            outline.kept.append(Kept(rule.text, rule.citation, _kept_reason(rule)))
        elif decision == "not_a_rule":
            outline.not_binding.append(NotBinding(rule.text, rule.checked))
        elif decision == "unnecessary_control":
            outline.requests.append(_request(rule, catalog, outline.warnings, used))
    for mechanism in used.values():
        if hasattr(mechanism, "activation"):
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
            outline.sources += [
                Source(s.title, s.url, s.accessed.isoformat())
                for s in mechanism.sources
            ]
        else:
            outline.activation.append(
                Activation(mechanism.title, [], [mechanism.summary], "", [], "")
            )
    outline.metrics = [
        Metric(
            m.area, m.metric, m.baseline, m.target, m.data_source, m.frequency, m.owner
        )
        for m in data.metrics
    ]
    outline.timeline = [(m.when, m.what) for m in data.timeline]
    if not outline.metrics:
        outline.warnings.append("The evaluation plan has no success metrics yet.")
    return outline


def _request(rule, catalog: Catalog, warnings: list[str], used: dict) -> Request:
    mechanisms = [catalog.get(m) or LOCAL.get(m) for m in rule.mechanisms]
    mechanisms = [m for m in mechanisms if m is not None]
    if not mechanisms:
        warnings.append(f"No mechanism is chosen to lift “{rule.text}”.")
    for needed, label in (
        (rule.rationale, "rationale"),
        (rule.replacement_plan, "replacement plan"),
    ):
        if not needed.strip():
            warnings.append(f"The request for “{rule.text}” has no {label}.")
    stems = _stems(f"{rule.text} {rule.citation}")
    safeguards: list[str] = []
    fields: list[tuple[str, str]] = []
    for mechanism in mechanisms:
        used.setdefault(mechanism.id, mechanism)
        if hasattr(mechanism, "cannot_waive"):
            blocked = _blocked(stems, mechanism)
            if blocked:
                warnings.append(
                    f"“{mechanism.title}” cannot waive “{blocked}”, which covers “{rule.text}”."
                )
            safeguards += list(mechanism.cannot_waive)
            fields += [
                (f, rule.application_answers.get(f, ""))
                for f in mechanism.application_fields
            ]
    return Request(
        rule=rule.text,
        citation=rule.citation,
        source_level=SOURCE_LEVELS.get(rule.source_level, rule.source_level),
        request_type=REQUEST_TYPES.get(rule.request_type, ""),
        mechanism="; ".join(m.title for m in mechanisms),
        mechanism_citations=[
            c for m in mechanisms for c in getattr(m, "citations", ())
        ][:6],
        rationale=rule.rationale,
        replacement_plan=rule.replacement_plan,
        safeguards_kept=list(dict.fromkeys(safeguards))[:12],
        affected=rule.affected,
        term=rule.term,
        application_fields=list(dict.fromkeys(fields)),
    )
