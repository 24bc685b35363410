"""The barriers report: rules districts judged unnecessary control, grouped by the law.

Rules are grouped by their parsed citation at section level, so "TEC 25.0811",
"Tex. Educ. Code § 25.0811" and "Texas Education Code Section 25.0811(a)" are one
row; a rule whose citation does not parse is grouped by its words. Districts are
counted by team (one team's several audits are one district).

Privacy: a row with an anonymous case among fewer than :data:`MIN_DISTRICTS`
districts shows "fewer than 3" instead of a count, and only its named cases'
mechanisms; such a row without a citation is not listed at all (its only label would
be an anonymous team's own words), only counted in ``withheld``.
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
    districts: int
    rows: tuple[Barrier, ...]
    withheld: int  # small anonymous groups without a citation, not listed


@dataclass
class _Group:
    label: Counter
    cited: bool
    teams: dict  # team -> anonymous? (a team named in any case counts as named)
    states: set
    named: dict  # publication id -> district
    mechanisms: dict  # team -> set of catalog ids
    named_wording: str = ""
    wording: str = ""


@functools.lru_cache(maxsize=20_000)
def rule_key(citation: str, text: str, level: str, state: str) -> tuple[str, str, bool]:
    """(group key, label, cited?) for a rule: its first citation as the law package
    reads a rule (:func:`finder.law.scope.rule_law`), at section level; else its words
    (lower case, punctuation and spacing flattened)."""
    found = rule_law(text, citation, level, state).citations
    if found:
        section = section_of(found[0])
        # ESEA § 1111 and 20 U.S.C. § 6311 are one section: key both by one form.
        canonical = min((section, *section.alias), key=lambda c: c.body.id)
        key = "|".join(
            (canonical.body.id, canonical.title, *canonical.path, *canonical.upper)
        )
        return "law:" + key, section.label, True
    words = " ".join(re.findall(r"\w+", text.casefold()))
    return "text:" + words, text.strip(), False


def _lifted(publication: Publication) -> Iterable[PublicRule]:
    return (r for r in publication.case.rules if r.decision == "unnecessary_control")


def _group_all(publications: Iterable[Publication]) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    for pub in publications:
        case = pub.case
        for rule in _lifted(pub):
            key, label, cited = rule_key(
                rule.citation, rule.text, rule.source_level, case.state
            )
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(Counter(), cited, {}, set(), {}, {})
            group.label[label] += 1
            group.states.add(case.state)
            group.teams[pub.team] = group.teams.get(pub.team, True) and not case.named
            group.mechanisms.setdefault(pub.team, set()).update(rule.mechanisms)
            group.wording = group.wording or rule.text
            if case.named:
                group.named[pub.id] = case.district
                group.named_wording = group.named_wording or rule.text
    return groups


def _row(key: str, group: _Group) -> Barrier | None:
    total = len(group.teams)
    anonymous = [t for t, anon in group.teams.items() if anon]
    open_row = total >= MIN_DISTRICTS or not anonymous
    if not open_row and not group.cited:
        return None
    shown = group.teams if open_row else {t for t in group.teams if t not in anonymous}
    used = Counter(m for t in shown for m in group.mechanisms.get(t, ()))
    label = group.label.most_common(1)[0][0]
    return Barrier(
        key=key,
        label=label,
        cited=group.cited,
        states=tuple(sorted(group.states)),
        districts=total if open_row else None,
        named=tuple(sorted(group.named.items(), key=lambda kv: kv[1].casefold())),
        mechanisms=tuple(sorted(used.items(), key=lambda kv: (-kv[1], kv[0]))),
        wording=group.named_wording or (group.wording if open_row else ""),
    )


def build_barriers(
    publications: Iterable[Publication], state: str = ""
) -> BarriersReport:
    """The barriers report of one state (postal code), or of the nation when ``state``
    is "": rows most districts first, then by label."""
    chosen = [p for p in publications if not state or p.case.state == state]
    rows, withheld = [], 0
    for key, group in _group_all(chosen).items():
        row = _row(key, group)
        if row is None:
            withheld += 1
        else:
            rows.append(row)
    rows.sort(key=lambda r: (-(r.districts or 0), r.label.casefold()))
    return BarriersReport(
        state=state,
        cases=len(chosen),
        districts=len({p.team for p in chosen}),
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
    teams = {p.team for p in using}
    named_teams = {p.team for p in using if p.case.named}
    unnamed = len(teams - named_teams) if len(teams) >= MIN_DISTRICTS else None
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
                tuple(f"{titles(m)} ({n})" for m, n in row.mechanisms),
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
        f"{report.cases} published cases from {report.districts} districts",
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
