"""Curation figures: coverage per jurisdiction and kind, source quality, verification."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from finder.catalog.catalog import Catalog
from finder.catalog.hosts import PUBLISHERS
from finder.catalog.jurisdictions import NAMES, sort_key
from finder.catalog.validate import REFUSED_MESSAGE

TARGET_PER_JURISDICTION = 5
OLDEST_SHOWN = 10


@dataclass(frozen=True)
class Report:
    total: int
    by_state: dict[str, int]
    by_kind: dict[str, int]
    by_state_kind: dict[str, dict[str, int]]
    cited_share: float
    verified_share: float
    official_share: float  # entries citing at least one official source
    cannot_waive_share: float
    sources_by_publisher: dict[str, int]  # distinct URLs per publisher type
    refused_hosts: list[str]  # hosts validation refused (entries left out for it)
    problems: int
    warnings: int
    below_target: list[dict]
    oldest_reviews: list[dict]
    coded_through: dict[str, str | None]
    oldest_coded_through: str | None
    sources: int

    def to_json(self) -> dict:
        return asdict(self)


def _share(count: int, total: int) -> float:
    return round(count / total, 3) if total else 0.0


def build_report(catalog: Catalog, target: int = TARGET_PER_JURISDICTION) -> Report:
    """Coverage figures for the whole catalog, every jurisdiction listed (zero included)."""
    entries = catalog.entries
    per_state = Counter(e.state for e in entries)
    codes = sorted(NAMES, key=sort_key)
    by_state = {code: per_state.get(code, 0) for code in codes}
    below = [
        {"state": code, "entries": count, "has_note": bool(catalog.notes_for(code))}
        for code, count in by_state.items()
        if count < target
    ]
    by_state_kind: dict[str, dict[str, int]] = {}
    for e in entries:
        by_state_kind.setdefault(e.state, Counter())[e.kind] += 1
    publishers: dict[str, set[str]] = {p: set() for p in [*PUBLISHERS, "unknown"]}
    for e in entries:
        for s in e.sources:
            publishers[s.publisher or "unknown"].add(s.url)
    coded = {code: None for code in codes}
    for info in catalog.files:
        if info.coded_through:
            coded[info.jurisdiction] = info.coded_through.isoformat()
    known = [d for d in coded.values() if d]
    oldest = sorted(entries, key=lambda e: (e.last_reviewed, e.id))[:OLDEST_SHOWN]
    return Report(
        total=len(entries),
        by_state=by_state,
        by_kind=dict(Counter(e.kind for e in entries).most_common()),
        by_state_kind={k: dict(v) for k, v in sorted(by_state_kind.items())},
        cited_share=_share(sum(1 for e in entries if e.citations), len(entries)),
        verified_share=_share(sum(1 for e in entries if e.verified), len(entries)),
        official_share=_share(
            sum(1 for e in entries if e.official_sources), len(entries)
        ),
        cannot_waive_share=_share(
            sum(1 for e in entries if e.cannot_waive), len(entries)
        ),
        sources_by_publisher={k: len(v) for k, v in publishers.items()},
        refused_hosts=_refused_hosts(catalog),
        problems=len(catalog.problems),
        warnings=len(catalog.warnings),
        below_target=below,
        oldest_reviews=[
            {"id": e.id, "last_reviewed": e.last_reviewed.isoformat()} for e in oldest
        ],
        coded_through=coded,
        oldest_coded_through=min(known) if known else None,
        sources=len({s.url for e in entries for s in e.sources}),
    )


def _refused_hosts(catalog: Catalog) -> list[str]:
    """Hosts of sources that validation refused, from the problems it recorded."""
    return sorted(
        {
            p.message.split(" ")[0]
            for p in catalog.problems
            if REFUSED_MESSAGE in p.message
        }
    )


def format_report(report: Report) -> str:
    """The report as a plain-text table for a terminal."""
    pubs = "   ".join(f"{k}: {v}" for k, v in report.sources_by_publisher.items())
    lines = [
        f"Entries: {report.total}   distinct sources: {report.sources}   "
        f"problems: {report.problems}   warnings: {report.warnings}",
        f"Cited: {report.cited_share:.1%}   with an official source: "
        f"{report.official_share:.1%}   verified: {report.verified_share:.1%}   "
        f"with cannot_waive: {report.cannot_waive_share:.1%}",
        f"Sources by publisher: {pubs}",
        "Refused hosts: " + (", ".join(report.refused_hosts) or "none"),
        f"Oldest coded-through: {report.oldest_coded_through or 'unknown'}",
        "",
        "Jurisdiction            Entries  Kinds",
    ]
    lines += [
        f"  {NAMES[c]:<22}{n:>5}    "
        + ", ".join(f"{k} {v}" for k, v in report.by_state_kind.get(c, {}).items())
        for c, n in report.by_state.items()
    ]
    lines += ["", "Kind                      Entries"]
    lines += [f"  {k:<24}{n:>5}" for k, n in report.by_kind.items()]
    lines += [
        "",
        f"Below target ({TARGET_PER_JURISDICTION}): "
        + (
            ", ".join(f"{b['state']} ({b['entries']})" for b in report.below_target)
            or "none"
        ),
    ]
    lines += [
        "Oldest reviews: "
        + ", ".join(f"{o['id']} {o['last_reviewed']}" for o in report.oldest_reviews)
    ]
    return "\n".join(lines)
