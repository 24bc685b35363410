"""A key written twice in one YAML mapping is refused wherever YAML is read."""

from __future__ import annotations

import pytest
import yaml

from finder import yamltext
from finder.audit.exchange import ImportProblems, load_audit
from finder.catalog import load_catalog
from finder.catalog.loader import read_catalog
from tests.conftest import TEST_CATALOG


def test_a_repeated_key_is_refused_with_both_lines():
    with pytest.raises(yaml.YAMLError, match=r"'title' twice \(first on line 1\)"):
        yamltext.load("title: a\nsummary: b\ntitle: c\n")


def test_plain_data_still_reads_and_tags_stay_refused():
    assert yamltext.load("a: [1, two]\nb: {c: 2026-01-31}\n")["a"] == [1, "two"]
    with pytest.raises(yaml.YAMLError):
        yamltext.load("!!python/object/apply:os.system ['true']")


def test_an_uploaded_audit_with_a_repeated_key_is_refused():
    with pytest.raises(ImportProblems, match="line 3: .*'title' twice"):
        load_audit(b"title: Ours\nstate: TX\ntitle: Theirs\n")


def test_a_catalog_file_with_a_repeated_key_reports_its_place(tmp_path):
    text = (TEST_CATALOG / "tx.yaml").read_text(encoding="utf-8")
    first = text.index("    title: ")
    end = text.index("\n", first) + 1
    (tmp_path / "tx.yaml").write_text(
        text[:end] + "    title: A second title\n" + text[end:], encoding="utf-8"
    )
    found = read_catalog([tmp_path])
    problems = found[3] if isinstance(found, tuple) else found.problems
    assert any("twice" in str(p) and "tx.yaml" in str(p) for p in problems), problems
    assert load_catalog([TEST_CATALOG]).problems == []
