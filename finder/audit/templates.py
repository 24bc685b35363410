"""Audit design templates (audit_templates/*.yaml): load and validate them like the catalog."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

import yaml

from finder import yamltext
from finder.audit.files import folder_stamp
from finder.audit.model import METRIC_AREAS, SOURCE_LEVELS, Metric
from finder.audit.rubric import DEFAULT_DIR
from finder.catalog import POLICY_AREAS
from finder.catalog.jurisdictions import CODES
from finder.shapes import DATE, DataFileError, Keys, OneOf, Req, check_file

RESERVED = {"rubric.yaml", "knowledge.yaml"}
# by_state: {citation: the RULE's own law, source: the page it was read on,
#            entry: the mechanism that can lift it, reason: why a citation that is the
#            mechanism's own statute is right here (rare; say it),
#            absent: why the state has no such rule (with the source that says so):
#            the template leaves the rule out for that state}
MAPPING = "expected a mapping"
BY_STATE = {
    "citation": str,
    "source": str,
    "entry": str,
    "reason": str,
    "absent": str,
}
RULE = {
    "text": Req(str),
    "source_level": Req(OneOf(SOURCE_LEVELS)),
    "policy_area": Req(OneOf(POLICY_AREAS, "{value!r} is not a policy area")),
    "note": str,
    "by_state": Keys(Req(BY_STATE, MAPPING), CODES, "unknown state"),
}
METRIC = {
    **{f.name: str for f in fields(Metric)},
    "area": Req(OneOf(METRIC_AREAS, "must be one of {allowed}")),
    "metric": Req(str),
}
SOURCE = {"url": Req(str), "title": Req(str), "accessed": Req(DATE)}
TEMPLATE = {
    "id": Req(str),
    "title": Req(str),
    "summary": Req(str),
    "rules": [Req(RULE, MAPPING)],
    "evidence": [Req(str)],
    "metrics": [Req(METRIC, MAPPING)],
    "catalog_entries": [Req(str)],
    "sources": Req([Req(SOURCE, MAPPING)], "needs at least one source that was read"),
}
TEMPLATE_FIELDS = set(TEMPLATE)


@dataclass(frozen=True)
class TemplateRule:
    text: str
    source_level: str
    policy_area: str
    note: str
    by_state: dict[str, dict]


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    summary: str
    rules: tuple[TemplateRule, ...]
    evidence: tuple[str, ...]
    metrics: tuple[dict, ...]
    catalog_entries: tuple[str, ...]
    sources: tuple[dict, ...]

    def rules_for(self, state: str) -> list[dict]:
        """The template's rules for a state, with that state's citation where known;
        rules the state does not have (see :meth:`left_out`) are not among them."""
        out = []
        for rule in self.rules:
            known = rule.by_state.get((state or "").upper(), {})
            if known.get("absent"):
                continue
            out.append(
                {
                    "text": rule.text,
                    "source_level": rule.source_level,
                    "policy_area": rule.policy_area,
                    "citation": known.get("citation", ""),
                    "note": rule.note,
                }
            )
        return out

    def left_out(self, state: str) -> list[tuple[str, str]]:
        """(rule, why) for each of the template's rules that the state's law does not
        have, as the template records it with its source."""
        code = (state or "").upper()
        return [
            (rule.text, rule.by_state[code]["absent"])
            for rule in self.rules
            if rule.by_state.get(code, {}).get("absent")
        ]


class TemplateError(DataFileError):
    """Templates that are not valid; ``problems`` reads ``file: place: what is wrong``."""


def _check(name: str, data, known_entries: set[str] | None) -> tuple[dict, list[str]]:
    """The template's data in its declared shape, and every problem with it."""
    try:
        data = check_file(name, data, TEMPLATE, coerce=True)
    except DataFileError as exc:
        return {}, exc.problems
    problems = []
    for i, rule in enumerate(data.get("rules") or []):
        for code, info in (rule.get("by_state") or {}).items():
            entry = (info or {}).get("entry")
            if entry and known_entries is not None and entry not in known_entries:
                problems.append(
                    f"{name}: rules[{i}].by_state.{code}.entry: no catalog entry {entry!r}"
                )
            if (info or {}).get("absent") and not (info or {}).get("source"):
                problems.append(
                    f"{name}: rules[{i}].by_state.{code}.absent: say where the law was "
                    "read (source)"
                )
            if (info or {}).get("absent") and (info or {}).get("citation"):
                problems.append(
                    f"{name}: rules[{i}].by_state.{code}: a rule the state does not have "
                    "has no citation of its own"
                )
    for entry in data.get("catalog_entries") or []:
        if known_entries is not None and entry not in known_entries:
            problems.append(f"{name}: catalog_entries: no catalog entry {entry!r}")
    return data, problems


