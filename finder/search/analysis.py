"""Analyzers: how catalog text and citations become index terms, shown input → tokens."""

from __future__ import annotations

import re

from whoosh.analysis import (
    Analyzer,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemmingAnalyzer,
    Token,
    Tokenizer,
)
from whoosh.analysis.filters import STOP_WORDS
from whoosh.lang.porter import stem

# Words that carry no meaning in a question a district leader types
# ("what can my state let us do about seat time" → "seat", "time").
QUESTION_WORDS = frozenset(
    [
        "what",
        "which",
        "how",
        "who",
        "whom",
        "whose",
        "where",
        "why",
        "does",
        "do",
        "did",
        "doing",
        "can",
        "could",
        "would",
        "should",
        "shall",
        "must",
        "my",
        "our",
        "your",
        "their",
        "me",
        "i",
        "let",
        "lets",
        "allow",
        "allows",
        "allowed",
        "about",
        "any",
        "there",
        "here",
        "get",
        "use",
        "using",
        "want",
        "need",
        "needs",
        "help",
        "find",
        "show",
        "tell",
        "rules",
        "rule",
        "options",
        "option",
        "state",
        "states",
        "district",
        "districts",
        "please",
    ]
)

# "four-day week" → four, day, week ; "12A.004" stays whole → 12a.004
WORD_PATTERN = r"\w+(\.?\w+)*"

# WORD_PATTERN without a capturing group (the same matches), so findall gives words
_WORD = re.compile(r"\w+(?:\.?\w+)*")
_STOP = object()  # a word's entry in the term table when it is a stop word


class SynonymFilter(Filter):
    """Adds one token per synonym group found in the stream, at the phrase's first position.

    "a four-day school week" → four, dai, school, week, syn0 ; a query for any phrase of
    the group is then a single term, not a dozen phrase searches over long text.
    """

    def __init__(self, groups: dict[tuple[str, ...], int]):
        self.groups = groups
        self.longest = max((len(k) for k in groups), default=0)

    def __eq__(self, other):
        return isinstance(other, SynonymFilter) and other.groups == self.groups

    @property
    def firsts(self) -> frozenset[str]:
        """Words a phrase can start with: only there is a phrase looked for."""
        found = self.__dict__.get("_firsts")
        if found is None:
            found = self.__dict__["_firsts"] = frozenset(k[0] for k in self.groups)
        return found

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k != "_firsts"}

    def __call__(self, tokens):
        texts: list[str] = []
        marks: list[tuple[int, int, int]] = []  # pos, startchar, endchar (if kept)
        last = None
        for token in tokens:
            texts.append(token.text)
            if token.positions or token.chars:
                marks.append(
                    (
                        getattr(token, "pos", 0),
                        getattr(token, "startchar", 0),
                        getattr(token, "endchar", 0),
                    )
                )
            last = token
            yield token
        if last is None:
            return
        for i, size, group in self.phrases(texts):
            # Reuse the stream's token object, as Whoosh's own filters do.
            last.text = synonym_term(group)
            if marks:
                last.pos, last.startchar = marks[i][0], marks[i][1]
                last.endchar = marks[i + size - 1][2]
            last.stopped = False
            yield last

    def phrases(self, texts: list[str]):
        """(start, length, group) of the longest synonym phrase at each place it starts."""
        firsts, groups, longest = self.firsts, self.groups, self.longest
        if firsts.isdisjoint(texts):
            return
        for i in [i for i, text in enumerate(texts) if text in firsts]:
            for size in range(min(longest, len(texts) - i), 0, -1):
                group = groups.get(tuple(texts[i : i + size]))
                if group is not None:
                    yield i, size, group
                    break


class _QuickAnalyzer(Analyzer):
    """An analyzer that gives the tokens of ``self.chain`` (a composed Whoosh analyzer)
    from one generator of its own (``_quick``) for the usual calls, and hands the
    uncommon ones (original text kept, no tokenizing, no stemming) to the chain."""

    chain: Analyzer

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        if keeporiginal or not tokenize or kwargs.get("no_morph"):
            return self.chain(
                value,
                positions=positions,
                chars=chars,
                keeporiginal=keeporiginal,
                removestops=removestops,
                start_pos=start_pos,
                start_char=start_char,
                tokenize=tokenize,
                mode=mode,
                **kwargs,
            )
        kwargs.pop("no_morph", None)
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        return self._quick(token, value, start_pos, start_char)

    def _quick(self, token, value, start_pos, start_char):
        raise NotImplementedError


