"""Published cases and barriers reports as JSON-ready records and as an Atom feed.

The pages, the API and the feed read the same records, so a field left out of a case
is left out everywhere. Links are made by the caller (``case_url``, ``entry``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from finder.atom import FeedItem, atom_document, stamp
from finder.catalog.jurisdictions import name as state_name
from finder.learning.barriers import MIN_DISTRICTS, BarriersReport
from finder.learning.cases import Publication
from finder.text import counted

CaseUrl = Callable[[int], str]
# A catalog id → (title, address); a mechanism no longer in the catalog keeps its id.
EntryLink = Callable[[str], tuple[str, str]]


def _mechanism(entry: EntryLink, entry_id: str, **extra) -> dict:
    title, url = entry(entry_id)
    return {"id": entry_id, "title": title, "url": url, **extra}


def case_record(pub: Publication, case_url: CaseUrl, entry: EntryLink) -> dict:
    """One published case: what the owner chose and nothing else (absent fields are
    null or empty)."""
    case = pub.case
    return {
        "id": pub.id,
        "url": case_url(pub.id),
        "published": stamp(pub.published_at),
        "state": case.state,
        "named": case.named,
        "district": case.district or None,
        "title": case.title or None,
        "description": case.description or None,
        "rules": [
            {
                "text": r.text,
                "citation": r.citation,
                "source_level": r.source_level,
                "policy_area": r.policy_area,
                "decision": r.decision,
                "mechanisms": [_mechanism(entry, m) for m in r.mechanisms],
                "rationale": r.rationale or None,
                "replacement_plan": r.replacement_plan or None,
            }
            for r in case.rules
        ],
        "mechanisms": [_mechanism(entry, m) for m in case.mechanisms],
        "metrics": [dict(vars(m)) for m in case.metrics],
    }


def report_record(report: BarriersReport, case_url: CaseUrl, entry: EntryLink) -> dict:
    """A barriers report: rows with a district count, or null where fewer than
    MIN_DISTRICTS districts include an anonymous one."""
    return {
        "state": report.state or None,
        "cases": report.cases,
        "named_districts": report.named_districts,
        "min_districts": MIN_DISTRICTS,
        "withheld": report.withheld,
        "rows": [
            {
                "rule": row.label,
                "cited": row.cited,
                "states": list(row.states),
                "districts": row.districts,
                "districts_text": row.count_text,
                "mechanisms": [
                    _mechanism(entry, m, districts=n) for m, n in row.mechanisms
                ],
                "named_cases": [
                    {"id": i, "district": d, "url": case_url(i)} for i, d in row.named
                ],
            }
            for row in report.rows
        ],
    }


def cases_feed(
    publications: list[Publication],
    feed_url: str,
    site_url: str,
    case_url: CaseUrl,
    now: dt.datetime | None = None,
) -> bytes:
    """An Atom feed of published cases, newest first; with none left (all
    unpublished) the feed was last updated ``now`` (default: the current UTC time),
    never a made-up date."""
    items = []
    for pub in publications:
        case = pub.case
        lifted = sum(r.decision == "unnecessary_control" for r in case.rules)
        summary = (
            f"{counted(lifted, 'rule')} judged unnecessary control." if lifted else ""
        )
        items.append(
            FeedItem(
                title=case.heading(state_name(case.state)),
                id=f"{case_url(pub.id)}#published-{stamp(pub.published_at)}",
                url=case_url(pub.id),
                updated=pub.published_at,
                summary=(case.description + " " + summary).strip()
                or "A published audit.",
                category=(case.state, state_name(case.state)),
            )
        )
    return atom_document(
        "Flexibility Finder: published audits",
        feed_url,
        site_url,
        items,
        empty_updated=now or dt.datetime.now(dt.UTC).replace(tzinfo=None),
    )