def load_templates(
    folder: str | Path = DEFAULT_DIR, known_entries: set[str] | None = None
) -> dict[str, Template]:
    """Every template in the folder; raises TemplateError listing all problems."""
    known = frozenset(known_entries) if known_entries is not None else None
    return _load(folder_stamp(folder), known)


@cache
def _load(
    files: tuple[tuple[str, int], ...], known_entries: frozenset[str] | None
) -> dict[str, Template]:
    """Parse the files (cached until one of them changes)."""
    problems: list[str] = []
    templates: dict[str, Template] = {}
    for name, _ in files:
        path = Path(name)
        if path.name in RESERVED:
            continue
        try:
            data = yamltext.load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problems.append(
                f"{path.name}:{mark.line + 1 if mark else 1}: yaml: {getattr(exc, 'problem', exc)}"
            )
            continue
        data, found = _check(path.name, data, known_entries)
        if found:
            problems += found
            continue
        templates[data["id"]] = Template(
            id=data["id"],
            title=data["title"].strip(),
            summary=data["summary"].strip(),
            rules=tuple(
                TemplateRule(
                    r["text"].strip(),
                    r["source_level"],
                    r["policy_area"],
                    (r.get("note") or "").strip(),
                    dict(r.get("by_state") or {}),
                )
                for r in data.get("rules") or []
            ),
            evidence=tuple(data.get("evidence") or ()),
            metrics=tuple(data.get("metrics") or ()),
            catalog_entries=tuple(data.get("catalog_entries") or ()),
            sources=tuple(data.get("sources") or ()),
        )
    if problems:
        raise TemplateError(problems)
    return templates


def citation_problems(templates: dict[str, Template], catalog) -> list[str]:
    """Template rules that cite the statute of the mechanism they list instead of the
    rule's own law (the citation lies within, or contains, one of the mechanism's own
    citations), unless the state's row gives a ``reason``; citations that do not parse;
    and citations without the ``source`` they were read on. Each problem reads
    ``template: rule: STATE: what is wrong``.
    """
    from finder.law import parse_citation

    problems = []
    for template in templates.values():
        for rule in template.rules:
            for code, info in rule.by_state.items():
                cited = (info.get("citation") or "").strip()
                if not cited:
                    continue
                where = f"{template.id}: {rule.text[:50]}: {code}"
                if not (info.get("source") or "").startswith("http"):
                    problems.append(
                        f"{where}: {cited!r} needs the `source` it was read on"
                    )
                cit = parse_citation(cited, code)
                if cit is None:
                    problems.append(
                        f"{where}: {cited!r} is not a citation the parser reads"
                    )
                    continue
                entry = catalog.get(info.get("entry") or "")
                if entry is None or info.get("reason"):
                    continue
                own = [parse_citation(c, code) for c in entry.citations]
                clash = next(
                    (c for c in own if c is not None and c.path and c.overlaps(cit)),
                    None,
                )
                if clash:
                    problems.append(
                        f"{where}: {cit.label} is the law of the mechanism "
                        f"{entry.id} ({clash.label}), not of the rule: cite the rule's own "
                        "law, leave it blank, or give a reason"
                    )
    return problems
