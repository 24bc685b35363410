"""The finder's search: Whoosh index build and cache, query parsing, facets, snippets."""

from finder.search.build import build_index, index_key, is_fresh, open_or_build
from finder.search.engine import SearchIndex
from finder.search.results import BadRequest, Hit, SearchRequest, SearchResults

__all__ = [
    "BadRequest",
    "Hit",
    "SearchIndex",
    "SearchRequest",
    "SearchResults",
    "build_index",
    "index_key",
    "is_fresh",
    "open_index",
    "open_or_build",
]


def open_index(root, catalog, progress=None) -> SearchIndex:
    """Open (or build) the index for a catalog and wrap it for searching."""
    return SearchIndex(open_or_build(root, catalog, progress), catalog)
