"""Render an outline to print-ready HTML and to Markdown, each from its own Jinja environment."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from finder.documents.outline import SECTIONS, Outline

TEMPLATES = Path(__file__).with_name("templates")
AREA_LABELS = {
    "access": "Access",
    "engagement": "Engagement",
    "belonging": "Belonging",
    "agency": "Agency",
    "outcomes": "Outcomes",
}


def _md_text(value) -> str:
    """User text made safe inside Markdown: no stray markup, tables or headings."""
    text = " ".join(str(value or "").split())
    return re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", text)


def _environment(autoescape: bool) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=autoescape,  # on for HTML (templates end in .j2, so say it outright)
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(SECTIONS=SECTIONS, AREAS=AREA_LABELS)
    env.filters["md"] = _md_text
    return env


_HTML = _environment(autoescape=True)
_MARKDOWN = _environment(autoescape=False)


def render_html(outline: Outline) -> str:
    return _HTML.get_template("outline.html.j2").render(o=outline)


def render_markdown(outline: Outline) -> str:
    return _MARKDOWN.get_template("outline.md.j2").render(o=outline)
