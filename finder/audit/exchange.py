"""Audit and rule files people upload (YAML or JSON): bounded, checked, never trusted.

One loader for every door: the web import, ``finder classify`` and ``finder match``.

* Size: at most :data:`MAX_BYTES`; at most :data:`MAX_NODES` YAML nodes and
  :data:`MAX_DEPTH` levels of nesting, counted from the parser's flat event stream
  before anything is built, so a hostile file costs no more than its bytes.
* Anchors and aliases (``&a`` / ``*a``) are refused: they let a few hundred bytes
  expand into gigabytes, and exports never use them.
* Every wrong type is reported with its place (``rules[3].answers: expected a
  mapping``), all of them at once, as one :class:`ImportProblems`.
* Numbers and dates where text is expected become text (``citation: 25.081``).
* Every string passes :func:`finder.text.clean_text`.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import fields

import yaml

from finder import yamltext
from finder.audit.model import (
    MAX_RULES,
    Answer,
    AuditData,
    AuditDataError,
    AuditRule,
    Metric,
    Milestone,
    Watched,
)
from finder.catalog.jurisdictions import is_code
from finder.shapes import ANY, FLAG, Open, check
from finder.tables import csv_safe
from finder.text import clean_deep, clean_text

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 300_000
MAX_DEPTH = 12
MAX_METRICS = 60


class ImportProblems(AuditDataError):
    """An uploaded file cannot be used; ``problems`` lists every reason with its place."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = problems[:20]
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        super().__init__("; ".join(shown) + more)


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8-sig", errors="replace")


def _guard(text: str, max_nodes: int, max_depth: int) -> None:
    """Walk the parser's events (no recursion, nothing built) and refuse what is unsafe."""
    nodes = depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            line = event.start_mark.line + 1
            raise ImportProblems(
                [
                    f"line {line}: anchors and aliases (&name, *name) are not "
                    "accepted; write each value out in full"
                ]
            )
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > max_nodes:
                raise ImportProblems(
                    [f"the file has more than {max_nodes:,} values; split it up"]
                )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > max_depth:
                line = event.start_mark.line + 1
                raise ImportProblems(
                    [f"line {line}: nested deeper than {max_depth} levels"]
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def parse_structured(
    data: bytes | str,
    *,
    max_bytes: int = MAX_BYTES,
    max_nodes: int = MAX_NODES,
    max_depth: int = MAX_DEPTH,
):
    """The plain data (dicts, lists, text) in a YAML or JSON file, cleaned.

    :raises ImportProblems: too large, too deep, anchors/aliases, or not YAML/JSON.
    """
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    if size > max_bytes:
        raise ImportProblems(
            [f"the file is {size:,} bytes; the limit is {max_bytes:,} bytes"]
        )
    text = clean_text(_decode(data))
    try:
        _guard(text, max_nodes, max_depth)
        value = yamltext.load(text)
    except ImportProblems:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}: " if mark else ""
        raise ImportProblems(
            [f"{where}not valid YAML or JSON ({exc.problem or exc.context})"]
        ) from exc
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        # PyYAML raises ValueError for impossible dates such as 2026-13-45.
        raise ImportProblems([f"not valid YAML or JSON ({exc})"]) from exc
    return clean_deep(value)


# Expected shapes (see finder.shapes): keys an audit does not name are refused as
# "unknown field", so a typo in a hand-edited export is reported, not dropped.
# The shape of each text, flag, list and mapping, by its annotation in the model.
_SHAPES = {
    "str": str,
    "bool": FLAG,
    "bool | None": FLAG,
    "list[str]": [str],
    "dict[str, str]": {str: str},
}


def _shape_of(cls, **nested) -> dict:
    """The upload shape of a model dataclass, read from its fields (so a field added to
    the model is accepted, and one it does not have is refused), ``nested`` giving
    the shapes of fields that hold other dataclasses."""
    return {
        f.name: nested[f.name] if f.name in nested else _SHAPES[f.type]
        for f in fields(cls)
    }


ANSWER = _shape_of(Answer)
RULE = _shape_of(AuditRule, answers={str: ANSWER}, relied_on={str: _shape_of(Watched)})
METRIC = _shape_of(Metric)
AUDIT = {
    "format": ANY,  # checked by AuditData.from_dict
    **_shape_of(
        AuditData,
        rules=[RULE],
        metrics=[METRIC],
        timeline=[_shape_of(Milestone)],
    ),
}
# ``finder classify`` and ``finder match`` read rule lists that may carry their labels.
LISTED_RULE = Open({**RULE, "state": str, "label": str})


