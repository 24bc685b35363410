"""A full build writes the postings Whoosh's own writer writes, block statistics too."""

from __future__ import annotations

from whoosh import index as whoosh_index

from finder.search import build_index
from finder.search.documents import entry_to_document
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
