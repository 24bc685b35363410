"""The parsed-catalog snapshot: the same catalog as a YAML read, and never a stale one."""

from __future__ import annotations

import datetime as dt
import json

from finder.catalog import catalog as catalog_module
from finder.catalog import read
from finder.catalog.snapshot import snapshot_key
from tests.catalog.test_loader import catalog_file, entry
from tests.catalog.test_sources import OFFICIAL, sources, with_sources
from tests.conftest import TEST_CATALOG, write_catalog


def same(a, b) -> bool:
    return (
        a.entries == b.entries
        and [e.origin for e in a.entries] == [e.origin for e in b.entries]
        and a.files == b.files
        and a.fingerprint == b.fingerprint
        and a.problems == b.problems
        and a.warnings == b.warnings
    )


def mixed_catalog(tmp_path):
    """A catalog with a valid entry, an entry with an error and one with a warning."""
    warned = with_sources(
        entry("tx-w"),
        sources((OFFICIAL, None), ("https://unknown-site.example/a", None)),
    )
    broken = entry("tx-b", **{"kind: waiver_authority": "kind: nonsense"})
    text = catalog_file("TX", entry("tx-a"), warned, broken)
    text = text.replace(
        "jurisdiction: TX", "jurisdiction: TX\ncoded_through: 2026-10-01"
    )
    files = {p.name: p.read_text() for p in TEST_CATALOG.iterdir()}
    return write_catalog(tmp_path / "cat", files | {"tx.yaml": text})


def no_yaml(monkeypatch):
    """Make any read of the YAML fail: what is read now came from the snapshot."""

    def refuse(dirs):
        raise AssertionError("the YAML was read")

    monkeypatch.setattr(catalog_module, "read_catalog", refuse)


def test_snapshot_gives_the_same_catalog_as_the_yaml(tmp_path, monkeypatch):
    folder = mixed_catalog(tmp_path)
    plain = read([folder])
    # every part of a read is covered
    assert plain.problems
    assert plain.warnings
    assert plain.files
    first = read([folder], snapshot_dir=tmp_path / "ix")
    no_yaml(monkeypatch)
    second = read([folder], snapshot_dir=tmp_path / "ix")
    assert same(plain, first)
    assert same(plain, second)


def test_an_edited_file_is_read_from_yaml(tmp_path):
    folder = mixed_catalog(tmp_path)
    read([folder], snapshot_dir=tmp_path / "ix")
    path = folder / "ky.yaml"
    path.write_text(path.read_text().replace("Kentucky Districts", "Kentucky Zebra"))
    fresh = read([folder], snapshot_dir=tmp_path / "ix")
    assert any("Zebra" in e.title for e in fresh.entries)
    assert same(fresh, read([folder]))


def test_a_damaged_snapshot_falls_back_to_yaml(tmp_path):
    folder = mixed_catalog(tmp_path)
    read([folder], snapshot_dir=tmp_path / "ix")
    (snapshot,) = (tmp_path / "ix").glob("catalog-*.json")
    for damage in (
        "{not json",
        '{"key": "other"}',
        json.dumps({"key": snapshot.stem[len("catalog-") :]}),
    ):
        snapshot.write_text(damage)
        assert same(read([folder], snapshot_dir=tmp_path / "ix"), read([folder]))


def test_an_unwritable_folder_still_reads(tmp_path):
    folder = mixed_catalog(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert same(read([folder], snapshot_dir=blocker), read([folder]))


def test_the_key_follows_files_and_day():
    day = dt.date(2026, 11, 30)
    assert snapshot_key("abc", day) == snapshot_key("abc", day)
    assert snapshot_key("abc", day) != snapshot_key("abd", day)
    # validation compares dates with today ("last_reviewed is in the future")
    assert snapshot_key("abc", day) != snapshot_key("abc", day + dt.timedelta(1))


def test_old_snapshots_are_removed(tmp_path):
    folder = mixed_catalog(tmp_path)
    path = folder / "ky.yaml"
    for n in range(3):
        path.write_text(path.read_text() + f"\n# edit {n}\n")
        read([folder], snapshot_dir=tmp_path / "ix")
    assert len(list((tmp_path / "ix").glob("catalog-*.json"))) == 2
