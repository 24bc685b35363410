"""Facet counts for state, kind and policy area: OR within a facet, AND across facets."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from finder.catalog import KINDS, POLICY_AREAS
from finder.catalog.jurisdictions import name, sort_key

FACETS = ("state", "kind", "area")
LABELS = {"state": "Jurisdiction", "kind": "Kind", "area": "Policy area"}


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetTable:
    """Each document's facet values, by document number, read once per index."""

    values: list[tuple[str, str, tuple[str, ...]]]  # state, kind, areas
    ids: list[str] = field(default_factory=list)  # entry id ("" for a deleted one)

    @classmethod
    def from_reader(cls, reader, catalog) -> FacetTable:
        """Entry ids and facet values (from the catalog), by document number.

        The id column is read once, here: each page of hits then finds its entries
        without a column read, and no stored document is loaded for three short values.
        """
        count = reader.doc_count_all()
        values: list[tuple[str, str, tuple[str, ...]]] = [("", "", ())] * count
        ids = [""] * count
        if not count:  # an empty index has no columns to read (an empty catalog)
            return cls(values, ids)
        column = reader.column_reader("id")
        for docnum in reader.all_doc_ids():
            ids[docnum] = column[docnum]
            entry = catalog.get(ids[docnum])
            if entry is not None:
                values[docnum] = (entry.state, entry.kind, tuple(entry.policy_areas))
        return cls(values, ids)

    @cached_property
    def everything(self) -> dict[str, Counter]:
        """Counts over every document of the index (kept: the index never changes)."""
        return self._tally(range(len(self.values)))

    def _tally(self, docnums) -> dict[str, Counter]:
        counts = {facet: Counter() for facet in FACETS}
        rows = [self.values[d] for d in docnums]
        counts["state"].update(r[0] for r in rows)
        counts["kind"].update(r[1] for r in rows)
        counts["area"].update(a for r in rows for a in r[2])
        return counts

    def passes(
        self, docnum: int, selected: dict[str, frozenset[str]], skip: str = ""
    ) -> bool:
        state, kind, areas = self.values[docnum]
        if skip != "state" and selected["state"] and state not in selected["state"]:
            return False
        if skip != "kind" and selected["kind"] and kind not in selected["kind"]:
            return False
        return not (
            skip != "area" and selected["area"] and selected["area"].isdisjoint(areas)
        )

    def count(self, docnums, selected: dict[str, frozenset[str]]) -> dict[str, Counter]:
        """Counts per facet value; each facet ignores its own selection (disjunctive)."""
        if not any(selected.values()):
            # The common case: plain counts, no per-document tests. When every document
            # matched (an empty search, a word every entry has), the index's own counts.
            if len(docnums) == len(self.values):
                return {facet: Counter(c) for facet, c in self.everything.items()}
            return self._tally(docnums)
        counts = {facet: Counter() for facet in FACETS}
        for doc in docnums:
            state, kind, areas = self.values[doc]
            if self.passes(doc, selected, skip="state"):
                counts["state"][state] += 1
            if self.passes(doc, selected, skip="kind"):
                counts["kind"][kind] += 1
            if self.passes(doc, selected, skip="area"):
                counts["area"].update(areas)
        return counts


def label(facet: str, value: str) -> str:
    if facet == "state":
        return name(value)
    return (KINDS if facet == "kind" else POLICY_AREAS).get(value, value)


def facet_values(
    counts: dict[str, Counter], selected: dict[str, frozenset[str]]
) -> dict[str, list[FacetValue]]:
    """Facet groups ready to show: selected values first (kept even at zero), then by count.

    Selected values lead their list so a chosen state is never hidden below the fold of
    a long, scrolling list of jurisdictions.
    """
    groups: dict[str, list[FacetValue]] = {}
    for facet in FACETS:
        values = set(counts[facet]) | set(selected[facet])
        items = [
            FacetValue(
                v, label(facet, v), counts[facet].get(v, 0), v in selected[facet]
            )
            for v in values
        ]
        if facet == "state":
            items.sort(key=lambda fv: (not fv.selected, -fv.count, sort_key(fv.value)))
        else:
            items.sort(key=lambda fv: (not fv.selected, -fv.count, fv.label))
        groups[facet] = items
    return groups
