"""A full build writes the postings Whoosh's own writer writes, block statistics too."""

from __future__ import annotations

import dataclasses

import pytest
from whoosh import index as whoosh_index

from finder.law import find_citations
from finder.search import SearchIndex, SearchRequest, build_index
from finder.search.build import PARALLEL_FROM, build_processes
from finder.search.documents import entry_to_document, law_keys
from finder.search.query import parse
from finder.search.schema import build_schema


def postings(folder) -> dict:
    """Every posting of every term with its block's length and weight statistics."""
    ix = whoosh_index.open_dir(str(folder))
    found = {}
    with ix.reader() as reader:
        for fieldname, text in reader.all_terms():
            if not reader.schema[fieldname].scorable:
                continue
            m = reader.postings(fieldname, text)
            rows = []
            while m.is_active():
                rows.append(
                    (
                        m.id(),
                        m.weight(),
                        m.block_min_length(),
                        m.block_max_length(),
                        m.block_max_weight(),
                    )
                )
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
    ix = whoosh_index.open_dir(str(folder))
    with ix.reader() as reader:
        found = {}
        for fieldname, text in reader.all_terms():
            if not reader.schema[fieldname].scorable:
                continue
            m = reader.postings(fieldname, text)
            rows = []
            while m.is_active():
                rows.append((m.id(), m.weight()))
                m.next()
            found[fieldname, text] = rows
        lengths = {
            name: [reader.doc_field_length(d, name) for d in range(reader.doc_count())]
            for name in reader.schema.scorable_names()
        }
        ids = [reader.stored_fields(d)["id"] for d in range(reader.doc_count())]
        segments = len(ix._segments())
    return found, lengths, ids, segments


@pytest.mark.parametrize("threads", [1, 2])
def test_a_build_split_over_processes_finds_and_ranks_as_one(
    catalog, tmp_path, monkeypatch, threads
):
    # With other threads running, the parts are written through a fork server.
    monkeypatch.setattr("threading.active_count", lambda: threads)
    one = build_index(tmp_path / "one", catalog, incremental=False, processes=1)
    three = build_index(tmp_path / "three", catalog, incremental=False, processes=3)
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
