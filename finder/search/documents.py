"""The single mapping from a catalog entry to the fields of its index document."""

from __future__ import annotations

import hashlib
import json
import re

from finder.catalog import Entry
from finder.catalog.jurisdictions import name
from finder.law import containment_keys, find_citations
from finder.search import schema as f

SPELL_WORDS = re.compile(r"[a-z]{3,}")


def entry_hash(entry: Entry) -> str:
    """A digest of the entry's content, to tell whether it changed."""
    return hashlib.sha256(
        json.dumps(entry.to_dict(), sort_keys=True).encode()
    ).hexdigest()[:16]


def body_text(entry: Entry) -> str:
    """The entry's long text fields joined, in reading order."""
    parts = [
        *entry.allows,
        entry.eligibility,
        *entry.activation,
        entry.approver,
        entry.term,
        *entry.public_process,
        *entry.application_fields,
        *(f"{e.name}: {e.note}" for e in entry.examples),
        entry.note,
    ]
    return "\n".join(p for p in parts if p)


def law_keys(entry: Entry) -> list[str]:
    """Containment keys of every citation the entry makes (its own law). Forms only
    CiteURL reads are left out: a search looks up citations with a level of law
    (:func:`finder.search.query._law_concepts`), which CiteURL's finds never have."""
    keys: list[str] = []
    for text in entry.citations:
        for cit in find_citations(text, entry.state, fallback=False):
            keys += containment_keys(cit)
    return list(dict.fromkeys(keys))


def entry_to_document(entry: Entry) -> dict:
    """Index fields for one entry."""
    tags = " ".join(
        [entry.kind_label, *entry.area_labels, name(entry.state), entry.state]
    )
    body = body_text(entry)
    return {
        f.ID_FIELD: entry.id,
        f.STATE: entry.state,
        f.KIND: entry.kind,
        f.AREA: ",".join(entry.policy_areas),
        f.TITLE: entry.title,
        f.CITATIONS: "\n".join(entry.citations),
        f.LAW: " ".join(law_keys(entry)),
        f.ALL: "\n".join(
            [
                entry.title,
                entry.summary,
                tags,
                body,
                *(i.text for i in entry.cannot_waive),
            ]
        ),
        # Each distinct word once is all "did you mean" needs (and much less to index).
        f.SPELL: " ".join(
            sorted(
                set(
                    SPELL_WORDS.findall(
                        " ".join([entry.title, entry.summary, tags, body]).lower()
                    )
                )
            )
        ),
        f.TITLE_SORT: entry.title.lower(),
        f.REVIEWED: entry.last_reviewed.isoformat(),
        f.HASH: entry_hash(entry),
    }
