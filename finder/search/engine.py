"""The search facade: run a request against the index and shape the results."""

from __future__ import annotations

import re
import threading
from dataclasses import replace

from whoosh.analysis.filters import STOP_WORDS
from whoosh.highlight import ContextFragmenter, Formatter, highlight

from finder.catalog import Catalog
from finder.search import query as queries
from finder.search import schema as f
from finder.search.analysis import BASE_TEXT_ANALYZER, SPELL_ANALYZER
from finder.search.build import index_key
from finder.search.cache import ResultsCache, cache_key, normalize
from finder.search.documents import body_text
from finder.search.facets import FacetTable, facet_values
from finder.search.results import Hit, SearchRequest, SearchResults, Segments
from finder.search.scoring import IndexBM25F, best, score_every

SNIPPET_CHARS = 240
SYNONYM_TOKEN = re.compile(r"syn\d+")
FEW_RESULTS = 3
SNIPPET_SOURCE_CHARS = 1500  # snippets come from the first part of long bodies
SORT_KEYS = {"state": ([f.STATE, f.TITLE_SORT], False), "reviewed": (f.REVIEWED, True)}


class _SegmentFormatter(Formatter):
    """Turns highlight fragments into (text, is_match) segments; escaping is the caller's."""

    def __call__(self, text: str, fragments) -> Segments:
        out: Segments = []
        for frag in fragments:
            pos = frag.startchar
            if pos > 0:
                out.append(("… ", False))
            for token in sorted(frag.matches, key=lambda t: t.startchar):
                if token.startchar < pos:
                    continue
                out += [
                    (text[pos : token.startchar], False),
                    (text[token.startchar : token.endchar], True),
                ]
                pos = token.endchar
            out.append((text[pos : frag.endchar], False))
            if frag.endchar < len(text):
                out.append((" …", False))
        return [(t, m) for t, m in out if t]


def _plain(text: str) -> Segments:
    short = (
        text
        if len(text) <= SNIPPET_CHARS
        else text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    )
    return [(short, False)]


