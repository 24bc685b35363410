"""What the catalog's law says about a rule: the non-waivable lists that name it and the
mechanisms whose own text lifts it. Shared by the suggester and matching."""

from __future__ import annotations

import functools
import re

from finder.audit.words import figures, stems, subject_stems, words_cover
from finder.catalog import Catalog, Entry
from finder.law import Citation, parse_citation
from finder.law.scope import (
    Bar,
    RuleLaw,
    Scope,
    barred,
    barring_citations,
    covers,
    scope_of,
)
from finder.search.analysis import citation_terms

# Mechanisms that lift whatever their scope reaches (a waiver law, an innovation plan);
# the others lift only the subject they are about (a permit, a calendar option).
GENERAL_KINDS = {"waiver_authority", "innovation_schools", "innovation_district"}


def section_terms(citation: str) -> list[str]:
    """Section numbers in a citation as typed ("25.0811", "22-32-109"); bare title or
    chapter numbers ("511" of 511 IAC) are not sections."""
    return [
        t
        for t in citation_terms(citation)
        if any(ch.isdigit() for ch in t)
        and len(t) >= 3
        and any(sep in t for sep in ".-:/")
    ]


@functools.lru_cache(maxsize=4096)
def inside_own_law(entry: Entry) -> frozenset[str]:
    """The cannot-waive items (by text) that cite only the section granting the
    flexibility — the entry's first citation, when it is a section: they mark the
    limits written inside that grant ("the minimum hours still apply", under the very
    section that lets a board set its calendar), not another law the mechanism can
    never lift. Such an item bars a rule by what the rule says, not by the shared
    citation; otherwise the section would bar every rule made under the flexibility it
    grants. (Items citing the entry's other sections, such as a posting duty in a
    neighbouring section, still bar by citation.)"""
    grant = next(
        (c for c in (parse_citation(x, entry.state) for x in entry.citations) if c),
        None,
    )
    if grant is None or grant.unit not in {"section", "subsection"}:
        return frozenset()
    inside = set()
    for item in entry.cannot_waive:
        cites = [parse_citation(c, entry.state) for c in item.citations]
        if cites and all(c and grant.contains(c) for c in cites):
            inside.add(item.text)
    return frozenset(inside)


@functools.lru_cache(maxsize=4096)
def entry_law(
    entry: Entry,
) -> tuple[Scope, tuple[Bar, ...]]:
    """A mechanism's scope and its cannot-waive items as the law reads them, cached."""
    own = next(
        (c for c in entry.citations if parse_citation(c, entry.state) is not None),
        "",
    )
    # Once an entry gives citations, its items without any are read by their words
    # only (a guess from their text would overreach: "listed subchapters of Ch. 21").
    structured = any(item.citations for item in entry.cannot_waive)
    inside = inside_own_law(entry)
    items = tuple(
        Bar(
            item.text,
            ()
            if item.text in inside
            else barring_citations(
                item.citations, item.text, entry.state, own, not structured
            ),
            item.outside,
            item.part,
        )
        for item in entry.cannot_waive
    )
    return scope_of(entry.state, entry.waives), items


def federal_only(item: str) -> bool:
    """Whether a cannot-waive item is about federal law alone: it says "federal" and
    names no state or local law beside it ("Federal, state and local health and
    safety" reaches the state's own law)."""
    return bool(
        re.search(r"\bfederal\b", item, re.IGNORECASE)
        and not re.search(r"\b(?:state|local)\b", item, re.IGNORECASE)
    )


def names_barred_part(law: RuleLaw, item) -> bool:
    """Whether a rule typed without a citation names the part a cannot-waive item bars:
    it says one of the item's ``part`` words ("cap", "exceed", "no class") and shares a
    word of the item's subject besides them ("class"). A cited rule is read by its
    citation instead. (A shared subject word keeps "the maximum bus ride" out of a
    class-size bar.)"""
    if law.citations or not item.part or not law.says(item.part):
        return False
    # the one-word part words ("maximum") are not the subject; "no class" holds it
    part = subject_stems(" ".join(w for w in item.part if len(w.split()) == 1))
    return bool((subject_stems(law.text) - part) & (subject_stems(item.text) - part))


