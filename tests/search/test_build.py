"""A full build writes the postings Whoosh's own writer writes, block statistics too."""

from __future__ import annotations

import dataclasses

import pytest
from whoosh import index as whoosh_index

from finder.catalog import Catalog
from finder.law import find_citations
from finder.search import SearchIndex, SearchRequest, build_index
from finder.search.build import MAX_PROCESSES, PARALLEL_FROM, build_processes
from finder.search.documents import entry_to_document, law_keys
from finder.search.query import parse
from finder.search.schema import build_schema


def _block_row(m) -> tuple:
    """A posting with its block's length and weight statistics."""
    return (
        m.id(),
        m.weight(),
        m.block_min_length(),
        m.block_max_length(),
        m.block_max_weight(),
    )


def postings(folder, row=_block_row) -> tuple[dict, dict]:
    """Every posting of every scored term (as ``row`` reads it) and every document's
    field lengths."""
    ix = whoosh_index.open_dir(str(folder))
    found = {}
    with ix.reader() as reader:
        for fieldname, text in reader.all_terms():
            if not reader.schema[fieldname].scorable:
                continue
            m = reader.postings(fieldname, text)
            rows = []
            while m.is_active():
                rows.append(row(m))
                m.next()
            found[fieldname, text] = rows
        lengths = {
            name: [reader.doc_field_length(d, name) for d in range(reader.doc_count())]
            for name in reader.schema.scorable_names()
        }
    return found, lengths


def test_build_matches_a_plain_whoosh_build(catalog, tmp_path):
    ours = build_index(tmp_path / "ours", catalog, incremental=False)
    plain = tmp_path / "plain"
    plain.mkdir()
    writer = whoosh_index.create_in(str(plain), build_schema()).writer()
    for entry in catalog.entries:
        writer.add_document(**entry_to_document(entry))
    writer.commit()
    got, expected = postings(ours), postings(plain)
    assert len(got[0]) > 400  # terms of every field were compared
    assert got == expected


def _searchable(folder) -> tuple:
    """What searching can see: every posting's document and weight, field lengths and
    the id at each document number (not how postings are cut into blocks)."""
    found, lengths = postings(folder, row=lambda m: (m.id(), m.weight()))
    ix = whoosh_index.open_dir(str(folder))
    with ix.reader() as reader:
        ids = [reader.stored_fields(d)["id"] for d in range(reader.doc_count())]
    return found, lengths, ids, len(ix._segments())


@pytest.mark.parametrize("threads", [1, 2])
def test_a_build_split_over_processes_finds_and_ranks_as_one(
    catalog, tmp_path, monkeypatch, threads
):
    # With other threads running, the parts are written through a fork server.
    monkeypatch.setattr("threading.active_count", lambda: threads)
    one = build_index(tmp_path / "one", catalog, incremental=False, processes=1)
    calls: list[tuple[int, int]] = []
    three = build_index(
        tmp_path / "three",
        catalog,
        progress=lambda done, total: calls.append((done, total)),
        incremental=False,
        processes=3,
    )
    # progress ends at the total only once every part is in
    total = len(catalog.entries)
    assert calls[-1] == (total, total)
    assert all(done < total for done, _ in calls[:-1])
    postings_1, lengths_1, ids_1, segments_1 = _searchable(one)
    postings_3, lengths_3, ids_3, segments_3 = _searchable(three)
    assert (segments_1, segments_3) == (1, 3)
    assert ids_3 == ids_1 == [e.id for e in catalog.entries]
    assert lengths_3 == lengths_1
    assert postings_3 == postings_1
    serial = SearchIndex(whoosh_index.open_dir(str(one)), catalog)
    split = SearchIndex(whoosh_index.open_dir(str(three)), catalog)
    for q in ["seat time waiver", "four-day week", "12A.004", "calender", "innovation"]:
        a, b = serial.search(SearchRequest(q=q)), split.search(SearchRequest(q=q))
        assert [(h.entry.id, h.score) for h in b.hits] == [
            (h.entry.id, h.score) for h in a.hits
        ]
        assert b.total == a.total
        assert b.facets == a.facets


