"""Pre-answer the rubric for a rule from data (knowledge.yaml, the catalog), with reasons."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from finder.audit.files import load_cached
from finder.audit.lawfacts import (
    GENERAL_KINDS,
    allowed_by_law,
    lifted_by_law,
    names_barred_part,
    non_waivable_by_law,
)
from finder.audit.model import LEGACY_LEVELS, SOURCE_LEVELS
from finder.audit.rubric import DEFAULT_DIR, Rubric, load_rubric
from finder.audit.words import spelled_out, stems, words_cover
from finder.catalog import Catalog
from finder.law.parse import find_citations
from finder.law.scope import LAW_LEVELS, STATE_LEVELS, RuleLaw, rule_law
from finder.shapes import DataFileError, OneOf, Req, check_file

# Answers the law gives, kept beside the rubric's own questions (not asked in the form).
LAW_ANSWERS = ("non_waivable", "lifted_by_law")
LOCAL_LEVELS = {"local_policy", "collective_bargaining", "vendor_contract"}


@dataclass(frozen=True)
class RuleInput:
    """What the suggester needs to know about a rule."""

    text: str
    source_level: str = "unknown"
    citation: str = ""
    state: str = ""


@dataclass
class Suggestion:
    answers: dict[str, bool | None] = field(default_factory=dict)
    reasons: dict[str, list[str]] = field(default_factory=dict)
    decision: str = "needs_review"
    decision_reason: str = ""

    def add(self, question: str, value: bool | None, reason: str) -> None:
        self.answers[question] = value
        self.reasons.setdefault(question, []).append(reason)

    def all_reasons(self) -> list[str]:
        return [r for rs in self.reasons.values() for r in rs] + [self.decision_reason]


def _joined(text: str) -> str:
    """Lower case, a hyphen between letters read as a space: "instructional-time
    minimums" says what "instructional time minimums" says."""
    return re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text.lower())


# The endings a short list word keeps ("taxes", "taxable", "taxation", "taxpayer",
# "buses", "bussing"); anything else makes another word ("business", "taxonomy").
_SHORT_ENDINGS = r"(?:es|s|ing|sing|ed|sed|ation|able|payers?)?(?![a-z0-9])"


def _pattern(words: list[str]) -> re.Pattern | None:
    """One pattern for a list's words, each matched from the start of a word ("immuniz"
    finds "immunization"); a word of three letters or fewer only as a whole word or
    with a common ending (``_SHORT_ENDINGS``: "bus", "buses", "bussing", but not
    "business"; "tax", "taxpayer", but not "taxonomy")."""
    if not words:
        return None
    alternatives = sorted(
        {re.escape(w) + _ending(w) for w in (_joined(str(w)) for w in words)},
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<![a-z0-9])(" + "|".join(alternatives) + ")")


def _ending(word: str) -> str:
    """What may follow a list word: a word of three letters or fewer, or a phrase
    ending in a single letter ("title i"), ends there ("title i" is not "title iv")."""
    if len(word.split()[-1]) == 1 and " " in word:
        return r"(?![a-z0-9])"
    return _SHORT_ENDINGS if len(word) <= 3 else ""


@dataclass(frozen=True)
class Signals:
    words: re.Pattern | None
    citations: re.Pattern | None
    # phrases in which a signal word means something else ("health science" is a CTE
    # subject, not student health; a district "testing window" is not the state test)
    unless: re.Pattern | None = None

    def find(self, text: str, citation: str) -> str | None:
        """The first signal found in the rule's text or citation, for the reason, as
        the rule writes it (the whole word: "restrained" for the list's "restrain");
        a word inside one of the ``unless`` phrases is not a signal."""
        words = _joined(f"{spelled_out(text)} {citation}")
        if self.unless is not None:
            words = self.unless.sub(" ", words)
        for pattern, value in (
            (self.words, words),
            (self.citations, citation.lower()),
        ):
            if pattern is not None:
                match = pattern.search(value)
                if match:
                    rest = re.match(r"\w*", value[match.end(1) :])
                    return match.group(1) + (rest.group(0) if rest else "")
        return None


@dataclass(frozen=True)
class BargainingLimit:
    """Subjects a state's law keeps out of teachers' bargaining agreements."""

    state: str
    law: str
    subjects: Signals
    # the state's law voids every agreement with a union of public employees (North
    # Carolina's G.S. 95-98): no clause binds, whatever its subject
    every_subject: bool = False


