"""Looking only for the bodies whose names could be in a text reads the same citations
as trying every body: checked on every text the catalog, templates and labelled sets
hold, on the bench's synthetic forms and on generated text."""

from __future__ import annotations

import glob
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import finder.law.parse as parse
from finder.law import find_citations, load_law
from finder.law.parse import required_prefix

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("pattern", "prefix"),
    [
        (r"Tex(?:as|\.)?\s*Educ", "tex"),
        (r"U\.?\s?S\.?\s?C", "u"),  # the dot after U is optional
        (r"Carl D\. Perkins", "carl d. perkins"),
        (r"AS(?= \d)", "as"),
        (r"ab+c", "ab"),
        (r"Hawai.?i", "hawai"),
        (r"a\d", "a"),
        (r"(?:Mass(?:achusetts)?\.? )?Gen", ""),  # starts with an optional group
        (r"A|B", ""),  # a top-level alternative could start with anything
        (r"[Ss]ection", ""),
        (r"x[](]|y", ""),  # "]" first in a class is a character, so "|" is top-level
        (r"x[^]a]b", "x"),
        ("", ""),
    ],
)
def test_required_prefix(pattern, prefix):
    assert required_prefix(pattern) == prefix


def _texts() -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []

    def walk(value, state):
        if isinstance(value, str):
            texts.append((value, state))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item, state)
        elif isinstance(value, list):
            for item in value:
                walk(item, state)

    for path in sorted(glob.glob(str(ROOT / "flexibilities" / "[a-z][a-z].yaml"))):
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        for entry in data["entries"]:
            walk(
                [
                    entry.get("citations"),
                    entry.get("cannot_waive"),
                    entry.get("allows"),
                ],
                entry["state"],
            )
    for pattern in ["audit_templates/*.yaml", "tests/data/*_set/*.yaml"]:
        for path in sorted(glob.glob(str(ROOT / pattern))):
            for state in ("", "TX", "CO"):
                walk(yaml.safe_load(Path(path).read_text(encoding="utf-8")), state)
    return texts


def _every_body(monkeypatch):
    everything = list(range(len(parse._name_patterns())))
    monkeypatch.setattr(parse, "_bodies_named_in", lambda low: everything)


def test_the_gate_reads_what_trying_every_body_reads(monkeypatch):
    texts = _texts()
    assert len(texts) > 3000
    gated = [find_citations(text, state) for text, state in texts]
    _every_body(monkeypatch)
    assert [find_citations(text, state) for text, state in texts] == gated
    assert sum(map(bool, gated)) > 500  # texts with citations were compared


@pytest.mark.parametrize(
    "text",
    ["İdaho Code § 33-1001", "Mıss. Code Ann. § 37-1-1", "20 U.S.C. § 6311; Perkıns V"],
)
def test_the_gate_reads_the_turkish_i_as_case_insensitive_matching_does(
    text, monkeypatch
):
    gated = find_citations(text)
    assert gated
    _every_body(monkeypatch)
    assert find_citations(text) == gated


NAMES = [
    "Tex. Educ. Code",
    "TEC",
    "C.R.S.",
    "u.s.c.",
    "U. S. C.",
    "ESEA",
    "O.C.G.A.",
    "70 O.S.",
    "K.S.A.",
    "KAR",
    "ILCS",
    "Ala. Code",
    "Hawaii Rev. Stat.",
    "HAWAII REV STAT",
    "Gen. Laws",
    "Mass. Gen. Laws",
    "R.C.",
    "RSA",
    "Ed",
    "Rule R",
    "Code of Virginia",
    "W. Va. Code",
    "İdaho Code",
    "Perkıns V",
]


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(
        st.one_of(
            st.sampled_from(NAMES),
            st.sampled_from(["§", "§§", "ch.", "tit.", ",", " ", "-", "and", "("]),
            st.from_regex(r"\d{1,3}(?:[.\-:]\d{1,4}){0,2}[A-Z]?", fullmatch=True),
            st.text(max_size=6),
        ),
        max_size=10,
    ),
    state=st.sampled_from(["", "TX", "CO", "MA", "US", "ZZ"]),
)
def test_the_gate_on_generated_text(parts, state):
    text = " ".join(parts)
    gated = find_citations(text, state)
    everything = list(range(len(parse._name_patterns())))
    original = parse._bodies_named_in
    parse._bodies_named_in = lambda low: everything
    try:
        assert find_citations(text, state) == gated
    finally:
        parse._bodies_named_in = original


def test_every_body_has_a_pattern_and_most_a_certain_start():
    patterns = parse._name_patterns()
    assert len(patterns) == len(load_law().bodies)
    assert sum(1 for _, _, starts in patterns if starts) >= 0.9 * len(patterns)
