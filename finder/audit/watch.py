"""Watching the catalog entries an audit relies on.

When a team decides a rule is an unnecessary control and chooses the mechanisms that
can lift it, each chosen catalog entry's watched fields are kept with the rule
(:class:`~finder.audit.model.Watched`). Comparing them with the live catalog says what
changed since: a status, what the entry can never waive, its term, its citations, who
approves it, or the entry being gone. Acknowledging the changes
(:func:`finder.audit.editing.acknowledge_changes`) keeps the entry as it stands now; an
entry acknowledged as gone stays watched, so its return is shown too.

Rules decided before snapshots were kept have none: their first snapshot is taken the
next time the audit is saved, and no change is ever shown without one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from finder.audit.model import AuditData, AuditRule, Watched
from finder.catalog import STATUSES, Catalog, Entry

# The fields watched, with the words a team reads for each.
WATCHED = {
    "status": "Status",
    "cannot_waive": "What it can never waive",
    "cannot_waive_law": "The law of what it can never waive",
    "term": "Duration and renewal",
    "citations": "Citations",
    "approver": "Who approves",
}
NOTHING = "(nothing)"


def snapshot(entry: Entry) -> Watched:
    """The watched fields of an entry as they stand."""
    return Watched(
        title=entry.title,
        status=entry.status,
        cannot_waive=[p.text for p in entry.cannot_waive],
        cannot_waive_law=[_item_law(p) for p in entry.cannot_waive],
        term=entry.term,
        citations=list(entry.citations),
        approver=entry.approver,
        last_reviewed=entry.last_reviewed.isoformat() if entry.last_reviewed else "",
    )


def _item_law(item) -> str:
    """A cannot-waive item with the law it bars, as a team reads it: "Maximum class sizes
    … — Tenn. Code Ann. § 49-1-104 (not a rule that says only: average; barred when it
    says: maximum, cap)"."""
    out = item.text.rstrip(" .;:")
    if item.citations:
        out += " — " + "; ".join(item.citations)
    if item.outside:
        out += f" (not a rule that says only: {', '.join(item.outside)}"
        out += f"; barred when it says: {', '.join(item.part)})" if item.part else ")"
    return out


def relies(rule: AuditRule) -> bool:
    """Whether the rule's chosen mechanisms are part of a request (only an unnecessary
    control asks for one)."""
    return rule.decision == "unnecessary_control"


def follow(rule: AuditRule, catalog: Catalog | None) -> None:
    """Keep a snapshot of each catalog entry the rule relies on that has none yet, and
    drop those of entries it no longer relies on. Kept snapshots stay as they are: a
    change stands until the team acknowledges it."""
    if catalog is None:
        return
    chosen = rule.mechanisms if relies(rule) else []
    kept = {}
    for entry_id in chosen:
        if entry_id in rule.relied_on:
            kept[entry_id] = rule.relied_on[entry_id]
        elif entry := catalog.get(entry_id):
            kept[entry_id] = snapshot(entry)
    rule.relied_on = kept


def follow_all(data: AuditData, catalog: Catalog | None) -> None:
    """:func:`follow` for every rule (before each save)."""
    for rule in data.rules:
        follow(rule, catalog)


@dataclass(frozen=True)
class FieldChange:
    """One watched field, before and after, as a team reads it. For a list (what an
    entry can never waive, its citations) ``dropped`` and ``added`` name the items
    that differ: long lists read better by their differences."""

    field: str
    label: str
    before: str
    after: str
    dropped: tuple[str, ...] = ()
    added: tuple[str, ...] = ()


@dataclass
class EntryChange:
    """What changed in one catalog entry since the team relied on it."""

    entry_id: str
    title: str
    reviewed: str  # the entry's last review date now ("" when it is gone)
    reviewed_then: str = ""  # its review date when the team relied on it
    removed: bool = False
    fields: list[FieldChange] = field(default_factory=list)
    rule_uids: list[str] = field(default_factory=list)
    returned: bool = False  # back in the catalog after the team saw it removed

    def what(self) -> str:
        """What changed, in a few words: "status and citations"."""
        if self.removed:
            return "removed from the catalog"
        labels = [f.label[0].lower() + f.label[1:] for f in self.fields]
        if self.returned:
            labels.insert(0, "back in the catalog")
        if len(labels) == 1:
            return labels[0]
        return ", ".join(labels[:-1]) + " and " + labels[-1]


def _shown(name: str, value) -> str:
    if isinstance(value, list):
        return "; ".join(value) if value else NOTHING
    if name == "status":
        return STATUSES.get(value, value) or NOTHING
    return value or NOTHING


def _differences(before: Watched, now: Watched) -> list[FieldChange]:
    found = []
    for name, label in WATCHED.items():
        old, new = getattr(before, name), getattr(now, name)
        if old == new:
            continue
        if name == "cannot_waive_law":
            if before.cannot_waive and not old:
                continue  # kept before each item's law was watched: nothing to compare
            # an item added or dropped shows under "What it can never waive"; here,
            # only the items still listed whose law changed
            then = dict(zip(before.cannot_waive, old, strict=False))
            later = dict(zip(now.cannot_waive, new, strict=False))
            kept = [t for t in then if t in later]
            old, new = [then[t] for t in kept], [later[t] for t in kept]
            if old == new:
                continue
        lists = isinstance(old, list)
        found.append(
            FieldChange(
                name,
                label,
                _shown(name, old),
                _shown(name, new),
                tuple(x for x in old if x not in new) if lists else (),
                tuple(x for x in new if x not in old) if lists else (),
            )
        )
    return found


def changes(data: AuditData, catalog: Catalog) -> list[EntryChange]:
    """Every entry the audit relies on that changed since its snapshot, once each, in
    the order the rules name them. Rules without snapshots show nothing."""
    found: dict[str, EntryChange] = {}
    for rule in data.rules:
        if not relies(rule):
            continue
        for entry_id, before in rule.relied_on.items():
            entry = catalog.get(entry_id)
            if entry is None:
                if before.gone:
                    continue  # the team has seen it go
                diff, removed = [], True
            else:
                diff, removed = _differences(before, snapshot(entry)), False
                if not diff and not before.gone:
                    continue
            change = found.setdefault(
                entry_id,
                EntryChange(
                    entry_id,
                    entry.title if entry else before.title or entry_id,
                    snapshot(entry).last_reviewed if entry else "",
                    before.last_reviewed,
                    removed,
                    returned=before.gone and entry is not None,
                ),
            )
            change.fields.extend(f for f in diff if f not in change.fields)
            change.rule_uids.append(rule.uid)
    return list(found.values())


def changed(data: AuditData, catalog: Catalog) -> bool:
    """Whether any entry the audit relies on changed (for lists of audits)."""
    return any(
        (not before.gone)
        if entry_id not in catalog.by_id
        else before.gone or _differences(before, snapshot(catalog.by_id[entry_id]))
        for rule in data.rules
        if relies(rule)
        for entry_id, before in rule.relied_on.items()
    )
