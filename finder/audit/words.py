"""When a rule's words are those of a listed item: one test, used by every part of the audit.

The suggester (is the rule on a cannot-waive list?), the matcher (does an uncited
cannot-waive item bar a mechanism?) and the document (which the matcher feeds) must give
the same answer for the same rule and item, so the thresholds live here alone.
"""

from __future__ import annotations

import re

from finder.search.analysis import analyze

# An item covers a rule when they share at least MIN_SHARED stems and those make up at
# least SHARE of the rule's stems or of the item's.
MIN_SHARED = 2
SHARE = 0.6


def same_text_key(text: str) -> str:
    """A rule's words for telling repeats apart: letters and digits, in lower case, one
    space between ("No start before the 4th Monday!" → "no start before the 4th
    monday"). Two rules with the same key are the same rule written twice."""
    return " ".join(re.findall(r"[^\W_]+", (text or "").casefold()))


def stems(text: str) -> set[str]:
    """The plain stems of a text (synonym-group tokens left out: they would count as
    overlap between unrelated texts)."""
    return set(analyze(text))


def words_cover(rule_stems: set[str], item_stems: set[str]) -> bool:
    """True when most of the rule's words are in the item, or most of the item's in the rule."""
    if not rule_stems or not item_stems:
        return False
    shared = len(rule_stems & item_stems)
    return shared >= MIN_SHARED and (
        shared / len(rule_stems) >= SHARE or shared / len(item_stems) >= SHARE
    )
