"""Citations found where people put them: in a pasted line or a spreadsheet cell.

"TEC §22.083 Criminal History Record Check" → citation "Tex. Educ. Code § 22.083",
level "state_statute", text "Criminal History Record Check".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from finder.law.parse import citation_spans
from finder.law.scope import LAW_LEVELS, home_body

# what separates a leading or trailing citation from the words of the rule
_EDGE = re.compile(r"^[\s,;:–—\-|()\[\]]+|[\s,;:–—\-|()\[\]]+$")
# brackets the citation was taken out of ("August ( )." → "August.")
_EMPTY_BRACKETS = re.compile(r"\s*(?:\(\s*\)|\[\s*\])")
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?])")
LEVEL_OF_BODY = {
    "state_statute": "state_statute",
    "state_rule": "state_rule",
    "federal_statute": "federal_law",
    "federal_regulation": "federal_law",
}


@dataclass(frozen=True)
class Detected:
    """What a line says once its citation is read.

    :param text: the rule's words (the citation taken out where it stood at an end).
    :param citation: the first citation in normal form, or "".
    :param level: the source level it implies ("state_statute", "state_rule",
        "federal_law"), or "" when no citation was read.
    :param found: the citation as it was written, or "".
    :param citations: every citation read, in order, without repeats (a waiver list
        may cite a statute and its rule on one line).
    """

    text: str
    citation: str = ""
    level: str = ""
    found: str = ""
    citations: tuple[str, ...] = ()


def detect(text: str, state: str = "") -> Detected:
    """Read the citation in a rule's text; never raises, and keeps text it cannot read."""
    text = text or ""
    state = (state or "").upper()
    spans = [
        (start, end, cit)
        for start, end, cit in citation_spans(text, state, home_body(state))
        if cit.body.level in LAW_LEVELS and (cit.path or cit.body.act_only)
    ]
    if not spans:
        return Detected(text)
    start, end, cit = spans[0]
    found = text[start:end].strip()
    before, after = text[:start], text[end:]
    at_an_end = not before.strip(" ,;:–—-|([") or not after.strip(" ,;:–—-|)].")
    if cit.path and at_an_end:  # a named act ("IDEA evaluations") is part of the words
        words = _EMPTY_BRACKETS.sub("", f"{before} {after}".strip())
        words = _EDGE.sub("", _SPACE_BEFORE_STOP.sub(r"\1", words))
        words = " ".join(words.split())
    else:
        words = text
    every = tuple(dict.fromkeys(c.label for _, _, c in spans))
    return Detected(
        words or text, cit.label, LEVEL_OF_BODY[cit.body.level], found, every
    )