def test_processes_for_a_build(monkeypatch):
    monkeypatch.setattr("os.sched_getaffinity", lambda _: {0, 1, 2, 3}, raising=False)
    monkeypatch.delenv("FINDER_BUILD_PROCESSES", raising=False)
    assert build_processes(PARALLEL_FROM - 1) == 1
    assert build_processes(PARALLEL_FROM) == 2
    assert build_processes(100 * PARALLEL_FROM) == 4
    monkeypatch.setattr("os.sched_getaffinity", lambda _: set(range(32)), raising=False)
    assert build_processes(100 * PARALLEL_FROM) == MAX_PROCESSES
    monkeypatch.setattr("os.sched_getaffinity", lambda _: {0, 1, 2, 3}, raising=False)
    monkeypatch.setenv("FINDER_BUILD_PROCESSES", "1")
    assert build_processes(100 * PARALLEL_FROM) == 1
    for odd in ["", "0", "-2", "²", "many"]:
        monkeypatch.setenv("FINDER_BUILD_PROCESSES", odd)
        assert build_processes(100 * PARALLEL_FROM) == 4


def test_forms_only_citeurl_reads_give_no_law_keys(catalog):
    """A case citation CiteURL reads has no level of law: no search looks it up as law,
    so the index keeps no key for it (and a build needs no CiteURL)."""
    case = "347 U.S. 483"
    found = find_citations(case)
    assert [c.body.id for c in found] == ["citeurl:U.S. Caselaw"]
    assert not found[0].body.level
    assert [c.kind for c in parse(case).concepts if c.kind == "law"] == []
    entry = dataclasses.replace(
        catalog.entries[0], state="TX", citations=(case, "Tex. Educ. Code § 12A.004")
    )
    assert law_keys(entry) == ["tx-educ~~12A", "tx-educ~~12A/12A.004"]


def _many(catalog, copies: int) -> list:
    return [
        dataclasses.replace(e, id=f"{e.id}-{n}")
        for n in range(copies)
        for e in catalog.entries
    ]


def test_updates_keep_a_split_index_in_catalog_order(catalog, tmp_path):
    """Whoosh's own merge lists big segments by size; updates keep the parts in order."""
    entries = _many(catalog, 41)
    entries = entries[: len(entries) // 2 * 2 - 1]  # parts of unequal size
    found = {}
    for processes in (1, 2):
        root = tmp_path / f"p{processes}"
        current = list(entries)
        folder = build_index(
            root,
            Catalog(current, fingerprint="g0"),
            incremental=False,
            processes=processes,
        )
        for g in range(1, 8):  # enough updates for Whoosh to merge small segments
            current[g] = dataclasses.replace(
                current[g], title=f"{current[g].title} v{g}"
            )
            latest = Catalog(list(current), fingerprint=f"g{g}")
            folder = build_index(root, latest, processes=processes)
        index = SearchIndex(whoosh_index.open_dir(str(folder)), latest)
        found[processes] = [
            [(h.entry.id, h.score) for h in index.search(SearchRequest(q=q)).hits]
            for q in ("", "waiver", "calendar")
        ]
        index.close()
    assert found[2] == found[1]
    # the unchanged entries keep their catalog order
    assert found[2][0][0][0] == entries[0].id


def test_a_failed_part_leaves_no_index_and_no_lock(catalog, tmp_path, monkeypatch):
    entries = _many(catalog, 3)
    bad = entries[0].id

    def broken(entry):
        if entry.id == bad:
            raise ValueError("a broken entry")
        return entry_to_document(entry)

    # the workers are forked from this process, so they see the broken mapping too
    monkeypatch.setattr("threading.active_count", lambda: 1)
    monkeypatch.setattr("finder.search.build.entry_to_document", broken)
    root = tmp_path / "ix"
    with pytest.raises(ValueError, match="a broken entry"):
        build_index(
            root, Catalog(entries, fingerprint="f1"), incremental=False, processes=2
        )
    assert [p.name for p in root.iterdir()] == []
    monkeypatch.setattr("finder.search.build.entry_to_document", entry_to_document)
    folder = build_index(root, Catalog(entries, fingerprint="f1"), processes=2)
    assert (folder / "READY").exists()
