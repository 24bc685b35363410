"""Build the outline from a saved audit and the catalog; each section's wording is in its module.

The sections (``finder/documents/sections/``) each fill their part; what is here is the
cover and the warnings about the document as a whole.
"""

from __future__ import annotations

import datetime as dt

from finder.audit import watch
from finder.audit.decisions import effective_decision
from finder.audit.model import AuditData
from finder.audit.rubric import DECISIONS, load_rubric
from finder.catalog import Catalog
from finder.catalog.jurisdictions import name as state_name
from finder.documents.application import apply_format
from finder.documents.blanks import COVER
from finder.documents.context import BEFORE_RULES, BuildContext, law_link
from finder.documents.formats import ApplicationFormat
from finder.documents.outline import Mechanism, Outline
from finder.documents.sections import DEFAULT_ORDER, REGISTRY, known

__all__ = ["FinalRefused", "build_outline", "law_link"]


class FinalRefused(ValueError):
    """A document cannot be final while the law refuses a request (``blocking``) or
    work is left to do; ``reasons`` lists the law's refusals, then how much is left."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("; ".join(reasons))


def build_outline(
    data: AuditData,
    catalog: Catalog,
    team: str = "",
    status: str = "draft",
    sections: list[str] | None = None,
    today: dt.date | None = None,
    application_format: ApplicationFormat | None = None,
) -> Outline:
    """The document for an audit: what to request, what to keep, how to activate and measure.

    Every section is built whichever ``sections`` are chosen to print, so warnings
    and stored versions do not depend on the choice.

    With ``application_format``, the document follows that program's parts (see
    :mod:`finder.documents.application`); the parts the audit cannot draft are warnings.

    :raises FinalRefused: ``status`` is "final" while a blocking warning stands (a
        request relies on a mechanism whose own law cannot lift the rule) or any
        warning other than an advisory one (a blank, an undecided rule, a part the
        program requires) is left.
    """
    outline = Outline(
        title=f"Required flexibilities: {data.title}",
        district=data.district,
        state=state_name(data.state) if data.state else "",
        innovation=data.innovation,
        team=team,
        date=(today or dt.date.today()).isoformat(),
        status=status if status in {"draft", "final"} else "draft",
        vision="",
        why="",
        sections=known(sections or DEFAULT_ORDER),
    )
    ctx = BuildContext(data, catalog)
    # The design is also the vision, which its own section requires.
    cover = tuple(b for b in COVER if b.attr != "innovation")
    ctx.require("The document", outline, cover, BEFORE_RULES)
    _undecided(ctx)
    _mechanisms(outline, ctx)
    _watched(ctx)
    for section in REGISTRY.values():
        ctx.building = section.id
        section.build(outline, ctx)
    ctx.building = ""
    if application_format is not None:
        outline.application = apply_format(application_format, outline, ctx)
    outline.warnings = ctx.ordered_warnings()
    outline.blocking = list(ctx.blocking)
    outline.advisory = list(ctx.advisory)
    if outline.status == "final":
        # work left in a section the document does not print does not hold it back
        printed = set(REGISTRY) if application_format else set(outline.sections)
        left = [
            w
            for w in outline.warnings
            if w not in outline.blocking
            and w not in outline.advisory
            and ctx.section_of.get(w, "") in printed | {""}
        ]
        if outline.blocking or left:
            more = [
                f"{len(left)} {'item' if len(left) == 1 else 'items'} still to complete "
                "(listed under “To resolve before submitting”)."
            ]
            raise FinalRefused(outline.blocking + (more if left else []))
    return outline


def _undecided(ctx: BuildContext) -> None:
    """Only what the team decided goes into the decided sections; a suggestion waits
    in "To resolve" until someone confirms it."""
    rubric = load_rubric()
    for at, rule in enumerate(ctx.data.rules):
        if rule.decision:
            continue
        suggested = effective_decision(rule, rubric)
        hint = (
            f" (suggested: {DECISIONS[suggested].lower()})"
            if suggested in DECISIONS and suggested != "needs_review"
            else ""
        )
        ctx.warn(f"“{rule.text}” has no recorded decision yet{hint}.", at)


def _mechanisms(outline: Outline, ctx: BuildContext) -> None:
    """The mechanisms the requests rely on: how far each is verified, and links to
    the text of the law each rests on."""
    for mechanism in ctx.mechanisms.values():
        if not hasattr(mechanism, "verified"):  # a local route: nothing to verify
            outline.mechanisms.append(Mechanism(mechanism.id, mechanism.title, None))
            continue
        outline.mechanisms.append(
            Mechanism(
                mechanism.id,
                mechanism.title,
                mechanism.verified,
                "" if mechanism.verified else _unverified(mechanism),
            )
        )
        if not mechanism.verified:
            ctx.warn(
                f"Read the law behind “{mechanism.title}” in its official text before "
                "submitting: the catalog has not verified all of it.",
                advisory=True,
            )
        for citation in mechanism.citations:
            url, official = law_link(citation, mechanism.state)
            if url:
                outline.links.setdefault(citation, (url, official))


def _watched(ctx: BuildContext) -> None:
    """A mechanism that changed in the catalog after the team chose it: the request
    may rest on what is no longer so, until the team has read the change."""
    for change in watch.changes(ctx.data, ctx.catalog):
        when = f" (entry reviewed {change.reviewed})" if change.reviewed else ""
        ctx.warn(
            f"“{change.title}” changed in the catalog after the team chose it: "
            f"{change.what()}{when}. Check the request still holds, then acknowledge "
            "the change on the audit."
        )


def _unverified(entry) -> str:
    """Why an entry is not verified, from its sources (its research note is never
    printed: it says what was read where, for the catalog's editors)."""
    reason = (
        "Some statements of law in its catalog entry were not confirmed in official "
        "text"
        if entry.official_sources
        else "None of its sources in the catalog is an official copy of the law"
    )
    if entry.note:
        reason += f"; the entry “{entry.id}” in the Flexibility Finder catalog says why"
    return reason + "."
    return reason
