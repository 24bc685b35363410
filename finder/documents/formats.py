"""Application formats (application_formats/*.yaml): a program's required parts, as data.

Each file declares, for one program the catalog knows (a Texas local innovation plan, an
ESEA § 8401 waiver request, …), the parts its application must have, in their order:
what each must contain, the law that requires it, the sources it was read in, and which
of the audit's content can draft it (``fills``). Files are checked like the audit
templates: unknown keys, unknown catalog entries, sources without a URL, title or date,
and sources on refused hosts are errors, all reported at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from finder.audit.files import folder_stamp
from finder.catalog.hosts import PUBLISHERS, load_hosts
from finder.catalog.jurisdictions import CODES
from finder.config import PROJECT_ROOT
from finder.shapes import DATE, DataFileError, OneOf, Req, check_file

DEFAULT_DIR = PROJECT_ROOT / "application_formats"

# What the audit can put under a part, in the words the checklist uses. Each is either a
# document section (printed under the part instead of on its own) or a piece of one.
FILLS = {
    "innovation": "The innovation (from the audit's set-up)",
    "outcome": "Why this design (from the audit's set-up)",
    "requests": "Requested flexibilities",
    "terms": "Terms requested",
    "kept": "Essential oversight we keep",
    "not_binding": "Flexibility we already have",
    "activation": "Activation plan",
    "evaluation": "Evaluation plan",
    "timeline": "Timeline",
}

MAPPING = "expected a mapping"
SOURCE = {
    "url": Req(str),
    "title": Req(str),
    "accessed": Req(DATE),
    "publisher": Req(OneOf(PUBLISHERS)),
}
PART = {
    "id": Req(str),
    "heading": Req(str),
    "contains": Req(str),
    "required": bool,
    "fills": [OneOf(FILLS, "{value!r} is not one of {allowed}")],
    "citations": [Req(str)],
    "sources": Req([Req(str)], "needs the source it was read in"),
    "verified": Req(bool, "say whether it was confirmed (true or false)"),
    "note": str,
}
FORMAT = {
    "id": Req(str),
    "title": Req(str),
    "jurisdiction": Req(OneOf(CODES, "{value!r} is not a jurisdiction code")),
    "entries": Req([Req(str)], "needs the catalog entries it belongs to"),
    "applicant": Req(str),
    "note": str,
    "sources": Req({str: Req(SOURCE, MAPPING)}, "needs the sources that were read"),
    "parts": Req([Req(PART, MAPPING)], "needs at least one part"),
}


@dataclass(frozen=True)
class FormatSource:
    url: str
    title: str
    accessed: str  # ISO date
    publisher: str  # a key of PUBLISHERS


@dataclass(frozen=True)
class FormatPart:
    id: str
    heading: str
    contains: str
    required: bool
    fills: tuple[str, ...]
    citations: tuple[str, ...]
    sources: tuple[FormatSource, ...]
    verified: bool
    note: str


@dataclass(frozen=True)
class ApplicationFormat:
    id: str
    title: str
    jurisdiction: str
    entries: tuple[str, ...]
    applicant: str
    note: str
    parts: tuple[FormatPart, ...]

    @property
    def unverified(self) -> list[FormatPart]:
        """The parts whose requirement was not confirmed in official text."""
        return [p for p in self.parts if not p.verified]


class FormatError(DataFileError):
    """Format files that are not valid; ``problems`` reads ``file: place: what is wrong``."""


def _problems(name: str, data: dict, known_entries, hosts) -> list[str]:
    """What the shape cannot say: links between a file's parts, and to the catalog."""
    problems = []
    if data["id"] != Path(name).stem:
        problems.append(f"{name}: id: {data['id']!r} must match the file name")
    for entry in data["entries"]:
        if known_entries is not None and entry not in known_entries:
            problems.append(f"{name}: entries: no catalog entry {entry!r}")
    for key, source in data["sources"].items():
        if not hosts.allows(source["url"], source["publisher"]):
            problems.append(
                f"{name}: sources.{key}.url: this host cannot be cited as "
                f"{source['publisher']}"
            )
    seen_parts: set[str] = set()
    seen_fills: set[str] = set()
    for i, part in enumerate(data["parts"]):
        where = f"{name}: parts[{i}]"
        if part["id"] in seen_parts:
            problems.append(f"{where}.id: {part['id']!r} is used twice")
        seen_parts.add(part["id"])
        for key in part["sources"]:
            if key not in data["sources"]:
                problems.append(f"{where}.sources: no source {key!r} in this file")
        for fill in part.get("fills") or ():
            if fill in seen_fills:
                problems.append(f"{where}.fills: {fill!r} already fills another part")
            seen_fills.add(fill)
        if part["verified"] is False and not (part.get("note") or "").strip():
            problems.append(f"{where}.note: say why it could not be confirmed")
    return problems


def _format(data: dict) -> ApplicationFormat:
    sources = {
        key: FormatSource(
            s["url"], s["title"].strip(), s["accessed"].isoformat(), s["publisher"]
        )
        for key, s in data["sources"].items()
    }
    return ApplicationFormat(
        id=data["id"],
        title=data["title"].strip(),
        jurisdiction=data["jurisdiction"],
        entries=tuple(data["entries"]),
        applicant=" ".join(data["applicant"].split()),
        note=" ".join((data.get("note") or "").split()),
        parts=tuple(
            FormatPart(
                id=p["id"],
                heading=p["heading"].strip(),
                contains=" ".join(p["contains"].split()),
                required=p.get("required", True) is not False,
                fills=tuple(p.get("fills") or ()),
                citations=tuple(p.get("citations") or ()),
                sources=tuple(sources[k] for k in p["sources"]),
                verified=p["verified"],
                note=" ".join((p.get("note") or "").split()),
            )
            for p in data["parts"]
        ),
    )


def load_formats(
    folder: str | Path = DEFAULT_DIR, known_entries: set[str] | None = None
) -> dict[str, ApplicationFormat]:
    """Every format in the folder, by id, in file-name order.

    :param known_entries: the catalog's entry ids; when given, a format naming any
        other entry is refused.
    :raises FormatError: listing every problem in every file.
    """
    known = frozenset(known_entries) if known_entries is not None else None
    return _load(folder_stamp(folder), known)


@cache
def _load(
    files: tuple[tuple[str, int], ...], known_entries: frozenset[str] | None
) -> dict[str, ApplicationFormat]:
    """Parse the files (cached until one of them changes)."""
    hosts = load_hosts([])
    problems: list[str] = []
    formats: dict[str, ApplicationFormat] = {}
    for name, _ in files:
        path = Path(name)
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
            data = check_file(path.name, raw, FORMAT)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else 1
            problems.append(f"{path.name}:{line}: yaml: {getattr(exc, 'problem', exc)}")
            continue
        except DataFileError as exc:
            problems += exc.problems
            continue
        found = _problems(path.name, data, known_entries, hosts)
        if data["id"] in formats:
            found.append(f"{path.name}: id: {data['id']!r} is used by another file")
        if found:
            problems += found
            continue
        formats[data["id"]] = _format(data)
    if problems:
        raise FormatError(problems)
    return formats
