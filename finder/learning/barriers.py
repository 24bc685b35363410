"""The barriers report: rules districts judged unnecessary control, grouped by the law.

Rules are grouped by their parsed citation at section level, so "TEC 25.0811",
"Tex. Educ. Code § 25.0811" and "Texas Education Code Section 25.0811(a)" are one
row; a rule whose citation does not parse is grouped by its words. Districts are
counted as the public can tell them apart: a team's named cases are one district, and
its anonymous cases in a state one more (one team's several audits are one district).

Privacy: a row with an anonymous case among fewer than :data:`MIN_DISTRICTS`
districts shows "fewer than 3" instead of a count, and only its named cases'
mechanisms; such a row without a citation or a named case is not listed at all (its
only label would be an anonymous team's own words), only counted in ``withheld``. A
team's named and anonymous cases are never joined in a row, the national rows add
only what each state's rows show, and no total of districts is published beside the
count of cases.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from finder.catalog.jurisdictions import name as state_name
from finder.law import section_of
from finder.law.scope import rule_law
from finder.learning.cases import Publication, PublicRule
from finder.tables import Table

MIN_DISTRICTS = 3
FEWER = f"fewer than {MIN_DISTRICTS}"


@dataclass(frozen=True)
class Barrier:
    """One row: a rule (by citation) and the districts that judged it unnecessary."""

    key: str
    label: str  # the citation in normal form, or the rule's words
    cited: bool
    states: tuple[str, ...]  # postal codes of the districts
    districts: int | None  # None: fewer than MIN_DISTRICTS, an anonymous one among them
    named: tuple[tuple[int, str], ...]  # (publication id, district), named cases only
    mechanisms: tuple[tuple[str, int], ...]  # (catalog id, districts), most used first
    wording: str  # one team's words for the rule (a named case's when there is one)

    @property
    def count_text(self) -> str:
        return FEWER if self.districts is None else str(self.districts)


@dataclass(frozen=True)
class BarriersReport:
    state: str  # postal code, or "" for the nation
    cases: int  # published cases counted
    # Districts that named themselves. (No total of districts is given: beside the
    # case count it would tell whether a named district also published anonymously.)
    named_districts: int
    rows: tuple[Barrier, ...]
    withheld: int  # small anonymous groups without a citation, not listed


@dataclass
class _Group:
    """One state's publications behind one row, by district as the public can tell
    them apart: ``("named", team)`` for a team's named cases, ``("anonymous", state,
    team)`` for its anonymous ones (never joined to its named cases)."""

    state: str
    label: Counter
    cited: bool
    used: dict  # district -> set of catalog ids
    named: dict  # ("named", team) -> [(publication id, district, wording)]
    anonymous_wording: dict  # ("anonymous", state, team) -> one case's words


# Longest stretch of a rule's words read for a citation: citations come first or in
# the citation field, and a bound keeps one pasted essay from slowing public pages.
CITATION_SCAN = 300
LABEL_LENGTH = 200


@functools.lru_cache(maxsize=20_000)
def rule_key(citation: str, text: str, level: str, state: str) -> tuple[str, str, bool]:
    """(group key, label, cited?) for a rule: its first citation as the law package
    reads a rule (:func:`finder.law.scope.rule_law`), at section level; else its words
    (lower case, punctuation and spacing flattened). Only the first
    :data:`CITATION_SCAN` characters of each are read."""
    found = rule_law(
        text[:CITATION_SCAN], citation[:CITATION_SCAN], level, state
    ).citations
    if found:
        section = section_of(found[0])
        # ESEA § 1111 and 20 U.S.C. § 6311 are one section: key both by one form.
        canonical = min((section, *section.alias), key=lambda c: c.body.id)
        key = "|".join(
            (canonical.body.id, canonical.title, *canonical.path, *canonical.upper)
        )
        return "law:" + key, section.label, True
    words = " ".join(re.findall(r"\w+", text.casefold()))
    label = text.strip()
    if len(label) > LABEL_LENGTH:
        label = label[: LABEL_LENGTH - 1].rstrip() + "…"
    return "text:" + words, label, False


def _lifted(publication: Publication) -> Iterable[PublicRule]:
    return (r for r in publication.case.rules if r.decision == "unnecessary_control")


def _group_state(state: str, publications: Iterable[Publication]) -> dict[str, _Group]:
    """One state's rows before privacy."""
    groups: dict[str, _Group] = {}
    for pub in publications:
        case = pub.case
        # An anonymous case counts as its own district, apart from any named case of
        # the same team and from the team's cases in other states: counts never
        # depend on who is behind an anonymous case.
        district = ("named", pub.team) if case.named else ("anonymous", state, pub.team)
        for rule in _lifted(pub):
            key, label, cited = rule_key(
                rule.citation, rule.text, rule.source_level, state
            )
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(state, Counter(), cited, {}, {}, {})
            group.label[label] += 1
            group.used.setdefault(district, set()).update(rule.mechanisms)
            if case.named:
                group.named.setdefault(district, []).append(
                    (pub.id, case.district, rule.text)
                )
            else:
                group.anonymous_wording.setdefault(district, rule.text)
    return groups


