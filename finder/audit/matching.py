"""Match an unnecessary control to the mechanisms that can lift it, with the reasons why."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from finder.audit.suggester import LOCAL_LEVELS, STATE_LEVELS, RuleInput, _stems
from finder.catalog import Catalog, Entry
from finder.search.analysis import citation_terms

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
CONTRACT_WORDS = {"collect", "bargain", "contract", "union", "employe"}
LOCAL_WORDS = {"polici", "district", "board", "local"}


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


@dataclass
class Match:
    mechanism: Entry | LocalMechanism
    score: float
    reasons: list[str] = field(default_factory=list)
    usable: bool = True
    blocked_by: str = ""

    @property
    def id(self) -> str:
        return self.mechanism.id


def _blocked(rule_stems: set[str], entry: Entry) -> str:
    """The cannot-waive item that covers the rule, if any."""
    for item in entry.cannot_waive:
        item_stems = _stems(item)
        overlap = len(rule_stems & item_stems)
        if (
            item_stems
            and overlap >= 2
            and (
                overlap / len(item_stems) >= 0.6
                or overlap / max(1, len(rule_stems)) >= 0.6
            )
        ):
            return item
    return ""


def _words_for(rule: RuleInput, stems: set[str]) -> list[str]:
    """The rule's own words behind a set of stems ("days" rather than "dai")."""
    words: list[str] = []
    for word in re.findall(r"[A-Za-z0-9][\w.\-]*", f"{rule.text} {rule.citation}"):
        if _stems(word) & stems and word.lower() not in words:
            words.append(word.lower())
    return words or sorted(stems)


def match_mechanisms(
    rule: RuleInput, policy_area: str, catalog: Catalog, limit: int = 8
) -> list[Match]:
    """Ranked mechanisms for one rule: by jurisdiction, source level, policy area and text."""
    level = rule.source_level or "unknown"
    rule_stems = _stems(f"{rule.text} {rule.citation}")
    matches: list[Match] = []
    if level == "practice":
        return [
            Match(
                STOP_PRACTICE, 10.0, ["Recorded as a practice: no mechanism is needed."]
            )
        ]
    if level == "local_policy":
        matches.append(
            Match(
                BOARD_ACTION,
                20.0,
                ["A local policy is lifted by the board that adopted it."],
            )
        )
    if level == "contract":
        matches.append(
            Match(
                NEGOTIATION,
                20.0,
                ["A contract clause changes by agreement with the bargaining unit."],
            )
        )

    if level == "federal_law":
        jurisdictions = ["US"]
    elif rule.state:
        jurisdictions = (
            [rule.state.upper(), "US"] if level == "unknown" else [rule.state.upper()]
        )
    else:
        jurisdictions = ["US"]

    for code in jurisdictions:
        for entry in catalog.for_state(code):
            if entry.kind not in LIFTING_KINDS or entry.status not in {"active"}:
                continue
            reasons: list[str] = []
            score = 1.0
            if code == "US":
                reasons.append(
                    "A federal requirement is lifted only by a federal mechanism."
                    if level == "federal_law"
                    else "Federal mechanism."
                )
            else:
                reasons.append(
                    f"A {code} mechanism, for a {'state' if level in STATE_LEVELS else 'local'} requirement."
                )
            entry_text = _stems(
                " ".join([entry.title, entry.summary, *entry.allows, *entry.citations])
            )
            if level in LOCAL_LEVELS:
                words = CONTRACT_WORDS if level == "contract" else LOCAL_WORDS
                if not (words & entry_text):
                    continue  # only mechanisms that say they reach local policy or contracts
                score += 2
                reasons.append("It can reach local policy or contract provisions.")
            if policy_area and policy_area in entry.policy_areas:
                score += 3
                reasons.append(
                    f"Covers the policy area “{policy_area.replace('_', ' ')}”."
                )
            shared = rule_stems & entry_text
            if shared:
                score += min(4.0, 1.0 * len(shared))
                reasons.append(
                    "Shares the words: " + ", ".join(_words_for(rule, shared)[:6]) + "."
                )
            sections = [
                t
                for t in citation_terms(rule.citation)
                if any(ch.isdigit() for ch in t) and len(t) >= 3
            ]
            said = " ".join(
                [entry.summary, *entry.allows, *(e.note for e in entry.examples)]
            ).lower()
            named = next((t for t in sections if t in said), None)
            if named:
                score += 4
                reasons.append(
                    f"Its own text names the rule's section ({named}) among what it lifts."
                )
            if entry.kind == "waiver_authority":
                score += 1
                reasons.append("A general waiver authority.")
            if score < 3 and not shared:
                continue
            blocked = _blocked(rule_stems, entry)
            match = Match(entry, score, reasons)
            if blocked:
                match.usable = False
                match.blocked_by = blocked
                match.reasons.append(f"Not usable: it can never waive “{blocked}”.")
            matches.append(match)
    matches.sort(key=lambda m: (m.usable, m.score), reverse=True)
    return matches[:limit]