def state_problems(value, where: str, federal: bool = False) -> list[str]:
    """[] when ``value`` is empty or a state's postal code (any case: "tx", "DC"),
    else the problem at ``where``. An audit is of one state's rules, so "US" is not
    one; a single rule may be federal ("US") when ``federal``."""
    code = str(value or "").strip().upper()
    if not code or (is_code(code) and (federal or code != "US")):
        return []
    shown = str(value)[:30]
    return [f"{where}: “{shown}” is not a state's two-letter postal code (such as TX)"]


def check_audit(raw) -> AuditData:
    """An audit from parsed data: shape checked everywhere, then its values.

    :raises ImportProblems: every wrong type with its place, or a rule cap exceeded.
    """
    if not isinstance(raw, dict):
        raise ImportProblems(["the file must hold one audit (a mapping with a title)"])
    data, problems = check(raw, AUDIT, coerce=True)
    rules = data.get("rules") or []
    if len(rules) > MAX_RULES:
        problems.append(
            f"rules: the file has {len(rules):,} rules; an audit holds at most {MAX_RULES}"
        )
    for key in ("metrics", "timeline"):
        if len(data.get(key) or []) > MAX_METRICS:
            problems.append(f"{key}: at most {MAX_METRICS} entries")
    if not (data.get("title") or "").strip():
        problems.append("title: required")
    problems += state_problems(data.get("state"), "state")
    for key, needed in (("rules", "text"), ("metrics", "metric"), ("timeline", "what")):
        for i, item in enumerate(data.get(key) or []):
            if item is None:
                problems.append(f"{key}[{i}]: expected a mapping")
            elif isinstance(item, dict) and not (item.get(needed) or "").strip():
                problems.append(f"{key}[{i}].{needed}: required")
    if problems:
        raise ImportProblems(list(dict.fromkeys(problems)))
    try:
        return AuditData.from_dict(data)
    except AuditDataError as exc:
        raise ImportProblems([str(exc).rstrip(".")]) from exc


def load_audit(data: bytes | str) -> AuditData:
    """An audit from an uploaded YAML or JSON export (bounded, checked, cleaned)."""
    return check_audit(parse_structured(data))


def load_rule_list(data: bytes | str) -> list[dict]:
    """Rules for ``finder classify`` / ``finder match``: a list, or ``{rules: [...]}``.

    Each rule is a mapping with at least ``text``; other keys keep the audit's shapes.
    """
    raw = parse_structured(data)
    where = "rules"
    if isinstance(raw, dict):
        raw = raw.get("rules")
    else:
        where = "(top level)"
    # Rule lists are often labelled sets (label, why, source): keys beyond a rule's
    # are kept for the caller, not refused.
    items, problems = (
        check(raw, [LISTED_RULE], where, coerce=True) if raw is not None else (None, [])
    )
    if items is None and not problems:
        problems.append(f"{where}: expected a list of rules, each with at least text")
    for i, item in enumerate(items or []):
        if not isinstance(item, dict):
            problems.append(f"rules[{i}]: expected a mapping")
        elif not (item.get("text") or "").strip():
            problems.append(f"rules[{i}].text: required")
        else:
            problems += state_problems(item.get("state"), f"rules[{i}].state", True)
    if len(items or []) > MAX_RULES:
        problems.append(f"rules: {len(items):,} rules; at most {MAX_RULES} at a time")
    if problems:
        raise ImportProblems(list(dict.fromkeys(problems)))
    return items


# Columns of the CSV export, in order; the rule import reads the same names back.
CSV_FIELDS = (
    "text",
    "source_level",
    "citation",
    "policy_area",
    "raised_by",
    "decision",
    "source_document",
    "source_place",
)
EXPORT_TYPES = {
    "json": "application/json",
    "yaml": "application/yaml",
    "csv": "text/csv",
}


def export_audit(data: AuditData, fmt: str) -> str:
    """The audit as a file in ``fmt`` (a key of :data:`EXPORT_TYPES`): JSON or YAML hold
    everything and import back; CSV holds one row per rule (:data:`CSV_FIELDS`), each
    cell safe to open in a spreadsheet program.

    :raises KeyError: an unknown format.
    """
    if fmt == "json":
        return json.dumps(data.to_dict(), indent=2, ensure_ascii=False)
    if fmt == "yaml":
        return yaml.safe_dump(data.to_dict(), sort_keys=False, allow_unicode=True)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for rule in data.rules:
            writer.writerow({k: csv_safe(str(getattr(rule, k))) for k in CSV_FIELDS})
        return out.getvalue()
    raise KeyError(fmt)
