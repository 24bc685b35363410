"""Pure checks on one raw catalog entry; each returns (field, message) problems."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

from finder.catalog.hosts import OFFICIAL, PUBLISHERS, Hosts, host_of
from finder.catalog.jurisdictions import CODES
from finder.catalog.model import KINDS, POLICY_AREAS, STATUSES, WAIVE_LEVELS
from finder.law import body_for, parse_citation

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
    "cannot_waive": (True, "list[provision]"),
    "examples": (True, "list[example]"),
    "related": (True, "list[str]"),
    "sources": (True, "list[source]"),
    "effective": (True, "date?"),
    "last_reviewed": (True, "date"),
    "status": (True, "str"),
    "verified": (True, "bool"),
    "note": (False, "str"),
    "waives": (False, "list[str]"),
    "verified_against": (False, "list[check]"),
    "official_source": (False, "str"),
}
SOURCE_FIELDS = {"url", "title", "accessed", "publisher"}
PROVISION_FIELDS = {"text", "citations"}
CHECK_FIELDS = {"url", "accessed"}
EXAMPLE_FIELDS = {"name", "note", "source"}

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
    if shape == "list[provision]":
        return [
            p
            for i, item in enumerate(value)
            for p in _provision_problems(f"{name}[{i}]", item)
        ]
    if shape == "list[check]":
        return [
            p for i, c in enumerate(value) for p in _check_problems(f"{name}[{i}]", c)
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
    publisher = src.get("publisher")
    if publisher is not None and publisher not in PUBLISHERS:
        problems.append(
            (
                f"{name}.publisher",
                f"{publisher!r} is not one of: {', '.join(PUBLISHERS)}",
            )
        )
    return problems


def _provision_problems(name: str, item) -> list[Problem]:
    """A cannot-waive item: text, or {text, citations} with citations that parse."""
    if isinstance(item, str):
        return [] if item.strip() else [(name, "must be non-empty text")]
    if not isinstance(item, dict):
        return [(name, "must be text or a mapping with text and citations")]
    problems = _unknown(name, item, PROVISION_FIELDS)
    if not isinstance(item.get("text"), str) or not item["text"].strip():
        problems.append((f"{name}.text", "must be non-empty text"))
    cites = item.get("citations", [])
    if not isinstance(cites, list):
        return [*problems, (f"{name}.citations", "must be a list of citations")]
    for i, cite in enumerate(cites):
        if not isinstance(cite, str) or parse_citation(cite) is None:
            problems.append(
                (
                    f"{name}.citations[{i}]",
                    f"{cite!r} is not a citation the parser reads",
                )
            )
    return problems


def _check_problems(name: str, item) -> list[Problem]:
    if not isinstance(item, dict):
        return [(name, "must be a mapping with url and accessed")]
    problems = _unknown(name, item, CHECK_FIELDS)
    if not is_url(item.get("url")):
        problems.append((f"{name}.url", "must be an absolute http(s) URL"))
    if not as_date(item.get("accessed")):
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
        if name not in raw:
            if required:
                problems.append((name, "is required"))
            continue
        problems += _shape_problems(name, shape, raw[name])
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
