"""What a search returns: the request, hits with snippets, page info and facet groups."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field

from finder.catalog import KINDS, POLICY_AREAS, Entry
from finder.catalog.jurisdictions import CODES
from finder.search.facets import FacetValue, label
from finder.search.query import clean

SORTS = {"relevance": "Relevance", "state": "State", "reviewed": "Last reviewed"}
MAX_PAGE = 10_000

Segments = list[tuple[str, bool]]  # (text, is_match)


class BadRequest(ValueError):
    """A search parameter is not valid; the message says which and why."""


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    states: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    page: int = 1
    sort: str = "relevance"

    @classmethod
    def from_params(
        cls, q, states=(), kinds=(), areas=(), page=None, sort=None, strict=False
    ):
        """Build a request from raw parameters.

        With ``strict`` any unknown value raises BadRequest (the API); otherwise unknown
        values are dropped (the pages), so no input becomes an error page.
        """
        problems: list[str] = []

        def pick(values, allowed, what, norm=lambda v: v):
            kept = []
            for raw in values:
                value = norm(clean(raw))
                if value in allowed:
                    kept.append(value)
                elif value:
                    problems.append(f"unknown {what} {value[:40]!r}")
            return tuple(dict.fromkeys(kept))

        request = cls(
            q=clean(q),
            states=pick(states, CODES, "state", str.upper),
            kinds=pick(kinds, KINDS, "kind", str.lower),
            areas=pick(areas, POLICY_AREAS, "area", str.lower),
            page=_page(page, problems),
            sort=_sort(sort, problems),
        )
        if strict and problems:
            raise BadRequest("; ".join(problems))
        return request


def _page(raw, problems: list[str]) -> int:
    if raw in (None, ""):
        return 1
    try:
        page = int(str(raw).strip())
    except ValueError:
        problems.append("page must be a whole number")
        return 1
    if not 1 <= page <= MAX_PAGE:
        problems.append(f"page must be between 1 and {MAX_PAGE}")
        return 1
    return page


def _sort(raw, problems: list[str]) -> str:
    if raw in (None, ""):
        return "relevance"
    value = clean(raw).lower()
    if value not in SORTS:
        problems.append(f"sort must be one of {', '.join(SORTS)}")
        return "relevance"
    return value


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float
    snippet: Segments

    @property
    def snippet_text(self) -> str:
        return "".join(text for text, _ in self.snippet)

    @property
    def snippet_html(self) -> str:
        """The snippet as escaped HTML with matches in <mark> (for API clients)."""
        return "".join(
            f"<mark>{html.escape(t)}</mark>" if hit else html.escape(t)
            for t, hit in self.snippet
        )


@dataclass
class SearchResults:
    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    page_size: int
    suggestion: str | None = None
    mode: str = "all"  # all words matched, "any" of them, or "fuzzy"
    states_from_query: tuple[str, ...] = ()
    effective_states: tuple[str, ...] = field(default=())
    without_states: str = ""
    widened_from: tuple[str, ...] = ()

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))

    @property
    def page(self) -> int:
        return self.request.page


def request_params(request: SearchRequest, **changes) -> dict:
    """Query-string parameters that reproduce a request, with some values changed."""
    values = {
        "q": request.q,
        "state": list(request.states),
        "kind": list(request.kinds),
        "area": list(request.areas),
        "sort": request.sort,
        "page": request.page,
    }
    values.update(changes)
    if values["sort"] == "relevance":
        values.pop("sort")
    if values["page"] == 1:
        values.pop("page")
    return {k: v for k, v in values.items() if v not in ("", [], None)}


def toggle_params(results: SearchResults, facet: str, value: str) -> dict:
    """Parameters that select a facet value, or clear it when it is selected (page 1)."""
    request = results.request
    key = {"state": "states", "kind": "kinds", "area": "areas"}[facet]
    current = (
        list(results.effective_states)
        if facet == "state"
        else list(getattr(request, key))
    )
    chosen = (
        [v for v in current if v != value] if value in current else [*current, value]
    )
    changes = {facet: chosen, "page": 1}
    if facet == "state" and results.states_from_query:
        # The query named states; the facet now holds them, so drop them from the text.
        changes["q"] = results.without_states
    return request_params(request, **changes)


@dataclass(frozen=True)
class ActiveFilter:
    """One filter in force, named in words, with the parameters of the search without it."""

    name: str  # "State", "Kind", …
    value: str  # "Texas", "Waiver authority", …
    params: dict

    @property
    def text(self) -> str:
        return f"{self.name}: {self.value}"


def active_filters(results: SearchResults) -> list[ActiveFilter]:
    """Every filter narrowing a search (the words too), each removable on its own.

    States named in the words count as state filters: removing one also takes its name
    out of the words, and removing the words keeps those states as filters.
    """
    request = results.request
    found = []
    if request.q:
        keep_states = list(results.effective_states)
        found.append(
            ActiveFilter(
                "Search",
                f"“{request.q}”",
                request_params(request, q="", state=keep_states, page=1),
            )
        )
    for state in results.effective_states:
        name = "Jurisdiction" if state == "US" else "State"
        found.append(
            ActiveFilter(
                name, label("state", state), toggle_params(results, "state", state)
            )
        )
    for facet, values, name in (
        ("kind", request.kinds, "Kind"),
        ("area", request.areas, "Policy area"),
    ):
        for value in values:
            found.append(
                ActiveFilter(
                    name, label(facet, value), toggle_params(results, facet, value)
                )
            )
    return found


def cleared_params(request: SearchRequest) -> dict:
    """Parameters of the same search with no words and no filters (the sort is kept)."""
    return request_params(request, q="", state=[], kind=[], area=[], page=1)
