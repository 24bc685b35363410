"""Comparisons across jurisdictions: the tile-grid map, the coverage matrix, side-by-side states."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from finder.catalog.catalog import Catalog
from finder.catalog.jurisdictions import NAMES, sort_key
from finder.catalog.model import KINDS, POLICY_AREAS, Entry

# One equal square per state, laid out roughly as the country is (row, column).
TILES = {
    "AK": (0, 0), "ME": (0, 11),
    "VT": (1, 10), "NH": (1, 11),
    "WA": (2, 1), "ID": (2, 2), "MT": (2, 3), "ND": (2, 4), "MN": (2, 5), "IL": (2, 6),
    "WI": (2, 7), "MI": (2, 8), "NY": (2, 9), "RI": (2, 10), "MA": (2, 11),
    "OR": (3, 1), "NV": (3, 2), "WY": (3, 3), "SD": (3, 4), "IA": (3, 5), "IN": (3, 6),
    "OH": (3, 7), "PA": (3, 8), "NJ": (3, 9), "CT": (3, 10),
    "CA": (4, 1), "UT": (4, 2), "CO": (4, 3), "NE": (4, 4), "MO": (4, 5), "KY": (4, 6),
    "WV": (4, 7), "VA": (4, 8), "MD": (4, 9), "DE": (4, 10),
    "AZ": (5, 2), "NM": (5, 3), "KS": (5, 4), "AR": (5, 5), "TN": (5, 6), "NC": (5, 7),
    "SC": (5, 8), "DC": (5, 9),
    "OK": (6, 4), "LA": (6, 5), "MS": (6, 6), "AL": (6, 7), "GA": (6, 8),
    "HI": (7, 0), "TX": (7, 4), "FL": (7, 9),
}  # fmt: skip
BINS = (
    (0, 0, "None"),
    (1, 2, "1–2"),
    (3, 4, "3–4"),
    (5, 6, "5–6"),
    (7, 10_000, "7 or more"),
)


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    row: int
    col: int
    count: int
    level: int  # index into BINS


def matching(catalog: Catalog, kinds=(), areas=()) -> list[Entry]:
    """Entries of any of the kinds and any of the areas (all when none is given)."""
    return [
        e
        for e in catalog.entries
        if (not kinds or e.kind in kinds)
        and (not areas or set(areas) & set(e.policy_areas))
    ]


def _level(count: int) -> int:
    return next(i for i, (low, high, _) in enumerate(BINS) if low <= count <= high)


def tiles(catalog: Catalog, kinds=(), areas=()) -> list[Tile]:
    counts = Counter(e.state for e in matching(catalog, kinds, areas))
    return [
        Tile(code, NAMES[code], r, c, counts.get(code, 0), _level(counts.get(code, 0)))
        for code, (r, c) in TILES.items()
    ]


def matrix(
    catalog: Catalog, by: str = "kind", kinds=(), areas=()
) -> tuple[list[str], list[tuple[str, list[int]]]]:
    """Columns (kinds or policy areas) and one row of counts per jurisdiction."""
    columns = list(KINDS if by == "kind" else POLICY_AREAS)
    entries = matching(catalog, kinds, areas)
    rows = []
    for code in sorted(NAMES, key=sort_key):
        mine = [e for e in entries if e.state == code]
        if by == "kind":
            counts = Counter(e.kind for e in mine)
        else:
            counts = Counter(a for e in mine for a in e.policy_areas)
        rows.append((code, [counts.get(c, 0) for c in columns]))
    return columns, rows


@dataclass(frozen=True)
class SideBySideRow:
    kind: str
    cells: list[list[Entry]]  # one list per compared state

    @property
    def differs(self) -> bool:
        """Some compared states have this kind of mechanism and others do not."""
        present = [bool(c) for c in self.cells]
        return any(present) and not all(present)


def side_by_side(catalog: Catalog, codes: list[str]) -> list[SideBySideRow]:
    rows = []
    for kind in KINDS:
        cells = [
            [e for e in catalog.for_state(code) if e.kind == kind] for code in codes
        ]
        if any(cells):
            rows.append(SideBySideRow(kind, cells))
    return rows