@dataclass(frozen=True)
class Knowledge:
    protects: dict[str, Signals]
    federal: Signals
    prescribes_how: Signals
    not_binding: Signals
    not_binding_levels: frozenset[str]
    outside_bargaining: tuple[BargainingLimit, ...] = ()

    def outside_contract(self, rule: RuleInput) -> tuple[BargainingLimit, str] | None:
        """(the state's limit, the subject) when a bargaining-agreement rule is about a
        subject its state's law does not let a teachers' contract settle."""
        for limit in self.outside_bargaining:
            if limit.state == rule.state.upper():
                if limit.every_subject:
                    return limit, ""
                subject = limit.subjects.find(rule.text, "")
                if subject:
                    return limit, subject
        return None


def _signals(block: dict | None) -> Signals:
    block = block or {}
    return Signals(
        _pattern(block.get("words", [])),
        _pattern(block.get("citations", [])),
        _pattern(block.get("unless", [])),
    )


def load_knowledge(folder: str | Path = DEFAULT_DIR) -> Knowledge:
    """The suggester's knowledge, parsed once per change of knowledge.yaml.

    :raises DataFileError: a problem in the file, or (when the folder holds the rubric
        too) a ``protects:`` name that is not a question of the rubric's protects group,
        or such a question without words.
    """
    knowledge = load_cached(Path(folder) / "knowledge.yaml", _build_knowledge)
    if (Path(folder) / "rubric.yaml").is_file():
        rubric = load_rubric(folder)
        # both are reused until their files change: check each pair once
        key = (id(knowledge), id(rubric))
        if key not in _AGREEING:
            problems = protects_problems(knowledge, rubric.protects)
            if problems:
                raise DataFileError(problems)
            _AGREEING[key] = (knowledge, rubric)  # kept alive, so the ids stay theirs
    return knowledge


_AGREEING: dict[tuple[int, int], tuple] = {}


def protects_problems(knowledge: Knowledge, questions: tuple[str, ...]) -> list[str]:
    """Where knowledge.yaml's ``protects:`` and the rubric's protects group disagree."""
    return [
        f"knowledge.yaml: protects.{name}: not a question of the rubric's protects "
        f"group ({', '.join(questions)})"
        for name in knowledge.protects
        if name not in questions
    ] + [
        f"knowledge.yaml: protects: no words for the rubric's question {name!r}"
        for name in questions
        if name not in knowledge.protects
        or (
            knowledge.protects[name].words is None
            and knowledge.protects[name].citations is None
        )
    ]


SIGNALS = {"words": [str], "citations": [str], "unless": [str]}
KNOWLEDGE = {
    "protects": Req({str: SIGNALS}),
    "federal": Req(SIGNALS),
    "prescribes_how": Req(SIGNALS),
    "not_binding": Req({**SIGNALS, "source_levels": [OneOf(SOURCE_LEVELS)]}),
    "outside_bargaining": [
        {
            "state": Req(str),
            "law": Req(str),
            "subjects": [str],
            "every_subject": bool,
            "unless": [str],
            "sources": Req([str]),
        }
    ],
}


def _build_knowledge(data) -> Knowledge:
    data = check_file("knowledge.yaml", data, KNOWLEDGE, coerce=True)
    return Knowledge(
        protects={k: _signals(v) for k, v in data["protects"].items()},
        federal=_signals(data["federal"]),
        prescribes_how=_signals(data["prescribes_how"]),
        not_binding=_signals(data["not_binding"]),
        not_binding_levels=frozenset(data["not_binding"].get("source_levels") or []),
        outside_bargaining=tuple(
            BargainingLimit(
                limit["state"].upper(),
                limit["law"],
                _signals(
                    {
                        "words": limit.get("subjects") or [],
                        "unless": limit.get("unless"),
                    }
                ),
                bool(limit.get("every_subject")),
            )
            for limit in data.get("outside_bargaining") or []
        ),
    )


def non_waivable_match(
    rule: RuleInput, catalog: Catalog | None, law: RuleLaw | None = None
) -> tuple[str, str] | None:
    """(item, mechanism title) when a waiver or innovation law of the rule's state lists
    the rule as never waivable by its words: weaker evidence than a citation, read
    for every item (a list's words are evidence that a rule is essential even where
    citations do not settle it), except an item that bars only part of its law when
    the rule's words are about the part it leaves outside
    (:meth:`~finder.law.scope.RuleLaw.outside`). As with citations
    (``non_waivable_by_law``), what a permit or calendar option cannot lift ("the
    minimum days of service still apply") is the limit of that option, not a sign
    that the rule is essential."""
    if catalog is None or not rule.state:
        return None
    rule_stems = stems(rule.text)  # the citation is read as law, not as words
    if not rule_stems:
        return None
    law = law or rule_law(rule.text, rule.citation, rule.source_level, rule.state)
    for entry in catalog.for_state(rule.state):
        if entry.kind not in GENERAL_KINDS:
            continue
        for provision in entry.cannot_waive:
            if law.outside(provision.outside, provision.part):
                continue
            if words_cover(rule_stems, stems(provision.text)) or names_barred_part(
                law, provision
            ):
                return provision.text, entry.title
    return None


