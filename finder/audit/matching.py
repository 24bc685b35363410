"""Match an unnecessary control to the mechanisms that can lift it, with the reasons why."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from finder.audit.lawfacts import (
    GENERAL_KINDS,
    allowed_phrase,
    blocked_by_words,
    eligibility_conflict,
    entry_law,
    reach_shown,
    section_terms,
    student_group,
    used_phrase,
)
from finder.audit.model import LEGACY_LEVELS
from finder.audit.suggester import RuleInput
from finder.audit.words import stems, subject_stems
from finder.catalog import Catalog, Entry
from finder.law import parse_citation
from finder.law.scope import RuleLaw, barred, covers, rule_law

BARRED_SHOWN = 4  # mechanisms listed as "cannot be used" after the usable ones

# Kinds that can lift a rule at all (guides explain; they do not grant).
LIFTING_KINDS = {
    "waiver_authority",
    "innovation_schools",
    "innovation_district",
    "pilot_program",
    "grant_program",
    "seat_time_competency",
    "calendar_time",
    "staffing_certification",
    "assessment",
    "other",
}


@dataclass(frozen=True)
class LocalMechanism:
    """A way to lift a rule that is not a catalog entry: board action, negotiation, stopping a habit."""

    id: str
    title: str
    summary: str


BOARD_ACTION = LocalMechanism(
    "local-board-action",
    "Local board action",
    "The school board amends, suspends or waives its own policy by vote at a public meeting.",
)
VENDOR_AMENDMENT = LocalMechanism(
    "local-vendor-amendment",
    "Amend the contract with the vendor",
    "A vendor or service contract changes by amendment agreed with the vendor (or at "
    "renewal or rebid); no waiver law is needed.",
)
NEGOTIATION = LocalMechanism(
    "local-negotiation",
    "Negotiate with the bargaining unit",
    "Change the contract clause by agreement (a memorandum of understanding or at renegotiation).",
)
STOP_PRACTICE = LocalMechanism(
    "local-stop-practice",
    "Change the practice",
    "No rule requires it: leadership can change the practice and tell staff in writing.",
)


# The ways to lift a rule that are not catalog entries, by id.
LOCAL_ROUTES = {
    m.id: m for m in (BOARD_ACTION, NEGOTIATION, VENDOR_AMENDMENT, STOP_PRACTICE)
}


@dataclass
class Match:
    mechanism: Entry | LocalMechanism
    score: float
    reasons: list[str] = field(default_factory=list)
    usable: bool = True
    blocked_by: str = ""  # the cannot-waive item (or scope rule) that bars it
    law: str = ""  # the citation behind a "cannot be used" verdict

    @property
    def id(self) -> str:
        return self.mechanism.id


def _blocked(rule: RuleInput, law: RuleLaw, entry: Entry) -> str:
    """The cannot-waive item whose words cover the rule's, if any (the weaker evidence;
    see :func:`blocked_by_words`)."""
    return blocked_by_words(rule.text, law, entry)


def _words_for(rule: RuleInput, wanted: set[str]) -> list[str]:
    """The rule's own words behind a set of stems ("days" rather than "dai")."""
    words: list[str] = []
    for word in re.findall(r"[A-Za-z0-9][\w.\-]*", f"{rule.text} {rule.citation}"):
        if stems(word) & wanted and word.lower() not in words:
            words.append(word.lower())
    return words or sorted(wanted)


def _local_routes(level: str) -> list[Match]:
    if level == "practice":
        return [
            Match(
                STOP_PRACTICE, 10.0, ["Recorded as a practice: no mechanism is needed."]
            )
        ]
    if level == "local_policy":
        return [
            Match(
                BOARD_ACTION,
                20.0,
                ["A local policy is lifted by the board that adopted it."],
            )
        ]
    if level == "collective_bargaining":
        return [
            Match(
                NEGOTIATION,
                20.0,
                ["A bargaining-agreement clause changes by agreement with the union."],
            )
        ]
    if level == "vendor_contract":
        return [
            Match(
                VENDOR_AMENDMENT,
                20.0,
                ["A vendor contract changes by amendment with the vendor."],
            )
        ]
    return []


