"""Analyzers: how catalog text and citations become index terms, shown input → tokens."""

from __future__ import annotations

import re

from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemmingAnalyzer,
    Token,
    Tokenizer,
)
from whoosh.analysis.filters import STOP_WORDS

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

BASE_TEXT_ANALYZER = StemmingAnalyzer(
    expression=WORD_PATTERN, stoplist=STOP_WORDS, minsize=1
)
"""Prose: "Waivers of minimum minutes" → waiver, minimum, minut."""


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

    def __call__(self, tokens):
        seen: list[tuple[str, int, int, int]] = []  # text, pos, startchar, endchar
        last = None
        for token in tokens:
            seen.append(
                (
                    token.text,
                    getattr(token, "pos", 0),
                    getattr(token, "startchar", 0),
                    getattr(token, "endchar", 0),
                )
            )
            last = token
            yield token
        if last is None:
            return
        texts = [t[0] for t in seen]
        for i in range(len(seen)):
            for size in range(min(self.longest, len(seen) - i), 0, -1):
                group = self.groups.get(tuple(texts[i : i + size]))
                if group is not None:
                    # Reuse the stream's token object, as Whoosh's own filters do.
                    last.text = synonym_term(group)
                    last.pos, last.startchar, last.endchar = (
                        seen[i][1],
                        seen[i][2],
                        seen[i + size - 1][3],
                    )
                    last.stopped = False
                    yield last
                    break


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


TEXT_ANALYZER = BASE_TEXT_ANALYZER | SynonymFilter(synonym_stems())
"""Prose with synonym tokens: "four-day week" → four, dai, week, syn0."""

SPELL_ANALYZER = RegexTokenizer(r"[A-Za-z]{3,}") | LowercaseFilter()
"""Unstemmed words for "did you mean": "Carnegie units" → carnegie, units."""

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
