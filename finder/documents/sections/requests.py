"""Requested flexibilities: each unnecessary control, the mechanism to lift it, and why."""

from __future__ import annotations

from finder.audit.matching import LOCAL_ROUTES, mechanism_verdict
from finder.audit.model import REQUEST_TYPES, SOURCE_LEVELS
from finder.audit.suggester import RuleInput
from finder.documents.blanks import (
    APPLICATION_ANSWER,
    CITATION,
    REQUEST,
    is_blank,
)
from finder.documents.context import BuildContext, law_link
from finder.documents.docx_parts import (
    bullets,
    cite,
    cites,
    intro,
    labelled,
    lead,
    numbered,
    table,
    text,
)
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
    request = Request(
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
        mechanism_ids=[m.id for m in mechanisms],
    )
    subject = f"The request for “{rule.text}”"
    ctx.require(subject, request, (CITATION, *REQUEST), at)
    answers = [answer for _, answer in request.application_fields]
    if any(is_blank(answer) for answer in answers):
        done = len([a for a in answers if not is_blank(a)])
        ctx.warn(
            f"{subject} answers {done} of the {len(answers)} items the application "
            "must contain.",
            at,
        )
    return request


def named(o: Outline, r: Request) -> list[tuple[str, str]]:
    """(title, how far the catalog verified it) for each mechanism a request names.

    Versions stored before mechanisms were kept by id name them only as text.
    """
    found = [o.mechanism(i) for i in r.mechanism_ids]
    if found and all(found):
        return [(m.title, m.verification) for m in found]
    return [(r.mechanism, "")] if not is_blank(r.mechanism) else []


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
                (r.citation, CITATION.what),
                (r.mechanism, "mechanism"),
                (r.rationale, REQUEST[1].what),
                (r.replacement_plan, REQUEST[2].what),
            ]
            for r in o.requests
        ],
    )
    for n, r in enumerate(o.requests, start=1):
        doc.add_heading(f"{n}. {r.rule}", level=2)
        p = lead(doc, CITATION.label)
        cite(p, r.citation, r.citation_url, r.citation_official)
        labelled(
            doc,
            "Source",
            r.source_level + (f" (found in {r.found_in})" if r.found_in else ""),
            "source",
        )
        p = lead(doc, "Mechanism")
        for i, (title, state) in enumerate(named(o, r)):
            p.add_run(("; " if i else "") + title + (f" ({state})" if state else ""))
        if not named(o, r):
            text(p, "", "mechanism")
        if r.mechanism_citations:
            cites(lead(doc, "Law it rests on"), r.mechanism_citations, o.links)
        for blank in REQUEST:
            labelled(doc, blank.label, getattr(r, blank.attr), blank.what)
        if r.safeguards_kept:
            intro(doc, "Safeguards that stay in force under this mechanism")
            bullets(doc, r.safeguards_kept)
        if r.application_fields:
            doc.add_heading("What the application must contain", level=3)
            numbered(
                doc,
                [
                    (label, answer, APPLICATION_ANSWER)
                    for label, answer in r.application_fields
                ],
            )