def _relevance(rule: RuleInput, law: RuleLaw, policy_area: str, entry: Entry):
    """(score, reasons, shared stems, fit) for how well a mechanism's subject fits.

    ``fit`` is "specific" when the mechanism is about this rule: its own law is an
    exception within the rule's section or names that section, its own list of what
    it lifts names the rule's subject, or its subject matches (the policy area and a
    meaningful shared word, or two meaningful shared words); "general" when only its
    kind speaks for it (a waiver law that reaches the rule, an innovation law of the
    rule's area); "" when it is not about the rule. Everyday words ("school", "must")
    count for nothing; only the rule's words count, not its citation's ("Tex. Educ.
    Code" is no shared subject). A mechanism for a group of students fits only a rule
    that speaks of that group, and one whose eligibility the rule's own words rule out
    (a route for graduates, a rule about someone without a degree) fits none.
    """
    reasons: list[str] = []
    score = 1.0
    own = [parse_citation(c, entry.state) for c in entry.citations]
    # An exception written inside the rule's own section (§ 25.112(d) within § 25.112)
    # is about the rule; a mechanism whose law IS the rule's cannot lift itself.
    same = next(
        (
            (c, r)
            for c in own
            if c is not None and c.path
            for r in law.citations
            if r.contains(c) and not c.contains(r)
        ),
        None,
    )
    if same:
        score += 4
        reasons.append(
            f"Its own law ({same[0].label}) is an exception within the rule's "
            f"{same[1].label}."
        )
    subject = subject_stems(rule.text)
    area = bool(policy_area) and policy_area in entry.policy_areas
    if area:
        score += 3
        reasons.append(f"Covers the policy area “{policy_area.replace('_', ' ')}”.")
    shared = subject & stems(" ".join([entry.title, entry.summary, *entry.allows]))
    if shared:
        score += min(4.0, 1.0 * len(shared))
        reasons.append(
            "Shares the words: " + ", ".join(_words_for(rule, shared)[:6]) + "."
        )
    sections = section_terms(rule.citation)
    said = " ".join([entry.summary, *entry.allows, *(e.note for e in entry.examples)])
    named = next((t for t in sections if t in said.lower()), None)
    if named:
        score += 4
        reasons.append(
            f"Its own text names the rule's section ({named}) among what it lifts."
        )
    allowed = allowed_phrase(entry, subject)
    if allowed:
        score += 3
        reasons.append(f"Its own list of what it lifts names “{allowed}”.")
    else:
        used = used_phrase(entry, subject)
        if used:
            allowed = used[1]
            score += 2
            reasons.append(f"{used[0]} used it for “{used[1]}”.")
    # a waiver law lifts whatever its scope is shown to reach; an innovation school or
    # district law does too, but it is offered only where the rule's subject shows up
    # in it (and so is a waiver law whose reach is not shown)
    general = (entry.kind == "waiver_authority" and reach_shown(entry, law)) or (
        entry.kind in GENERAL_KINDS and (area or len(shared) >= 2)
    )
    if entry.kind == "waiver_authority":
        score += 1
        reasons.append("A general waiver authority.")
    # A mechanism about one subject (a permit, a calendar option) lifts rules of that
    # subject only: once the team has named the rule's policy area, shared words alone
    # do not make a mechanism of another area fit; without one, two shared words do.
    # Its subject is what it says it allows (and its name), where it says so: words
    # only its summary's background shares ("Education Quality" of a pathways law
    # that allows work-based learning) do not make it fit.
    lifts = shared
    if entry.kind not in GENERAL_KINDS and entry.allows:
        lifts = shared & stems(" ".join([entry.title, *entry.allows]))
    by_words = (area and lifts) or (not policy_area and len(lifts) >= 2)
    fit = "specific" if (same or named or allowed or by_words) else ""
    fit = fit or ("general" if general else "")
    group = student_group(entry)
    if group and not (same or named) and not subject & subject_stems(group):
        fit = ""  # a program for some students, and the rule is about them all
    if eligibility_conflict(entry, rule.text):
        fit = ""
    return score, reasons, shared, fit


def _judge(
    law: RuleLaw, rule: RuleInput, entry: Entry
) -> tuple[bool, str, str, list[str]]:
    """(usable, what bars it, the barring citation, reasons) for one mechanism and rule."""
    scope, items = entry_law(entry)
    fits, why = covers(scope, law)
    if not fits:
        return False, why, "", [why]
    bar = barred(law, list(items))
    if bar:
        text, outer, inner = bar
        return (
            False,
            text,
            outer.label,
            [
                why,
                (
                    f"Cannot be used: its law never lets it lift {outer.label} (“{text}”)."
                    if outer.label == inner.label
                    else f"Cannot be used: its law never lets it lift {outer.label}, "
                    f"which contains {inner.label} (“{text}”)."
                ),
            ],
        )
    words = _blocked(rule, law, entry)
    if words:
        return (
            False,
            words,
            "",
            [why, f"Cannot be used: its cannot-waive list names “{words}”."],
        )
    return True, "", "", [why]


