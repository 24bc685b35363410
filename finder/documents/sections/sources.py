"""Sources: the catalog's sources for the mechanisms the requests rely on, each cited once."""

from __future__ import annotations

from finder.catalog.hosts import PUBLISHERS
from finder.documents.context import BuildContext
from finder.documents.docx_parts import hyperlink, new_list
from finder.documents.outline import Outline, Source


def _source(s) -> Source:
    kind = "" if s.official else PUBLISHERS.get(s.publisher, "Source of unknown type")
    return Source(s.title, s.url, s.accessed.isoformat(), kind)


def build(outline: Outline, ctx: BuildContext) -> None:
    found = [
        _source(s)
        for mechanism in ctx.mechanisms.values()
        if hasattr(mechanism, "sources")  # catalog entries; local routes have none
        for s in mechanism.sources
    ]
    # official sources first, each cited once
    unique = {s.url: s for s in found}
    outline.sources = sorted(unique.values(), key=lambda s: bool(s.kind))


def docx(doc, o: Outline) -> None:
    item = new_list(doc)
    for s in o.sources:
        p = item()
        p.add_run((f"[{s.kind}] " if s.kind else "") + f"{s.title} — ")
        hyperlink(p, s.url, s.url)
        p.add_run(f" (accessed {s.accessed})")
    if not o.sources:
        doc.add_paragraph("No catalog sources cited.")
