"""When a rule's words are those of a listed item: one test, used by every part of the audit.

The suggester (is the rule on a cannot-waive list?), the matcher (does an uncited
cannot-waive item bar a mechanism?) and the document (which the matcher feeds) must give
the same answer for the same rule and item, so the thresholds live here alone.
"""

from __future__ import annotations

import re

from finder.catalog.jurisdictions import NAMES
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


# Word families the Porter stemmer leaves apart though rules and lists use them for one
# thing ("a certified teacher" / "certification requirements", "license" / "licensure"):
# each read as one stem.
_FAMILIES = {"certifi": "certif", "licensur": "licens"}


# Short forms district teams type for what rules and lists spell out. Capitals are read
# only in capitals ("PE", not "pe"), each with an optional plural "s"; the everyday
# short forms in any case. A short form with two common meanings ("MS": middle school
# or Mississippi; "min": minutes or minimum) is left as typed.
_CAPITALS = {
    "CBA": "collective bargaining agreement",
    "HS": "high school",
    "PD": "professional development",
    "PE": "physical education",
    "CTE": "career and technical education",
    "EOC": "end-of-course",
    "SPED": "special education",
    "SpEd": "special education",
    "EL": "English learner",
    "ELL": "English language learner",
    "LEP": "limited English proficient",
    "SWD": "students with disabilities",
    "FAPE": "free appropriate public education",
    "SRO": "school resource officer",
}
_EVERYDAY = {
    "hr": "hour",
    "hrs": "hours",
    "mins": "minutes",
    "avg": "average",
    "admin": "administrator",
    "admins": "administrators",
    "eval": "evaluation",
    "evals": "evaluations",
    "mtg": "meeting",
    "mtgs": "meetings",
    "kid": "child",
    "kids": "children",
    "kid's": "child's",
    "kids'": "children's",
}
_CAPITAL_FORM = re.compile(
    r"(?<![\w.\-/])(" + "|".join(sorted(_CAPITALS, key=len, reverse=True)) + r")(s?)"
    r"(?!\w)"
)
_EVERYDAY_FORM = re.compile(
    r"(?<![\w.\-/])("
    + "|".join(re.escape(w) for w in sorted(_EVERYDAY, key=len, reverse=True))
    + r")(?![\w\-])",
    re.IGNORECASE,
)


def spelled_out(text: str) -> str:
    """A rule's words with the short forms teams type spelled out ("HS PE credits" →
    "high school physical education credits", "95%" → "95 percent"), so that the words
    of the law and of the knowledge lists, which spell them out, are found in it."""
    text = _CAPITAL_FORM.sub(_capital, text or "")
    text = _EVERYDAY_FORM.sub(_everyday, text)
    return re.sub(r"(?<=\d)\s?%", " percent", text)


# A word of four or more capitals after a short form, in a text not written all in
# capitals, shows a name ("EL PASO ISD"), not the short form; "HS GPA" and a rule
# pasted in capitals ("SPED STUDENTS MUST ...") keep their short forms.
_CAPITALS_AFTER = re.compile(r"\s+([A-Z]{4,})\b")


def _shouted(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _capital(m: re.Match) -> str:
    after = _CAPITALS_AFTER.match(m.string, m.end())
    if after and after.group(1).rstrip("S") not in _CAPITALS and not _shouted(m.string):
        return m.group(0)
    full = _CAPITALS[m.group(1)]
    return full + ("" if full.endswith("s") else m.group(2))  # "SWDs": no "ss"


def _everyday(m: re.Match) -> str:
    word = m.group(1)
    if word == "HR":
        return word  # human resources, not hours
    return _EVERYDAY[word.lower()]


def stems(text: str) -> set[str]:
    """The plain stems of a text (synonym-group tokens left out: they would count as
    overlap between unrelated texts), word families read as one stem, short forms
    spelled out."""
    return {_FAMILIES.get(s, s) for s in analyze(spelled_out(text))}


def _words(found: set[str]) -> set[str]:
    """Stems that are words: a figure ("1,050", "7-12") is a rule's particular, not its
    subject, and a listed item names the subject ("the minimum annual hours")."""
    return {s for s in found if not re.fullmatch(r"[\d.,:/\-]+", s)}


def figures(text: str) -> set[str]:
    """The figures of three digits or more in a text, commas dropped ("75,600" →
    "75600"): the particulars that identify one requirement ("the 1,062-hour year")."""
    return {
        f.replace(",", "") for f in re.findall(r"\d{1,3}(?:,\d{3})+|\d{3,}", text or "")
    }


def words_cover(rule_stems: set[str], item_stems: set[str]) -> bool:
    """True when most of the rule's words are in the item, or most of the item's in the
    rule; figures are left out of both."""
    rule_stems, item_stems = _words(rule_stems), _words(item_stems)
    if not rule_stems or not item_stems:
        return False
    shared = len(rule_stems & item_stems)
    return shared >= MIN_SHARED and (
        shared / len(rule_stems) >= SHARE or shared / len(item_stems) >= SHARE
    )


# Words so common in rules and mechanisms alike that sharing them says nothing.
GENERIC_STEMS = frozenset(
    stems(
        "school schools student students district districts state states must may "
        "shall year years teacher teachers education educational require required "
        "requirements board public program programs local rule rules law laws code "
        "section chapter each every all other more than through no not new use used "
        "under within without also any its their this that which who provide include "
        "follow meet need department agency commissioner approve approval so only "
        "least federal part apply receive receiving count toward full identify "
        "eligible one two three may can instruction instructional title titles fund "
        "funds"
    )
    # a state's name says where a rule and a mechanism apply, not what they are about
    | stems(" ".join(NAMES.values()))
    | {"s"}
)


def subject_stems(text: str) -> set[str]:
    """The stems of a text that say what it is about: everyday words ("school",
    "must"), state names and single letters left out."""
    return {w for w in stems(text) - GENERIC_STEMS if len(w) > 1}
