"""Pure checks on one raw catalog entry; each returns (field, message) problems.

The fields, their shapes and their closed lists are declared once in ``model.py``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import MISSING
from urllib.parse import urlparse

from finder.catalog.hosts import OFFICIAL, Hosts, host_of
from finder.catalog.jurisdictions import CODES
from finder.catalog.model import (
    NESTED,
    TEXT_FORM,
    WAIVE_LEVELS,
    Check,
    Entry,
    Example,
    Provision,
    Source,
    declared_fields,
)
from finder.law import body_for, parse_citation


def _shapes(cls) -> dict[str, tuple[bool, str]]:
    return {
        f.name: (f.metadata["required"], f.metadata["shape"])
        for f in declared_fields(cls)
    }


# field name -> (required, expected shape), from the declarations in model.py
FIELDS: dict[str, tuple[bool, str]] = _shapes(Entry)
SOURCE_FIELDS = set(_shapes(Source))
PROVISION_FIELDS = set(_shapes(Provision))
CHECK_FIELDS = set(_shapes(Check))
EXAMPLE_FIELDS = set(_shapes(Example))
_META = {
    cls: {f.name: f.metadata for f in declared_fields(cls)}
    for cls in [Entry, *NESTED.values()]
}

Problem = tuple[str, str]
REFUSED_MESSAGE = "is a refused host (unrelated to law or education)"


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


def _english(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _mapping_hint(cls) -> str:
    if cls in TEXT_FORM:
        return f"must be text or a mapping with {_english(list(_META[cls]))}"
    wanted = [f.name for f in declared_fields(cls) if f.default is MISSING]
    return f"must be a mapping with {_english(wanted)}"


def _shape_problems(name: str, shape: str, value, meta=None) -> list[Problem]:
    """Problems with one value against its declared shape and facts."""
    meta = meta or {}
    if shape in {"str", "text", "url"}:
        if shape == "url":
            if is_url(value):
                return []
            return [(name, meta.get("invalid", "must be an absolute http(s) URL"))]
        if shape == "text":
            ok = isinstance(value, str) and value.strip()
            return [] if ok else [(name, "must be non-empty text")]
        if not isinstance(value, str):
            return [(name, "must be text")]
        return _text_facts(name, value, meta)
    if shape == "bool":
        return [] if isinstance(value, bool) else [(name, "must be true or false")]
    if shape == "date":
        return [] if as_date(value) else [(name, "must be a date YYYY-MM-DD")]
    if shape == "date?":
        if value is None or as_date(value):
            return []
        return [(name, "must be a date YYYY-MM-DD or null")]
    if shape.endswith("?"):
        if value is None:
            return []
        shape = shape[:-1]
    if shape == "list[citation]":
        if not isinstance(value, list):
            return [(name, "must be a list of citations")]
        return [
            (f"{name}[{i}]", f"{cite!r} is not a citation the parser reads")
            for i, cite in enumerate(value)
            if not isinstance(cite, str) or parse_citation(cite) is None
        ]
    if not isinstance(value, list):
        return [(name, "must be a list")]
    problems: list[Problem] = []
    if len(value) < meta.get("min_items", 0):
        problems.append((name, meta["min_message"]))
    if shape == "list[str]":
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                problems.append((f"{name}[{i}]", "must be non-empty text"))
            else:
                problems += _text_facts(f"{name}[{i}]", item, meta)
        return problems
    cls = NESTED[shape[len("list[") : -1]]
    for i, item in enumerate(value):
        problems += _nested_problems(f"{name}[{i}]", cls, item)
    return problems


def _text_facts(name: str, value: str, meta) -> list[Problem]:
    """A text's declared facts: not blank, a closed list, a pattern."""
    if "blank_message" in meta and not value.strip():
        return [(name, meta["blank_message"])]
    choices = meta.get("choices")
    if choices is not None and value not in choices:
        message = meta.get("choice_message", "{value!r} is not one of: {allowed}")
        return [(name, message.format(value=value, allowed=", ".join(choices)))]
    if "pattern" in meta and not re.fullmatch(meta["pattern"], value):
        return [(name, meta["pattern_message"])]
    return []


def _nested_problems(name: str, cls, item) -> list[Problem]:
    """One item of a list of mappings (a source, a provision, ...), checked field by
    field as declared: unknown keys, then each field's shape."""
    if cls in TEXT_FORM and isinstance(item, str):
        return [] if item.strip() else [(name, "must be non-empty text")]
    if not isinstance(item, dict):
        return [(name, _mapping_hint(cls))]
    problems = _unknown(name, item, set(_META[cls]))
    for field_name, meta in _META[cls].items():
        if field_name not in item and not meta["required"]:
            continue
        value = item.get(field_name)
        if value is None and not meta["required"]:
            continue
        problems += _shape_problems(f"{name}.{field_name}", meta["shape"], value, meta)
    return problems


