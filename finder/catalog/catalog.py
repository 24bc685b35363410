"""The in-memory catalog: entries by id and by state, facet values, and its fingerprint."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from finder.catalog.jurisdictions import sort_key
from finder.catalog.loader import (
    CatalogError,
    FileInfo,
    Problem,
    catalog_files,
    fingerprint,
    read_catalog,
)
from finder.catalog.model import KINDS, Entry
from finder.catalog.snapshot import load_snapshot, save_snapshot, snapshot_key


@dataclass
class Catalog:
    """A validated set of entries, read-only once built."""

    entries: list[Entry]
    files: list[FileInfo] = field(default_factory=list)
    fingerprint: str = ""
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_id = {e.id: e for e in self.entries}
        grouped: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            grouped[entry.state].append(entry)
        self._by_state = dict(grouped)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> Entry | None:
        return self.by_id.get(entry_id)

    def states(self) -> list[str]:
        """Jurisdiction codes that have entries, states by name and federal last."""
        return sorted(self._by_state, key=sort_key)

    def for_state(self, code: str) -> list[Entry]:
        return sorted(self._by_state.get(code.upper(), []), key=lambda e: e.title)

    def by_kind(self, code: str) -> list[tuple[str, list[Entry]]]:
        """A state's entries grouped by kind, in the order of the kind list."""
        entries = self.for_state(code)
        return [
            (k, [e for e in entries if e.kind == k])
            for k in KINDS
            if any(e.kind == k for e in entries)
        ]

    def counts(self) -> dict[str, Counter]:
        return {
            "state": Counter(e.state for e in self.entries),
            "kind": Counter(e.kind for e in self.entries),
            "area": Counter(a for e in self.entries for a in e.policy_areas),
        }

    def related(self, entry: Entry) -> list[Entry]:
        return [self.by_id[r] for r in entry.related if r in self.by_id]

    def notes_for(self, code: str) -> list[str]:
        return [f.notes for f in self.files if f.jurisdiction == code and f.notes]

    def coded_through(self, code: str | None = None) -> dt.date | None:
        """The date the catalog (or one jurisdiction) was researched through."""
        dates = [
            f.coded_through
            for f in self.files
            if f.coded_through and (code is None or f.jurisdiction == code)
        ]
        return min(dates) if dates else None


def read(dirs: list[str | Path], snapshot_dir: str | Path | None = None) -> Catalog:
    """Load a catalog, keeping the valid entries and the list of problems.

    With ``snapshot_dir`` (the app's index folder), a snapshot of an earlier read of
    the same files stands in for parsing the YAML, and a fresh read leaves one there.
    """
    result = None
    if snapshot_dir is not None:
        digest = fingerprint(catalog_files(dirs))
        key = snapshot_key(digest)
        result = load_snapshot(snapshot_dir, key)
    if result is None:
        result = read_catalog(dirs)
        # Saved only if the files did not change between the fingerprint and the read.
        if snapshot_dir is not None and result[2] == digest:
            save_snapshot(snapshot_dir, key, result)
    entries, files, digest, found = result
    errors = [p for p in found if p.severity == "error"]
    warnings = [p for p in found if p.severity != "error"]
    return Catalog(entries, files, digest, errors, warnings)


def load_catalog(dirs: list[str | Path]) -> Catalog:
    """Load a catalog; raise CatalogError listing every problem if there is any."""
    catalog = read(dirs)
    if catalog.problems:
        raise CatalogError(catalog.problems)
    return catalog
