"""Build the outline from a saved audit and the catalog; every wording decision is here."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from finder.audit.decisions import effective_decision
from finder.audit.matching import LOCAL_ROUTES, mechanism_verdict
from finder.audit.model import REQUEST_TYPES, AuditData
from finder.audit.rubric import DECISIONS, load_rubric
from finder.audit.suggester import SOURCE_LEVELS, RuleInput
from finder.catalog import Catalog
from finder.catalog.hosts import PUBLISHERS
from finder.catalog.jurisdictions import name as state_name
from finder.documents.outline import (
    DEFAULT_ORDER,
    SECTIONS,
    Activation,
    Kept,
    NotBinding,
    Outline,
    Request,
    Source,
)
from finder.law import link_for, parse_citation


class FinalRefused(ValueError):
    """A document cannot be final while blocking warnings stand; ``reasons`` lists them."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("; ".join(reasons))


def _first(items: list[str], limit: int) -> list[str]:
    """The first ``limit`` items, and a last line saying how many more there are."""
    if len(items) <= limit:
        return items
    more = len(items) - limit
    return [
        *items[:limit],
        f"and {more} more, listed in the mechanism's catalog entry",
    ]


def law_link(citation: str, state: str) -> tuple[str, bool]:
    """(URL, official?) of the text a citation names, or ("", True) if it does not parse."""
    cit = parse_citation(citation, state) if citation else None
    link = link_for(cit) if cit else None
    return (link.url, link.official) if link else ("", True)


def _source(s) -> Source:
    kind = "" if s.official else PUBLISHERS.get(s.publisher, "Source of unknown type")
    return Source(s.title, s.url, s.accessed.isoformat(), kind)


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
    """The document for an audit: what to request, what to keep, how to activate and measure.

    :raises FinalRefused: ``status`` is "final" while a blocking warning stands (a
        request relies on a mechanism whose own law cannot lift the rule).
    """
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
        # Only what the team decided goes into the decided sections; a suggestion
        # waits in "To resolve" until someone confirms it.
        decision = rule.decision
        if not decision:
            suggested = effective_decision(rule, rubric)
            hint = (
                f" (suggested: {DECISIONS[suggested].lower()})"
                if suggested in DECISIONS and suggested != "needs_review"
                else ""
            )
            outline.warnings.append(
                f"“{rule.text}” has no recorded decision yet{hint}."
            )
        if decision == "essential_oversight":
            outline.kept.append(
                Kept(
                    rule.text,
                    rule.citation,
                    _kept_reason(rule),
                    *law_link(rule.citation, data.state),
                )
            )
        elif decision == "not_a_rule":
            outline.not_binding.append(NotBinding(rule.text, rule.checked))
        elif decision == "unnecessary_control":
            outline.requests.append(_request(rule, data.state, catalog, outline, used))
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
            outline.sources += [_source(s) for s in mechanism.sources]
        else:
            outline.activation.append(
                Activation(mechanism.title, [], [mechanism.summary], "", [], "")
            )
    outline.metrics = [replace(m) for m in data.metrics]  # copies, not the audit's
    outline.timeline = [(m.when, m.what) for m in data.timeline]
    # official sources first, each cited once
    unique = {s.url: s for s in outline.sources}
    outline.sources = sorted(unique.values(), key=lambda s: bool(s.kind))
    if not outline.metrics:
        outline.warnings.append("The evaluation plan has no success metrics yet.")
    if outline.status == "final" and outline.blocking:
        raise FinalRefused(outline.blocking)
    return outline


def _request(
    rule, state: str, catalog: Catalog, outline: Outline, used: dict
) -> Request:
    warnings = outline.warnings
    for unknown in [
        m for m in rule.mechanisms if not (catalog.get(m) or LOCAL_ROUTES.get(m))
    ]:
        message = (
            f"The request for “{rule.text}” names “{unknown}”, which is not a mechanism "
            "in the catalog."
        )
        warnings.append(message)
        outline.blocking.append(message)
    mechanisms = [catalog.get(m) or LOCAL_ROUTES.get(m) for m in rule.mechanisms]
    mechanisms = [m for m in mechanisms if m is not None]
    if not mechanisms:
        warnings.append(f"No mechanism is chosen to lift “{rule.text}”.")
    for needed, label in (
        (rule.rationale, "rationale"),
        (rule.replacement_plan, "replacement plan"),
    ):
        if not needed.strip():
            warnings.append(f"The request for “{rule.text}” has no {label}.")
    rule_input = RuleInput(rule.text, rule.source_level, rule.citation, state)
    safeguards: list[str] = []
    fields: list[tuple[str, str]] = []
    for mechanism in mechanisms:
        used.setdefault(mechanism.id, mechanism)
        if hasattr(mechanism, "cannot_waive"):
            usable, reason = mechanism_verdict(rule_input, mechanism)
            if not usable:
                message = (
                    f"“{mechanism.title}” cannot be used for “{rule.text}”: {reason}"
                )
                warnings.append(message)
                outline.blocking.append(message)
            safeguards += [item.text for item in mechanism.cannot_waive]
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
        safeguards_kept=_first(list(dict.fromkeys(safeguards)), 12),
        affected=rule.affected,
        term=rule.term,
        application_fields=list(dict.fromkeys(fields)),
        found_in=", ".join(p for p in (rule.source_document, rule.source_place) if p),
        **dict(
            zip(
                ("citation_url", "citation_official"),
                law_link(rule.citation, state),
                strict=True,
            )
        ),
    )
