"""Loading and validating catalog YAML: every problem reported with file and line."""

from __future__ import annotations

import pytest

from finder.catalog import CatalogError, load_catalog, read
from tests.conftest import write_catalog

GOOD_ENTRY = """\
  - id: {id}
    state: {state}
    title: A title
    kind: waiver_authority
    policy_areas: [calendar]
    citations: [Some Code § 1]
    summary: A summary.
    allows: []
    eligibility: Districts.
    activation: []
    approver: State board
    term: One year
    public_process: []
    application_fields: []
    cannot_waive: []
    examples: []
    related: [{related}]
    sources:
      - url: https://statutes.capitol.texas.gov/Docs/ED/htm/ED.12A.htm
        title: A source
        accessed: 2026-11-01
        publisher: official_law
    effective: null
    last_reviewed: 2026-11-01
    status: active
    verified: false
"""


def catalog_file(state: str, *entries: str) -> str:
    return f"jurisdiction: {state}\nentries:\n" + "".join(entries)


def entry(
    id: str = "tx-a", state: str = "TX", related: str = "", **replace: str
) -> str:
    text = GOOD_ENTRY.format(id=id, state=state, related=related)
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def problems_for(tmp_path, files: dict[str, str]) -> list[str]:
    folder = write_catalog(tmp_path / "cat", files)
    return [str(p).replace(str(folder) + "/", "") for p in read([folder]).problems]


def test_test_catalog_loads(catalog):
    assert len(catalog) == 9
    entry = catalog.get("tx-districts-of-innovation")
    assert entry.state == "TX"
    assert entry.citations[1] == "Tex. Educ. Code § 12A.004"
    assert entry.sources[0].accessed.isoformat() == "2026-11-01"
    assert entry.verified is True
    assert [e.id for e in catalog.related(entry)] == ["us-esea-8401-waivers"]


def test_good_file_has_no_problems(tmp_path):
    assert problems_for(tmp_path, {"tx.yaml": catalog_file("TX", entry())}) == []


def test_bad_enum_reports_file_line_id_field(tmp_path):
    text = catalog_file("TX", entry(**{"kind: waiver_authority": "kind: waiver"}))
    [problem] = problems_for(tmp_path, {"tx.yaml": text})
    assert problem.startswith("tx.yaml:6: tx-a: kind: 'waiver' is not one of")


def test_bad_policy_area_points_at_its_line(tmp_path):
    text = catalog_file(
        "TX", entry(**{"policy_areas: [calendar]": "policy_areas: [calendar, lunch]"})
    )
    [problem] = problems_for(tmp_path, {"tx.yaml": text})
    assert problem.startswith("tx.yaml:7: tx-a: policy_areas[1]: 'lunch' is not one of")


def test_duplicate_id_names_both_places(tmp_path):
    files = {
        "tx.yaml": catalog_file("TX", entry()),
        "tx2.yaml": catalog_file("TX", entry()),
    }
    [problem] = problems_for(tmp_path, files)
    assert problem.startswith("tx2.yaml:3: tx-a: id: duplicate id; first defined at")
    assert "tx.yaml:3" in problem


def test_missing_source(tmp_path):
    no_sources = entry().replace(
        "    sources:\n      - url: https://statutes.capitol.texas.gov/Docs/ED/htm/ED.12A.htm\n        title: A source\n        accessed: 2026-11-01\n        publisher: official_law\n",
        "    sources: []\n",
    )
    [problem] = problems_for(tmp_path, {"tx.yaml": catalog_file("TX", no_sources)})
    assert (
        problem == "tx.yaml:20: tx-a: sources: needs at least one source that was read"
    )


def test_source_url_and_date_shapes(tmp_path):
    text = catalog_file(
        "TX",
        entry(
            **{
                "https://statutes.capitol.texas.gov/Docs/ED/htm/ED.12A.htm": "example.org/a",
                "accessed: 2026-11-01": "accessed: soon",
            }
        ),
    )
    problems = problems_for(tmp_path, {"tx.yaml": text})
    assert problems == [
        "tx.yaml:21: tx-a: sources[0].url: must be an absolute http(s) URL",
        "tx.yaml:23: tx-a: sources[0].accessed: must be a date YYYY-MM-DD",
    ]


def test_yaml_syntax_error_reports_line_and_column(tmp_path):
    broken = (
        "jurisdiction: TX\nentries:\n  - id: tx-a\n    title: [unclosed\n    kind: x\n"
    )
    [problem] = problems_for(tmp_path, {"tx.yaml": broken})
    assert problem.startswith("tx.yaml:5:")
    assert ": yaml: syntax error:" in problem


def test_unknown_field_is_an_error_not_dropped(tmp_path):
    text = catalog_file(
        "TX",
        entry(**{"approver: State board": "approver: State board\n    aprover: typo"}),
    )
    [problem] = problems_for(tmp_path, {"tx.yaml": text})
    assert problem == "tx.yaml:14: tx-a: aprover: unknown field (a typo?)"