# What names an agreement itself: in a citation ("DPS–DCTA Master Agreement, Art. 5",
# "Side Letter 3", "TA dated 8/2023") or, by a document's own name, in the rule's words
# ("the master agreement caps class size").
_AGREEMENT = re.compile(
    r"agreement|contract|compact|memorandum|side letter|handbook|\b(?:cba|mou|moa|ta)\b",
    re.IGNORECASE,
)
_AGREEMENT_NAMED = re.compile(
    r"master (?:agreement|contract)|(?:collective[- ]bargaining|negotiated|bargained) "
    r"agreement|side letter|memorandum of (?:understanding|agreement)",
    re.IGNORECASE,
)


def statute_for_contract(rule: RuleInput) -> str:
    """The statute a bargaining-agreement rule cites in place of any agreement ("Md.
    Code, Educ. § 6-408(b)" for "the board has to bargain over any topic"), or "": the
    rule then states what a bargaining law requires, and such laws mostly limit what a
    contract may settle, so the team should check the agreement and the statute.

    Only a statute the citation names by its code ("Md. Code, Educ.", "G.S."): a bare
    number ("Section 7.4", "12.3") is the agreement's own section, and a rule whose
    citation or words name the agreement ("Master Agreement, Art. 9") is its term."""
    citation = rule.citation or ""
    if not citation.strip() or _AGREEMENT.search(citation):
        return ""
    if _AGREEMENT_NAMED.search(rule.text or ""):
        return ""
    named = [
        c
        for c in find_citations(citation, rule.state, fallback=False)
        if c.body.level in LAW_LEVELS
    ]
    if not named or any(c.body.level != "state_statute" for c in named):
        return ""
    return named[0].label


def _add_binds(
    s: Suggestion,
    rule: RuleInput,
    level: str,
    knowledge: Knowledge,
    guarded: bool,
    statute_only: str = "",
) -> None:
    """Whether the rule binds the district at all, and why.

    A rule binds unless it is a habit; a bargaining-agreement clause on a subject the
    state's law keeps out of teachers' contracts; or a vendor contract's own terms,
    which the district chose when it bought the service and changes by amendment or at
    renewal (unless the term carries a protection the law requires: ``guarded``). A
    bargaining rule that cites only a statute (``statute_only``) is left open.
    """
    text, citation = rule.text or "", rule.citation or ""
    habit = knowledge.not_binding.find(text, "")
    outside = (
        knowledge.outside_contract(rule) if level == "collective_bargaining" else None
    )
    if level in knowledge.not_binding_levels:
        s.add(
            "binds",
            False,
            "Listed as a practice or habit: no law, rule, policy or contract was named.",
        )
    elif habit:
        s.add(
            "binds",
            False,
            f"The description (“{habit}”) suggests a habit or belief, not a written rule.",
        )
    elif outside:
        limit, subject = outside
        s.add(
            "binds",
            False,
            f"{limit.law} makes any agreement with a union of public employees void, "
            "so the clause cannot bind the district: the statute or the district's "
            "own decision governs it."
            if not subject
            else f"{limit.law} keeps “{subject}” out of what a teachers' contract may "
            "settle, so the clause cannot bind the district: the statute or the "
            "district's own decision governs it.",
        )
    elif statute_only:
        s.add(
            "binds",
            None,
            f"Listed as a bargaining agreement, but the citation is a statute "
            f"({statute_only}), not an agreement: bargaining laws mostly say what a "
            "contract may not settle. Check what the agreement itself says and what "
            "the statute allows before treating this as a rule.",
        )
    elif level == "vendor_contract" and not guarded:
        s.add(
            "binds",
            False,
            "A term the district agreed with its vendor, with no protection the law "
            "requires in it: no law or policy imposes it, and the contract changes "
            "by amendment or at renewal.",
        )
    elif level == "unknown" and not citation:
        s.add(
            "binds",
            None,
            "Nobody has said where this is written; check before treating it as a rule.",
        )
    else:
        s.add(
            "binds",
            True,
            f"Written in {SOURCE_LEVELS.get(level, level).lower()}"
            f"{f' ({citation})' if citation else ''}.",
        )


# The protects questions about students themselves (not about money, tests or open
# government): word evidence that a law lifts a rule never outweighs them.
STUDENT_PROTECTIONS = frozenset(
    {"civil_rights", "health_safety", "special_populations"}
)


