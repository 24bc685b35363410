"""What changed in the catalog: entries newest-reviewed first, and an Atom feed of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from xml.etree import ElementTree as ET

from finder.catalog.catalog import Catalog
from finder.catalog.jurisdictions import name
from finder.catalog.model import Entry

ATOM = "http://www.w3.org/2005/Atom"


def recent_changes(catalog: Catalog, limit: int = 50) -> list[Entry]:
    """Entries added or re-reviewed, newest first."""
    return sorted(catalog.entries, key=lambda e: (e.last_reviewed, e.id), reverse=True)[
        :limit
    ]


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(
    entries: list[Entry], feed_url: str, site_url: str, entry_url: Callable[[str], str]
) -> bytes:
    """An Atom 1.0 document for the given entries (ElementTree escapes all text)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = "Flexibility Finder: catalog changes"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_url
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=feed_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=site_url)
    newest = entries[0].last_reviewed if entries else dt.date(2000, 1, 1)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(newest)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Flexibility Finder"
    for entry in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        url = entry_url(entry.id)
        ET.SubElement(
            item, f"{{{ATOM}}}title"
        ).text = f"{name(entry.state)}: {entry.title}"
        ET.SubElement(
            item, f"{{{ATOM}}}id"
        ).text = f"{url}#reviewed-{entry.last_reviewed.isoformat()}"
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", href=url)
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _stamp(entry.last_reviewed)
        status = "" if entry.verified else " (unverified)"
        ET.SubElement(item, f"{{{ATOM}}}summary").text = f"{entry.summary}{status}"
        ET.SubElement(
            item, f"{{{ATOM}}}category", term=entry.kind, label=entry.kind_label
        )
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
