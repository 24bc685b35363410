"""Read catalog YAML files, validate every entry, and gather all problems with their lines."""

from __future__ import annotations

import hashlib
from dataclasses import MISSING, dataclass, replace
from pathlib import Path

import yaml

from finder.catalog.hosts import HOSTS_FILE, Hosts, load_hosts
from finder.catalog.jurisdictions import CODES
from finder.catalog.model import (
    NESTED,
    TEXT_FORM,
    CatalogFile,
    Entry,
    declared_fields,
)
from finder.catalog.validate import as_date, entry_problems, is_url, source_problems
from finder.yamltext import FastStrictLoader

FILE_FIELDS = {f.name for f in declared_fields(CatalogFile)}


class _CatalogLoader(FastStrictLoader):
    """SafeLoader (a key written twice refused) that keeps an impossible date ("2026-13-45") as text for validation,
    and remembers the line of every mapping and key it builds (one parse, not two)."""

    def __init__(self, stream):
        super().__init__(stream)
        self.lines: dict[int, tuple[int, dict[str, int]]] = {}

    def construct_yaml_map(self, node):
        data: dict = {}
        keys = {
            str(k.value): k.start_mark.line + 1
            for k, _ in node.value
            if isinstance(k, yaml.ScalarNode)
        }
        self.lines[id(data)] = (node.start_mark.line + 1, keys)
        yield data
        data.update(self.construct_mapping(node))

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_CatalogLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _CatalogLoader.construct_yaml_timestamp
)
_CatalogLoader.add_constructor(
    "tag:yaml.org,2002:map", _CatalogLoader.construct_yaml_map
)


def safe_parse(text: str):
    """Parse YAML safely (plain data only) and the lines of its mappings, by object id."""
    loader = _CatalogLoader(text)
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    return data, loader.lines


def _value_lines(value, prefix: str, line_map: dict, out: dict[str, int]) -> None:
    """Record the line of every key path under a parsed value ("sources[0].url")."""
    if isinstance(value, dict):
        keys = line_map.get(id(value), (0, {}))[1]
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if str(key) in keys:
                out[path] = keys[str(key)]
            _value_lines(item, path, line_map, out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            path = f"{prefix}[{i}]"
            if isinstance(item, dict) and id(item) in line_map:
                out[path] = line_map[id(item)][0]
            _value_lines(item, path, line_map, out)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the catalog, located as precisely as the file allows."""

    file: str
    line: int
    entry_id: str
    field: str
    message: str
    column: int | None = None
    severity: str = "error"  # or "warning": reported, but the entry is still served

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")
        tag = "warning: " if self.severity == "warning" else ""
        return f"{where}: {self.entry_id or '-'}: {self.field}: {tag}{self.message}"


class CatalogError(Exception):
    """The catalog has problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class FileInfo:
    """What a catalog file says about its jurisdiction beyond its entries."""

    path: str
    jurisdiction: str
    coded_through: object
    notes: str
    checked: tuple[str, ...] = ()  # laws looked at in the latest currency sweep


@dataclass
class _Parsed:
    path: str
    info: FileInfo | None
    raw_entries: list[tuple[dict, dict[str, int], int]]  # raw, field lines, entry line


def catalog_files(dirs: list[str | Path]) -> list[Path]:
    """All *.yaml / *.yml files in the given folders, in a stable order."""
    files: list[Path] = []
    for d in dirs:
        folder = Path(d)
        if folder.is_dir():
            files += sorted(
                p
                for p in folder.iterdir()
                if p.suffix in {".yaml", ".yml"} and p.name != HOSTS_FILE
            )
    return files


def fingerprint(files: list[Path]) -> str:
    """A digest of the files' names and contents (and of the host lists beside them,
    which validation reads): it changes when any of them does."""
    digest = hashlib.sha256()
    folders = dict.fromkeys(p.parent for p in files)
    extra = [f / HOSTS_FILE for f in folders if (f / HOSTS_FILE).is_file()]
    for path in [*files, *extra]:
        digest.update(str(path).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def _line_for(lines: dict[str, int], field: str, default: int) -> int:
    """The line of a field path, or of its nearest parent that has one."""
    path = field
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return default


def _parse_file(path: Path, problems: list[Problem]) -> _Parsed:
    name = str(path)
    parsed = _Parsed(name, None, [])
    try:
        text = path.read_text(encoding="utf-8")
        data, line_map = safe_parse(text)
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(name, 1, "", "file", f"is not UTF-8 text ({exc.reason})")
        )
        return parsed
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, None)
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(Problem(name, line, "", "yaml", f"syntax error: {reason}", col))
        return parsed
    if not isinstance(data, dict):
        problems.append(
            Problem(
                name, 1, "", "file", "must be a mapping with jurisdiction and entries"
            )
        )
        return parsed
    top_lines = dict(line_map.get(id(data), (1, {}))[1])
    for key in data:
        if key not in FILE_FIELDS:
            problems.append(
                Problem(
                    name,
                    top_lines.get(str(key), 1),
                    "",
                    str(key),
                    "unknown field (a typo?)",
                )
            )
    jurisdiction = data.get("jurisdiction")
    if jurisdiction not in CODES:
        problems.append(
            Problem(
                name,
                top_lines.get("jurisdiction", 1),
                "",
                "jurisdiction",
                f"unknown jurisdiction {jurisdiction!r}",
            )
        )
        jurisdiction = None
    coded = data.get("coded_through")
    if coded is not None and not as_date(coded):
        problems.append(
            Problem(
                name,
                top_lines.get("coded_through", 1),
                "",
                "coded_through",
                "must be a date YYYY-MM-DD",
            )
        )
    checked = data.get("checked") or []
    if not isinstance(checked, list) or not all(
        isinstance(c, str) and c.strip() for c in checked
    ):
        problems.append(
            Problem(
                name,
                top_lines.get("checked", 1),
                "",
                "checked",
                "must be a list of texts (one per law looked at)",
            )
        )
        checked = []
    notes = data.get("notes") or ""
    if not isinstance(notes, str):
        problems.append(
            Problem(name, top_lines.get("notes", 1), "", "notes", "must be text")
        )
        notes = ""
    entries = data.get("entries")
    if not isinstance(entries, list):
        problems.append(
            Problem(
                name,
                top_lines.get("entries", 1),
                "",
                "entries",
                "must be a list of entries",
            )
        )
        entries = []
    if jurisdiction:
        parsed.info = FileInfo(
            name,
            jurisdiction,
            as_date(coded) if coded else None,
            notes.strip(),
            tuple(c.strip() for c in checked),
        )
    entries_line = top_lines.get("entries", 1)
    for raw in entries:
        lines: dict[str, int] = {}
        start = (
            line_map[id(raw)][0]
            if isinstance(raw, dict) and id(raw) in line_map
            else entries_line
        )
        if isinstance(raw, dict):
            _value_lines(raw, "", line_map, lines)
        if not isinstance(raw, dict):
            problems.append(
                Problem(name, start, "", "entry", "must be a mapping of fields")
            )
            continue
        parsed.raw_entries.append((raw, lines, start))
    return parsed


