"""One published case: the owner's choices, field by field, and the public view they give.

The public view (:class:`Case`) holds only what the owner chose, taken from the audit
at the moment of publishing; it is what the store keeps and what every public page,
feed and API answer is computed from. Nothing else of the audit is ever in it: no
team name, no member, no comment, no rule's "raised by", no metric's owner.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import asdict, dataclass, fields

from finder.audit.model import AuditData
from finder.catalog.jurisdictions import is_code
from finder.text import counted

# Decisions a case can show: the two the audit exists to tell apart.
PUBLISHED_DECISIONS = ("unnecessary_control", "essential_oversight")
# A finished audit has one of these for every rule ("needs review" is still open).
FINISHED_DECISIONS = (*PUBLISHED_DECISIONS, "not_a_rule")


@dataclass(frozen=True)
class Choice:
    """One thing an owner may publish: its label and what it reveals."""

    label: str
    help: str
    free_text: bool  # text the team typed: checked for the district's name


# Declared once: the publish form, the preview and the public view derive from it.
CHOICES: dict[str, Choice] = {
    "title": Choice("The design's title", "The audit's title.", True),
    "description": Choice(
        "A short description of the design",
        "The innovation the team wants, as written in the set-up.",
        True,
    ),
    "rules": Choice(
        "The rules with their decisions",
        "Each decided rule's wording, citation, level and policy area, and whether "
        "the team judged it essential oversight or unnecessary control.",
        True,
    ),
    "mechanisms": Choice(
        "The mechanisms chosen",
        "The catalog mechanisms the team chose to lift each unnecessary control.",
        False,
    ),
    "rationales": Choice(
        "Rationales and replacement plans",
        "Why each rule should be lifted and how its intent will still be met.",
        True,
    ),
    "metrics": Choice(
        "The evaluation metrics",
        "Each metric's area, measure, baseline, target, data source and frequency "
        "(never who measures it).",
        True,
    ),
    "named": Choice(
        "Name the district",
        "Unchecked, the case reads “a district in {state}” and its rules are "
        "counted in reports only where at least 3 districts share them.",
        False,
    ),
}


@dataclass(frozen=True)
class Choices:
    """What the owner chose to publish (all off unless chosen)."""

    title: bool = False
    description: bool = False
    rules: bool = False
    mechanisms: bool = False
    rationales: bool = False
    metrics: bool = False
    named: bool = False

    @classmethod
    def from_names(cls, names) -> Choices:
        """Choices from the names of the boxes checked; unknown names are ignored."""
        chosen = set(names)
        return cls(**{f.name: f.name in chosen for f in fields(cls)})

    def names(self) -> list[str]:
        return [f.name for f in fields(self) if getattr(self, f.name)]

    @property
    def anything(self) -> bool:
        """Whether something a reader can learn from would be published (rationales
        belong to rules: alone they publish nothing)."""
        return any(getattr(self, n) for n in SUBSTANCE)


DEFAULT_CHOICES = Choices(title=True, rules=True, mechanisms=True)
# What makes a case worth publishing on its own.
SUBSTANCE = ("title", "description", "rules", "mechanisms", "metrics")


@dataclass(frozen=True)
class PublicRule:
    text: str
    citation: str  # as the team wrote it ("" when none)
    source_level: str
    policy_area: str
    decision: str  # one of PUBLISHED_DECISIONS
    mechanisms: tuple[str, ...] = ()  # catalog entry ids (when chosen)
    rationale: str = ""
    replacement_plan: str = ""


@dataclass(frozen=True)
class PublicMetric:
    area: str
    metric: str
    baseline: str = ""
    target: str = ""
    data_source: str = ""
    frequency: str = ""


@dataclass(frozen=True)
class Case:
    """The public view of one audit: only the fields the owner chose.

    ``district`` is "" for an anonymous case; ``mechanisms`` holds the catalog ids
    chosen for the case's unnecessary controls (when chosen), with or without rules.
    """

    state: str  # postal code
    named: bool
    district: str = ""
    title: str = ""
    description: str = ""
    rules: tuple[PublicRule, ...] = ()
    mechanisms: tuple[str, ...] = ()
    metrics: tuple[PublicMetric, ...] = ()

    def heading(self, state_name: str) -> str:
        """How the case is named on pages and in the feed."""
        who = self.district if self.named and self.district else "A district"
        what = self.title or "a published audit"
        return f"{who} ({state_name}): {what}"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Case:
        """Rebuild a stored case (written by :meth:`to_dict`)."""
        return cls(
            state=str(data["state"]),
            named=bool(data["named"]),
            district=str(data.get("district", "")),
            title=str(data.get("title", "")),
            description=str(data.get("description", "")),
            rules=tuple(
                PublicRule(**{**r, "mechanisms": tuple(r.get("mechanisms", ()))})
                for r in data.get("rules", ())
            ),
            mechanisms=tuple(data.get("mechanisms", ())),
            metrics=tuple(PublicMetric(**m) for m in data.get("metrics", ())),
        )


@dataclass(frozen=True)
class Publication:
    """A published case as the public sees it: its id, the case, when it was published."""

    id: int
    case: Case
    published_at: dt.datetime
    # Whose case it is, only to count districts (never shown, never serialized).
    team: int = 0


def build_case(data: AuditData, choices: Choices, district: str = "") -> Case:
    """The public view of an audit under the owner's choices.

    :param district: the district's name, shown only when ``choices.named``.
    """
    decided = [r for r in data.rules if r.decision in PUBLISHED_DECISIONS]
    lifted = [r for r in decided if r.decision == "unnecessary_control"]
    mechanisms = (
        tuple(dict.fromkeys(m for r in lifted for m in r.mechanisms))
        if choices.mechanisms
        else ()
    )
    rules = ()
    if choices.rules:
        rules = tuple(
            PublicRule(
                text=r.text,
                citation=r.citation,
                source_level=r.source_level,
                policy_area=r.policy_area,
                decision=r.decision,
                mechanisms=tuple(r.mechanisms)
                if choices.mechanisms and r.decision == "unnecessary_control"
                else (),
                rationale=r.rationale if choices.rationales else "",
                replacement_plan=r.replacement_plan if choices.rationales else "",
            )
            for r in decided
        )
    metrics = ()
    if choices.metrics:
        metrics = tuple(
            PublicMetric(
                m.area, m.metric, m.baseline, m.target, m.data_source, m.frequency
            )
            for m in data.metrics
        )
    return Case(
        state=data.state,
        named=choices.named and bool(district.strip()),
        district=district.strip() if choices.named else "",
        title=data.title if choices.title else "",
        description=data.innovation if choices.description else "",
        rules=rules,
        mechanisms=mechanisms,
        metrics=metrics,
    )


def unpublishable(data: AuditData) -> str:
    """Why an audit cannot be published yet ("" when it can)."""
    if not data.state:
        return "Choose the audit's state in the set-up first."
    if not is_code(data.state) or data.state == "US":
        return (
            f"The audit's state “{data.state[:20]}” is not a state's postal code: "
            "choose the state in the set-up first."
        )
    if not any(r.decision in PUBLISHED_DECISIONS for r in data.rules):
        return "Decide at least one rule first."
    open_rules = sum(1 for r in data.rules if r.decision not in FINISHED_DECISIONS)
    if open_rules:
        total = len(data.rules)
        return (
            f"Finish the audit first: {open_rules} of the audit's "
            f"{counted(total, 'rule')} "
            f"{'is' if open_rules == 1 else 'are'} still open (no decision yet, or "
            "needs review). Only a finished audit's outcome is published."
        )
    return ""


def _compact(text: str) -> str:
    """Letters and digits only, folded ("Mesa ISD" → "mesaisd"), so a name is found in
    "MESA-ISD", "mesaisd.net" or "Mesa  I.S.D." alike."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _texts(case: Case) -> list[tuple[str, str]]:
    """(where, text) for every typed text an anonymous case would show."""
    out = [("The title", case.title), ("The description", case.description)]
    for n, rule in enumerate(case.rules, start=1):
        out += [
            (f"Rule {n}", rule.text),
            (f"Rule {n}'s citation", rule.citation),
            (f"Rule {n}'s rationale", rule.rationale),
            (f"Rule {n}'s replacement plan", rule.replacement_plan),
        ]
    for n, metric in enumerate(case.metrics, start=1):
        for value in (
            metric.metric,
            metric.baseline,
            metric.target,
            metric.data_source,
            metric.frequency,
        ):
            out.append((f"Metric {n}", value))
    return [(where, text) for where, text in out if text]


