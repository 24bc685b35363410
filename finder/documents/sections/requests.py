"""Requested flexibilities: each unnecessary control, the mechanism to lift it, and why."""

from __future__ import annotations

from finder.audit.matching import LOCAL_ROUTES, mechanism_verdict
from finder.audit.model import REQUEST_TYPES, SOURCE_LEVELS
from finder.audit.suggester import RuleInput
from finder.documents.context import BuildContext, law_link
from finder.documents.docx_parts import cite, labelled, table, text
from finder.documents.outline import Outline, Request


def _first(items: list[str], limit: int) -> list[str]:
    """The first ``limit`` items, and a last line saying how many more there are."""
    if len(items) <= limit:
        return items
    more = len(items) - limit
    return [
        *items[:limit],
        f"and {more} more, listed in the mechanism's catalog entry",
    ]


def build(outline: Outline, ctx: BuildContext) -> None:
    for at, rule in enumerate(ctx.data.rules):
        if rule.decision == "unnecessary_control":
            outline.requests.append(_request(rule, at, ctx))


def _request(rule, at: int, ctx: BuildContext) -> Request:
    state = ctx.data.state
    for unknown in [
        m for m in rule.mechanisms if not (ctx.catalog.get(m) or LOCAL_ROUTES.get(m))
    ]:
        ctx.warn(
            f"The request for “{rule.text}” names “{unknown}”, which is not a mechanism "
            "in the catalog.",
            at,
            blocking=True,
        )
    mechanisms = ctx.mechanisms_of(rule)
    if not mechanisms:
        ctx.warn(f"No mechanism is chosen to lift “{rule.text}”.", at)
    for needed, label in (
        (rule.rationale, "rationale"),
        (rule.replacement_plan, "replacement plan"),
    ):
        if not needed.strip():
            ctx.warn(f"The request for “{rule.text}” has no {label}.", at)
    rule_input = RuleInput(rule.text, rule.source_level, rule.citation, state)
    safeguards: list[str] = []
    fields: list[tuple[str, str]] = []
    for mechanism in mechanisms:
        if hasattr(mechanism, "cannot_waive"):
            usable, reason = mechanism_verdict(rule_input, mechanism)
            if not usable:
                ctx.warn(
                    f"“{mechanism.title}” cannot be used for “{rule.text}”: {reason}",
                    at,
                    blocking=True,
                )
            safeguards += [item.text for item in mechanism.cannot_waive]
            fields += [
                (f, rule.application_answers.get(f, ""))
                for f in mechanism.application_fields
            ]
    citation_url, citation_official = law_link(rule.citation, state)
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
        citation_url=citation_url,
        citation_official=citation_official,
    )


def docx(doc, o: Outline) -> None:
    if not o.requests:
        doc.add_paragraph("No unnecessary controls were identified.")
        return
    table(
        doc,
        ["Rule", "Citation", "Mechanism", "Rationale", "How the intent is still met"],
        [
            [
                (r.rule, "rule"),
                (r.citation, "citation"),
                (r.mechanism, "mechanism"),
                (r.rationale, "rationale"),
                (r.replacement_plan, "replacement plan"),
            ]
            for r in o.requests
        ],
    )
    for n, r in enumerate(o.requests, start=1):
        doc.add_heading(f"{n}. {r.rule}", level=2)
        p = doc.add_paragraph()
        p.add_run("Citation: ").bold = True
        cite(p, r.citation, r.citation_url, r.citation_official)
        labelled(
            doc,
            "Source",
            r.source_level + (f" (found in {r.found_in})" if r.found_in else ""),
            "source",
        )
        labelled(doc, "Request", r.request_type, "waiver or partial modification")
        mechanism = r.mechanism + (
            f" ({'; '.join(r.mechanism_citations)})"
            if r.mechanism and r.mechanism_citations
            else ""
        )
        labelled(doc, "Mechanism", mechanism, "mechanism")
        labelled(doc, "Rationale", r.rationale, "rationale tied to the vision")
        labelled(
            doc,
            "Replacement plan",
            r.replacement_plan,
            "how the rule’s intent is still met",
        )
        labelled(
            doc,
            "Students and schools affected",
            r.affected,
            "students and schools affected, with baseline data",
        )
        labelled(doc, "Term", r.term, "duration requested")
        if r.safeguards_kept:
            labelled(
                doc, "Safeguards that stay in force", "; ".join(r.safeguards_kept), ""
            )
        if r.application_fields:
            doc.add_heading("What the application must contain", level=3)
            for label, answer in r.application_fields:
                p = doc.add_paragraph(style="List Number")
                p.add_run(f"{label}: ").bold = True
                text(p, answer, label)
