"""Pure checks on one raw catalog entry; each returns (field, message) problems."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

from finder.catalog.jurisdictions import CODES
from finder.catalog.model import KINDS, POLICY_AREAS, STATUSES

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# field name -> (required, expected shape)
FIELDS: dict[str, tuple[bool, str]] = {
    "id": (True, "str"),
    "state": (True, "str"),
    "title": (True, "str"),
    "kind": (True, "str"),
    "policy_areas": (True, "list[str]"),
    "citations": (True, "list[str]"),
    "summary": (True, "str"),
    "allows": (True, "list[str]"),
    "eligibility": (True, "str"),
    "activation": (True, "list[str]"),
    "approver": (True, "str"),
    "term": (True, "str"),
    "public_process": (True, "list[str]"),
    "application_fields": (True, "list[str]"),
    "cannot_waive": (True, "list[str]"),
    "examples": (True, "list[example]"),
    "related": (True, "list[str]"),
    "sources": (True, "list[source]"),
    "effective": (True, "date?"),
    "last_reviewed": (True, "date"),
    "status": (True, "str"),
    "verified": (True, "bool"),
    "note": (False, "str"),
}
SOURCE_FIELDS = {"url", "title", "accessed"}
EXAMPLE_FIELDS = {"name", "note", "source"}

Problem = tuple[str, str]


def as_date(value) -> dt.date | None:
    """A date from YAML (already a date, or an ISO string); None if it is not one."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def is_url(value) -> bool:
    if not isinstance(value, str) or any(c.isspace() for c in value):
        return False
    parts = urlparse(value)
    try:
        host, port = parts.hostname or "", parts.port
    except ValueError:  # a port that is not a number ("http://mailto:x@y")
        return False
    return (
        parts.scheme in {"http", "https"}
        and "." in host
        and "@" not in parts.netloc
        and (port is None or 0 < port < 65536)
    )


def _shape_problems(name: str, shape: str, value) -> list[Problem]:
    if shape == "str":
        return [] if isinstance(value, str) else [(name, "must be text")]
    if shape == "bool":
        return [] if isinstance(value, bool) else [(name, "must be true or false")]
    if shape == "date":
        return [] if as_date(value) else [(name, "must be a date YYYY-MM-DD")]
    if shape == "date?":
        if value is None or as_date(value):
            return []
        return [(name, "must be a date YYYY-MM-DD or null")]
    if not isinstance(value, list):
        return [(name, "must be a list")]
    if shape == "list[str]":
        return [
            (f"{name}[{i}]", "must be non-empty text")
            for i, item in enumerate(value)
            if not isinstance(item, str) or not item.strip()
        ]
    if shape == "list[source]":
        return [
            p for i, s in enumerate(value) for p in _source_problems(f"{name}[{i}]", s)
        ]
    if shape == "list[example]":
        return [
            p for i, e in enumerate(value) for p in _example_problems(f"{name}[{i}]", e)
        ]
    raise AssertionError(shape)  # pragma: no cover - FIELDS only names known shapes


def _unknown(name: str, item: dict, allowed: set[str]) -> list[Problem]:
    return [
        (f"{name}.{k}", "unknown field") for k in sorted(set(item) - allowed, key=str)
    ]


def _source_problems(name: str, src) -> list[Problem]:
    if not isinstance(src, dict):
        return [(name, "must be a mapping with url, title and accessed")]
    problems = _unknown(name, src, SOURCE_FIELDS)
    if not is_url(src.get("url")):
        problems.append((f"{name}.url", "must be an absolute http(s) URL"))
    if not isinstance(src.get("title"), str) or not src["title"].strip():
        problems.append((f"{name}.title", "must be non-empty text"))
    if not as_date(src.get("accessed")):
        problems.append((f"{name}.accessed", "must be a date YYYY-MM-DD"))
    return problems


def _example_problems(name: str, ex) -> list[Problem]:
    if not isinstance(ex, dict):
        return [(name, "must be a mapping with name, note and source")]
    problems = _unknown(name, ex, EXAMPLE_FIELDS)
    if not isinstance(ex.get("name"), str) or not ex["name"].strip():
        problems.append((f"{name}.name", "must be non-empty text"))
    if not isinstance(ex.get("note", ""), str):
        problems.append((f"{name}.note", "must be text"))
    if not is_url(ex.get("source")):
        problems.append((f"{name}.source", "must be the URL of a page that says so"))
    return problems


def entry_problems(raw: dict, jurisdiction: str | None) -> list[Problem]:
    """Every problem with one entry, checked on its own (ids across files are checked later)."""
    problems: list[Problem] = [
        (str(k), "unknown field (a typo?)") for k in raw if k not in FIELDS
    ]
    for name, (required, shape) in FIELDS.items():
        if name not in raw:
            if required:
                problems.append((name, "is required"))
            continue
        problems += _shape_problems(name, shape, raw[name])
    problems += _value_problems(raw, jurisdiction)
    return problems


def _value_problems(raw: dict, jurisdiction: str | None) -> list[Problem]:
    problems: list[Problem] = []
    entry_id, state = raw.get("id"), raw.get("state")
    if isinstance(entry_id, str) and not ID_PATTERN.match(entry_id):
        problems.append(("id", "must be a slug: lowercase letters, digits and hyphens"))
    if isinstance(state, str):
        if state not in CODES:
            problems.append(
                ("state", f"unknown jurisdiction {state!r} (postal code, DC or US)")
            )
        elif jurisdiction and state != jurisdiction:
            problems.append(("state", f"is {state} but the file is for {jurisdiction}"))
    for name, allowed in (("kind", KINDS), ("status", STATUSES)):
        value = raw.get(name)
        if isinstance(value, str) and value not in allowed:
            problems.append((name, f"{value!r} is not one of: {', '.join(allowed)}"))
    areas = raw.get("policy_areas")
    if isinstance(areas, list):
        if not areas:
            problems.append(("policy_areas", "needs at least one policy area"))
        for i, area in enumerate(areas):
            if isinstance(area, str) and area not in POLICY_AREAS:
                problems.append(
                    (
                        f"policy_areas[{i}]",
                        f"{area!r} is not one of: {', '.join(POLICY_AREAS)}",
                    )
                )
    if raw.get("citations") == [] and raw.get("kind") != "flexibility_guide":
        problems.append(("citations", "may be empty only for a flexibility_guide"))
    if raw.get("sources") == []:
        problems.append(("sources", "needs at least one source that was read"))
    for name in ("title", "summary"):
        if isinstance(raw.get(name), str) and not raw[name].strip():
            problems.append((name, "must not be empty"))
    reviewed = as_date(raw.get("last_reviewed"))
    if reviewed and reviewed > dt.date.today():
        problems.append(("last_reviewed", "is in the future"))
    return problems
