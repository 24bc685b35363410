"""Drafting catalog entries from saved HTML pages."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from click.testing import CliRunner

from finder.catalog import read
from finder.catalog.importer import draft_entries, find_citations
from finder.cli import main

PAGE = """<html><head><title>State Flexibility Guide</title><script>bad()</script></head>
<body><nav><a href="/home">Home</a></nav>
<h1>Flexibility options</h1>
<h2>Four-Day School Week</h2>
<p>Districts may adopt a four-day school week under Tex. Educ. Code § 25.081 if they meet
the minimum minutes.</p>
<p>See <a href="https://example.org/tec-25">the statute</a> and <a href="/rules">rules</a>.</p>
<h2>Industry experts for CTE</h2>
<ul><li>Under 19 TAC 230.1 and KRS 161.048 districts can hire industry experts.</li>
<li>Adopted 2015-06-19; see 20 U.S.C. § 7861(c).</li></ul>
<h2>Industry experts for CTE</h2>
<p>A second section with the same heading &amp; <b>markup</b>.</p>
</body></html>"""


@pytest.mark.parametrize(
    ("text", "state", "expected"),
    [
        ("under Tex. Educ. Code § 12A.004.", "", ["Tex. Educ. Code § 12A.004"]),
        (
            "KRS 156.108 and C.R.S. 22-32.5-104",
            "",
            ["KRS 156.108", "C.R.S. 22-32.5-104"],
        ),
        ("20 U.S.C. § 7861(c) applies", "", ["20 U.S.C. § 7861(c)"]),
        ("see §§ 1204 and 19 TAC 102.1309", "", ["19 TAC § 102.1309"]),
        (
            "a plan under § 12A.004 and TEC 25.0811",
            "TX",
            ["Tex. Educ. Code § 12A.004", "Tex. Educ. Code § 25.0811"],
        ),
        ("adopted 2015-06-19 by 120 votes", "", []),
    ],
)
def test_find_citations(text, state, expected):
    assert find_citations(text, state) == expected


def test_draft_entries_from_headings_citations_and_links():
    draft = draft_entries(
        PAGE, "TX", "guide.html", "https://example.org/guide", dt.date(2026, 11, 1)
    )
    entries = draft["entries"]
    assert [e["id"] for e in entries] == [
        "tx-four-day-school-week",
        "tx-industry-experts-for-cte",
        "tx-industry-experts-for-cte-2",
    ]
    first = entries[0]
    assert first["title"] == "Four-Day School Week"
    assert first["kind"] == "calendar_time"
    assert "calendar" in first["policy_areas"]
    assert first["citations"] == ["Tex. Educ. Code § 25.081"]
    assert [s["url"] for s in first["sources"]] == [
        "https://example.org/guide",
        "https://example.org/tec-25",
        "https://example.org/rules",
    ]
    assert first["sources"][0]["title"] == "State Flexibility Guide"
    assert all(e["verified"] is False for e in entries)
    assert "rewrite the summary in your own words" in first["note"]
    second = entries[1]
    assert second["kind"] == "staffing_certification"
    assert second["citations"] == [
        "19 TAC § 230.1",
        "KRS 161.048",
        "20 U.S.C. § 7861(c)",
    ]
    assert "bad()" not in yaml.safe_dump(draft)


def test_cli_writes_a_draft_that_validates(tmp_path):
    page = tmp_path / "guide.html"
    page.write_text(PAGE)
    out = tmp_path / "cat" / "tx.yaml"
    out.parent.mkdir()
    result = CliRunner().invoke(
        main,
        [
            "import-html",
            str(page),
            "--state",
            "tx",
            "--url",
            "https://example.org/guide",
            "--output",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "&id" not in out.read_text()
    catalog = read([out.parent])
    # The section without a citation is flagged for the curator; the rest are valid.
    assert [(p.entry_id, p.field) for p in catalog.problems] == [
        ("tx-industry-experts-for-cte-2", "citations")
    ]
    assert len(catalog) == 2
    assert all(not e.verified for e in catalog.entries)


def test_cli_without_url_leaves_sources_for_the_curator(tmp_path):
    page = tmp_path / "guide.html"
    page.write_text("<h2>Calendar waiver</h2><p>No links here.</p>")
    result = CliRunner().invoke(main, ["import-html", str(page), "--state", "CO"])
    assert result.exit_code == 0
    assert "sources: []" in result.output


def test_cli_rejects_unknown_state(tmp_path):
    page = tmp_path / "guide.html"
    page.write_text("<h2>x</h2>")
    result = CliRunner().invoke(main, ["import-html", str(page), "--state", "ZZ"])
    assert result.exit_code == 2
    assert "unknown jurisdiction" in result.output
