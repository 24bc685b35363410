"""An audit's content as plain data: set-up, rules, answers, decisions, chosen mechanisms."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field

from finder.audit.rubric import DECISIONS
from finder.catalog import POLICY_AREAS

FORMAT = 1
MAX_RULES = 500  # rules in one audit: every audit page stays quick

# Where a rule is written: the kinds of law and local instruments a team can name.
SOURCE_LEVELS = {
    "federal_law": "Federal law",
    "state_statute": "State statute",
    "state_rule": "State rule",
    "local_policy": "Local board policy",
    "collective_bargaining": "Collective-bargaining agreement",
    "vendor_contract": "Vendor or service contract",
    "practice": "Practice or habit",
    "unknown": "Unknown",
}
# Stored audits and files from before the contract kinds were told apart.
LEGACY_LEVELS = {"contract": "collective_bargaining"}


class AuditDataError(ValueError):
    """Imported audit data is not valid; the message says what is wrong."""


def new_uid() -> str:
    return uuid.uuid4().hex[:12]


@dataclass
class Answer:
    value: bool | None = None  # the team's answer (None: not answered yet)
    suggested: bool | None = None
    reasons: list[str] = field(default_factory=list)
    comment: str = ""
    confirmed: bool = False


@dataclass
class Watched:
    """What a rule relied on in a catalog entry when the team chose it (or last
    acknowledged a change to it): the entry's watched fields, kept to compare."""

    title: str = ""
    status: str = ""
    cannot_waive: list[str] = field(default_factory=list)
    term: str = ""
    citations: list[str] = field(default_factory=list)
    approver: str = ""
    last_reviewed: str = ""  # the entry's review date (YYYY-MM-DD) when kept
    # each cannot-waive item with the law it bars ("Licensure of employees: Tenn. Code
    # Ann. § 49-5-101"); empty in snapshots kept before it was watched
    cannot_waive_law: list[str] = field(default_factory=list)
    # the team acknowledged that the entry was gone from the catalog: it is still
    # watched, and its return (with whatever changed) is shown
    gone: bool = False


@dataclass
class AuditRule:
    text: str
    source_level: str = "unknown"
    citation: str = ""
    policy_area: str = "other"
    raised_by: str = ""
    uid: str = field(default_factory=new_uid)
    # "Does it really bind?": who requires it, where it is written, what the team checked.
    binds: bool | None = None
    required_by: str = ""
    written_in: str = ""
    checked: str = ""
    answers: dict[str, Answer] = field(default_factory=dict)
    decision: str = ""  # the recorded decision ("" until decided)
    override_reason: str = ""
    mechanisms: list[str] = field(default_factory=list)
    # For the required-flexibilities document (unnecessary controls).
    request_type: str = ""  # "waiver" or "partial_modification"
    rationale: str = ""
    replacement_plan: str = ""
    affected: str = ""  # students and schools affected, with baseline data
    term: str = ""
    application_answers: dict[str, str] = field(
        default_factory=dict
    )  # application field -> text
    # Where an imported rule came from: the document, the page or section, the wording.
    source_document: str = ""
    source_place: str = ""
    original_text: str = ""
    # Catalog entry id -> what the rule relied on in it (finder.audit.watch).
    relied_on: dict[str, Watched] = field(default_factory=dict)

    def answer_values(self) -> dict[str, bool | None]:
        values = {q: a.value for q, a in self.answers.items()}
        values["binds"] = self.binds
        return values


# The areas an evaluation plan measures, with their labels.
METRIC_AREAS = {
    "access": "Access",
    "engagement": "Engagement",
    "belonging": "Belonging",
    "agency": "Agency",
    "outcomes": "Outcomes",
}
REQUEST_TYPES = {"waiver": "Waiver", "partial_modification": "Partial modification"}


@dataclass
class Metric:
    area: str
    metric: str
    baseline: str = ""
    target: str = ""
    data_source: str = ""
    frequency: str = ""
    owner: str = ""


@dataclass
class Milestone:
    when: str
    what: str


@dataclass
class AuditData:
    """Everything an audit holds besides its id, team and version."""

    title: str
    state: str = ""
    district: str = ""
    innovation: str = ""
    outcome: str = ""
    template_id: str = ""
    rules: list[AuditRule] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    timeline: list[Milestone] = field(default_factory=list)

    def rule(self, uid: str) -> AuditRule | None:
        return next((r for r in self.rules if r.uid == uid), None)

    def to_dict(self) -> dict:
        return {"format": FORMAT, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict) -> AuditData:
        """Rebuild from exported data, checking every value (imports are untrusted)."""
        if not isinstance(data, dict):
            raise AuditDataError("The file must hold one audit (a mapping).")
        if data.get("format", FORMAT) != FORMAT:
            raise AuditDataError(f"Unknown audit format {data.get('format')!r}.")
        title = _text(data, "title", required=True)
        rules, uids = [], set()
        for i, raw in enumerate(data.get("rules") or []):
            if not isinstance(raw, dict):
                raise AuditDataError(f"rules[{i}] must be a mapping.")
            rule = _rule(raw, i)
            if rule.uid in uids:  # a rule copied in a hand-edited file: its own id
                rule.uid = new_uid()
            uids.add(rule.uid)
            rules.append(rule)
        return cls(
            title=title,
            state=_text(data, "state").upper(),
            district=_text(data, "district"),
            innovation=_text(data, "innovation"),
            outcome=_text(data, "outcome"),
            template_id=_text(data, "template_id"),
            rules=rules,
            metrics=[_metric(m, i) for i, m in enumerate(data.get("metrics") or [])],
            timeline=[
                _milestone(m, i) for i, m in enumerate(data.get("timeline") or [])
            ],
        )


