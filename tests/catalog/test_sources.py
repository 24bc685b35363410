"""Source quality as data: publisher types from hosts.yaml, refused hosts, official
sources, verification against official pages; scope and cited cannot-waive items."""

from __future__ import annotations

import pytest

from finder.catalog import read
from finder.catalog.hosts import load_hosts
from tests.catalog.test_loader import catalog_file, entry, problems_for
from tests.conftest import write_catalog

OFFICIAL = "https://statutes.capitol.texas.gov/Docs/ED/htm/ED.12A.htm"


def sources(*rows: tuple[str, str | None]) -> str:
    out = "    sources:\n"
    for url, publisher in rows:
        out += (
            f"      - url: {url}\n        title: A page\n        accessed: 2026-11-01\n"
        )
        if publisher:
            out += f"        publisher: {publisher}\n"
    return out


def with_sources(text: str, block: str) -> str:
    start = text.index("    sources:\n")
    end = text.index("    effective:")
    return text[:start] + block + text[end:]


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://statutes.capitol.texas.gov/Docs/ED/htm/ED.25.htm", "official_law"),
        ("https://tea.texas.gov/about-tea/waivers", "government"),
        ("https://oese.ed.gov/ed-flex/", "official_agency"),
        ("https://law.justia.com/codes/texas/", "mirror"),
        ("https://www.ecs.org/state-policy", "secondary"),
        ("https://kctv5.casinowinning.net/four-day-week", "refused"),
        ("https://besworngames.com/nysed", "refused"),
        ("http://164.64.110.239/rules", "refused"),
        ("https://stage.example.gov/page", "refused"),
        ("https://autodiscover.legislature.maine.gov/x", "refused"),
        ("https://some-unknown-site.example/page", "unknown"),
    ],
)
def test_hosts_classify_urls(url, kind):
    from tests.conftest import DATA

    hosts = load_hosts([DATA.parent.parent / "flexibilities"])
    assert hosts.classify(url) == kind


def test_a_refused_host_is_an_error(tmp_path):
    text = with_sources(entry(), sources(("https://besworngames.com/nysed", None)))
    found = problems_for(tmp_path, {"tx.yaml": catalog_file("TX", text)})
    assert any("besworngames.com is a refused host" in p for p in found)


def test_an_official_label_on_an_unofficial_host_is_an_error(tmp_path):
    text = with_sources(
        entry(), sources((OFFICIAL, None), ("https://law.justia.com/x", "official_law"))
    )
    [problem] = problems_for(tmp_path, {"tx.yaml": catalog_file("TX", text)})
    assert (
        "sources[1].publisher: official_law on a host that is not official" in problem
    )


def test_no_official_source_needs_a_reason(tmp_path):
    mirror_only = with_sources(entry(), sources(("https://law.justia.com/x", None)))
    [problem] = problems_for(tmp_path, {"tx.yaml": catalog_file("TX", mirror_only)})
    assert problem.endswith("what was searched")
    explained = mirror_only.replace(
        "    verified: false\n",
        "    verified: false\n    official_source: none found; searched the legislature's site\n",
    )
    assert (
        problems_for(tmp_path / "b", {"tx.yaml": catalog_file("TX", explained)}) == []
    )


def test_verified_needs_the_official_pages_it_was_checked_against(tmp_path):
    claimed = entry().replace("    verified: false\n", "    verified: true\n")
    [problem] = problems_for(tmp_path, {"tx.yaml": catalog_file("TX", claimed)})
    assert "verified_against" in problem
    against_mirror = claimed + (
        "    verified_against:\n      - url: https://law.justia.com/x\n"
        "        accessed: 2026-11-01\n"
    )
    [problem] = problems_for(
        tmp_path / "b", {"tx.yaml": catalog_file("TX", against_mirror)}
    )
    assert "must be one of the entry's official sources" in problem
    good = claimed + (
        f"    verified_against:\n      - url: {OFFICIAL}\n        accessed: 2026-11-01\n"
    )
    assert problems_for(tmp_path / "c", {"tx.yaml": catalog_file("TX", good)}) == []


def test_an_unknown_host_is_a_warning_not_an_error(tmp_path):
    text = with_sources(
        entry(), sources((OFFICIAL, None), ("https://unknown-site.example/a", None))
    )
    folder = write_catalog(tmp_path / "cat", {"tx.yaml": catalog_file("TX", text)})
    catalog = read([folder])
    assert catalog.problems == []
    assert [w.field for w in catalog.warnings] == ["sources[1].url"]
    assert len(catalog) == 1


