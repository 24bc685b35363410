"""A bounded, thread-safe cache of search results, keyed by catalog and normalized request.

Repeated searches (shared links, the links from the home page) then cost a lookup. A key
holds the catalog's index key (its fingerprint and the index format), so an answer computed
for one catalog is never served for another; when the catalog changes, the entries of the
old one are dropped (``retain``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import replace

from finder.search.query import clean
from finder.search.results import SearchRequest

CACHE_SIZE = 300  # searches kept (results pages are small; a few hundred is plenty)


def normalize(request: SearchRequest) -> SearchRequest:
    """The request every equivalent one maps to: text cleaned (Unicode form, spacing),
    filters deduplicated and sorted. Letter case is kept: "IN" is Indiana, "in" a word."""
    return replace(
        request,
        q=clean(request.q),
        states=tuple(sorted(set(request.states))),
        kinds=tuple(sorted(set(request.kinds))),
        areas=tuple(sorted(set(request.areas))),
    )


def cache_key(catalog_key: str, request: SearchRequest, page_size: int) -> tuple:
    n = normalize(request)
    return (catalog_key, n.q, n.states, n.kinds, n.areas, n.page, n.sort, page_size)


class ResultsCache:
    """Least-recently-used results, at most ``size`` of them; safe across threads."""

    def __init__(self, size: int = CACHE_SIZE):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: tuple):
        with self._lock:
            value = self._items.get(key)
            if value is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: tuple, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def retain(self, catalog_key: str) -> None:
        """Drop every answer computed for another catalog."""
        with self._lock:
            for key in [k for k in self._items if k[0] != catalog_key]:
                del self._items[key]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
