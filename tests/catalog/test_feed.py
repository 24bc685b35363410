"""What changed: newest-reviewed entries and the Atom feed."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from finder.atom import ATOM
from finder.catalog.feed import atom_feed, recent_changes

NS = {"a": ATOM}


def test_recent_changes_newest_first(catalog):
    dates = [e.last_reviewed for e in recent_changes(catalog)]
    assert dates == sorted(dates, reverse=True)
    assert len(recent_changes(catalog, limit=3)) == 3


def test_atom_feed_is_valid_and_escaped(catalog):
    entries = recent_changes(catalog)
    body = atom_feed(
        entries,
        "https://x.test/changes.atom",
        "https://x.test/changes",
        lambda i: f"https://x.test/f/{i}",
    )
    root = ET.fromstring(body)
    assert root.tag == f"{{{ATOM}}}feed"
    items = root.findall("a:entry", NS)
    assert len(items) == len(entries)
    first = items[0]
    assert (
        first.find("a:updated", NS).text
        == f"{entries[0].last_reviewed.isoformat()}T00:00:00Z"
    )
    assert first.find("a:link", NS).get("href") == f"https://x.test/f/{entries[0].id}"
    assert root.find("a:updated", NS).text == first.find("a:updated", NS).text
    assert b"<b>Not bold</b>" not in body  # catalog text is escaped


def test_changes_page_and_feed_routes(client):
    page = client.get("/changes")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert text.index("Districts of Innovation") < text.index(
        "Kentucky Districts of Innovation"
    )
    feed = client.get("/changes.atom")
    assert feed.status_code == 200
    assert feed.mimetype == "application/atom+xml"
    assert len(ET.fromstring(feed.data).findall("a:entry", NS)) == 9