def test_publisher_is_read_from_hosts_when_not_written(tmp_path):
    text = with_sources(
        entry(), sources(("https://law.justia.com/x", None), (OFFICIAL, None))
    )
    folder = write_catalog(tmp_path / "cat", {"tx.yaml": catalog_file("TX", text)})
    [e] = read([folder]).entries
    assert [s.publisher for s in e.sources] == [
        "official_law",
        "mirror",
    ]  # official first


def test_cannot_waive_items_carry_citations_that_parse(tmp_path):
    text = entry().replace(
        "    cannot_waive: []\n",
        "    cannot_waive:\n"
        "      - text: State curriculum under Ch. 28.\n"
        "        citations: [Tex. Educ. Code ch. 28]\n"
        "      - Plain words stay allowed.\n"
        "      - text: Something\n"
        "        citations: [not a citation]\n",
    )
    [problem] = problems_for(tmp_path, {"tx.yaml": catalog_file("TX", text)})
    assert "cannot_waive[2].citations[0]: 'not a citation' is not a citation" in problem


def test_waives_takes_levels_or_bodies_of_law(tmp_path):
    good = entry().replace(
        "    verified: false\n",
        "    verified: false\n    waives: [Tex. Educ. Code, state_rule, local_policy]\n",
    )
    assert problems_for(tmp_path, {"tx.yaml": catalog_file("TX", good)}) == []
    bad = good.replace("local_policy", "anything goes")
    [problem] = problems_for(tmp_path / "b", {"tx.yaml": catalog_file("TX", bad)})
    assert "waives[2]" in problem


def test_research_notes_stay_out_of_statements_of_law():
    """Caveats belong in `note`: no statement of law in the shipped catalog (all that
    the entry pages state as law and the document prints) says what was not read,
    not confirmed or is pending."""
    from tests.conftest import DATA

    caveats = (
        "not read",
        "could not be read",
        "pending rule",
        "not confirmed",
        "unconfirmed",
        "not fully read",
        "is uncertain",
    )
    catalog = read([DATA.parent.parent / "flexibilities"])
    for e in catalog.entries:
        law = [
            e.summary,
            e.eligibility,
            e.approver,
            e.term,
            *e.allows,
            *e.activation,
            *e.public_process,
            *e.application_fields,
            *(i.text for i in e.cannot_waive),
        ]
        for text in law:
            assert not any(c in text.lower() for c in caveats), (e.id, text)


def test_report_counts_refused_hosts_and_official_share(tmp_path):
    from finder.catalog.report import build_report

    refused = with_sources(entry(), sources(("https://besworngames.com/nysed", None)))
    good = entry(id="tx-b")
    folder = write_catalog(
        tmp_path / "cat", {"tx.yaml": catalog_file("TX", refused, good)}
    )
    report = build_report(read([folder]))
    assert report.refused_hosts == ["besworngames.com"]
    assert report.total == 1
    assert report.official_share == 1.0
    assert report.sources_by_publisher["official_law"] == 1


def test_a_misspelt_list_in_hosts_yaml_is_a_problem_not_ignored(tmp_path):
    """A catalog folder's own hosts.yaml with a misspelt key or a list where a mapping
    belongs: `finder validate` says so; what was understood is still used."""
    folder = write_catalog(
        tmp_path / "cat",
        {
            "tx.yaml": catalog_file(
                "TX", with_sources(entry(), sources((OFFICIAL, None)))
            )
        },
    )
    (folder / "hosts.yaml").write_text(
        "mirrors: [law.justia.com]\nofficial_agency: [tea.texas.gov]\n"
        "secondary: [example.org]\n",
        encoding="utf-8",
    )
    catalog = read([folder])
    found = sorted((p.field, p.message) for p in catalog.problems)
    assert len(catalog) == 1
    assert found == [
        ("hosts", "mirrors: unknown field"),
        ("hosts", "official_agency: expected a mapping"),
    ]
    assert all(p.file.endswith("cat/hosts.yaml") for p in catalog.problems)
    assert load_hosts([folder]).classify("https://example.org/a") == "secondary"


@pytest.mark.parametrize(
    "text",
    ["mirror: [a.org\n", "mirror:\n\t- a.org\n", "mirror: [a.org]\nmirror: [b.org]\n"],
)
def test_a_hosts_yaml_that_is_not_yaml_is_a_problem_not_a_crash(tmp_path, text):
    folder = write_catalog(
        tmp_path / "cat",
        {
            "tx.yaml": catalog_file(
                "TX", with_sources(entry(), sources((OFFICIAL, None)))
            )
        },
    )
    (folder / "hosts.yaml").write_text(text, encoding="utf-8")
    catalog = read([folder])
    assert len(catalog) == 1
    (problem,) = [p for p in catalog.problems if p.field == "hosts"]
    assert "not readable YAML" in problem.message
