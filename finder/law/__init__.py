"""Citations as data: parsing, normal form, containment and links to the law's text.

No Flask here. Bodies of law and their forms live in ``bodies.yaml``.
"""

from finder.law.links import Link, link_for
from finder.law.model import (
    Body,
    Citation,
    containment_keys,
    query_keys,
    section_key,
    section_of,
)
from finder.law.parse import (
    body_for,
    citation_spans,
    find_citations,
    load_law,
    parse_citation,
)

__all__ = [
    "containment_keys",
    "query_keys",
    "citation_spans",
    "Body",
    "Citation",
    "Link",
    "body_for",
    "find_citations",
    "link_for",
    "load_law",
    "parse_citation",
    "section_key",
    "section_of",
]
