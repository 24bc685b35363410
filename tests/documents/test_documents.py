"""The required-flexibilities document for a realistic audit, parsed back from every format."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from docx import Document

from finder.audit.decisions import refresh_suggestions
from finder.audit.model import AuditData, AuditRule, Metric, Milestone
from finder.catalog import load_catalog
from finder.config import shipped_catalog_dir
from finder.documents.build import build_outline
from finder.documents.outline import Outline
from finder.documents.render import render_html, render_markdown
from finder.documents.render_docx import render_docx
from finder.documents.sections import SECTIONS

# (text, source level, citation, area, decision, mechanisms)
RULES = [
    (
        "Uniform school start date",
        "state_statute",
        "Tex. Educ. Code § 25.0811",
        "calendar",
        "unnecessary_control",
        ["tx-districts-of-innovation"],
    ),
    (
        "Minimum minutes of instruction",
        "state_statute",
        "Tex. Educ. Code § 25.081",
        "instructional_time",
        "unnecessary_control",
        ["tx-districts-of-innovation"],
    ),
    (
        "K-4 class size limit of 22",
        "state_statute",
        "Tex. Educ. Code § 25.112",
        "class_size",
        "unnecessary_control",
        ["tx-districts-of-innovation"],
    ),
    (
        "Teacher certification for CTE electives",
        "state_statute",
        "Tex. Educ. Code § 21.003",
        "staffing",
        "unnecessary_control",
        ["tx-district-teaching-permits-cte"],
    ),
    (
        "Board policy on bell times",
        "local_policy",
        "Policy EC(LOCAL)",
        "calendar",
        "unnecessary_control",
        ["local-board-action"],
    ),
    (
        "Bilingual education programs",
        "state_statute",
        "Tex. Educ. Code ch. 29, subch. B",
        "student_services",
        "unnecessary_control",
        ["tx-districts-of-innovation"],
    ),
    (
        "Special education services",
        "federal_law",
        "20 U.S.C. § 1400",
        "student_services",
        "essential_oversight",
        [],
    ),
    (
        "Background checks for all staff",
        "state_statute",
        "Tex. Educ. Code § 22.0833",
        "staffing",
        "essential_oversight",
        [],
    ),
    (
        "State assessments in grades 3-8",
        "state_statute",
        "Tex. Educ. Code § 39.023",
        "assessment",
        "essential_oversight",
        [],
    ),
    (
        "Open meetings for board votes",
        "state_statute",
        "Tex. Gov't Code ch. 551",
        "governance",
        "essential_oversight",
        [],
    ),
    ("We have always run 180 days", "practice", "", "calendar", "not_a_rule", []),
    (
        "Principals believe credit needs seat time",
        "practice",
        "",
        "seat_time",
        "not_a_rule",
        [],
    ),
    ("Bus routes must be set by October", "unknown", "", "transportation", "", []),
]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog([shipped_catalog_dir()])


def populated_audit(catalog) -> AuditData:
    """An audit with something for every section of the document."""
    data = AuditData(
        "Four-day week",
        "TX",
        "Mesa ISD",
        "A four-day week with Friday internships",
        "Better attendance and teacher retention",
    )
    for text, level, citation, area, decision, mechanisms in RULES:
        rule = AuditRule(text, level, citation, area, "Audit team")
        refresh_suggestions(rule, "TX", catalog)
        rule.decision, rule.mechanisms = decision, mechanisms
        data.rules.append(rule)
    first = data.rules[0]
    first.request_type, first.rationale = (
        "waiver",
        "Starting earlier lets us fit a four-day calendar.",
    )
    first.replacement_plan, first.affected, first.term = (
        "We keep 75,600 minutes across the year.",
        "All 4 schools, 2,100 students",
        "Five years",
    )
    first.application_answers = {}
    data.rules[10].checked = "No statute requires days; Texas counts minutes."
    data.metrics = [
        Metric(
            "access",
            "Students attending 95% of days",
            "81%",
            "88%",
            "SIS",
            "Monthly",
            "Attendance office",
        ),
        Metric(
            "engagement",
            "Internship placements",
            "0",
            "300",
            "CTE office",
            "Each semester",
            "CTE director",
        ),
        Metric(
            "belonging",
            "Students who feel they belong",
            "",
            "",
            "Climate survey",
            "Yearly",
            "",
        ),
        Metric(
            "agency",
            "Students with a personal learning plan",
            "10%",
            "90%",
            "Counselors",
            "Yearly",
            "Counseling",
        ),
        Metric(
            "outcomes",
            "Grade 8 reading at grade level",
            "54%",
            "60%",
            "STAAR",
            "Yearly",
            "Assessment office",
        ),
    ]
    data.timeline = [
        Milestone("January", "Board resolution and public hearing"),
        Milestone("March", "Post the plan for 30 days"),
    ]
    return data


@pytest.fixture(scope="module")
def outline(catalog) -> Outline:
    return build_outline(populated_audit(catalog), catalog, "Mesa leadership team")


def test_outline_sorts_rules_into_sections(outline):
    assert [r.rule for r in outline.requests][:2] == [
        "Uniform school start date",
        "Minimum minutes of instruction",
    ]
    assert len(outline.requests) == 6
    assert len(outline.kept) == 4
    assert len(outline.not_binding) == 2
    assert {a.mechanism for a in outline.activation} >= {
        "Districts of Innovation",
        "Local board action",
    }
    assert outline.sources  # from the chosen catalog mechanisms
    assert outline.requests[
        0
    ].application_fields  # the Districts of Innovation plan contents


def test_warnings(outline):
    text = "\n".join(outline.warnings)
    assert "“Bus routes must be set by October” has no recorded decision yet." in text
    # one item per request, naming the rule and every field it leaves blank
    assert (
        "The request for “Minimum minutes of instruction” has no request type, "
        "rationale, replacement plan, list of students and schools affected or term."
    ) in text
    assert (
        "The request for “Uniform school start date” answers 0 of the 3 items the "
        "application must contain."
    ) in text
    assert "The activation plan for “Local board action” has no approver or term." in (
        text
    )
    assert (
        "The success metric “Students who feel they belong” has no baseline, target "
        "or owner."
    ) in text
    # Requested from a mechanism whose own law cannot grant it: a blocking warning
    blocking = (
        "“Districts of Innovation” cannot be used for “Bilingual education programs”"
    )
    assert blocking in text
    assert any(w.startswith(blocking) for w in outline.blocking)
    assert "Tex. Educ. Code" in outline.blocking[0]
    assert "never lets it lift Tex. Educ. Code ch. 29, subch. B" in outline.blocking[0]
    assert "“Uniform school start date” has no" not in text  # all filled in


def test_html(outline):
    soup = BeautifulSoup(render_html(outline), "html.parser")
    assert soup.find("h1").get_text() == "Required flexibilities: Four-day week"
    headings = [h.get_text() for h in soup.find_all("h2")]
    assert headings == ["To resolve before submitting", *SECTIONS.values()]
    assert len(soup.select("#warnings li")) == len(outline.warnings)
    summary_rows = soup.select("#requests table.summary tbody tr")
    assert [r.find("td").get_text() for r in summary_rows] == [
        r.rule for r in outline.requests
    ]
    assert len(soup.select("#kept tbody tr")) == 4
    assert len(soup.select("#evaluation tbody tr")) == 5
    assert len(soup.select("#timeline tbody tr")) == 2
    blanks = [b.get_text() for b in soup.select(".blank")]
    assert "[To complete: rationale tied to the vision]" in blanks
    assert "[To complete: baseline]" in blanks  # the belonging metric
    assert "@page" in soup.find("style").get_text()
    assert "page-break-before" in soup.find("style").get_text()


def test_markdown(outline):
    md = render_markdown(outline)
    assert md.startswith("# Required flexibilities: Four-day week")
    for title in SECTIONS.values():
        assert f"\n## {title}\n" in md
    assert md.count("\n| ") >= len(outline.requests) + 4 + 5
    assert "_\\[To complete: rationale tied to the vision\\]_" in md
    for warning in outline.warnings:
        assert warning.replace("*", "\\*") in md or warning in md


def test_docx(outline):
    doc = Document(io.BytesIO(render_docx(outline)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings == ["To resolve before submitting", *SECTIONS.values()]
    assert doc.paragraphs[1].style.name == "Title"
    assert doc.core_properties.title == "Required flexibilities: Four-day week"
    assert doc.core_properties.author == "Mesa leadership team"
    requests_table, kept_table, metrics_table, timeline_table = doc.tables
    assert [row.cells[0].text for row in requests_table.rows[1:]] == [
        r.rule for r in outline.requests
    ]
    assert (
        requests_table.rows[1].cells[4].text
        == "We keep 75,600 minutes across the year."
    )
    assert (
        requests_table.rows[2].cells[3].text
        == "[To complete: rationale tied to the vision]"
    )
    assert len(kept_table.rows) == 5
    assert metrics_table.rows[3].cells[2].text == "[To complete: baseline]"
    assert len(timeline_table.rows) == 3
    numbered = [p.text for p in doc.paragraphs if p.style.name == "List Number"]
    assert any("Board resolution" in t or "board" in t.lower() for t in numbered)
    footer_xml = doc.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer_xml
    assert "NUMPAGES" in footer_xml
    assert "DRAFT" in doc.sections[0].header.paragraphs[0].text


def test_sections_can_be_chosen_and_ordered(catalog):
    outline = build_outline(
        AuditData("X", "TX"), catalog, sections=["evaluation", "vision"]
    )
    soup = BeautifulSoup(render_html(outline), "html.parser")
    assert [h.get_text() for h in soup.find_all("h2")][-2:] == [
        "Evaluation plan",
        "Vision and why this design",
    ]


def test_outline_round_trips_for_kept_versions(outline):
    assert Outline.from_dict(outline.to_dict()) == outline


def test_hostile_text_is_escaped_everywhere(catalog):
    data = AuditData(
        "<script>alert(1)</script>",
        "TX",
        "</style><b>Evil ISD</b>",
        "x | y",
        "# heading",
    )
    data.rules.append(
        AuditRule(
            "<img src=x onerror=alert(1)>",
            "practice",
            "",
            "other",
            decision="not_a_rule",
        )
    )
    outline = build_outline(data, catalog)
    html = render_html(outline)
    assert "<script>" not in html
    assert "<img" not in html
    assert "</style><b>" not in html
    md = render_markdown(outline)
    assert "\\<img" in md
    assert "x \\| y" in md
