"""Every section in the registry has all its parts, and each shows in every format."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup
from docx import Document
from jinja2 import TemplateNotFound

from finder.audit.model import AuditData
from finder.catalog import load_catalog
from finder.config import shipped_catalog_dir
from finder.documents.build import build_outline
from finder.documents.outline import Outline
from finder.documents.render import (
    HTML_TEMPLATES,
    MARKDOWN_TEMPLATES,
    render_html,
    render_markdown,
)
from finder.documents.render_docx import render_docx
from finder.documents.sections import DEFAULT_ORDER, REGISTRY, SECTIONS, known
from tests.documents.test_documents import populated_audit


@pytest.fixture(scope="module")
def catalog():
    return load_catalog([shipped_catalog_dir()])


@pytest.fixture(scope="module", params=["populated", "empty"])
def audit(request, catalog) -> AuditData:
    return populated_audit(catalog) if request.param == "populated" else AuditData("X")


def test_an_outline_without_its_section_list_prints_every_section():
    assert {k: s.title for k, s in REGISTRY.items()} == SECTIONS
    assert tuple(REGISTRY) == DEFAULT_ORDER
    assert known(Outline("t", "", "", "", "", "", "draft", "", "").sections) == list(
        DEFAULT_ORDER
    )
    assert known(["sources", "gone", "vision"]) == ["sources", "vision"]


@pytest.mark.parametrize("key", list(REGISTRY))
def test_each_section_has_all_its_parts(key):
    section = REGISTRY[key]
    assert section.id == key
    assert section.title.strip()
    assert callable(section.build)
    assert callable(section.docx)
    for env, name in (
        (HTML_TEMPLATES, section.html),
        (MARKDOWN_TEMPLATES, section.markdown),
    ):
        try:
            env.get_template(name)
        except TemplateNotFound:
            pytest.fail(f"section {key!r} has no template {name}")


@pytest.mark.parametrize("key", list(REGISTRY))
def test_each_section_renders_in_every_format(key, audit, catalog):
    outline = build_outline(audit, catalog, "Team", sections=[key])
    title = SECTIONS[key]

    soup = BeautifulSoup(render_html(outline), "html.parser")
    part = soup.find("section", id=key)
    assert part is not None, f"no <section id={key!r}>"
    assert part.find("h2").get_text() == title
    assert part.get_text().replace(title, "").strip()

    md = render_markdown(outline)
    head = f"\n## {title}\n"
    assert md.count(head) == 1
    assert md.split(head, 1)[1].strip()

    doc = Document(io.BytesIO(render_docx(outline)))
    body = list(doc.element.body.iterchildren())
    headings = [
        i
        for i, el in enumerate(body)
        if el.tag.endswith("}p")
        and el.xpath("string(.)") == title
        and "Heading1" in el.xml
    ]
    assert len(headings) == 1
    after = "".join(el.xpath("string(.)") for el in body[headings[0] + 1 :])
    assert after.strip()


@pytest.mark.parametrize("key", list(REGISTRY))
def test_each_builder_fills_its_part(key, catalog, monkeypatch):
    data = populated_audit(catalog)
    whole = build_outline(data, catalog).to_dict()
    monkeypatch.setitem(
        REGISTRY, key, replace(REGISTRY[key], build=lambda outline, ctx: None)
    )
    assert build_outline(data, catalog).to_dict() != whole


def test_a_stored_section_since_removed_is_left_out(catalog):
    outline = build_outline(AuditData("X"), catalog, sections=["vision", "timeline"])
    outline.sections.insert(1, "gone")
    assert "Timeline" in render_html(outline)
    assert "Timeline" in render_markdown(outline)
    assert render_docx(outline)