@dataclass
class _Shown:
    """What a row may show once the privacy rule has been applied."""

    label: Counter
    cited: bool
    used: dict  # district counted -> its catalog ids
    hidden: bool  # an anonymous district was left out (fewer than MIN_DISTRICTS)
    states: set
    named: dict  # publication id -> district
    named_wording: str = ""
    wording: str = ""


def _visible(group: _Group) -> _Shown | None:
    """The row as the public may see it, or None when it is withheld.

    Districts are counted as the public can tell them apart: each named district once,
    and each team's anonymous cases in a state as one more district, even when the same
    team also named itself (so a count never tells who is behind an anonymous case; a
    district that published both ways counts twice). Anonymous districts count, and
    their mechanisms show, only when at least MIN_DISTRICTS districts share the row;
    otherwise the row shows its named cases and no count ("fewer than 3"), and a row
    with no citation and no named case is withheld."""
    open_row = len(group.used) >= MIN_DISTRICTS or not group.anonymous_wording
    if not open_row and not (group.cited or group.named):
        return None
    used = group.used if open_row else {d: group.used[d] for d in group.named}
    shown = _Shown(
        group.label,
        group.cited,
        dict(used),
        not open_row,
        {group.state} if used else set(),
        {pub_id: name for cases in group.named.values() for pub_id, name, _ in cases},
    )
    shown.named_wording = next(
        (words for cases in group.named.values() for _, _, words in cases), ""
    )
    if open_row:
        shown.wording = next(iter(group.anonymous_wording.values()), "")
    return shown


def _row(key: str, shown: _Shown) -> Barrier:
    total = len(shown.used)
    open_row = total >= MIN_DISTRICTS or not shown.hidden
    mechanisms = Counter(m for ids in shown.used.values() for m in ids)
    return Barrier(
        key=key,
        label=shown.label.most_common(1)[0][0],
        cited=shown.cited,
        states=tuple(sorted(shown.states)),
        districts=total if open_row else None,
        named=tuple(sorted(shown.named.items(), key=lambda kv: kv[1].casefold())),
        mechanisms=tuple(sorted(mechanisms.items(), key=lambda kv: (-kv[1], kv[0]))),
        wording=shown.named_wording or shown.wording,
    )


def _merge(into: _Shown, more: _Shown) -> None:
    """Add one state's visible row to the nation's (a state row's hidden part stays
    hidden: the nation adds only what each state shows). A district named in two
    states is one district, its mechanisms counted once."""
    into.label.update(more.label)
    for district, ids in more.used.items():
        into.used[district] = into.used.get(district, set()) | ids
    into.hidden = into.hidden or more.hidden
    into.states |= more.states
    into.named.update(more.named)
    into.named_wording = into.named_wording or more.named_wording
    into.wording = into.wording or more.wording


def build_barriers(
    publications: Iterable[Publication], state: str = ""
) -> BarriersReport:
    """The barriers report of one state (postal code), or of the nation when ``state``
    is "": rows most districts first, then by label.

    The nation's rows are built from each state's rows as the public sees them, so
    comparing the two can never reveal what a state's row withholds."""
    chosen = [p for p in publications if not state or p.case.state == state]
    by_state: dict[str, list[Publication]] = {}
    for pub in chosen:
        by_state.setdefault(pub.case.state, []).append(pub)
    merged: dict[str, _Shown] = {}
    withheld = 0
    for code, pubs in by_state.items():
        for key, group in _group_state(code, pubs).items():
            shown = _visible(group)
            if shown is None:
                withheld += 1
            elif key in merged:
                _merge(merged[key], shown)
            else:
                merged[key] = shown
    rows = [
        _row(key, shown) for key, shown in merged.items() if shown.used or shown.cited
    ]
    rows.sort(key=lambda r: (-(r.districts or 0), r.label.casefold()))
    return BarriersReport(
        state=state,
        cases=len(chosen),
        named_districts=len({p.team for p in chosen if p.case.named}),
        rows=tuple(rows),
        withheld=withheld,
    )