def blocked_by_words(text: str, law: RuleLaw, entry: Entry) -> str:
    """The cannot-waive item whose words cover the rule's, if any (the weaker evidence).

    Words decide only where citations cannot: items that carry no citation (for a cited
    rule) and, for an uncited rule, every item; and the limits written inside the
    section that grants the flexibility, which bar by what the rule says. Such a limit
    also bars a rule cited within its section that names its very figure ("the minimum
    annual minutes of operation (75,600)" and "operate at least 75,600 minutes").

    An item that bars only part of its law (``outside``) does not bar a rule whose
    words say it is about the part left outside.

    An item about federal law alone ("requirements of federal law, such as the
    certification of special education teachers") bars only federal requirements: its
    words must not bar a state certification statute. One that names state law too
    ("federal and state student assessment and accountability") bars state rules.
    """
    inside = inside_own_law(entry)
    rule_stems, rule_figures = stems(text), figures(text)
    for item in entry.cannot_waive:
        if law.citations and item.citations and item.text not in inside:
            continue
        if not law.is_federal and federal_only(item.text):
            continue
        if law.outside(item.outside, item.part):
            continue  # the item bars only part of its law, and not this part
        if words_cover(rule_stems, stems(item.text)) or names_barred_part(law, item):
            return item.text
        if item.text in inside and rule_figures & figures(item.text):
            cited = [parse_citation(c, entry.state) for c in item.citations]
            if any(c and c.contains(r) for c in cited for r in law.citations):
                return item.text
    return ""


def non_waivable_by_law(
    law: RuleLaw, catalog: Catalog | None
) -> tuple[Entry, str, Citation, Citation] | None:
    """(mechanism, item, its citation, the rule's citation) for the first general waiver
    or innovation law of the rule's jurisdiction whose cannot-waive list contains the
    rule's citation, or None. (A permit or calendar option that cannot lift a rule says
    nothing about whether the rule is essential, nor does another state's list about
    a rule a team cites from that state's law.)"""
    if catalog is None or not law.citations:
        return None
    for code in law.lifting_places() + ([] if law.is_federal else ["US"]):
        for entry in catalog.for_state(code):
            if entry.status != "active" or entry.kind not in GENERAL_KINDS:
                continue
            scope, items = entry_law(entry)
            if not covers(scope, law)[0]:
                continue
            bar = barred(law, list(items))
            if bar:
                return entry, *bar
    return None


def within_own_law(law: RuleLaw, entry: Entry) -> bool:
    """Whether every one of the rule's citations lies strictly within one of the
    mechanism's own citations (the hearing Wis. Stat. § 118.38(1)(b) requires before a
    waiver is asked for): such a rule is a condition of the mechanism, which cannot
    lift it. A rule citing the very section a mechanism also cites (§ 25.112, beside
    the exception in § 25.112(d)) is not within it."""
    own = [c for c in (parse_citation(t, entry.state) for t in entry.citations) if c]
    return bool(law.citations and own) and all(
        any(o.contains(r) and not r.contains(o) for o in own) for r in law.citations
    )


@functools.lru_cache(maxsize=4096)
def _lifting_text(entry: Entry) -> str:
    """The sentences of an entry's summary, ``allows`` and example notes that say what it
    lifts, lower-cased: not those naming a limit ("the start date is excluded from the
    general § 118.38 waiver authority" names a section as a limit)."""
    return " ".join(
        sentence
        for text in [entry.summary, *entry.allows, *(e.note for e in entry.examples)]
        for sentence in re.split(r"(?<=[.;])\s+", text)
        if not _LIMIT.search(sentence) and not _EXCLUDED.search(sentence)
    ).lower()


def lifted_by_law(
    law: RuleLaw, citation: str, catalog: Catalog | None
) -> tuple[Entry, str] | None:
    """(mechanism, why) for a mechanism of the rule's jurisdiction that can lawfully lift
    it and whose own text names the rule's section, or whose law is an exception
    written inside the rule's section. Lawfully: its scope reaches the rule, and its
    cannot-waive list names the rule neither by citation nor, where citations cannot
    decide, by words (as matching reads the list); and the rule is not a condition
    written in the mechanism's own law (:func:`within_own_law`)."""
    if catalog is None or not (law.citations or citation):
        return None
    sections = section_terms(citation)
    for code in law.lifting_places():
        for entry in catalog.for_state(code):
            if entry.status != "active":
                continue
            scope, items = entry_law(entry)
            if (
                not covers(scope, law)[0]
                or barred(law, list(items))
                or blocked_by_words(law.text, law, entry)
                or within_own_law(law, entry)
            ):
                continue
            said = _lifting_text(entry)
            named = next((t for t in sections if t in said), None)
            if named:
                return entry, f"its own text names {named} among what it lifts"
            for text in entry.citations:
                own = parse_citation(text, entry.state)
                if own is None or not own.path:
                    continue
                for rule_cit in law.citations:
                    # a whole code, title or chapter ("C.R.S. title 22", "ch. 25")
                    # holds every exception written in it, which says nothing about
                    # the rule: only an exception within the rule's own section does
                    if rule_cit.unit not in {"section", "subsection"}:
                        continue
                    if rule_cit.contains(own) and not own.contains(rule_cit):
                        return entry, (
                            f"its law ({own.label}) is an exception within "
                            f"{rule_cit.label}"
                        )
    return None