def _value(shape: str, value, default):
    """A validated YAML value as the model holds it, by its declared shape."""
    if value is None:
        return default if default is not MISSING else _empty(shape)
    if shape in {"str", "text", "url"}:
        return value.strip()
    if shape in {"date", "date?"}:
        return as_date(value)
    if shape in {"list[str]", "list[str]?", "list[citation]"}:
        return tuple(s.strip() for s in value)
    if shape.startswith("list["):
        cls = NESTED[shape[len("list[") : -1]]
        return tuple(build(cls, item) for item in value)
    return value


def _empty(shape: str):
    """What an optional field without a default holds when the YAML leaves it out."""
    if shape.startswith("list["):
        return ()
    return "" if shape in {"str", "text", "url"} else None


def build(cls, raw):
    """An instance of a declared dataclass from validated YAML data, field by field."""
    if cls in TEXT_FORM and isinstance(raw, str):
        raw = {TEXT_FORM[cls]: raw}
    return cls(
        **{
            f.name: _value(f.metadata["shape"], raw.get(f.name), f.default)
            for f in declared_fields(cls)
        }
    )


def _to_entry(raw: dict, origin: str, hosts: Hosts) -> Entry:
    entry = build(Entry, raw)
    # a publisher left out is read from the host lists; official sources first, in
    # the file's order otherwise
    sources = [
        replace(s, publisher=s.publisher or hosts.default_publisher(s.url))
        for s in entry.sources
    ]
    sources.sort(key=lambda s: not s.official)
    return replace(entry, sources=tuple(sources), origin=origin)


def read_catalog(dirs: list[str | Path]):
    """Load every file; return (entries, file infos, fingerprint, problems) without raising."""
    files = catalog_files(dirs)
    hosts = load_hosts(dirs)
    problems: list[Problem] = [
        Problem(place.split(": ", 1)[0], 1, "", "hosts", place.split(": ", 1)[1])
        for place in hosts.problems
    ]
    parsed = [_parse_file(path, problems) for path in files]
    seen: dict[str, str] = {}
    candidates: list[tuple[dict, dict[str, int], int, str]] = []
    for pf in parsed:
        jurisdiction = pf.info.jurisdiction if pf.info else None
        for raw, lines, start in pf.raw_entries:
            entry_id = raw.get("id") if isinstance(raw.get("id"), str) else ""
            found = entry_problems(raw, jurisdiction, hosts)
            warned = source_problems(raw, hosts)[1] if not found else []
            for severity, items in (("error", found), ("warning", warned)):
                problems += [
                    Problem(
                        pf.path,
                        _line_for(lines, field, start),
                        entry_id,
                        field,
                        message,
                        severity=severity,
                    )
                    for field, message in items
                ]
            if entry_id:
                where = f"{pf.path}:{lines.get('id', start)}"
                if entry_id in seen:
                    problems.append(
                        Problem(
                            pf.path,
                            lines.get("id", start),
                            entry_id,
                            "id",
                            f"duplicate id; first defined at {seen[entry_id]}",
                        )
                    )
                    continue
                seen[entry_id] = where
            if not found:
                candidates.append((raw, lines, start, pf.path))
    entries = []
    for raw, lines, start, path in candidates:
        for i, rel in enumerate(raw["related"]):
            message = (
                f"no entry has the id {rel!r}"
                if rel not in seen
                else "an entry cannot relate to itself"
                if rel == raw["id"]
                else ""
            )
            if message:
                field = f"related[{i}]"
                problems.append(
                    Problem(
                        path, _line_for(lines, field, start), raw["id"], field, message
                    )
                )
        entries.append(_to_entry(raw, f"{path}:{start}", hosts))
    infos = [pf.info for pf in parsed if pf.info]
    problems.sort(key=lambda p: (p.file, p.line))
    return entries, infos, fingerprint(files), problems


__all__ = [
    "CatalogError",
    "FileInfo",
    "Problem",
    "catalog_files",
    "fingerprint",
    "is_url",
    "read_catalog",
]
