"""Application formats: the shipped files validate, and a document can follow one."""

from __future__ import annotations

import io
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from docx import Document

from finder.audit.model import AuditData
from finder.documents.application import (
    FILLS,
    SECTION_OF,
    choose_format,
    has,
    sections_after_parts,
)
from finder.documents.build import build_outline
from finder.documents.formats import DEFAULT_DIR, FormatError, load_formats
from finder.documents.outline import Outline
from finder.documents.render import render_html, render_markdown
from finder.documents.render_application import demote_html, demote_markdown
from finder.documents.render_docx import render_docx
from finder.documents.sections import SECTIONS
from tests.documents.test_documents import catalog, populated_audit  # noqa: F401

PROGRAMS = {
    "tx-local-innovation-plan": "tx-districts-of-innovation",
    "co-state-board-waiver-request": "co-state-board-waivers",
    "co-innovation-plan": "co-innovation-schools-act",
    "us-esea-8401-waiver-request": "us-esea-8401-waivers",
    "us-iada-application": "us-iada",
}


@pytest.fixture(scope="module")
def formats(catalog):  # noqa: F811
    return load_formats(known_entries=set(catalog.by_id))


# -- the shipped files -------------------------------------------------------------


def test_every_shipped_format_validates_against_the_shipped_catalog(formats, catalog):  # noqa: F811
    assert {k: v.entries for k, v in formats.items()} == {
        k: (entry,) for k, entry in PROGRAMS.items()
    }
    for fmt in formats.values():
        assert all(catalog.get(entry) for entry in fmt.entries)
        assert fmt.parts
        for part in fmt.parts:
            assert part.sources, part.id
            for source in part.sources:
                assert source.url.startswith("http")
                assert source.title
                assert source.accessed
            assert part.verified or part.note, part.id  # say why it is unconfirmed


def test_each_file_is_read_as_written():
    """Nothing in the files is dropped: every key the YAML holds reaches the model."""
    formats = load_formats()
    for path in sorted(DEFAULT_DIR.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        fmt = formats[raw["id"]]
        assert [p["id"] for p in raw["parts"]] == [p.id for p in fmt.parts]
        for written, read in zip(raw["parts"], fmt.parts, strict=True):
            assert tuple(written["fills"]) == read.fills
            assert tuple(written["citations"]) == read.citations
            assert [s.url for s in read.sources] == [
                raw["sources"][k]["url"] for k in written["sources"]
            ]


def _folder(tmp_path: Path, change) -> Path:
    """A copy of the shipped Texas format with ``change(data)`` applied."""
    data = yaml.safe_load(
        (DEFAULT_DIR / "tx-local-innovation-plan.yaml").read_text(encoding="utf-8")
    )
    change(data)
    folder = tmp_path / "formats"
    folder.mkdir()
    (folder / "tx-local-innovation-plan.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    return folder


def _problems(tmp_path, change, known=None) -> list[str]:
    with pytest.raises(FormatError) as raised:
        load_formats(_folder(tmp_path, change), known)
    return raised.value.problems


def test_unknown_keys_are_refused(tmp_path):
    def typo(data):
        data["parts"][0]["fils"] = ["requests"]
        data["sources"]["tec-12a-003"]["acessed"] = "2026-11-30"
        data["form_url"] = "https://example.org"

    problems = _problems(tmp_path, typo)
    assert "tx-local-innovation-plan.yaml: parts[0].fils: unknown field" in problems
    assert any("sources.tec-12a-003.acessed: unknown field" in p for p in problems)
    assert "tx-local-innovation-plan.yaml: form_url: unknown field" in problems


def test_entries_must_exist_in_the_catalog(tmp_path, catalog):  # noqa: F811
    def stray(data):
        data["entries"] = ["tx-districts-of-innovation", "tx-no-such-program"]

    problems = _problems(tmp_path, stray, set(catalog.by_id))
    assert problems == [
        "tx-local-innovation-plan.yaml: entries: no catalog entry 'tx-no-such-program'"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["sources"]["tac-102-1307"].pop("accessed"),
            "sources.tac-102-1307.accessed: required",
        ),
        (
            lambda d: d["sources"]["tac-102-1307"].pop("url"),
            "sources.tac-102-1307.url: required",
        ),
        (
            lambda d: d["sources"]["tac-102-1307"].update(title=""),
            "sources.tac-102-1307.title: required",
        ),
        (
            lambda d: d["sources"]["tac-102-1307"].update(
                url="https://www.scribd.com/doc/1"
            ),
            "sources.tac-102-1307.url: this host cannot be cited as official_law",
        ),
        (
            lambda d: d["parts"][1].update(sources=["tec-99"]),
            "parts[1].sources: no source 'tec-99' in this file",
        ),
        (
            lambda d: d["parts"][1].update(sources=[]),
            "parts[1].sources: needs the source it was read in",
        ),
        (
            lambda d: d["parts"][1].update(fills=["innovation"]),
            "parts[1].fills: 'innovation' already fills another part",
        ),
        (
            lambda d: d["parts"][1].update(fills=["budget"]),
            "parts[1].fills[0]: 'budget' is not one of",
        ),
        (
            lambda d: d["parts"][0].pop("note"),
            "parts[0].note: say why it could not be confirmed",
        ),
        (lambda d: d.update(id="tx-plan"), "id: 'tx-plan' must match the file name"),
        (lambda d: d.update(parts=[]), "parts: needs at least one part"),
    ],
)
def test_each_broken_rule_is_reported_with_its_place(tmp_path, change, expected):
    problems = _problems(tmp_path, change)
    assert any(
        p.startswith("tx-local-innovation-plan.yaml: ") and expected in p
        for p in problems
    ), problems


