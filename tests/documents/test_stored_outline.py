"""Versions kept before a change to the document model still load and render.

``tests/data/outlines/stored-2025-01.json`` is an outline exactly as ``keep_version``
stored it (``Outline.to_dict`` as JSON) before sections became a registry: keep it
as it is, and add a new file when the stored shape changes again.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docx import Document

from finder.documents.outline import Outline
from finder.documents.render import render_html, render_markdown
from finder.documents.render_docx import render_docx
from finder.documents.sections import SECTIONS

STORED = Path(__file__).parent.parent / "data" / "outlines" / "stored-2025-01.json"


@pytest.fixture(scope="module")
def stored() -> dict:
    return json.loads(STORED.read_text(encoding="utf-8"))


def _docx_text(body: bytes) -> str:
    doc = Document(io.BytesIO(body))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _expected(stored: dict) -> list[str]:
    """Texts from every section of the stored outline that each format must show."""
    return [
        stored["vision"],
        *(r["rule"] for r in stored["requests"]),
        *(k["rule"] for k in stored["kept"]),
        *(n["rule"] for n in stored["not_binding"]),
        *(a["mechanism"] for a in stored["activation"]),
        *(m["metric"].replace("|", "") for m in stored["metrics"]),
        *(what for _, what in stored["timeline"]),
        *(s["url"] for s in stored["sources"]),
    ]


def test_stored_outline_loads(stored):
    outline = Outline.from_dict(stored)
    # the sections it was stored with (a section added since is not in it)
    assert outline.sections == stored["sections"]
    assert set(outline.sections) <= set(SECTIONS)
    assert json.loads(json.dumps(outline.to_dict())) == stored
    assert outline.requests[0].application_fields[0] == tuple(
        stored["requests"][0]["application_fields"][0]
    )


def test_stored_outline_renders_in_every_format(stored):
    outline = Outline.from_dict(stored)
    soup = BeautifulSoup(render_html(outline), "html.parser")
    html = soup.get_text()
    titles = [SECTIONS[key] for key in stored["sections"]]
    assert [h.get_text() for h in soup.find_all("h2")] == [
        "To resolve before submitting",
        *titles,
    ]
    md = render_markdown(outline).replace("\\", "")
    doc = render_docx(outline)
    headings = [
        p.text
        for p in Document(io.BytesIO(doc)).paragraphs
        if p.style.name == "Heading 1"
    ]
    assert headings == ["To resolve before submitting", *titles]
    docx = _docx_text(doc)
    for title in titles:
        assert f"\n## {title}\n" in md
    for text in _expected(stored):
        assert text
        for name, rendered in (("html", html), ("markdown", md), ("docx", docx)):
            assert text in rendered.replace("|", ""), (name, text)


def test_versions_from_before_later_fields_still_load(stored):
    """Fields added over time have defaults: versions written without them load."""
    older = json.loads(json.dumps(stored))
    del older["blocking"]
    for request in older["requests"]:
        for key in ("citation_url", "citation_official", "found_in"):
            del request[key]
    for kept in older["kept"]:
        del kept["citation_url"], kept["citation_official"]
    for source in older["sources"]:
        del source["kind"]
    outline = Outline.from_dict(older)
    assert outline.blocking == []
    assert outline.requests[0].found_in == ""
    assert render_html(outline)
    assert render_markdown(outline)
    assert render_docx(outline)


# Kept by the build that added the mechanisms' verification and links (and the
# request's and activation's mechanism ids): keep it as it is too.
STORED_2026 = STORED.with_name("stored-2026-12.json")


def test_a_version_with_verification_and_links_loads_and_renders():
    stored = json.loads(STORED_2026.read_text(encoding="utf-8"))
    outline = Outline.from_dict(stored)
    assert json.loads(json.dumps(outline.to_dict())) == stored
    assert outline.mechanism("tx-districts-of-innovation").verified is False
    url, official = outline.links["Tex. Educ. Code § 12A.001"]
    soup = BeautifulSoup(render_html(outline, version=5), "html.parser")
    assert soup.select_one("#request-1").find("a", href=url)
    assert "Districts of Innovation (not fully verified)" in soup.get_text()
    md = render_markdown(outline, version=5)
    assert f"[Tex. Educ. Code § 12A.001](<{url}>)" in md
    assert official
    assert "Version: 5" in _docx_text(render_docx(outline, version=5))


def test_fields_added_later_are_stored_only_when_they_hold_something(stored):
    """An older version stores back exactly as it was; a new one keeps the new fields."""
    older = Outline.from_dict(stored)
    assert "mechanisms" not in older.to_dict()
    assert "mechanism_ids" not in older.to_dict()["requests"][0]
    newer = json.loads(STORED_2026.read_text(encoding="utf-8"))
    assert newer["mechanisms"]
    assert newer["requests"][0]["mechanism_ids"] == ["tx-districts-of-innovation"]