def test_dangling_related(tmp_path):
    text = catalog_file("TX", entry(related="tx-missing"))
    [problem] = problems_for(tmp_path, {"tx.yaml": text})
    assert problem == "tx.yaml:19: tx-a: related[0]: no entry has the id 'tx-missing'"


def test_related_across_files_is_fine(tmp_path):
    files = {
        "tx.yaml": catalog_file("TX", entry(related="us-b")),
        "us.yaml": catalog_file("US", entry(id="us-b", state="US")),
    }
    assert problems_for(tmp_path, files) == []


def test_one_bad_file_never_hides_another(tmp_path):
    files = {
        "a.yaml": "jurisdiction: TX\nentries: [\n",
        "b.yaml": catalog_file("TX", entry(**{"status: active": "status: gone"})),
        "c.yaml": catalog_file("CO", entry(id="co-fine", state="CO")),
    }
    problems = problems_for(tmp_path, files)
    assert [p.split(":")[0] for p in problems] == ["a.yaml", "b.yaml"]
    catalog = read([tmp_path / "cat"])
    assert [e.id for e in catalog.entries] == ["co-fine"]


def test_state_must_match_file_jurisdiction(tmp_path):
    [problem] = problems_for(
        tmp_path, {"tx.yaml": catalog_file("TX", entry(id="co-x", state="CO"))}
    )
    assert problem == "tx.yaml:4: co-x: state: is CO but the file is for TX"


def test_citations_may_be_empty_only_for_guides(tmp_path):
    text = catalog_file("TX", entry(**{"citations: [Some Code § 1]": "citations: []"}))
    [problem] = problems_for(tmp_path, {"tx.yaml": text})
    assert problem.endswith("citations: may be empty only for a flexibility_guide")
    guide = entry(
        **{
            "citations: [Some Code § 1]": "citations: []",
            "kind: waiver_authority": "kind: flexibility_guide",
        }
    )
    assert problems_for(tmp_path, {"tx.yaml": catalog_file("TX", guide)}) == []


@pytest.mark.parametrize(
    ("replace", "field", "message"),
    [
        ({"verified: false": "verified: maybe"}, "verified", "must be true or false"),
        (
            {"last_reviewed: 2026-11-01": "last_reviewed: 2026-13-45"},
            "last_reviewed",
            "must be a date",
        ),
        (
            {"effective: null": "effective: someday"},
            "effective",
            "must be a date YYYY-MM-DD or null",
        ),
        ({"id: tx-a": "id: TX A"}, "id", "must be a slug"),
        ({"state: TX": "state: XX"}, "state", "unknown jurisdiction"),
        ({"    term: One year\n": ""}, "term", "is required"),
        ({"allows: []": "allows: [1]"}, "allows[0]", "must be non-empty text"),
    ],
)
def test_field_checks(tmp_path, replace, field, message):
    problems = problems_for(tmp_path, {"tx.yaml": catalog_file("TX", entry(**replace))})
    assert any(f": {field}: {message}" in p for p in problems), problems


def test_non_mapping_file_and_non_utf8(tmp_path):
    folder = tmp_path / "cat"
    folder.mkdir()
    (folder / "a.yaml").write_text("- just a list\n")
    (folder / "b.yaml").write_bytes(b"jurisdiction: TX\n\xff\xfe\n")
    problems = [str(p).replace(str(folder) + "/", "") for p in read([folder]).problems]
    assert (
        problems[0]
        == "a.yaml:1: -: file: must be a mapping with jurisdiction and entries"
    )
    assert problems[1].startswith("b.yaml:1: -: file: is not UTF-8 text")


def test_load_catalog_raises_with_every_problem(tmp_path):
    folder = write_catalog(
        tmp_path / "cat",
        {"a.yaml": "x: [", "b.yaml": "jurisdiction: ZZ\nentries: []\n"},
    )
    with pytest.raises(CatalogError) as info:
        load_catalog([folder])
    assert len(info.value.problems) == 2  # a syntax error, an unknown jurisdiction
    text = str(info.value)
    assert "a.yaml" in text
    assert "b.yaml" in text


def test_fingerprint_changes_with_content(tmp_path):
    folder = write_catalog(tmp_path / "cat", {"tx.yaml": catalog_file("TX", entry())})
    before = read([folder]).fingerprint
    (folder / "tx.yaml").write_text(
        catalog_file("TX", entry(**{"A title": "Another title"}))
    )
    assert read([folder]).fingerprint != before


def test_yaml_tags_are_not_executed(tmp_path):
    hostile = "jurisdiction: TX\nentries:\n  - !!python/object/apply:os.system ['echo pwned']\n"
    [problem] = problems_for(tmp_path, {"tx.yaml": hostile})
    assert ": yaml: syntax error:" in problem or "constructor" in problem


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a", True),
        ("http://example.org:8080/a", True),
        ("example.org/a", False),
        ("ftp://example.org/a", False),
        ("http://mailto:someone@example.org/page", False),
        ("https://user@example.org/", False),
        ("https://localhost/", False),
        ("https://exa mple.org/", False),
    ],
)
def test_url_shapes(url, ok):
    from finder.catalog.validate import is_url

    assert is_url(url) is ok