def test_a_broken_file_does_not_hide_the_others(tmp_path):
    folder = _folder(tmp_path, lambda d: None)
    shutil.copy(DEFAULT_DIR / "us-iada-application.yaml", folder)
    (folder / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(FormatError) as raised:
        load_formats(folder)
    assert [p.split(":")[0] for p in raised.value.problems] == ["broken.yaml"]


# -- following a format ------------------------------------------------------------


@pytest.fixture(scope="module")
def audit(catalog):  # noqa: F811
    return populated_audit(catalog)


def _h2(html: str) -> list[str]:
    return [
        h.get_text(" ", strip=True) for h in BeautifulSoup(html, "html.parser")("h2")
    ]


def test_the_default_document_is_unchanged_without_a_format(audit, catalog):  # noqa: F811
    outline = build_outline(audit, catalog, "Mesa team")
    assert outline.application is None
    assert "application" not in outline.to_dict()
    assert _h2(render_html(outline)) == ["To resolve before submitting"] + list(
        SECTIONS.values()
    )
    assert not any("requires" in w for w in outline.warnings)


def test_choosing_a_format_reorders_and_labels_the_document(
    audit,
    catalog,  # noqa: F811
    formats,
):
    fmt = formats["tx-local-innovation-plan"]
    outline = build_outline(audit, catalog, "Mesa team", application_format=fmt)
    html = render_html(outline)
    page = BeautifulSoup(html, "html.parser")
    parts = [f"{n}. {p.heading}" for n, p in enumerate(fmt.parts, start=1)]
    # the checklist, the program's parts in its order, then the sections no part took
    # (here kept, not_binding and sources, and any section added later)
    taken = {"vision", "requests", "activation", "evaluation", "timeline"}
    assert _h2(html) == [
        "To resolve before submitting",
        f"What the {fmt.title} requires",
        *parts,
        *(title for key, title in SECTIONS.items() if key not in taken),
    ]
    # the requests print once, under the part that asks for exemptions
    exemptions = page.find(id="part-exemptions")
    assert exemptions.find("h3").get_text() == SECTIONS["requests"]
    assert "Uniform school start date" in exemptions.get_text()
    assert len(page.select("table.summary")) == 1
    assert [h.name for h in exemptions.find_all(["h2", "h3", "h4"])][:3] == [
        "h2",
        "h3",
        "h4",
    ]
    # each part says what the program requires and links its law
    program = page.find(id="part-educational-program")
    assert "Required by" in program.find("p", class_="requires").get_text()
    assert program.find("a", href=lambda h: h and "ED.12A.htm#12A.003" in h)
    assert "A four-day week with Friday internships" in program.get_text()
    term = page.find(id="part-term")
    assert term.find("li").get_text() == "Uniform school start date: Five years"
    adoption = page.find(id="part-adoption")
    assert [h.get_text() for h in adoption("h3")] == [
        SECTIONS["activation"],
        SECTIONS["timeline"],
    ]
    assert "major" not in adoption.find("section").get("class", [])  # no page break
    # the checklist's rows follow the parts, each drafted from the audit
    rows = page.find(id="checklist").select("tbody tr")
    assert [r.find("td").get_text(" ", strip=True) for r in rows] == [
        p + (" (if it applies)" if not fp.required else "")
        for p, fp in zip(parts, fmt.parts, strict=True)
    ]
    assert all("Drafted from the audit" in r.get_text() for r in rows)
    assert "19 TAC § 102.1307, Adoption of Local Innovation Plan" in page.find(
        id="checklist"
    ).get_text(" ")
    # unconfirmed parts are for the team to check, said once in To resolve
    assert any("could not be confirmed in official text" in w for w in outline.warnings)


def test_missing_parts_show_in_the_checklist_and_in_to_resolve(
    audit,
    catalog,  # noqa: F811
    formats,
):
    fmt = formats["co-innovation-plan"]
    outline = build_outline(audit, catalog, "Mesa team", application_format=fmt)
    missing = [p.heading for p in outline.application.parts if not p.drafted]
    assert missing == [
        "Programs, policies and operational documents affected",
        "Prior-year and proposed budgets",
        "Evidence of staff and accountability committee consent",
    ]
    for heading in missing:
        assert any(f"“{heading}” is required" in w for w in outline.warnings)
    html = render_html(outline)
    page = BeautifulSoup(html, "html.parser")
    rows = {
        r.find("td").get_text(" ", strip=True): r.find_all("td")[-1].get_text()
        for r in page.find(id="checklist").select("tbody tr")
    }
    assert rows["5. Prior-year and proposed budgets"] == (
        "[To complete: nothing in the audit yet]"
    )
    assert page.find(id="part-budget").find(class_="blank").get_text() == (
        "[To complete: prior-year and proposed budgets]"
    )
    assert "[To resolve before submitting]" not in html
    warnings = page.find(id="warnings").get_text()
    assert "“Prior-year and proposed budgets” is required" in warnings
    markdown = render_markdown(outline)
    assert "## 5. Prior-year and proposed budgets" in markdown
    assert "| 5. Prior-year and proposed budgets | " in markdown
    assert "_\\[To complete: prior-year and proposed budgets\\]_" in markdown


def test_a_part_the_audit_cannot_fill_is_not_drafted_from_an_empty_section(
    catalog,  # noqa: F811
    formats,
):
    bare = AuditData("Bare", "US", "Mesa ISD", "", "")
    outline = build_outline(
        bare, catalog, application_format=formats["us-esea-8401-waiver-request"]
    )
    assert [p.drafted for p in outline.application.parts] == [False] * len(
        outline.application.parts
    )
    for fill in FILLS:
        assert not has(outline, fill)
    html = render_html(outline)
    achievement = BeautifulSoup(html, "html.parser").find(id="part-achievement")
    assert [b.get_text() for b in achievement.select(".blank")] == [
        "[To complete: the innovation]",
        "[To complete: why this design]",
    ]


def test_markdown_and_word_follow_the_format_too(audit, catalog, formats):  # noqa: F811
    fmt = formats["us-esea-8401-waiver-request"]
    outline = build_outline(audit, catalog, "Mesa team", application_format=fmt)
    markdown = render_markdown(outline)
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [
        "## To resolve before submitting",
        f"## What the {fmt.title} requires",
        *(f"## {n}. {p.heading}" for n, p in enumerate(fmt.parts, start=1)),
        # the sections no part took: not_binding, sources (and any added later)
        *(
            "## " + title
            for key, title in SECTIONS.items()
            if key
            not in {
                "vision",
                "requests",
                "kept",
                "activation",
                "evaluation",
                "timeline",
            }
        ),
    ]
    assert "### Requested flexibilities" in markdown
    assert "#### 1. Uniform school start date" in markdown  # a level down
    doc = Document(io.BytesIO(render_docx(outline)))
    styled = [(p.style.name, p.text) for p in doc.paragraphs]
    level1 = [t for s, t in styled if s == "Heading 1"]
    assert level1 == [h[3:] for h in headings]
    assert ("Heading 2", SECTIONS["requests"]) in styled
    assert ("Heading 3", "1. Uniform school start date") in styled
    assert ("Heading 2", SECTIONS["kept"]) in styled  # under "Same students served"
    checklist = doc.tables[0]
    assert [c.text for c in checklist.rows[0].cells] == [
        "Part",
        "Required by",
        "In this document",
    ]
    assert checklist.rows[1].cells[2].text == "[To complete: nothing in the audit yet]"
    assert checklist.rows[2].cells[2].text == (
        "Drafted from the audit: Requested flexibilities"
    )


def test_a_version_that_follows_a_format_is_kept_and_rendered_as_it_was(
    audit,
    catalog,  # noqa: F811
    formats,
):
    outline = build_outline(
        audit, catalog, "Mesa team", application_format=formats["us-iada-application"]
    )
    stored = json.loads(json.dumps(outline.to_dict()))
    again = Outline.from_dict(stored)
    assert again == outline
    assert again.application.parts[0].citations[0] == (
        "34 CFR 200.105(a)",
        "https://www.ecfr.gov/current/title-34/section-200.105",
        True,
    )
    assert render_html(again) == render_html(outline)
    assert render_markdown(again) == render_markdown(outline)


def test_sections_the_team_left_out_stay_out_after_the_parts(
    audit,
    catalog,  # noqa: F811
    formats,
):
    outline = build_outline(
        audit,
        catalog,
        sections=["sources", "requests", "not_binding"],
        application_format=formats["tx-local-innovation-plan"],
    )
    assert sections_after_parts(outline) == ["sources", "not_binding"]
    # a part always prints what the program requires, chosen or not
    assert "Requested flexibilities" in render_html(outline)


def test_formats_for_the_audit_s_mechanisms_come_first(audit, formats):
    choice = choose_format(formats, audit, "us-iada-application")
    assert [f.id for f in choice.relevant] == ["tx-local-innovation-plan"]
    assert [f.id for f in choice.others] == [
        "co-innovation-plan",
        "co-state-board-waiver-request",
        "us-esea-8401-waiver-request",
        "us-iada-application",
    ]
    assert choice.selected.id == "us-iada-application"
    assert choose_format(formats, audit, "no-such-format").selected is None
    assert choose_format(formats, audit).selected is None
    undecided = replace(audit, rules=[replace(r, decision="") for r in audit.rules])
    assert choose_format(formats, undecided).relevant == []


def test_every_fill_has_a_section_or_its_own_rendering():
    assert set(SECTION_OF) <= set(FILLS)
    assert set(FILLS) - set(SECTION_OF) == {"terms"}
    assert set(SECTION_OF.values()) <= set(SECTIONS)


def test_headings_move_one_level_down():
    html = '<section id="requests" class="major"><h2>T</h2><h3>1. R</h3><h4>F</h4>'
    assert str(demote_html(html)) == (
        '<section id="requests"><h3>T</h3><h4>1. R</h4><h5>F</h5>'
    )
    assert demote_markdown("### 1. Rule\n\ntext \\# not a heading\n#### x") == (
        "#### 1. Rule\n\ntext \\# not a heading\n##### x"
    )


def test_a_version_stored_before_formats_loads_without_one():
    stored = Path(__file__).parent.parent / "data" / "outlines" / "stored-2025-01.json"
    data = json.loads(stored.read_text(encoding="utf-8"))
    assert "application" not in data
    outline = Outline.from_dict(data)
    assert outline.application is None
    titles = [SECTIONS[key] for key in data.get("sections") or SECTIONS]
    assert _h2(render_html(outline)) == ["To resolve before submitting", *titles]


def test_an_optional_part_is_never_a_blank_to_complete(catalog, formats):  # noqa: F811
    bare = AuditData("Bare", "TX", "Mesa ISD", "", "")
    fmt = formats["tx-local-innovation-plan"]
    outline = build_outline(bare, catalog, application_format=fmt)
    optional = next(p for p in outline.application.parts if not p.required)
    assert not optional.drafted
    assert not any(f"“{optional.heading}”" in w for w in outline.warnings)
    page = BeautifulSoup(render_html(outline), "html.parser")
    row = page.find(id="checklist").select("tbody tr")[1]
    assert row.find_all("td")[-1].get_text() == (
        "Not in the audit; include it if it applies"
    )
    lead = page.find(id=f"part-{optional.id}").find("p", class_="requires")
    assert lead.get_text().startswith("If it applies, as provided by ")
    doc = Document(io.BytesIO(render_docx(outline)))
    assert doc.tables[0].rows[2].cells[2].text == (
        "Not in the audit; include it if it applies"
    )


def test_a_programs_contents_give_each_parts_page_number(
    audit,
    catalog,  # noqa: F811
    formats,
):
    from tests.documents.test_ready_to_sign import contents_page_numbers

    fmt = formats["tx-local-innovation-plan"]
    outline = build_outline(audit, catalog, "Mesa team", application_format=fmt)
    lines = contents_page_numbers(render_docx(outline))
    assert len(lines) >= len(fmt.parts)
    # the program's own numbers, once: never "3. 1. …"
    assert f"1. {fmt.parts[0].heading}" in [text for text, _ in lines]
    assert not any(re.match(r"\d+\. \d+\. ", text) for text, _ in lines)


def test_a_request_through_another_mechanism_is_flagged_in_a_programs_document(
    catalog,  # noqa: F811
    formats,
):
    """A Texas local innovation plan lists what the plan exempts; a rule the team lifts
    with a teaching permit is not one, so following the plan's format says so (and the
    document cannot be final until the team sorts it out)."""
    from finder.audit.model import AuditRule

    data = AuditData("CTE staffing", "TX", "Mesa ISD", "Welders teach welding", "Why")
    data.rules = [
        AuditRule(
            "Welding teachers must hold a certificate",
            "state_statute",
            "Tex. Educ. Code § 21.003",
            "staffing",
            decision="unnecessary_control",
            mechanisms=["tx-district-teaching-permits-cte"],
            rationale="Industry experts.",
            replacement_plan="Mentoring.",
        )
    ]
    fmt = formats["tx-local-innovation-plan"]
    outline = build_outline(data, catalog, "Mesa team", application_format=fmt)
    flagged = [w for w in outline.warnings if "not through this program" in w]
    assert len(flagged) == 1
    assert "School District Teaching Permits" in flagged[0] or "Permit" in flagged[0]
    assert flagged[0] not in outline.advisory
    plain = build_outline(data, catalog, "Mesa team")
    assert not [w for w in plain.warnings if "not through this program" in w]
