"""Turn any text a person types into a Whoosh query: states, synonyms, citations, words."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from whoosh import query as wq
from whoosh.analysis.filters import STOP_WORDS
from whoosh.matching import NullMatcher

from finder.catalog.jurisdictions import ALIASES, CODES, NAMES, WORDLIKE_CODES
from finder.law import citation_spans, query_keys
from finder.search import schema as f
from finder.search.analysis import (
    QUESTION_WORDS,
    analyze,
    synonym_stems,
    synonym_term,
)
from finder.search.synonyms import Synonyms, default_synonyms, phrase_words

MAX_QUERY_CHARS = 300
# Ranking uses the title (boosted) and the combined field that holds every text field;
# fewer posting lists per concept is what keeps search fast on large catalogs.
WORD_FIELDS = (f.TITLE, f.ALL)
PHRASE_FIELDS = WORD_FIELDS
TEXT_FIELD_SET = frozenset({f.TITLE})
FUZZY_TERMS = 4  # the closest words to a typo that a fuzzy search tries
_SUBSECTION = re.compile(r"(\d[\w.\-:]*)(?:\s?\([A-Za-z0-9\-]{1,5}\))+")
_TOKEN = re.compile(r"[0-9A-Za-z]+(?:[.\-:/'][0-9A-Za-z]+)*")


class Union(wq.Or):
    """Or whose parts are walked side by side (Whoosh's binary tree of unions).

    Whoosh preloads an Or of three or more parts into an array on indexes under 5,000
    documents. Inside an And, that scores every posting of every part, and its
    top-N shortcut can drop the best-scoring entry; walked side by side, the And
    scores only the entries that have every concept, and the top ten are exact.
    """

    matcher_type = wq.Or.DEFAULT_MATCHER

    def _matcher(self, subs, searcher, context):
        # A term the index does not have matches nothing and scores nothing, but in the
        # tree it would still be visited at every step: leave it out ("waivers" as a
        # citation token, a word no title has).
        reader = searcher.reader()
        live = [
            sub
            for sub in subs
            if not isinstance(sub, wq.Term) or (sub.fieldname, sub.text) in reader
        ]
        if not live:
            return NullMatcher()
        return super()._matcher(live, searcher, context)


@dataclass(frozen=True)
class Concept:
    """One thing the query asks for: a word, a citation, or a group of synonym phrases."""

    kind: str  # "word" | "citation" | "synonyms" | "law" (a parsed citation)
    text: str
    phrases: tuple[str, ...] = ()


@dataclass
class ParsedQuery:
    text: str
    concepts: list[Concept] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    without_states: str = ""

    @property
    def words(self) -> list[str]:
        return [c.text for c in self.concepts if c.kind == "word"]


def clean(text: object) -> str:
    """Any input as a bounded, printable, single-line string."""
    text = unicodedata.normalize("NFKC", str(text or ""))[: MAX_QUERY_CHARS * 2]
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())[:MAX_QUERY_CHARS]


@cache
def _state_pattern() -> re.Pattern:
    names = {n.lower(): c for c, n in NAMES.items() if c != "US"} | ALIASES
    alternatives = sorted(names, key=len, reverse=True)
    body = "|".join(re.escape(a) for a in alternatives)
    return re.compile(rf"(?<![\w.-])(?:{body})(?![\w-])", re.IGNORECASE)


# "calendar OR schedule", "Texas OR Ohio", "seat-time - OR - 4-day week": an upper-case
# OR with a word or number on each side is the connector people type in search boxes,
# not Oregon (at either end of the query it is still the state).
_CONNECTOR_OR = re.compile(
    r"(?<=[^\W_])([\s,/()\-]*\s[\s,/()\-]*|[\s,/()\-]+)OR(?=[\s,/()\-]+[^\W_])"
)


def _find_states(text: str) -> tuple[str, list[str]]:
    """Pull state names and codes out of the text; return the rest and the codes."""
    names = {n.lower(): c for c, n in NAMES.items() if c != "US"} | ALIASES
    found: list[str] = []
    text = _CONNECTOR_OR.sub(lambda m: f"{m.group(1)}or", text)

    def take(code: str) -> str:
        if code not in found:
            found.append(code)
        return " "

    text = _state_pattern().sub(lambda m: take(names[m.group().lower()]), text)

    def code_match(m: re.Match) -> str:
        token = m.group()
        code = token.upper()
        if code not in CODES:
            return token
        typed_upper = token.isupper()
        if code == "US" or code in WORDLIKE_CODES:
            return take(code) if typed_upper else token
        return take(code)

    text = re.sub(r"(?<![\w.\-§])[A-Za-z]{2}(?![\w\-])", code_match, text)
    return text, found


def parse(text: object, synonyms: Synonyms | None = None) -> ParsedQuery:
    """Read a query the way a district leader means it; never fails."""
    synonyms = synonyms or default_synonyms()
    cleaned = clean(text)
    rest, states = _find_states(cleaned)
    rest, concepts = _law_concepts(rest, states)
    # "3313.603(J)": the subsection belongs to the number, it is not a word of its own
    rest = _SUBSECTION.sub(r"\1", rest)
    tokens = [t.lower() for t in _TOKEN.findall(rest)]
    parts = [(i, p) for i, tok in enumerate(tokens) for p in phrase_words(tok)]
    consumed: set[int] = set()
    for start, end, group in synonyms.find([p for _, p in parts]):
        consumed.update(range(start, end))
        concepts.append(
            Concept("synonyms", " ".join(p for _, p in parts[start:end]), group)
        )
    dropped: list[str] = []
    seen = {c.text for c in concepts}
    for i, tok in enumerate(tokens):
        positions = [n for n, (ti, _) in enumerate(parts) if ti == i]
        free = [parts[n][1] for n in positions if n not in consumed]
        if len(free) == len(positions) and any(ch.isdigit() for ch in tok):
            words = [tok]
            kind = "citation"
        else:
            words, kind = free, "word"
        for word in words:
            if kind == "word" and (word in QUESTION_WORDS or word in STOP_WORDS):
                dropped.append(word)
            elif word not in seen:
                seen.add(word)
                concepts.append(Concept(kind, word))
    if not concepts and dropped and not states:
        # Only question words were typed ("what about us"): search them after all.
        concepts = [Concept("word", w) for w in dict.fromkeys(dropped)]
    return ParsedQuery(cleaned, concepts, states, dropped, " ".join(rest.split()))


def _law_concepts(text: str, states: list[str]) -> tuple[str, list[Concept]]:
    """Citations the law parser reads in the query, each one concept; the text left.

    "ORC 3313.603" becomes one concept that finds entries citing R.C. 3313.603 or any
    subsection of it, however the catalog writes them.
    """
    state = states[0] if len(states) == 1 else ""
    concepts: list[Concept] = []
    cuts: list[tuple[int, int]] = []
    for start, end, cit in citation_spans(text, state):
        if not cit.body.level or not cit.path:
            continue  # bills, whole codes and CiteURL-only finds stay words
        section = next((p for p in reversed(cit.path) if not p.startswith("(")), "")
        concepts.append(Concept("law", cit.label, (*query_keys(cit), f"#{section}")))
        cuts.append((start, end))
    for start, end in reversed(cuts):
        text = text[:start] + " " + text[end:]
    return text, concepts


def _terms(fields: tuple[str, ...], text: str) -> list[wq.Query]:
    stems = analyze(text)
    if not stems:
        return []
    if len(stems) == 1:
        return [wq.Term(name, stems[0]) for name in fields]
    # Several stems from one typed token ("22-32.5" → 22, 32.5): all of them, in any order
    # (long fields keep no positions, which makes indexing much cheaper).
    return [wq.And([wq.Term(name, stem) for stem in stems]) for name in fields]


def concept_query(concept: Concept) -> wq.Query:
    """The Whoosh query for one concept, across the fields that can hold it."""
    if concept.kind == "law":
        keys = [p for p in concept.phrases if not p.startswith("#")]
        numbers = [
            p[1:].lower() for p in concept.phrases if p.startswith("#") and p[1:]
        ]
        # the parsed law first; the section number as written in citations and text
        # finds what the catalog names without citing it ("exempts § 25.0811")
        return Union(
            [wq.Term(f.LAW, k) for k in keys]
            + [wq.Term(f.CITATIONS, n) for n in numbers]
            + [t for n in numbers for t in _terms((f.TITLE, f.ALL), n)]
        )
    if concept.kind == "synonyms":
        # The index carries one token per synonym group (see SynonymFilter): one term
        # per field instead of a phrase search for every variant over long text.
        group = _group_of(concept)
        subs = (
            [wq.Term(name, synonym_term(group)) for name in PHRASE_FIELDS]
            if group is not None
            else []
        )
        subs += [wq.Term(f.CITATIONS, p) for p in concept.phrases if " " not in p]
    elif concept.kind == "citation":
        subs = [
            wq.Term(f.CITATIONS, concept.text),
            *_terms((f.TITLE, f.ALL), concept.text),
        ]
    else:
        subs = [*_terms(WORD_FIELDS, concept.text), wq.Term(f.CITATIONS, concept.text)]
    return Union(subs)


def matching_fields(query: wq.Query) -> wq.Query:
    """The same query over the combined field: the same matches, far cheaper to enumerate.

    Terms on the separate text fields become one term on the combined field; citation
    and spelling terms stay as they are.
    """
    if isinstance(query, wq.Term) and query.fieldname in TEXT_FIELD_SET:
        return wq.Term(f.ALL, query.text)
    if isinstance(query, wq.compound.CompoundQuery):
        subs = list(dict.fromkeys(matching_fields(sub) for sub in query.subqueries))
        return type(query)(subs) if len(subs) > 1 else subs[0]
    return query


def build(parsed: ParsedQuery, mode: str = "all", near=None) -> wq.Query:
    """All concepts (mode "all"), any of them ("any"), or fuzzy words ("fuzzy")."""
    if not parsed.concepts:
        return wq.Every()
    if mode == "fuzzy":
        # Words near each typed word, found once per index by the caller (near()).
        fuzzy = [
            wq.Term(f.SPELL, term)
            for c in parsed.concepts
            if c.kind == "word" and len(c.text) >= 3 and near is not None
            for term in near(c.text)[:FUZZY_TERMS]
        ]
        return wq.Or(fuzzy) if fuzzy else wq.NullQuery
    subs = [concept_query(c) for c in parsed.concepts]
    return wq.And(subs) if mode == "all" else Union(subs, scale=0.9)


def _group_of(concept: Concept) -> int | None:
    groups = synonym_stems_cached()
    for phrase in concept.phrases:
        group = groups.get(tuple(analyze(phrase.replace("-", " "))))
        if group is not None:
            return group
    return None


@cache
def synonym_stems_cached() -> dict[tuple[str, ...], int]:
    return synonym_stems()


def highlight_terms(parsed: ParsedQuery) -> set[str]:
    """The analyzed terms a snippet should mark."""
    terms: set[str] = set()
    for c in parsed.concepts:
        phrases = (c.text,) if c.kind == "law" else (c.phrases or (c.text,))
        for phrase in phrases:
            terms.update(analyze(phrase))
    return terms
