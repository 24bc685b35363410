"""Curation figures: coverage per jurisdiction and kind, shares cited/verified, thin spots."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from finder.catalog.catalog import Catalog
from finder.catalog.jurisdictions import NAMES, sort_key

TARGET_PER_JURISDICTION = 2
OLDEST_SHOWN = 10


@dataclass(frozen=True)
class Report:
    total: int
    by_state: dict[str, int]
    by_kind: dict[str, int]
    cited_share: float
    verified_share: float
    cannot_waive_share: float
    below_target: list[dict]
    oldest_reviews: list[dict]
    sources: int

    def to_json(self) -> dict:
        return {
            "total": self.total,
            "by_state": self.by_state,
            "by_kind": self.by_kind,
            "cited_share": self.cited_share,
            "verified_share": self.verified_share,
            "cannot_waive_share": self.cannot_waive_share,
            "below_target": self.below_target,
            "oldest_reviews": self.oldest_reviews,
            "sources": self.sources,
        }


def _share(count: int, total: int) -> float:
    return round(count / total, 3) if total else 0.0


def build_report(catalog: Catalog, target: int = TARGET_PER_JURISDICTION) -> Report:
    """Coverage figures for the whole catalog, every jurisdiction listed (zero included)."""
    entries = catalog.entries
    per_state = Counter(e.state for e in entries)
    by_state = {code: per_state.get(code, 0) for code in sorted(NAMES, key=sort_key)}
    below = []
    for code, count in by_state.items():
        if count >= target:
            continue
        notes = catalog.notes_for(code)
        # One entry plus a recorded note of what was searched and not found is acceptable.
        if count == 1 and notes:
            continue
        below.append({"state": code, "entries": count, "has_note": bool(notes)})
    oldest = sorted(entries, key=lambda e: (e.last_reviewed, e.id))[:OLDEST_SHOWN]
    return Report(
        total=len(entries),
        by_state=by_state,
        by_kind=dict(Counter(e.kind for e in entries).most_common()),
        cited_share=_share(sum(1 for e in entries if e.citations), len(entries)),
        verified_share=_share(sum(1 for e in entries if e.verified), len(entries)),
        cannot_waive_share=_share(
            sum(1 for e in entries if e.cannot_waive), len(entries)
        ),
        below_target=below,
        oldest_reviews=[
            {"id": e.id, "last_reviewed": e.last_reviewed.isoformat()} for e in oldest
        ],
        sources=len({s.url for e in entries for s in e.sources}),
    )


def format_report(report: Report) -> str:
    """The report as a plain-text table for a terminal."""
    lines = [
        f"Entries: {report.total}   distinct sources: {report.sources}",
        f"Cited: {report.cited_share:.1%}   verified: {report.verified_share:.1%}   "
        f"with cannot_waive: {report.cannot_waive_share:.1%}",
        "",
        "Jurisdiction            Entries",
    ]
    lines += [f"  {NAMES[c]:<22}{n:>5}" for c, n in report.by_state.items()]
    lines += ["", "Kind                      Entries"]
    lines += [f"  {k:<24}{n:>5}" for k, n in report.by_kind.items()]
    lines += [
        "",
        "Below target: "
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
