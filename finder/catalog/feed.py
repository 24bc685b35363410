"""What changed in the catalog: entries newest-reviewed first, and an Atom feed of them."""

from __future__ import annotations

from collections.abc import Callable

from finder.atom import FeedItem, atom_document
from finder.catalog.catalog import Catalog
from finder.catalog.jurisdictions import name
from finder.catalog.model import Entry


def recent_changes(catalog: Catalog, limit: int = 50) -> list[Entry]:
    """Entries added or re-reviewed, newest first."""
    return sorted(catalog.entries, key=lambda e: (e.last_reviewed, e.id), reverse=True)[
        :limit
    ]


def atom_feed(
    entries: list[Entry], feed_url: str, site_url: str, entry_url: Callable[[str], str]
) -> bytes:
    """An Atom 1.0 document for the given entries."""
    items = [
        FeedItem(
            title=f"{name(entry.state)}: {entry.title}",
            id=f"{entry_url(entry.id)}#reviewed-{entry.last_reviewed.isoformat()}",
            url=entry_url(entry.id),
            updated=entry.last_reviewed,
            summary=entry.summary + ("" if entry.verified else " (not fully verified)"),
            category=(entry.kind, entry.kind_label),
        )
        for entry in entries
    ]
    return atom_document(
        "Flexibility Finder: catalog changes", feed_url, site_url, items
    )