class ProseAnalyzer(_QuickAnalyzer):
    """Whoosh's StemmingAnalyzer (words, lowercase, stop words, Porter stems), then the
    synonym tokens, in one pass.

    "Waivers of minimum minutes" → waiver, minimum, minut. Each distinct word is
    lowercased, stop-checked and stemmed once and remembered, instead of passing every
    token through four generators: indexing long text and marking snippets were mostly
    that. The tokens are exactly those of the composed Whoosh analyzer (a test compares
    them); uncommon calls (no tokenizing, no stemming, original text kept) go to it.
    """

    def __init__(self, synonyms: dict[tuple[str, ...], int] | None = None):
        self.chain = StemmingAnalyzer(
            expression=WORD_PATTERN, stoplist=STOP_WORDS, minsize=1
        )
        self.synonyms = SynonymFilter(synonyms) if synonyms else None

    def __eq__(self, other):
        return (
            isinstance(other, ProseAnalyzer)
            and other.chain == self.chain
            and other.synonyms == self.synonyms
        )

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k != "_terms"}

    def _table(self) -> dict:
        terms = self.__dict__.get("_terms")
        if terms is None or len(terms) > 200_000:  # bounded: a catalog's vocabulary
            terms = self.__dict__["_terms"] = {}
        return terms

    def __call__(self, value, **options):
        tokens = super().__call__(value, **options)
        return self.synonyms(tokens) if self.synonyms else tokens

    def _term(self, word: str):
        """A word as written → its index term, or _STOP; each word worked out once."""
        terms = self._table()
        term = terms.get(word)
        if term is None:
            low = word.lower()
            term = terms[word] = _STOP if low in STOP_WORDS else stem(low)
        return term

    def terms(self, value: str) -> list[str]:
        """The texts of the tokens an index-time call gives (no stop words), as a list."""
        table = self._table()
        words = _WORD.findall(value)
        looked_up = list(map(table.get, words))
        if None in looked_up:  # words met for the first time
            looked_up = [
                t or self._term(w) for t, w in zip(looked_up, words, strict=True)
            ]
        found = [t for t in looked_up if t is not _STOP]
        if self.synonyms:
            found += [synonym_term(g) for _, _, g in self.synonyms.phrases(found)]
        return found

    def _quick(self, token, value, start_pos, start_char):
        positions, chars, removestops = token.positions, token.chars, token.removestops
        table, term_of = self._table(), self._term
        pos = None
        for n, match in enumerate(_WORD.finditer(value)):
            word = match.group()
            term = table.get(word) or term_of(word)
            if term is _STOP:
                if removestops:
                    continue
                token.text, token.stopped = word.lower(), True
                if positions:
                    token.pos = start_pos + n
            else:
                token.text, token.stopped = term, False
                if positions:
                    pos = start_pos + n if pos is None else pos + 1
                    token.pos = pos
            token.boost = 1.0
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


BASE_TEXT_ANALYZER = ProseAnalyzer()
"""Prose: "Waivers of minimum minutes" → waiver, minimum, minut."""


def synonym_term(group: int) -> str:
    return f"syn{group}"


def synonym_stems() -> dict[tuple[str, ...], int]:
    """Each synonym phrase as the stems the base analyzer makes of it, mapped to its group."""
    from finder.search.synonyms import default_synonyms

    table: dict[tuple[str, ...], int] = {}
    for number, group in enumerate(default_synonyms().groups):
        for phrase in group:
            stems = tuple(t.text for t in BASE_TEXT_ANALYZER(phrase.replace("-", " ")))
            if stems:
                table.setdefault(stems, number)
    return table


TEXT_ANALYZER = ProseAnalyzer(synonym_stems())
"""Prose with synonym tokens: "four-day week" → four, dai, week, syn0."""

_LETTERS = re.compile(r"[A-Za-z]{3,}")


class SpellingAnalyzer(_QuickAnalyzer):
    """Unstemmed words of three letters or more, lowercased, for "did you mean":
    "Carnegie units" → carnegie, units. The tokens of Whoosh's RegexTokenizer and
    LowercaseFilter (a test compares them) from one generator instead of two;
    ``terms`` gives the same words as a list (for indexing)."""

    def __init__(self):
        self.chain = RegexTokenizer(_LETTERS.pattern) | LowercaseFilter()

    def __eq__(self, other):
        return isinstance(other, SpellingAnalyzer) and other.chain == self.chain

    def _quick(self, token, value, start_pos, start_char):
        for n, match in enumerate(_LETTERS.finditer(value)):
            token.text, token.boost, token.stopped = match.group().lower(), 1.0, False
            if token.positions:
                token.pos = start_pos + n
            if token.chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token

    def terms(self, value: str) -> list[str]:
        return [word.lower() for word in _LETTERS.findall(value)]


SPELL_ANALYZER = SpellingAnalyzer()

_CITATION_TOKEN = re.compile(r"[0-9A-Za-z]+(?:[.\-:/][0-9A-Za-z]+)*")
_SEPARATOR = re.compile(r"[.\-:/]")


def citation_terms(text: str) -> list[str]:
    """Whole citation tokens as typed: "C.R.S. 22-32.5-104" → c.r.s, 22-32.5-104."""
    return [m.group().lower() for m in _CITATION_TOKEN.finditer(text)]


def citation_prefixes(token: str) -> list[str]:
    """A numbered citation and its shorter forms: 22-32.5-104 → 22-32.5-104, 22-32.5, 22-32.

    People type a section's chapter or article ("22-32.5", "12A") and expect the
    sections under it; a bare leading number ("22") is too vague to index.
    """
    if not any(ch.isdigit() for ch in token):
        return [token]
    cuts = [m.start() for m in _SEPARATOR.finditer(token)]
    prefixes = [token] + [token[:c] for c in reversed(cuts)]
    return [
        p
        for i, p in enumerate(prefixes)
        if i == 0 or _SEPARATOR.search(p) or not p.isdigit()
    ]


class CitationTokenizer(Tokenizer):
    """Keeps statute numbers whole and adds their prefixes at the same position.

    "Tex. Educ. Code § 12A.004" → tex, educ, code, 12a.004, 12a
    "KRS 156.108" → krs, 156.108 ; "§ 1204" → 1204
    """

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for match in _CITATION_TOKEN.finditer(value):
            whole = match.group().lower()
            for text in citation_prefixes(whole):
                token.text = text
                token.boost = 1.0
                token.stopped = False
                if keeporiginal:
                    token.original = text
                if positions:
                    token.pos = pos
                if chars:
                    token.startchar = start_char + match.start()
                    token.endchar = start_char + match.end()
                yield token
            pos += 1


CITATION_ANALYZER = CitationTokenizer()


def analyze(text: str, analyzer=BASE_TEXT_ANALYZER) -> list[str]:
    """The index terms an analyzer makes of a text."""
    return [t.text for t in analyzer(text)]