def _text(data: dict, key: str, required: bool = False, limit: int = 10_000) -> str:
    value = data.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise AuditDataError(f"{key} must be text.")
    if required and not value.strip():
        raise AuditDataError(f"{key} is required.")
    return value[:limit]


def _flag(value, where: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise AuditDataError(f"{where} must be true, false or null.")


def _rule(raw: dict, i: int) -> AuditRule:
    level = raw.get("source_level") or "unknown"
    level = LEGACY_LEVELS.get(level, level)
    area = raw.get("policy_area") or "other"
    decision = raw.get("decision") or ""
    if level not in SOURCE_LEVELS:
        raise AuditDataError(
            f"rules[{i}].source_level {level!r} is not one of {', '.join(SOURCE_LEVELS)}."
        )
    if area not in POLICY_AREAS:
        raise AuditDataError(f"rules[{i}].policy_area {area!r} is not a policy area.")
    if decision and decision not in DECISIONS:
        raise AuditDataError(f"rules[{i}].decision {decision!r} is not a decision.")
    mechanisms = [str(m) for m in raw.get("mechanisms") or []]
    answers = {}
    for qid, a in (raw.get("answers") or {}).items():
        if not isinstance(a, dict):
            raise AuditDataError(f"rules[{i}].answers.{qid} must be a mapping.")
        answers[str(qid)] = Answer(
            value=_flag(a.get("value"), f"rules[{i}].answers.{qid}.value"),
            suggested=_flag(a.get("suggested"), f"rules[{i}].answers.{qid}.suggested"),
            reasons=[str(r) for r in a.get("reasons") or []],
            comment=str(a.get("comment") or ""),
            confirmed=bool(a.get("confirmed")),
        )
    return AuditRule(
        text=_text(raw, "text", required=True, limit=2000),
        source_level=level,
        citation=_text(raw, "citation", limit=300),
        policy_area=area,
        raised_by=_text(raw, "raised_by", limit=200),
        uid=_text(raw, "uid", limit=40) or new_uid(),
        binds=_flag(raw.get("binds"), f"rules[{i}].binds"),
        required_by=_text(raw, "required_by"),
        written_in=_text(raw, "written_in"),
        checked=_text(raw, "checked"),
        answers=answers,
        decision=decision,
        override_reason=_text(raw, "override_reason"),
        mechanisms=mechanisms,
        request_type=_choice(raw, "request_type", REQUEST_TYPES, i),
        rationale=_text(raw, "rationale"),
        replacement_plan=_text(raw, "replacement_plan"),
        affected=_text(raw, "affected"),
        term=_text(raw, "term", limit=500),
        application_answers={
            str(k): str(v or "")[:10_000]
            for k, v in (raw.get("application_answers") or {}).items()
        },
        source_document=_text(raw, "source_document", limit=300),
        source_place=_text(raw, "source_place", limit=200),
        original_text=_text(raw, "original_text", limit=4000),
        relied_on=_relied_on(raw.get("relied_on"), i, mechanisms),
    )


def _relied_on(raw, i: int, mechanisms: list[str]) -> dict[str, Watched]:
    """The kept snapshots of the rule's chosen entries (others are dropped)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise AuditDataError(f"rules[{i}].relied_on must be a mapping.")
    kept = {}
    for entry_id, snap in raw.items():
        where = f"rules[{i}].relied_on.{entry_id}"
        if not isinstance(snap, dict):
            raise AuditDataError(f"{where} must be a mapping.")
        if str(entry_id) not in mechanisms:
            continue
        kept[str(entry_id)] = Watched(
            **{k: _text(snap, k, limit=4000) for k in _WATCHED_TEXT},
            **{k: _texts(snap, k, where) for k in _WATCHED_LISTS},
            gone=bool(_flag(snap.get("gone"), f"{where}.gone")),
        )
    return kept


_WATCHED_TEXT = ("title", "status", "term", "approver", "last_reviewed")
_WATCHED_LISTS = ("cannot_waive", "citations", "cannot_waive_law")


def _texts(data: dict, key: str, where: str) -> list[str]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise AuditDataError(f"{where}.{key} must be a list.")
    return [str(v)[:4000] for v in value[:200]]


def _choice(raw: dict, key: str, allowed: dict, i: int) -> str:
    value = raw.get(key) or ""
    if value and value not in allowed:
        raise AuditDataError(
            f"rules[{i}].{key} {value!r} is not one of {', '.join(allowed)}."
        )
    return value


def _metric(raw, i: int) -> Metric:
    if not isinstance(raw, dict):
        raise AuditDataError(f"metrics[{i}] must be a mapping.")
    if raw.get("area") not in METRIC_AREAS:
        raise AuditDataError(
            f"metrics[{i}].area must be one of {', '.join(METRIC_AREAS)}."
        )
    fields = ("metric", "baseline", "target", "data_source", "frequency", "owner")
    return Metric(
        raw["area"],
        *(_text(raw, f, required=f == "metric", limit=1000) for f in fields),
    )


def _milestone(raw, i: int) -> Milestone:
    if not isinstance(raw, dict):
        raise AuditDataError(f"timeline[{i}] must be a mapping.")
    return Milestone(
        _text(raw, "when", limit=200), _text(raw, "what", required=True, limit=2000)
    )
