"""Render an outline to print-ready HTML and to Markdown, each from its own Jinja environment."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from finder.documents.outline import SECTIONS, Outline
from finder.text import clean_deep, join_items

TEMPLATES = Path(__file__).with_name("templates")
AREA_LABELS = {
    "access": "Access",
    "engagement": "Engagement",
    "belonging": "Belonging",
    "agency": "Agency",
    "outcomes": "Outcomes",
}


def _md_text(value) -> str:
    """User text made safe inside Markdown: no stray markup, tables or headings.

    Each line is escaped on its own and lines are joined with ``<br>``, the one line
    break that holds inside table cells, list items and paragraphs alike.
    """
    lines = [" ".join(line.split()) for line in str(value or "").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "<br>".join(re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", x) for x in lines)


def _html_text(value):
    """Every printed value in the HTML document: escaped, each newline a real ``<br>``."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return escape(value.strip("\n")).replace("\n", Markup("<br>\n"))


def _environment(autoescape: bool) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=autoescape,  # on for HTML (templates end in .j2, so say it outright)
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_html_text if autoescape else None,
    )
    env.globals.update(SECTIONS=SECTIONS, AREAS=AREA_LABELS)
    env.filters["md"] = _md_text
    env.filters["join"] = join_items
    return env


_HTML = _environment(autoescape=True)
_MARKDOWN = _environment(autoescape=False)


def render_html(outline: Outline) -> str:
    # Cleaned again here so versions stored before input was cleaned still render.
    return _HTML.get_template("outline.html.j2").render(o=clean_deep(outline))


def render_markdown(outline: Outline) -> str:
    return _MARKDOWN.get_template("outline.md.j2").render(o=clean_deep(outline))
