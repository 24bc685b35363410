"""What a mechanism can lift and what it never can, read as law.

A mechanism's scope is its ``waives`` list (levels such as ``state_statute`` or bodies of
law such as ``Tex. Educ. Code``), or by default its own jurisdiction's statutes and rules.
Its cannot-waive items carry citations (given, or read from their words in the
mechanism's own body of law). A rule is a jurisdiction, a source level and, where known,
citations; these functions say whether the scope covers it and which item bars it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from finder.law.model import Citation
from finder.law.parse import find_citations, load_law, parse_citation

# What a mechanism may say it lifts (``waives``), besides citations of bodies of law.
# Each is scoped to the mechanism's own jurisdiction (federal for US entries).
WAIVE_LEVELS = {
    "state_statute": "This state's statutes",
    "state_rule": "This state's administrative rules",
    "local_policy": "Local board policy",
    "collective_bargaining": "Collective-bargaining agreements",
    "federal_statute": "Federal statutes",
    "federal_regulation": "Federal regulations",
}
STATE_LEVELS = {"state_statute", "state_rule"}
LAW_LEVELS = {"state_statute", "state_rule", "federal_statute", "federal_regulation"}
FEDERAL_LEVELS = {"federal_statute", "federal_regulation"}
# A rule's source level (audit vocabulary) → the scope keywords that reach it.
REACHED_BY = {
    "state_statute": {"state_statute"},
    "state_rule": {"state_rule"},
    "federal_law": FEDERAL_LEVELS,
    "local_policy": {"local_policy"},
    "contract": {"collective_bargaining"},
    "collective_bargaining": {"collective_bargaining"},
    "vendor_contract": set(),
}


@dataclass(frozen=True)
class RuleLaw:
    """A rule as the law sees it: where it comes from, its level and its citations."""

    jurisdiction: str  # "TX", "US" or "" when unknown
    level: str  # audit source level; "unknown" when not known
    citations: tuple[Citation, ...] = ()
    # the citation as the team typed it when none of it could be read as law
    unread: str = ""
    # the rule's own words, for a limit that bars only part of a section
    text: str = ""
    # the state of the team whose rule it is ("TN"), "" when not known
    home: str = ""

    def lifting_places(self) -> list[str]:
        """The jurisdictions whose mechanisms may lift the rule: the federal ones for
        federal law, its state's for state law; none when the law is another state's
        than the team's (no mechanism of one state reaches another's law, and another
        state's mechanisms are not the district's to use)."""
        if self.is_federal:
            return ["US"]
        if not self.jurisdiction or (self.home and self.jurisdiction != self.home):
            return []
        return [self.jurisdiction]

    def outside(self, outside: tuple[str, ...], part: tuple[str, ...]) -> bool:
        """Whether the rule's words leave it outside a bar that covers only part of
        its provisions: they say one of ``outside`` (what the bar leaves out) and none
        of ``part`` (what it bars). A rule that says neither stays barred (a wrong
        "usable" is worse than a wrong "cannot be used")."""
        return bool(outside) and self.says(outside) and not self.says(part)

    def says(self, words: tuple[str, ...]) -> bool:
        """True when the rule's words hold one of ``words``, each as whole words with
        a common ending, case-insensitive: "maximum" in "Maximum class sizes", "cap"
        in "capped at 25", but not "cap" in "capacity" nor "max" in "maximize"."""
        return any(
            re.search(
                rf"(?<!\w){re.escape(w.strip())}(?:s|es|d|ed|ped|ing|ping)?(?!\w)",
                self.text,
                re.IGNORECASE,
            )
            for w in words
            if w.strip()
        )

    @property
    def is_federal(self) -> bool:
        return self.level == "federal_law"


def home_body(state: str):
    """The body that bare section numbers in a state's rules belong to: its first statute
    body in ``bodies.yaml`` (the education code where the state has one), or None."""
    return next(
        (
            b
            for b in load_law().bodies
            if b.jurisdiction == state and b.level == "state_statute"
        ),
        None,
    )


_NAMES_A_LAW = re.compile(
    r"\b(?:code|law|laws|act|stat(?:ute)?s?|regs?|regulations?|rules?|c\.?f\.?r|"
    r"u\.?s\.?c)\b\.?\s*(?:§|sec|\d)",
    re.IGNORECASE,
)


def rule_law(text: str, citation: str, level: str, state: str) -> RuleLaw:
    """Read a rule's citations (its citation field first, then its words) and, where the
    team has not said, its level and jurisdiction from the first citation."""
    state = (state or "").upper()
    home = home_body(state)
    bare = citation.strip()
    found = [c for c in find_citations(bare, state) if c.body.level in LAW_LEVELS]
    if not found and bare and re.fullmatch(r"\d[\w.\-:()]*", bare):
        # "25.0811" typed alone in a Texas audit is a section of its home code; a
        # compact citation with its own name ("8VAC20-132") was read just above
        found = find_citations("§ " + bare, state, home)
    # a section after the name of a law the parser does not know ("Civil Service Law
    # § 204", "Tex. Gov't Code § 617.002") is that law's, not the home code's
    names_other = _NAMES_A_LAW.search(bare)
    typed = found or ([] if names_other else find_citations(bare, state, home))
    # The rule's words are read for its law only when nothing was typed, and then only
    # for the law of its own state or federal law: in a West Virginia rule, "federal
    # education law" is prose, not New York's Education Law.
    worded = [] if typed else find_citations(text, state)
    if state and not typed:
        worded = [c for c in worded if c.body.is_federal or c.jurisdiction == state]
    cites = tuple(
        c
        for c in (typed or worded)
        if c.body.level in LAW_LEVELS  # not bills, not CiteURL-only finds
    )
    level = level or "unknown"
    jurisdiction = state
    if cites:
        first = cites[0]
        if level == "unknown":
            level = "federal_law" if first.body.is_federal else first.body.level
        if first.body.is_federal:
            jurisdiction = "US" if level == "federal_law" else jurisdiction
        elif first.jurisdiction:
            jurisdiction = first.jurisdiction
    elif level == "federal_law":
        jurisdiction = "US"
    return RuleLaw(
        jurisdiction,
        level,
        cites,
        "" if cites else citation.strip(),
        text or "",
        state,
    )


@dataclass(frozen=True)
class Scope:
    """The bodies of law a mechanism can lift."""

    jurisdiction: str
    levels: frozenset[str]
    bodies: tuple[Citation, ...]

    @property
    def empty(self) -> bool:
        return not self.levels and not self.bodies

    def describe(self) -> str:
        parts = [WAIVE_LEVELS.get(level, level) for level in sorted(self.levels)]
        parts += [c.label for c in self.bodies]
        return ", ".join(parts) or "no rule"


def scope_of(jurisdiction: str, waives: tuple[str, ...] | None) -> Scope:
    """A mechanism's scope from its ``waives`` (None: its jurisdiction's own law)."""
    if waives is None:
        levels = FEDERAL_LEVELS if jurisdiction == "US" else STATE_LEVELS
        return Scope(jurisdiction, frozenset(levels), ())
    levels: set[str] = set()
    bodies: list[Citation] = []
    for item in waives:
        if item in WAIVE_LEVELS:
            levels.add(item)
        else:
            cit = parse_citation(item, jurisdiction)
            if cit is not None:
                bodies.append(cit)
    return Scope(jurisdiction, frozenset(levels), tuple(bodies))


def covers(scope: Scope, rule: RuleLaw) -> tuple[bool, str]:
    """Whether the scope reaches the rule, and why (or why not), in a sentence."""
    if scope.empty:
        return False, "It lifts no rule by itself."
    needed = REACHED_BY.get(rule.level)
    if rule.is_federal or (rule.citations and rule.citations[0].body.is_federal):
        federal_bodies = [b for b in scope.bodies if b.body.is_federal]
        if any(b.contains(c) for b in federal_bodies for c in rule.citations):
            return True, "Its law lets it lift this federal provision."
        if scope.levels & FEDERAL_LEVELS:
            return True, "It can lift federal requirements."
        return False, "A federal requirement can be lifted only by a federal mechanism."
    if rule.level in {"local_policy", "contract", "collective_bargaining"}:
        if scope.levels & needed:
            return (
                True,
                "Its law lets it reach local policy or the bargaining agreement.",
            )
        return False, "It does not reach local policy or contracts."
    if rule.level == "vendor_contract":
        return False, "A vendor contract changes by amendment with the vendor."
    # a state rule, or one of unknown level: it must be this jurisdiction's law
    if scope.jurisdiction not in {rule.jurisdiction, "US"} and rule.jurisdiction:
        return False, f"It is {scope.jurisdiction} law; the rule is not."
    state_levels = scope.levels & STATE_LEVELS
    state_bodies = [b for b in scope.bodies if not b.body.is_federal]
    if scope.jurisdiction == "US" or not (state_levels or state_bodies):
        return False, "It lifts only federal requirements; this is a state requirement."
    if rule.citations:
        cit = rule.citations[0]
        if any(b.contains(cit) for b in state_bodies):
            return True, f"Its law reaches {cit.label}."
        if cit.level in state_levels:
            return True, "It can lift this state's " + (
                "statutes." if cit.level == "state_statute" else "rules."
            )
        names = ", ".join(b.label for b in state_bodies) or scope.describe()
        return False, f"It lifts only {names}; {cit.label} is outside it."
    if needed and needed & state_levels:
        return True, "It can lift this state's " + (
            "statutes." if rule.level == "state_statute" else "rules."
        )
    if rule.unread and state_bodies:
        # the team named where the rule is written, and it is not a body the
        # mechanism reaches as far as can be read: it is not shown to reach it
        names = ", ".join(b.label for b in state_bodies)
        return (
            False,
            f"It lifts only {names}; “{rule.unread}” is not shown to be in it.",
        )
    if rule.level == "unknown":
        return (
            True,
            "Assumed a state requirement: say the rule's source level to be sure.",
        )
    if state_bodies:
        return True, "Its law reaches " + ", ".join(b.label for b in state_bodies) + "."
    return False, "It does not reach this kind of requirement."


def barring_citations(
    provision_citations: tuple[str, ...],
    text: str,
    jurisdiction: str,
    own: str,
    read_words: bool = True,
) -> tuple[Citation, ...]:
    """The citations of one cannot-waive item: the ones it gives, else (``read_words``)
    those its words name, bare forms ("§ 28.002", "Ch. 34") read in the mechanism's own
    body ``own``. A whole code named in passing ("ESEA recipients") bars nothing."""
    if provision_citations:
        found = [parse_citation(c, jurisdiction) for c in provision_citations]
        return tuple(c for c in found if c is not None)
    if not read_words:
        return ()
    default = parse_citation(own, jurisdiction)
    return tuple(
        c
        for c in find_citations(text, jurisdiction, default.body if default else None)
        if c.body.level in LAW_LEVELS and c.unit not in {"code", "title"}
    )


class Bar(NamedTuple):
    """One cannot-waive item as the law reads it: its words, the citations it bars,
    and, when it bars only part of them, the words naming what it leaves outside
    (``outside``) and what it bars (``part``)."""

    text: str
    citations: tuple[Citation, ...]
    outside: tuple[str, ...] = ()
    part: tuple[str, ...] = ()


def barred(rule: RuleLaw, items: list[Bar]) -> tuple[str, Citation, Citation] | None:
    """(item, its citation, the rule's citation) for the first item whose law contains
    one of the rule's citations and does not leave the rule outside (see
    :meth:`RuleLaw.outside`), or None."""
    for bar in items:
        if rule.outside(bar.outside, bar.part):
            continue
        for outer in bar.citations:
            for inner in rule.citations:
                if outer.contains(inner):
                    return bar.text, outer, inner
    return None