# Where an ``allows`` phrase turns to what still binds ("while still offering the
# minimum hours", "but not of § 28.002", "a plan cannot exempt ..."): the words after
# it name a limit, not something lifted.
_LIMIT = re.compile(
    r"\b(?:not|cannot|never|still|except|unless|other than|no longer)\b", re.IGNORECASE
)
_EXCLUDED = re.compile(r"\b(?:exclud|outside|beyond)", re.IGNORECASE)


def _phrases(items, split: str) -> tuple[str, ...]:
    """Items cut at ``split``, each piece cut where it turns to a limit, without a
    bracket the cut left unpaired ("school days (for snow days" → "school days for
    snow days") or the punctuation at its ends."""
    phrases = (
        _tidy(
            re.sub(
                r"^(?:and|or|but)\b\s*", "", _LIMIT.split(phrase, maxsplit=1)[0].strip()
            )
        )
        for item in items
        for phrase in re.split(split, item)
    )
    return tuple(p for p in phrases if p)


def _tidy(phrase: str) -> str:
    if phrase.count("(") != phrase.count(")"):
        phrase = phrase.replace("(", " ").replace(")", " ")
    return " ".join(phrase.split()).strip(" .,;:")


def allowed_phrases(entry: Entry) -> tuple[str, ...]:
    """What an entry says it lifts, one phrase at a time: its ``allows`` items split at
    semicolons and at commas between words (a list of waivers granted: "average class
    size for CTE classes, teacher evaluation timelines, ..."), not inside numbers, and
    cut where a phrase turns to a limit."""
    return _phrases(entry.allows, r";|,(?=\s)(?<!\d,)")


# A note that reports something lifted ("waived", "exemptions from", "in place of")
# rather than an approval, a date or a condition the district kept.
_LIFTED = re.compile(
    r"\b(?:waiv\w*|exempt\w*|in place of|instead of|replac\w*)\b", re.IGNORECASE
)
# A phrase that states a duty ("must certify after one year") is what still binds.
_DUTY = re.compile(r"\b(?:must|shall|required|requires)\b", re.IGNORECASE)


def used_phrases(entry: Entry) -> tuple[tuple[str, str], ...]:
    """(district, phrase) for what the entry's documented districts used it for: each
    note that reports something waived, exempted or replaced, cut like ``allows`` and
    also at "and", "including" and colons ("exemptions including the 330-minute day
    and the 95 percent endorsement requirement" → three phrases); phrases that state a
    duty are left out."""
    return tuple(
        (example.name, phrase)
        for example in entry.examples
        if _LIFTED.search(example.note or "")
        for phrase in _phrases(
            [example.note], r";|:|,(?=\s)(?<!\d,)|\b(?:and|including|such as)\b"
        )
        if not _DUTY.search(phrase)
    )


def allowed_phrase(entry: Entry, rule_subject: set[str]) -> str:
    """The phrase of a waiver or innovation law's ``allows`` whose subject words cover
    the rule's, or "". Only those kinds: their lists say what they lift, where a
    permit's or a calendar option's describe the option, often in the very words of
    the requirement it keeps ("plan the year to the minimum hours")."""
    if entry.kind not in GENERAL_KINDS:
        return ""
    for phrase in allowed_phrases(entry):
        if words_cover(rule_subject, subject_stems(phrase)):
            return phrase
    return ""


def allowed_by_law(
    law: RuleLaw, text: str, catalog: Catalog | None
) -> tuple[Entry, str] | None:
    """(mechanism, why) for a waiver or innovation law of the rule's jurisdiction that
    can lawfully lift it (its scope reaches it and no cited item of its cannot-waive
    list contains it) and whose ``allows`` names the rule's subject, or else one a
    documented district used for it: weaker than a named section, as it rests on
    words; ``why`` quotes the phrase."""
    rule_subject = subject_stems(text)
    if catalog is None or not rule_subject:
        return None
    laws = [
        entry
        for code in law.lifting_places()
        for entry in catalog.for_state(code)
        if entry.status == "active" and entry.kind in GENERAL_KINDS
    ]

    def can_lift(entry: Entry) -> bool:
        scope, items = entry_law(entry)
        return covers(scope, law)[0] and not barred(law, list(items))

    # the words first (cheap), the law only for an entry whose words name the subject
    for entry in laws:
        phrase = allowed_phrase(entry, rule_subject)
        if phrase and can_lift(entry):
            return entry, f"its own list of what it lifts names “{phrase}”"
    for entry in laws:
        used = used_phrase(entry, rule_subject)
        if used and can_lift(entry):
            return entry, f"{used[0]} used it for “{used[1]}”"
    return None


