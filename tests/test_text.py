"""The one cleaning step for text: NFC, LF line endings, no XML-illegal characters."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finder.text import clean_deep, clean_text, counted, unmangled

CONTROL = "\x00\x01\x08\x0e\x1b\x1f\x7f"


def test_line_endings_become_lf():
    assert clean_text("one\r\ntwo\rthree\nfour") == "one\ntwo\nthree\nfour"


def test_word_soft_break_and_pdf_page_break_are_new_lines():
    assert clean_text("line\x0bbreak\x0cpage") == "line\nbreak\npage"


def test_xml_illegal_characters_removed_tabs_and_newlines_kept():
    assert clean_text(f"a{CONTROL}\tb\nc\ufffe\uffff") == "a\x7f\tb\nc"


def test_surrogate_escapes_removed():
    raw = b"caf\xe9 ok".decode("utf-8", errors="surrogateescape")
    assert clean_text(raw) == "caf ok"


def test_nfc():
    assert clean_text("e\u0301cole") == "\u00e9cole"


@dataclass
class Box:
    title: str
    items: list


def test_clean_deep_walks_dataclasses_lists_tuples_dicts():
    box = Box("t\x00", [("a\r\n", 1), {"k\x0b": "v\x1b"}])
    assert clean_deep(box) == Box("t", [("a\n", 1), {"k\n": "v"}])


@given(st.text(alphabet=st.characters(exclude_categories=())))
def test_cleaned_text_is_xml_safe_and_stable(value):
    cleaned = clean_text(value)
    assert "\r" not in cleaned
    for ch in cleaned:
        code = ord(ch)
        assert (
            ch in "\t\n"
            or 0x20 <= code <= 0xD7FF
            or 0xE000 <= code <= 0xFFFD
            or code >= 0x10000
        )
    assert clean_text(cleaned) == cleaned


@pytest.mark.parametrize(
    ("n", "noun", "plural", "expected"),
    [
        (0, "rule", "", "0 rules"),
        (1, "rule", "", "1 rule"),
        (2, "required part", "", "2 required parts"),
        (1, "child", "children", "1 child"),
        (3, "child", "children", "3 children"),
    ],
)
def test_a_count_takes_its_noun_in_the_right_number(n, noun, plural, expected):
    assert counted(n, noun, plural) == expected


@pytest.mark.parametrize(
    ("mangled", "meant"),
    [
        ("T.C.A. Â§ 49-5-108", "T.C.A. § 49-5-108"),
        ("licence â€” renewed", "licence — renewed"),
        ("Ã©cole", "école"),
        ("Âge limit", "Âge limit"),  # no pair: left as written
        ("café — §", "café — §"),
        ("", ""),
    ],
)
def test_utf8_read_as_windows_1252_is_put_back(mangled, meant):
    assert unmangled(mangled) == meant