def _unknown(name: str, item: dict, allowed: set[str]) -> list[Problem]:
    return [
        (f"{name}.{k}", "unknown field") for k in sorted(set(item) - allowed, key=str)
    ]


def entry_problems(
    raw: dict, jurisdiction: str | None, hosts: Hosts | None = None
) -> list[Problem]:
    """Every problem with one entry, checked on its own (ids across files are checked later).

    With ``hosts``, sources are checked against the host lists too (see
    :func:`source_problems`); warnings are not problems and come from there.
    """
    problems: list[Problem] = [
        (str(k), "unknown field (a typo?)") for k in raw if k not in FIELDS
    ]
    for name, (required, shape) in FIELDS.items():
        if raw.get(name) is None and not required:
            continue  # an optional field given as null is left out, as in the schema
        if name not in raw:
            problems.append((name, "is required"))
            continue
        problems += _shape_problems(name, shape, raw[name], _META[Entry][name])
    problems += _value_problems(raw, jurisdiction)
    problems += _waives_problems(raw)
    if hosts is not None and not problems:
        problems += source_problems(raw, hosts)[0]
    return problems


def _waives_problems(raw: dict) -> list[Problem]:
    waives = raw.get("waives")
    if not isinstance(waives, list):
        return []
    return [
        (
            f"waives[{i}]",
            f"{item!r} is neither one of {', '.join(WAIVE_LEVELS)} nor a body of law the citation parser reads",
        )
        for i, item in enumerate(waives)
        if isinstance(item, str)
        and item not in WAIVE_LEVELS
        and body_for(item, raw.get("state") or "") is None
    ]


def source_problems(raw: dict, hosts: Hosts) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) about an entry's sources, read against the host lists.

    Errors: a refused host; an official label on a host that is not official; no
    official source and no ``official_source`` saying why; ``verified: true`` without
    ``verified_against`` pages that are among its official sources.
    Warnings: a host in no list (add it to hosts.yaml once you know who publishes it).
    """
    errors: list[Problem] = []
    warnings: list[Problem] = []
    official_urls = set()
    for i, src in enumerate(raw.get("sources") or []):
        url = src["url"]
        found = hosts.classify(url)
        publisher = src.get("publisher") or hosts.default_publisher(url)
        if found == "refused":
            errors.append(
                (
                    f"sources[{i}].url",
                    f"{host_of(url)} {REFUSED_MESSAGE}; cite the official page",
                )
            )
            continue
        if publisher in OFFICIAL and not hosts.allows(url, publisher):
            errors.append(
                (
                    f"sources[{i}].publisher",
                    f"{publisher} on a host that is not official ({found}); fix the label or add the host to hosts.yaml",
                )
            )
        elif publisher in OFFICIAL:
            official_urls.add(url)
        if found == "unknown" and not src.get("publisher"):
            warnings.append(
                (
                    f"sources[{i}].url",
                    "host is in no list of hosts.yaml; say its publisher",
                )
            )
    for i, ex in enumerate(raw.get("examples") or []):
        if hosts.classify(ex["source"]) == "refused":
            errors.append(
                (f"examples[{i}].source", f"{host_of(ex['source'])} {REFUSED_MESSAGE}")
            )
    if not official_urls and not (raw.get("official_source") or "").strip():
        errors.append(
            (
                "sources",
                "no official source (legislature, official code, agency): cite one, or say in official_source what was searched",
            )
        )
    if raw.get("verified") is True:
        checks = raw.get("verified_against") or []
        if not checks:
            errors.append(
                (
                    "verified_against",
                    "verified: true needs the official pages it was checked against",
                )
            )
        for i, check in enumerate(checks):
            if check["url"] not in official_urls:
                errors.append(
                    (
                        f"verified_against[{i}].url",
                        "must be one of the entry's official sources",
                    )
                )
    return errors, warnings


def _value_problems(raw: dict, jurisdiction: str | None) -> list[Problem]:
    """Rules between fields or beyond one value (each field's own are declared)."""
    problems: list[Problem] = []
    state = raw.get("state")
    if isinstance(state, str) and state in CODES and state != (jurisdiction or state):
        problems.append(("state", f"is {state} but the file is for {jurisdiction}"))
    if raw.get("citations") == [] and raw.get("kind") != "flexibility_guide":
        problems.append(("citations", "may be empty only for a flexibility_guide"))
    reviewed = as_date(raw.get("last_reviewed"))
    if reviewed and reviewed > dt.date.today():
        problems.append(("last_reviewed", "is in the future"))
    return problems
