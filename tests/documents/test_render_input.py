"""Renderers take whatever people typed: control characters, CRLF, paragraphs."""

from __future__ import annotations

import io
import zipfile

from bs4 import BeautifulSoup
from docx import Document

from finder.documents.outline import Kept, Outline, Request
from finder.documents.render import render_html, render_markdown
from finder.documents.render_docx import render_docx

NASTY = "Rule\x0bsoft break\x0cpage\x00nul\x08bs\x1besc"


def make_outline(**overrides) -> Outline:
    request = Request(
        rule=overrides.pop("rule", NASTY),
        citation="Tex. Educ. Code \x0b§ 25.081",
        source_level="state statute",
        request_type="waiver",
        mechanism="District of innovation",
        mechanism_citations=["§ 12A.004\x00"],
        rationale=overrides.pop(
            "rationale", "First line\r\nsecond line\r\n\r\nNew para"
        ),
        replacement_plan="Keep minutes\x1b",
        safeguards_kept=["Civil rights\x08"],
        affected="All schools",
        term="Two years",
        application_fields=[("Plan\x00", "Our plan\r\nline two")],
    )
    values = dict(
        title="Required flexibilities: \x0cFour-day week\x00",
        district="Mesa ISD\x1b",
        state="TX",
        innovation="Four\x0bday",
        team="Team",
        date="2026-11-30",
        status="draft",
        vision="Vision line one\r\nVision line two",
        why="Because",
        requests=[request],
        kept=[Kept("Background checks\x0c", "§ 22.0833", "Safety\r\nfirst")],
    )
    values.update(overrides)
    return Outline(**values)


def test_docx_renders_control_characters_from_any_field():
    body = render_docx(make_outline())  # was: "All strings must be XML compatible"
    xml = zipfile.ZipFile(io.BytesIO(body)).read("word/document.xml").decode()
    assert "\x00" not in xml
    assert "\x1b" not in xml
    headings = [p.text for p in Document(io.BytesIO(body)).paragraphs]
    assert "1. Rule\nsoft break\npagenulbsesc" in headings


def test_docx_crlf_is_one_line_break_not_two():
    doc = Document(io.BytesIO(render_docx(make_outline())))
    rationale = next(p for p in doc.paragraphs if p.text.startswith("Rationale:"))
    # python-docx reads each <w:br/> back as "\n": CRLF must give one, a blank line two.
    assert rationale.text == "Rationale: First line\nsecond line\n\nNew para"


def test_html_turns_newlines_into_line_breaks_and_escapes():
    outline = make_outline(rationale="<b>bold?</b>\r\nnext line")
    page = BeautifulSoup(render_html(outline), "html.parser")
    para = next(p for p in page.find_all("p") if "Rationale:" in p.get_text())
    assert para.find("br") is not None
    assert para.find("b") is None  # escaped, not markup
    assert "<b>bold?</b>" in para.get_text()
    assert "\x00" not in str(page)
    assert "\x0c" not in str(page)


def test_markdown_keeps_line_breaks_inside_tables_and_lists():
    md = render_markdown(make_outline())
    assert "First line<br>second line<br><br>New para" in md
    assert "\r" not in md
    assert "\x0b" not in md
    row = next(line for line in md.splitlines() if line.startswith("| Rule"))
    assert row.count("|") >= 6
    assert row.endswith("|")
