"""Atom 1.0 documents: one writer for every feed the site serves (ElementTree escapes
all text)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedItem:
    title: str
    id: str  # a permanent identifier (a URL with a fragment)
    url: str
    updated: dt.datetime | dt.date
    summary: str
    category: tuple[str, str] | None = None  # (term, label)


def stamp(moment: dt.datetime | dt.date) -> str:
    """RFC 3339 in UTC ("2026-11-30T00:00:00Z"); a date is its midnight."""
    if not isinstance(moment, dt.datetime):
        return f"{moment.isoformat()}T00:00:00Z"
    return moment.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def atom_document(
    title: str,
    feed_url: str,
    site_url: str,
    items: list[FeedItem],
    empty_updated: dt.date = dt.date(2000, 1, 1),
) -> bytes:
    """A feed of ``items`` (newest first); its ``updated`` is the first item's."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_url
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=feed_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=site_url)
    newest = items[0].updated if items else empty_updated
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = stamp(newest)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Flexibility Finder"
    for item in items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = item.title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = item.id
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=item.url)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = stamp(item.updated)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = item.summary
        if item.category:
            term, label = item.category
            ET.SubElement(entry, f"{{{ATOM}}}category", term=term, label=label)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
