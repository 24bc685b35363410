"""What the HTML and Markdown templates need to print a document that follows a format.

A section printed under a program's part keeps its own template; its headings move one
level down (its title becomes a sub-heading of the part), so the part stays the only
top-level heading.
"""

from __future__ import annotations

import re

from jinja2 import Environment
from markupsafe import Markup

from finder.documents.application import (
    FILLS,
    SECTION_OF,
    has,
    sections_after_parts,
)

_HTML_HEADING = re.compile(r"<(/?)h([1-5])\b")
_MD_HEADING = re.compile(r"^(#{1,5}) ", re.MULTILINE)


def demote_html(html: str) -> Markup:
    """``<h2>`` becomes ``<h3>`` and so on; the section no longer starts a new page.

    Only the templates' own tags can match: text the team wrote is escaped before it
    gets here, so it holds no ``<h2``.
    """
    html = _HTML_HEADING.sub(lambda m: f"<{m[1]}h{int(m[2]) + 1}", str(html))
    return Markup(html.replace(' class="major"', ""))


def demote_markdown(text: str) -> str:
    """``## Title`` becomes ``### Title`` (escaped user text never starts with ``#``)."""
    return _MD_HEADING.sub(r"#\1 ", text)


def register(env: Environment) -> None:
    """Add the names ``application.html.j2`` and ``application.md.j2`` use."""
    env.globals.update(
        SECTION_OF=SECTION_OF, has=has, sections_after_parts=sections_after_parts
    )
    env.filters["demote"] = demote_html
    env.filters["demote_md"] = demote_markdown
    env.filters["fill_label"] = FILLS.__getitem__