def identifying(case: Case, names: list[str]) -> list[str]:
    """Where an anonymous case's own text names the district or team (``names``:
    the district's and team's names as written), e.g. ["The title names “Mesa ISD”"];
    [] for a named case or when nothing matches. Names shorter than 4 letters and
    digits are not looked for (too common to mean the district)."""
    if case.named:
        return []
    wanted = {_compact(n): n.strip() for n in names if len(_compact(n)) >= 4}
    found = []
    for where, text in _texts(case):
        flat = _compact(text)
        for key, name in wanted.items():
            if key in flat:
                found.append(f"{where} names “{name}”")
                break
    return list(dict.fromkeys(found))


# An e-mail address as people type one ("pia@quill.example", "P.Owner+x@mesa-isd.org"),
# read after NFKC so a full-width "＠" is an "@".
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# ... or spelled out so a page does not link it: "pia at quill dot example",
# "pia(at)quill(dot)example", "pia [at] quill [dot] example" - the "dot" in words or
# brackets, so "meet at school. Org charts" is prose.
_AT = r"(?:\s*[\(\[\{<]\s*at\s*[\)\]\}>]\s*|\s+at\s+|\s*@\s*)"
_DOT = r"(?:\s*[\(\[\{<]\s*(?:dot|\.)\s*[\)\]\}>]\s*|\s+(?:dot|period)\s+)"
SPELLED_EMAIL = re.compile(rf"\b[\w.+-]+{_AT}[\w-]+(?:{_DOT}[a-z0-9-]+)+\b", re.I)
# Words written before a surname ("Ms. Diaz", "Coach Lopez").
_TITLES = (
    "mr", "mrs", "ms", "miss", "mx", "dr", "coach", "principal", "superintendent",
    "professor", "prof",
)  # fmt: skip


