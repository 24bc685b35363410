"""Analyzers and query parsing: the tokens and concepts people's text becomes."""

from __future__ import annotations

import pytest
from whoosh.formats import Frequency

from finder.search.analysis import (
    BASE_TEXT_ANALYZER,
    CITATION_ANALYZER,
    SPELL_ANALYZER,
    TEXT_ANALYZER,
    analyze,
    citation_prefixes,
)
from finder.search.documents import body_text
from finder.search.query import clean, parse
from finder.search.schema import CountedTerms


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Tex. Educ. Code § 12A.004", ["tex", "educ", "code", "12a.004", "12a"]),
        ("C.R.S. 22-32.5-104", ["c.r.s", "22-32.5-104", "22-32.5", "22-32"]),
        ("KRS 156.108", ["krs", "156.108"]),
        ("ESEA § 1204", ["esea", "1204"]),
    ],
)
def test_citation_tokens(text, tokens):
    assert analyze(text, CITATION_ANALYZER) == tokens


def test_bare_leading_numbers_are_not_prefixes():
    assert citation_prefixes("22-32.5-104") == ["22-32.5-104", "22-32.5", "22-32"]
    assert citation_prefixes("krs") == ["krs"]


def test_text_analyzer_stems_and_drops_stop_words():
    assert analyze("Waivers of the minimum minutes") == ["waiver", "minimum", "minut"]
    assert analyze("waiver") == analyze("waivers") == ["waiver"]
    assert analyze("Waivers", TEXT_ANALYZER) == ["waiver", "syn5"]  # its synonym group


def test_state_names_and_codes_become_states():
    parsed = parse("What can Texas let us do about seat time?")
    assert parsed.states == ["TX"]
    assert [(c.kind, c.text) for c in parsed.concepts] == [("synonyms", "seat time")]
    assert parse("four-day week in New Mexico").states == ["NM"]
    assert parse("class size tx").states == ["TX"]
    assert parse("Tex. class size").states == ["TX"]
    assert parse("seat time waiver District of Columbia").states == ["DC"]


def test_word_like_codes_only_in_capitals():
    assert parse("hiring in Oregon").states == ["OR"]
    assert parse("hiring in or out").states == []
    assert parse("CTE experts IN").states == ["IN"]
    assert parse("co-teaching").states == []


def test_or_between_words_is_the_connector_not_oregon():
    assert parse("calendar OR schedule").states == []
    assert parse("seat time OR competency credit").states == []
    assert parse("TX OR CO class size").states == ["TX", "CO"]
    assert parse("Texas OR Ohio").states == ["TX", "OH"]  # names read after OR is
    assert parse("seat-time OR 4-day week").states == []  # a number is a word too
    assert parse("calendar - OR - schedule").states == []
    assert parse("calendar/OR schedule").states == []
    assert parse("ORS 329.045").states == []
    # at either end it is still the state
    assert parse("four-day week OR").states == ["OR"]
    assert parse("OR four-day week").states == ["OR"]
    assert parse("teacher licensure, OR").states == ["OR"]


def test_west_virginia_is_not_virginia():
    assert parse("west virginia calendar").states == ["WV"]


def test_citations_and_synonyms_are_recognized():
    kinds = {c.text: c.kind for c in parse("KRS 156.108 4-day week").concepts}
    assert kinds == {"KRS 156.108": "law", "4 day week": "synonyms"}
    assert [c.text for c in parse("§ 1204").concepts] == ["1204"]
    # a subsection belongs to its number: one concept, not "3313.603" and "j"
    assert [c.text for c in parse("3313.603(J)").concepts] == ["3313.603"]


@pytest.mark.parametrize(
    "text", ['"((( AND OR', "\x00\x01 ", "a" * 5000, "§§§", "*?~^:[]{}", "NOT", ""]
)
def test_any_text_parses(text):
    parsed = parse(text)
    assert len(parsed.text) <= 300


def test_clean_removes_control_characters():
    assert clean("seat\x00time\n\twaiver") == "seat time waiver"


def _stream(tokens, positions: bool, chars: bool) -> list[tuple]:
    """Everything a consumer can read from a token stream (tokens are reused objects)."""
    return [
        (
            t.text,
            t.stopped,
            t.boost,
            t.pos if positions else None,
            (t.startchar, t.endchar) if chars else None,
        )
        for t in tokens
    ]


def prose_texts(catalog) -> list[str]:
    texts = [
        "",
        "the of and",
        "A four-day school week; the Four Day Week, 4-day weeks!",
        "Seat time and the Carnegie unit in 12A.004 and 22-32.5 (the IADA)",
        "Innovative Assessment Demonstration Authority, and of the seat-time waiver",
    ]
    for entry in catalog.entries:
        texts += [entry.title, entry.summary, body_text(entry)]
    return texts


@pytest.mark.parametrize("positions", [False, True])
@pytest.mark.parametrize("chars", [False, True])
@pytest.mark.parametrize("removestops", [True, False])
def test_prose_analyzer_makes_the_whoosh_chain_tokens(
    catalog, positions, chars, removestops
):
    """The one-pass analyzers give exactly the tokens of the Whoosh chains they stand
    for, for every combination a field or a highlighter uses."""
    slow = TEXT_ANALYZER.chain | TEXT_ANALYZER.synonyms
    options = {
        "positions": positions,
        "chars": chars,
        "removestops": removestops,
        "start_pos": 3,
        "start_char": 7,
        "mode": "query",
    }
    compared = 0
    pairs = (
        (TEXT_ANALYZER, slow),
        (BASE_TEXT_ANALYZER, BASE_TEXT_ANALYZER.chain),
        (SPELL_ANALYZER, SPELL_ANALYZER.chain),
    )
    for text in prose_texts(catalog):
        for analyzer, chain in pairs:
            fast = _stream(analyzer(text, **options), positions, chars)
            assert fast == _stream(chain(text, **options), positions, chars), text
            compared += len(fast)
    assert compared > 500  # real text was compared, not only the short cases


@pytest.mark.parametrize("analyzer", [TEXT_ANALYZER, SPELL_ANALYZER])
def test_counted_postings_are_whoosh_frequency_postings(catalog, analyzer):
    """Counting a term list gives the postings Whoosh's Frequency format gives."""
    counted, plain = CountedTerms(field_boost=2.0), Frequency(field_boost=2.0)
    words = 0
    for text in prose_texts(catalog):
        ours = sorted(counted.word_values(text, analyzer, mode="index"))
        assert ours == sorted(plain.word_values(text, analyzer, mode="index")), text
        words += sum(n for _, n, _, _ in ours)
    assert words > 400  # real text was compared