def used_phrase(entry: Entry, rule_subject: set[str]) -> tuple[str, str] | None:
    """(district, phrase) for a documented use of a waiver or innovation law whose
    subject words cover the rule's, or None (see :func:`used_phrases`)."""
    if entry.kind not in GENERAL_KINDS:
        return None
    for district, phrase in used_phrases(entry):
        if words_cover(rule_subject, subject_stems(phrase)):
            return district, phrase
    return None


# An eligibility sentence that opens with the students who may take part and sets a
# condition on them: the mechanism serves a group, not every student of a district.
_STUDENT_GROUP = re.compile(
    r"(?:^|[.;]\s+)(?:students|pupils)\b(?!\s+with\b)[^.;]*?\b(?:must meet|"
    r"may (?:take part|participate|enroll) (?:only )?if|identified|likely to|"
    r"in danger|at[- ]risk|who (?:did|do|are|have|were|would))",
    re.IGNORECASE,
)


def student_group(entry: Entry) -> str:
    """The part of an entry's eligibility that limits it to a group of students
    ("Students must meet at least one criterion ...: students in danger of dropping
    out ..."), or "" when any student of an eligible district may take part."""
    found = _STUDENT_GROUP.search(entry.eligibility or "")
    if not found:
        return ""
    return entry.eligibility[found.start() :].lstrip(".; ")


# A degree an entry's eligibility requires of the person it lets a district hire, with
# no other way in (an associate's degree and hours, "or significant experience") and
# not only for one of its permits ("for an academic permit ...").
_NEEDS_DEGREE = re.compile(
    r"\b(?:must hold|holds?|holding|with|having|has|have|possess(?:es)?)\s+"
    r"(?:at least\s+)?an?\s+(?:bachelor'?s|baccalaureate|college|four-year)\s+degree",
    re.IGNORECASE,
)
_OTHER_WAY_IN = re.compile(
    r"associate|\bor\s+(?:show|have|has|hold|an?\b|\d|equivalent|experience|work)",
    re.IGNORECASE,
)
_ONE_PERMIT = re.compile(r"\bfor an?\s+[\w-]+\s+(?:permit|license|certificate)\b", re.I)
# A rule's own words about a person with no degree.
_WITHOUT_DEGREE = re.compile(
    r"\b(?:without|lacks?|lacking|has no|have no|no|does not (?:hold|have)|"
    r"doesn't (?:hold|have)|never earned)\s+(?:an?\s+)?(?:(?:college|bachelor'?s|"
    r"baccalaureate|four-year|university)\s+)?degree|\bnon-?degreed\b",
    re.IGNORECASE,
)


def needs_degree(entry: Entry) -> str:
    """The words of an entry's eligibility that require a degree of everyone it
    serves, or ""."""
    for sentence in re.split(r"(?<=[.;])\s+", entry.eligibility or ""):
        found = _NEEDS_DEGREE.search(sentence)
        if (
            found
            and not _OTHER_WAY_IN.search(sentence[found.end() :])
            and not _ONE_PERMIT.search(sentence[: found.start()])
        ):
            return found.group(0)
    return ""


def eligibility_conflict(entry: Entry, text: str) -> str:
    """Why the rule's own words put it outside the entry's eligibility, or "": a rule
    about hiring someone without a degree cannot be met by a route for graduates."""
    if _WITHOUT_DEGREE.search(text or ""):
        degree = needs_degree(entry)
        if degree:
            return (
                f"its eligibility requires a degree (“{degree}”), which the rule "
                "says the person lacks"
            )
    return ""


# A date that limits which laws a mechanism reaches ("mandates enacted, or rules
# adopted, after August 20, 2010"): a fact about the rule an audit does not record.
_DATED_REACH = re.compile(
    r"\b(?:enacted|adopted)\b[^.;]*\b(?:after|before|prior to|since)\b[^.;]*"
    r"\b(?:1[89]|20)\d\d\b",
    re.IGNORECASE,
)


def reach_shown(entry: Entry, law: RuleLaw) -> bool:
    """Whether a waiver law's own terms show that it reaches this rule, rather than
    leaving it to be assumed: its scope names whole levels of law (every state rule)
    or a body that contains the rule's citation, and its reach does not turn on when
    the rule was enacted. A waiver of named sections only (a 180-day waiver, a
    learning-time waiver) is not shown to reach an uncited rule; one limited to
    mandates enacted after a date is not shown to reach any."""
    texts = [entry.eligibility or "", *(item.text for item in entry.cannot_waive)]
    if any(_DATED_REACH.search(t) for t in texts):
        return False
    scope, _ = entry_law(entry)
    if scope.levels - {"local_policy", "collective_bargaining"}:
        return True
    return any(b.contains(c) for b in scope.bodies for c in law.citations)
