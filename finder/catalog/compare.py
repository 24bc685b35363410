"""Comparisons across jurisdictions: the tile-grid map, the coverage matrix, side by side
states or entries, and the tables people download of them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from finder.catalog.catalog import Catalog
from finder.catalog.jurisdictions import NAMES, name, sort_key
from finder.catalog.model import KINDS, POLICY_AREAS, STATUSES, Entry
from finder.law import find_citations, link_for
from finder.tables import Table

MAX_COMPARED = 4  # states or entries side by side

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
    """The tile map of catalog entries per state (of the kinds and areas given)."""
    return tiles_of(Counter(e.state for e in matching(catalog, kinds, areas)))


def tiles_of(counts: Mapping[str, int]) -> list[Tile]:
    """The tile map of any count per state (postal code → count; absent counts 0)."""
    return [
        Tile(code, NAMES[code], r, c, counts.get(code, 0), _level(counts.get(code, 0)))
        for code, (r, c) in TILES.items()
    ]


def matrix(
    catalog: Catalog, by: str = "kind", kinds=(), areas=(), codes=()
) -> tuple[list[str], list[tuple[str, list[int]]]]:
    """Columns (kinds or policy areas) and one row of counts per jurisdiction (only
    those in ``codes`` when given)."""
    columns = list(KINDS if by == "kind" else POLICY_AREAS)
    entries = matching(catalog, kinds, areas)
    rows = []
    for code in sorted(codes or NAMES, key=sort_key):
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


def entry_counts(catalog: Catalog, kinds=(), areas=()) -> Counter:
    """Entries per jurisdiction under the filters (each entry once, whatever its areas)."""
    return Counter(e.state for e in matching(catalog, kinds, areas))


def counts_table(catalog: Catalog, by: str = "kind", kinds=(), areas=(), codes=()):
    """The coverage matrix as a table with human column names; the last column counts
    entries, since one entry may touch several policy areas."""
    columns, rows = matrix(catalog, by, kinds, areas, codes)
    labels = KINDS if by == "kind" else POLICY_AREAS
    totals = entry_counts(catalog, kinds, areas)
    return Table(
        ("Code", "Jurisdiction", *(labels[c] for c in columns), "Total entries"),
        [(code, NAMES[code], *map(str, n), str(totals[code])) for code, n in rows],
    )


@dataclass
class Chosen:
    """What a comparison was asked to show: the items kept and, in words, what was not."""

    items: list = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _quoted(values: list[str]) -> str:
    shown = ", ".join(f"“{v[:40]}”" for v in values[:3])
    return shown + (f" and {len(values) - 3} more" if len(values) > 3 else "")


def _choose(raw: Iterable[str], find, what: str, limit: int) -> Chosen:
    chosen = Chosen()
    unknown: list[str] = []
    for value in raw:
        value = " ".join(str(value).split())
        if not value:
            continue
        found = find(value)
        if found is None:
            unknown.append(value)
        elif found not in chosen.items:
            chosen.items.append(found)
    if unknown:
        chosen.problems.append(f"Not {what}, left out: {_quoted(unknown)}.")
    if len(chosen.items) > limit:
        chosen.items = chosen.items[:limit]
        chosen.problems.append(
            f"At most {limit} can be compared side by side; showing the first {limit}."
        )
    return chosen


_BY_NAME = {n.lower(): code for code, n in NAMES.items()}


def choose_states(raw: Iterable[str], limit: int = MAX_COMPARED) -> Chosen:
    """Jurisdiction codes from what was asked (codes or names, any case), in order,
    without repeats, at most ``limit``."""

    def find(value: str) -> str | None:
        code = value.upper()
        return code if code in NAMES else _BY_NAME.get(value.lower())

    return _choose(raw, find, "a state code or name", limit)


def choose_entries(
    catalog: Catalog, raw: Iterable[str], limit: int = MAX_COMPARED
) -> Chosen:
    """Catalog entries by id, in the order asked, without repeats, at most ``limit``."""
    return _choose(raw, lambda v: catalog.get(v.lower()), "in the catalog", limit)


def entries_of_states(catalog: Catalog, codes: list[str]) -> list[Entry]:
    """Every entry of the compared states: state by state, kind by kind, by title."""
    order = {k: i for i, k in enumerate(KINDS)}
    return [
        e
        for code in codes
        for e in sorted(catalog.for_state(code), key=lambda e: order.get(e.kind, 99))
    ]


# What a comparison says about each entry, and the columns of its downloads.


def checked_on(entry: Entry) -> dt.date:
    """When the entry's facts were last checked: the latest reading of official text
    for a verified entry, else its last review."""
    dates = [c.accessed for c in entry.verified_against]
    return max(dates) if entry.verified and dates else entry.last_reviewed


def verification(entry: Entry) -> str:
    return "Verified" if entry.verified else "Not fully verified"


def never_waived(entry: Entry) -> tuple[str, ...]:
    """What the mechanism can never waive, each with the law it names."""
    items = []
    for item in entry.cannot_waive:
        extra = [c for c in item.citations if c not in item.text]
        items.append(item.text + (f" ({'; '.join(extra)})" if extra else ""))
    return tuple(items)


def official_text(entry: Entry) -> tuple[str, ...]:
    """One line per citation the law package can link: its normal form and address."""
    lines = []
    for text in entry.citations:
        for cit in find_citations(text, entry.state):
            link = link_for(cit) if cit.body.level else None
            if link:
                kind = "" if link.official else " (unofficial copy)"
                lines.append(f"{cit.label}{kind}: {link.url}")
    return tuple(dict.fromkeys(lines))


def sources(entry: Entry) -> tuple[str, ...]:
    return tuple(
        f"{s.title} — {s.url} (accessed {s.accessed.isoformat()})"
        for s in entry.sources
    )


@dataclass(frozen=True)
class Column:
    name: str
    value: Callable[[Entry], object]
    separator: str = "; "  # between several values; "\n" for sentences


LINES = "\n"
ENTRY_COLUMNS = (
    Column("Jurisdiction", lambda e: name(e.state)),
    Column("Title", lambda e: e.title),
    Column("Kind", lambda e: e.kind_label),
    Column("Policy areas", lambda e: e.area_labels),
    Column("Status", lambda e: STATUSES.get(e.status, e.status)),
    Column("Citations", lambda e: e.citations),
    Column("Official text", official_text, LINES),
    Column("Summary", lambda e: " ".join(e.summary.split())),
    Column("Eligibility", lambda e: " ".join(e.eligibility.split())),
    Column("Approver", lambda e: " ".join(e.approver.split())),
    Column("Term", lambda e: " ".join(e.term.split())),
    Column("Activation", lambda e: e.activation, LINES),
    Column("Public process", lambda e: e.public_process, LINES),
    Column("Can never waive", never_waived, LINES),
    Column("Verified", verification),
    Column("Checked on", checked_on),
    Column("Last reviewed", lambda e: e.last_reviewed),
    Column("Note", lambda e: " ".join(e.note.split())),
    Column("Sources", sources, LINES),
    Column("Entry id", lambda e: e.id),
)
ENTRY_URL = "Entry URL"


def entry_table(entries: Iterable[Entry], entry_url: Callable[[str], str]) -> Table:
    """The entries as a table with human column names, one row each, ending with the
    address of each entry's page (``entry_url(id)``)."""
    return Table(
        columns=(*(c.name for c in ENTRY_COLUMNS), ENTRY_URL),
        rows=[(*(c.value(e) for c in ENTRY_COLUMNS), entry_url(e.id)) for e in entries],
        separators={c.name: c.separator for c in ENTRY_COLUMNS},
        links=frozenset({ENTRY_URL}),
    )