class SearchIndex:
    """An open index and the catalog it was built from; safe to share across threads."""

    def __init__(self, ix, catalog: Catalog, results_cache: ResultsCache | None = None):
        self.ix = ix
        self.catalog = catalog
        self._local = threading.local()
        self._near: dict[str, list[str]] = {}
        # A catalog read from files has a fingerprint; one made in memory gets its own key.
        self.cache_key = (
            index_key(catalog) if catalog.fingerprint else f"mem-{id(self)}"
        )
        self.results_cache = results_cache or ResultsCache()
        # One weighting for the life of the index: it keeps field lengths it has read.
        self.weighting = IndexBM25F()
        with ix.searcher() as searcher:
            self.facets = FacetTable.from_reader(searcher.reader(), catalog)

    def searcher(self):
        """A searcher for this thread (Whoosh searchers must not be shared across threads)."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self._local.searcher = self.ix.searcher(weighting=self.weighting)
        return searcher

    def close(self) -> None:
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            searcher.close()
            self._local.searcher = None

    def search(
        self, request: SearchRequest, page_size: int = 10, use_cache: bool = True
    ) -> SearchResults:
        """Run a search, answering repeated equivalent requests from the results cache.

        The index never changes under a SearchIndex (a changed catalog gets a new one,
        with another cache key), so a cached answer is the answer the index would give.
        Equivalent requests (same text once cleaned, same filters in any order) share an
        answer; it is returned with the caller's own request.
        """
        key = cache_key(self.cache_key, request, page_size) if use_cache else None
        results = self.results_cache.get(key) if key else None
        if results is None:
            results = self._search(normalize(request), page_size)
            if key:
                self.results_cache.put(key, results)
        return (
            results if results.request == request else replace(results, request=request)
        )

    def _search(self, request: SearchRequest, page_size: int) -> SearchResults:
        """Run a search: text, facet filters, fallbacks, facets, snippets and a suggestion."""
        searcher = self.searcher()
        parsed = queries.parse(request.q)
        named = tuple(parsed.states)
        # States named in the text narrow the search; if nothing matches there, the
        # search widens to every jurisdiction rather than showing nothing.
        state_choices = [tuple(dict.fromkeys(request.states + named))]
        if named and parsed.concepts:
            state_choices.append(request.states)
        modes = ["all"]
        if len(parsed.concepts) > 1:
            modes.append("any")
        if parsed.words:
            modes.append("fuzzy")
        for states in state_choices:
            selected = {
                "state": frozenset(states),
                "kind": frozenset(request.kinds),
                "area": frozenset(request.areas),
            }
            for mode in modes:
                q = queries.build(parsed, mode, self.near)
                matching = queries.matching_fields(q)
                # When ranking and matching are the same query (typo searches on the
                # spelling field), one scored pass both lists and ranks the matches.
                scores = score_every(searcher, q) if matching == q else None
                matched = list(
                    scores if scores is not None else searcher.docs_for_query(matching)
                )
                if any(selected.values()):
                    allowed = {d for d in matched if self.facets.passes(d, selected)}
                else:
                    allowed = set(matched)
                # Few entries with every word: widen to any word, ranked by how many match.
                widen = mode == "all" and "any" in modes and len(allowed) < FEW_RESULTS
                if allowed and not widen:
                    break
            if allowed:
                break
        widened = bool(named) and not set(named) <= set(states)
        hits = self._page(
            searcher,
            q,
            scores,
            allowed,
            request,
            page_size,
            mode,
            any(selected.values()),
        )
        counts = self.facets.count(matched, selected)
        return SearchResults(
            request=request,
            total=len(allowed),
            hits=hits,
            facets=facet_values(counts, selected),
            page_size=page_size,
            suggestion=self.suggest(parsed),
            mode=mode if parsed.concepts else "all",
            states_from_query=() if widened else named,
            widened_from=named if widened else (),
            effective_states=states,
            without_states=parsed.without_states,
        )

    def _page(
        self,
        searcher,
        q,
        scores: dict[int, float] | None,
        allowed: set[int],
        request: SearchRequest,
        size: int,
        mode: str,
        filtered: bool,
    ) -> list[Hit]:
        if not allowed or request.page > (len(allowed) + size - 1) // size:
            return []
        limit = min(request.page * size, len(allowed))
        first = (request.page - 1) * size
        sortedby, reverse = SORT_KEYS.get(request.sort, (None, False))
        if scores is not None and sortedby is None:
            page = [(d, scores[d]) for d in best(scores, allowed, limit)[first:]]
        else:
            # Without facet filters every match is allowed: no filter is less work.
            results = searcher.search(
                q,
                filter=allowed if filtered else None,
                limit=limit,
                sortedby=sortedby,
                reverse=reverse,
            )
            # Index into the top hits: list(results) would count every match first.
            top = min(limit, results.scored_length())
            page = [
                (hit.docnum, hit.score if isinstance(hit.score, int | float) else 0.0)
                for hit in (results[i] for i in range(first, top))
            ]
        terms, analyzer = self._highlight_terms(searcher, q, mode)
        hits = []
        for docnum, score in page:
            entry = self.catalog.get(self.facets.ids[docnum])
            if entry is None:  # pragma: no cover - the index is built from this catalog
                continue
            hits.append(
                Hit(
                    entry,
                    score,
                    self._snippet(entry.summary, body_text(entry), terms, analyzer),
                )
            )
        return hits

    @staticmethod
    def _highlight_terms(searcher, q, mode: str):
        """The indexed terms the query matched, for marking them in snippets."""
        if mode == "fuzzy":
            reader = searcher.reader()
            terms = {
                text.decode() if isinstance(text, bytes) else text
                for leaf in q.leaves()
                for _, text in leaf.expanded_terms(reader)
            }
            return terms, SPELL_ANALYZER
        wanted = {f.TITLE, f.ALL}
        terms = {
            text for name, text in q.iter_all_terms(phrases=True) if name in wanted
        }
        # A synonym-group token stands for its phrases: mark their words instead.
        groups = {int(t[3:]) for t in terms if SYNONYM_TOKEN.fullmatch(t)}
        terms = {t for t in terms if not SYNONYM_TOKEN.fullmatch(t)}
        for stems, group in queries.synonym_stems_cached().items():
            if group in groups:
                terms.update(stems)
        return terms, BASE_TEXT_ANALYZER

    @staticmethod
    def _snippet(summary: str, body: str, terms: set[str], analyzer) -> Segments:
        if not terms:
            return _plain(summary)
        fragmenter = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        for text in (summary, (body or "")[:SNIPPET_SOURCE_CHARS]):
            text = re.sub(r"\s+", " ", text or "")
            # The terms are index terms (never stop words), so a text whose index terms
            # miss them all has nothing to mark: skip Whoosh's fragmenting of it.
            if terms.isdisjoint(analyzer.terms(text)):
                continue
            segments = highlight(
                text, terms, analyzer, fragmenter, _SegmentFormatter(), top=1
            )
            if any(m for _, m in segments):
                return segments
        return _plain(summary)

    def near(self, word: str) -> list[str]:
        """Indexed words within a small edit distance of a typed word, closest first.

        Building a Levenshtein automaton is the costly part of fuzzy matching, so each
        word's answer is kept for the life of this (immutable) index.
        """
        word = word.lower()
        found = self._near.get(word)
        if found is None:
            reader = self.searcher().reader()
            # Two swapped letters ("tiem" for "time") are two Levenshtein edits: fetch
            # within 2 from four letters on, then keep what is one typo away when the
            # word is short ("tiem" → "time", not "them").
            maxdist = 2 if len(word) >= 4 else 1
            allowed = 2 if len(word) > 5 else 1
            terms = [
                t.decode() if isinstance(t, bytes) else t
                for t in reader.terms_within(f.SPELL, word, maxdist, prefix=1)
            ]
            found = sorted(
                (
                    t
                    for t in terms
                    if t not in STOP_WORDS and typo_distance(word, t) <= allowed
                ),
                key=lambda t: (
                    typo_distance(word, t),
                    -reader.doc_frequency(f.SPELL, t),
                    t,
                ),
            )
            if len(self._near) > 4096:
                self._near.clear()
            self._near[word] = found
        return found

    def suggest(self, parsed: queries.ParsedQuery) -> str | None:
        """A corrected query when some typed words are not in the catalog's vocabulary."""
        reader = self.searcher().reader()
        corrected = parsed.text
        changed = False
        for word in parsed.words:
            if (
                len(word) < 4
                or not word.isalpha()
                or reader.doc_frequency(f.SPELL, word)
            ):
                continue
            options = [t for t in self.near(word) if t != word]
            if options:
                corrected = re.sub(rf"(?i)\b{re.escape(word)}\b", options[0], corrected)
                changed = True
        return corrected if changed else None


def typo_distance(a: str, b: str) -> int:
    """Edits between two words where swapping two neighbouring letters is one edit
    (optimal string alignment: how people mistype), not two as in Levenshtein."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, start=1):
        row = [i]
        for j, cb in enumerate(b, start=1):
            cost = min(
                rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + (ca != cb)
            )
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, rows[i - 2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]
