"""The reference: the same records in SQLite FTS5 with bm25, snippet() and GROUP BY facets."""

from __future__ import annotations

import re
import sqlite3

from finder.catalog import Catalog
from finder.search.documents import body_text


def build_fts5(catalog: Catalog, path: str = ":memory:") -> sqlite3.Connection:
    """The records in an FTS5 table; ``path`` a file for the build reference (on disk,
    as our index is), or in memory for the search reference."""
    db = sqlite3.connect(path, check_same_thread=False)
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, state UNINDEXED, kind UNINDEXED, title, citations, summary, body, tokenize='porter')"
    )
    db.execute("CREATE TABLE areas (id TEXT, area TEXT)")
    db.executemany(
        "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                e.id,
                e.state,
                e.kind,
                e.title,
                " ".join(e.citations),
                e.summary,
                body_text(e),
            )
            for e in catalog.entries
        ],
    )
    db.executemany(
        "INSERT INTO areas VALUES (?, ?)",
        [(e.id, a) for e in catalog.entries for a in e.policy_areas],
    )
    db.commit()
    return db


def _match(text: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", text)
    return " ".join(f'"{w}"' for w in words) or '""'


def search_fts5(db: sqlite3.Connection, text: str, state: str | None = None) -> dict:
    """Top 10 with bm25 (title and citations weighted), a snippet, and facet counts."""
    where, args = "docs MATCH ?", [_match(text)]
    if state:
        where += " AND state = ?"
        args.append(state)
    hits = db.execute(
        f"SELECT id, title, snippet(docs, 6, '<mark>', '</mark>', '…', 24) FROM docs WHERE {where} "
        "ORDER BY bm25(docs, 0, 0, 0, 3.0, 4.0, 1.5, 1.0) LIMIT 10",
        args,
    ).fetchall()
    facets = {
        "state": db.execute(
            f"SELECT state, count(*) FROM docs WHERE {where} GROUP BY state", args
        ).fetchall(),
        "kind": db.execute(
            f"SELECT kind, count(*) FROM docs WHERE {where} GROUP BY kind", args
        ).fetchall(),
        "area": db.execute(
            f"SELECT area, count(*) FROM areas WHERE id IN (SELECT id FROM docs WHERE {where}) GROUP BY area",
            args,
        ).fetchall(),
    }
    return {"hits": hits, "facets": facets}