def mechanism_verdict(rule: RuleInput, entry: Entry) -> tuple[bool, str]:
    """Whether a chosen catalog mechanism can lawfully lift the rule, and the reason."""
    law = rule_law(rule.text, rule.citation, rule.source_level, rule.state)
    usable, _, _, reasons = _judge(law, rule, entry)
    return usable, reasons[-1].removeprefix("Cannot be used: ")


def mechanism_problems(rule, state: str, catalog: Catalog) -> list[str]:
    """What is wrong with the mechanisms a team chose for a rule, in words: ids that are
    no mechanism at all, and catalog mechanisms whose own law cannot lift the rule.

    :param rule: an audit rule (text, source_level, citation, mechanisms).
    """
    problems: list[str] = []
    for mechanism_id in rule.mechanisms:
        if mechanism_id in LOCAL_ROUTES:
            continue
        entry = catalog.get(mechanism_id)
        if entry is None:
            problems.append(f"“{mechanism_id}” is not a mechanism in the catalog")
            continue
        usable, reason = mechanism_verdict(
            RuleInput(rule.text, rule.source_level, rule.citation, state), entry
        )
        if not usable:
            problems.append(f"“{entry.title}” cannot be used for it: {reason}")
    return problems


def match_mechanisms(
    rule: RuleInput, policy_area: str, catalog: Catalog, limit: int = 8
) -> list[Match]:
    """Ranked mechanisms for one rule; the law decides before the words do.

    A mechanism is usable only when its scope (``waives``) reaches the rule's
    jurisdiction and body of law and no item of its cannot-waive list contains the
    rule's citation (or, failing citations, covers the rule's words). Mechanisms that
    fit the rule's subject but cannot be used are listed after the usable ones, with
    the law that bars them.
    """
    level = rule.source_level or "unknown"
    level = LEGACY_LEVELS.get(level, level)
    matches = _local_routes(level)
    if level == "practice":
        return matches
    law = rule_law(rule.text, rule.citation, level, rule.state)
    states = [law.jurisdiction] if law.jurisdiction not in {"", "US"} else []
    if rule.state and rule.state.upper() not in states and law.jurisdiction != "US":
        # another state's law: only the team's own state's mechanisms are shown, and
        # its scope says none of them reaches that law
        states = [rule.state.upper()]
    codes = [*states, "US"]

    judged = []
    for code in codes:
        for entry in catalog.for_state(code):
            if entry.kind not in LIFTING_KINDS or entry.status != "active":
                continue
            score, reasons, _, fit = _relevance(rule, law, policy_area, entry)
            usable, blocked_by, barring, why = _judge(law, rule, entry)
            out_of_scope = not usable and blocked_by == why[0]
            judged.append((entry, score, reasons, fit, usable, out_of_scope, why))
            if not usable and not out_of_scope:
                match = Match(entry, score, [*why[:1], *reasons, *why[1:]])
                match.usable, match.blocked_by, match.law = False, blocked_by, barring
                matches.append(match)  # a list that names the rule is always shown
    # Where a waiver law that reaches the rule says it can never lift it, the
    # legislature has kept the rule from waivers: another waiver law is offered only
    # when something specific ties it to the rule, not merely because of its kind.
    # (An innovation plan is made to reach further than a waiver, so its area still
    # speaks for it.)
    kept = any(
        entry.kind == "waiver_authority" and not usable and not out_of_scope
        for entry, _, _, _, usable, out_of_scope, _ in judged
    )
    for entry, score, reasons, fit, usable, out_of_scope, why in judged:
        if not usable and not out_of_scope:
            continue
        if not fit or (kept and fit == "general" and entry.kind == "waiver_authority"):
            continue  # not about this rule (or only by its kind, where the law kept it)
        if out_of_scope and score < 5:
            continue  # out of scope and barely related: not worth listing
        match = Match(entry, score, [*why[:1], *reasons, *why[1:]])
        match.usable = usable
        match.blocked_by = why[0] if out_of_scope else ""
        matches.append(match)
    usable = sorted((m for m in matches if m.usable), key=lambda m: -m.score)
    barred_by_law = sorted(
        (m for m in matches if not m.usable), key=lambda m: (not m.law, -m.score)
    )
    # every usable route up to the limit, then those the law bars, the law named first
    return usable[:limit] + barred_by_law[:BARRED_SHOWN]