@dataclass(frozen=True)
class Using:
    """Published cases that chose one catalog mechanism."""

    named: tuple[Publication, ...]
    unnamed: int | None  # anonymous districts, only where MIN_DISTRICTS use it


def districts_using(publications: Iterable[Publication], entry_id: str) -> Using:
    """The named cases using a mechanism, and how many anonymous districts do (counted
    only when at least :data:`MIN_DISTRICTS` districts use it)."""
    using = [p for p in publications if entry_id in p.case.mechanisms]
    named = {p.team for p in using if p.case.named}
    # as in the barriers rows: a team's anonymous cases (per state) are a district
    # apart from its named ones, so the count never depends on who is behind them
    anonymous = {(p.case.state, p.team) for p in using if not p.case.named}
    total = len(named) + len(anonymous)
    unnamed = len(anonymous) if total >= MIN_DISTRICTS else None
    named = tuple(sorted((p for p in using if p.case.named), key=lambda p: -p.id))
    return Using(named, unnamed or None)


def cases_by_state(publications: Iterable[Publication]) -> Counter:
    """Published cases per state (postal code)."""
    return Counter(p.case.state for p in publications)


def barriers_table(
    report: BarriersReport,
    titles: Callable[[str], str],
    case_url: Callable[[int], str],
) -> Table:
    """The report as a download: one row per barrier, formula-safe through Table."""
    return Table(
        columns=(
            "Rule",
            "Cited",
            "States",
            "Districts",
            "Mechanisms used",
            "Named cases",
        ),
        rows=[
            (
                row.label,
                "yes" if row.cited else "no",
                tuple(state_name(s) for s in row.states),
                row.count_text,
                tuple(f"{titles(m)} ({n})" for m, n in row.mechanisms)
                or (f"not shown: {FEWER} districts" if row.districts is None else ""),
                tuple(f"{d} <{case_url(i)}>" for i, d in row.named),
            )
            for row in report.rows
        ],
    )


def barrier_chart(report: BarriersReport, top: int = 10) -> dict | None:
    """Geometry of a bar chart of the rows with a count, the largest first, each
    rule's name above its bar so the chart stays legible when a phone shrinks it (SVG
    units); None when no row has a count."""
    counted = [r for r in report.rows if r.districts is not None][:top]
    if not counted:
        return None
    plot_width, step = 320, 50
    largest = max(r.districts for r in counted)
    bars = [
        {
            "label": row.label if len(row.label) <= 48 else row.label[:47] + "…",
            "full": row.label,
            "count": row.districts,
            "y": i * step + 4,
            "width": round(plot_width * row.districts / largest, 1),
        }
        for i, row in enumerate(counted)
    ]
    return {"width": plot_width + 40, "height": len(bars) * step + 4, "bars": bars}


def report_text(
    report: BarriersReport, titles: Callable[[str], str] = lambda m: m
) -> str:
    """The report as plain text, for the command line."""
    where = state_name(report.state) if report.state else "All states"
    lines = [
        f"Barriers report: {where}",
        f"{report.cases} published {'case' if report.cases == 1 else 'cases'}, "
        f"{report.named_districts} named "
        f"{'district' if report.named_districts == 1 else 'districts'}",
        "",
    ]
    for row in report.rows:
        lines.append(f"{row.count_text:>14}  {row.label}")
        if row.mechanisms:
            used = ", ".join(f"{titles(m)} ({n})" for m, n in row.mechanisms)
            lines.append(f"{'':>16}mechanisms: {used}")
        if row.named:
            lines.append(f"{'':>16}named: {', '.join(d for _, d in row.named)}")
    if report.withheld:
        rules, verb = ("rule", "is") if report.withheld == 1 else ("rules", "are")
        lines.append(
            f"\n{report.withheld} more {rules} without a citation, judged unnecessary "
            f"control by {FEWER} districts with an anonymous one among them, {verb} "
            "not listed."
        )
    return "\n".join(lines)