def suggest(
    rule: RuleInput,
    catalog: Catalog | None = None,
    rubric: Rubric | None = None,
    knowledge: Knowledge | None = None,
) -> Suggestion:
    """Suggested answers and decision for one rule; every answer carries its reasons."""
    rubric = rubric or load_rubric()
    knowledge = knowledge or load_knowledge()
    s = Suggestion()
    text, citation, level = (
        rule.text or "",
        rule.citation or "",
        LEGACY_LEVELS.get(rule.source_level, rule.source_level) or "unknown",
    )

    # The law first: a non-waivable list that contains the rule's citation, or a
    # mechanism whose own text lifts it; the words of the lists after that.
    # A mechanism that names the rule's own section among what it lifts is the most
    # specific word the law has; a list that says "never" comes next; then a list's
    # words; then a waiver or innovation law whose own list of what it lifts names
    # the rule's subject ("teacher evaluation timelines"), before any word list.
    # Evidence that rests on words (a list's phrase, a district's reported use) never
    # outweighs a protection of students the rule's own words show: a reported
    # exemption from "class sizes" says nothing about a cap for students with
    # disabilities.
    law = rule_law(text, citation, level, rule.state)
    protected = {
        question: found
        for question in rubric.protects
        if knowledge.protects.get(question)
        and (found := knowledge.protects[question].find(text, citation))
    }
    lifted = lifted_by_law(law, citation, catalog)
    barred = None if lifted else non_waivable_by_law(law, catalog)
    listed = None if (barred or lifted) else non_waivable_match(rule, catalog, law)
    if not (lifted or barred or listed or protected.keys() & STUDENT_PROTECTIONS):
        lifted = allowed_by_law(law, text, catalog)
    _add_binds(
        s,
        rule,
        level,
        knowledge,
        bool(protected or barred or listed),
        statute_for_contract(rule)
        if level == "collective_bargaining" and not lifted
        else "",
    )

    if lifted:
        entry, why = lifted
        s.add("lifted_by_law", True, f"“{entry.title}” can lift it: {why}.")
    elif barred:
        entry, item, outer, inner = barred
        s.add(
            "non_waivable",
            True,
            f"“{entry.title}” can never lift {outer.label}, which contains "
            f"{inner.label} (its list: “{item}”).",
        )
    elif listed:
        item, title = listed
        s.add(
            "non_waivable",
            True,
            f"“{title}” lists “{item}” among what it can never waive.",
        )

    for question, found in protected.items():
        s.add(
            question, True, f"Mentions “{found}”, an interest this question protects."
        )
    any_protect = bool(protected)

    how = knowledge.prescribes_how.find(text, citation)
    if how:
        s.add("prescribes_how", True, f"Sets a means (“{how}”) rather than an outcome.")
    elif (
        level in {"local_policy", "collective_bargaining"}
        and not any_protect
        and not knowledge.federal.find("", citation)
    ):
        # A board policy or a bargained work rule sets how the district works, and the
        # parties who wrote it can change it; one that protects an interest says so,
        # and one whose citation names the federal law it carries out (a filtering
        # policy under the Children's Internet Protection Act) binds through that law.
        how = "local"
        s.add(
            "prescribes_how",
            True,
            "A board policy or bargained work rule sets how the district works, and "
            "those who adopted it can change it.",
        )
    if not any_protect:
        for question in rubric.protects:
            if how:
                s.add(
                    question,
                    False,
                    "Names a method, with no sign of this protected interest.",
                )
            else:
                s.add(
                    question,
                    None,
                    "Not sure: nothing in the rule's wording settles it.",
                )
    if not how and any_protect:
        s.add(
            "prescribes_how",
            False,
            "Its wording is about a protected interest, not a method.",
        )

    federal = knowledge.federal.find(text, citation)
    if level == "federal_law" or federal:
        s.add(
            "federal_required",
            True,
            "Listed as federal law."
            if level == "federal_law"
            else f"Mentions “{federal}”.",
        )
    elif level in STATE_LEVELS | LOCAL_LEVELS:
        s.add(
            "federal_required",
            False,
            "The team listed it as a state or local requirement.",
        )
    else:
        s.add("federal_required", None, "Not sure whether federal law requires it.")

    if any_protect:
        s.add(
            "other_safeguard",
            False,
            "No other safeguard for this interest is known to the suggester; say so if one exists.",
        )
    s.decision, s.decision_reason = rubric.decide(s.answers)
    return s


def classify(rule: RuleInput, catalog: Catalog | None = None) -> dict:
    """The CLI's shape: {suggestion, reasons}."""
    s = suggest(rule, catalog)
    return {"suggestion": s.decision, "reasons": s.all_reasons()}
