"""Render an outline to print-ready HTML and to Markdown, each from its own Jinja environment.

Each section has a template per format in ``templates/sections/``; see
:mod:`finder.documents.sections`.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from finder.documents import blanks, front
from finder.documents.outline import Outline
from finder.documents.render_application import register as register_application
from finder.documents.sections import REGISTRY, SECTIONS, known
from finder.documents.sections.evaluation import AREA_LABELS
from finder.documents.sections.requests import named
from finder.text import clean_deep, join_items

__all__ = ["AREA_LABELS", "TEMPLATES", "render_html", "render_markdown"]

# outline.*.j2 (the cover and "To resolve") includes each section's template from
# sections/, in the outline's order.
TEMPLATES = Path(__file__).with_name("templates")


def _md_text(value) -> str:
    """User text made safe inside Markdown: no stray markup, tables or headings.

    Each line is escaped on its own and lines are joined with ``<br>``, the one line
    break that holds inside table cells, list items and paragraphs alike.
    """
    lines = [" ".join(line.split()) for line in str(value or "").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "<br>".join(re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", x) for x in lines)


def _md_anchor(heading: str) -> str:
    """The anchor Markdown viewers (GitHub, GitLab) give a heading."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in " -")
    return "#" + kept.replace(" ", "-")


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
        # A section's template ends as its last line does, as if written in place.
        keep_trailing_newline=True,
        finalize=_html_text if autoescape else None,
    )
    env.globals.update(
        REGISTRY=REGISTRY,
        SECTIONS=SECTIONS,
        AREAS=AREA_LABELS,
        known=known,
        blanks=blanks,
        front=front,
        named=named,
    )
    env.filters["md"] = _md_text
    env.filters["anchor"] = _md_anchor
    env.filters["join"] = join_items
    register_application(env)  # a document that follows a program's format
    return env


HTML_TEMPLATES = _environment(autoescape=True)
MARKDOWN_TEMPLATES = _environment(autoescape=False)


def render_html(outline: Outline, version: int | None = None) -> str:
    """Print-ready HTML; ``version``: the saved version's number (None: a preview)."""
    # Cleaned again here so versions stored before input was cleaned still render.
    return HTML_TEMPLATES.get_template("outline.html.j2").render(
        o=clean_deep(outline), version=version
    )


def render_markdown(outline: Outline, version: int | None = None) -> str:
    return MARKDOWN_TEMPLATES.get_template("outline.md.j2").render(
        o=clean_deep(outline), version=version
    )