# Cyrillic and Greek letters that look like Latin ones, as a name may be pasted
# (capital forms too: "Аna" with a Cyrillic А).
_LOOK_ALIKE_LOWER = (
    {
        "а": "a", "с": "c", "е": "e", "һ": "h", "і": "i", "ј": "j", "к": "k",
        "о": "o", "р": "p", "ѕ": "s", "х": "x", "у": "y", "ԁ": "d", "ԛ": "q",
        "ԝ": "w", "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
        "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    }
)  # fmt: skip
_LOOK_ALIKE = str.maketrans(
    {
        **_LOOK_ALIKE_LOWER,
        **{k.upper(): v.upper() for k, v in _LOOK_ALIKE_LOWER.items()},
    }
)


def _fold(text: str) -> str:
    """Accents dropped, look-alike letters read as the Latin ones people meant,
    apostrophes closed up ("Díaz" → "Diaz", "O'Brien" → "OBrien"); case kept."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = plain.replace("\u0131", "i").translate(_LOOK_ALIKE)
    return re.sub(r"['’`]", "", plain)


def _tokens(text: str) -> list[tuple[str, bool]]:
    """A text's words, folded and case-folded, each with whether it was written with a
    capital ("Diaz" or "DIAZ": True; "diaz": False)."""
    return [(w.casefold(), w[0].isupper()) for w in re.findall(r"[^\W_]+", _fold(text))]


def _at(tokens: list[tuple[str, bool]], words: list[str]) -> bool:
    """Whether the words follow one another in the text with the last one written with
    a capital (a surname in prose is: "mark the page" is not Mark Page)."""
    n = len(words)
    return any(
        [w for w, _ in tokens[i : i + n]] == words and tokens[i + n - 1][1]
        for i in range(len(tokens) - n + 1)
    )


def _names_person(text: str, tokens: list[tuple[str, bool]], name: str) -> bool:
    """Whether a text names a person (see :func:`naming_people`): the name's words in
    order, the first name with any later one ("Ana Lopez" for Ana María López-García),
    the surname first ("Diaz, Ana"), an initial with a period ("A. Diaz") or a title
    ("Ms. Diaz", "Coach Lopez") before the surname, the surname written with a
    capital; a one-word name only as the word itself, capitalized as written."""
    parts = [w for w, _ in _tokens(name)]
    if not parts:
        return False
    folded = _fold(text)
    if len(parts) == 1:
        word = re.escape(_fold(name.strip()))
        return bool(re.search(rf"(?<!\w){word}(?!\w)", folded))
    first, last = parts[0], parts[-1]
    initial = rf"(?<!\w){first[0]}\.\s*{re.escape(last)}(?!\w)"
    return (
        _at(tokens, parts)
        or any(_at(tokens, [first, later]) for later in parts[1:])
        or _at(tokens, [last, first])
        or any(_at(tokens, [title, last]) for title in _TITLES)
        or bool(re.search(initial, folded.casefold()))
    )


def naming_people(case: Case, people: list[str]) -> list[str]:
    """Where a case's own text, named or anonymous, holds an e-mail address or names one
    of ``people`` (the team members' names and e-mail addresses), e.g. ["Rule 2's
    rationale names a team member (“Pia Owner”)", "The description holds an e-mail
    address"]; [] when none. No public page ever shows a member's name or an e-mail
    address: this guards against their being typed into a published text by accident.

    Names are compared as words with accents set aside, a surname written with a
    capital (see
    :func:`_names_person`); an e-mail address is found as typed or spelled out ("pia at
    quill dot example"), and a member's address also by its name part ("pia.owner").
    Names shorter than 4 letters and digits are not looked for."""
    wanted = [p.strip() for p in people if len(_compact(p)) >= 4]
    found = []
    for where, text in _texts(case):
        text = unicodedata.normalize("NFKC", text)
        if EMAIL.search(text) or SPELLED_EMAIL.search(text):
            found.append(f"{where} holds an e-mail address")
        words = _tokens(text)
        for person in wanted:
            name = person
            if "@" in person:  # "pia.owner@..." names Pia Owner
                name = re.sub(r"[._+-]+", " ", person.split("@", 1)[0])
            if len(_compact(name)) >= 4 and _names_person(text, words, name):
                found.append(f"{where} names a team member (“{person}”)")
                break
    return list(dict.fromkeys(found))


__all__ = [
    "CHOICES",
    "DEFAULT_CHOICES",
    "Case",
    "Choice",
    "Choices",
    "PublicMetric",
    "PublicRule",
    "Publication",
    "build_case",
    "identifying",
    "naming_people",
    "unpublishable",
]
