"""The document keeps the law: blocking warnings, refused Final, linked citations,
official sources first and labelled, and never a research note."""

from __future__ import annotations

import io
import re

import pytest
from bs4 import BeautifulSoup
from docx import Document

from finder.audit.model import AuditData, AuditRule
from finder.audit.templates import load_templates
from finder.catalog import load_catalog
from finder.config import shipped_catalog_dir
from finder.documents.build import FinalRefused, build_outline
from finder.documents.render import render_html, render_markdown
from finder.documents.render_docx import render_docx


@pytest.fixture(scope="module")
def catalog():
    return load_catalog([shipped_catalog_dir()])


def audit(*rules: AuditRule) -> AuditData:
    data = AuditData("Four-day week", "TX", "Mesa ISD", "Friday internships", "Why")
    data.rules.extend(rules)
    return data


def start_date() -> AuditRule:
    return AuditRule(
        "Uniform school start date",
        "state_statute",
        "TEC 25.0811",
        "calendar",
        decision="unnecessary_control",
        mechanisms=["tx-districts-of-innovation"],
        rationale="Start earlier to fit internships.",
        replacement_plan="Same minutes over the year.",
    )


def graduation() -> AuditRule:
    return AuditRule(
        "State graduation requirements",
        "state_statute",
        "Tex. Educ. Code § 28.025",
        "graduation",
        decision="unnecessary_control",
        mechanisms=["tx-districts-of-innovation"],
        rationale="x",
        replacement_plan="y",
    )


def test_a_request_on_a_mechanism_that_cannot_lift_it_blocks_final(catalog):
    outline = build_outline(audit(start_date(), graduation()), catalog)
    assert len(outline.blocking) == 1
    assert "State graduation requirements" in outline.blocking[0]
    assert "Tex. Educ. Code ch. 28" in outline.blocking[0]
    assert outline.blocking[0] in outline.warnings
    with pytest.raises(FinalRefused) as refused:
        build_outline(audit(start_date(), graduation()), catalog, status="final")
    assert refused.value.reasons[: len(outline.blocking)] == outline.blocking


def complete(data: AuditData, catalog) -> AuditData:
    """The audit with every blank the document asks for filled, including each item
    the chosen mechanism's application must contain (from the catalog)."""
    from finder.audit.model import Metric, Milestone

    data.metrics = [
        Metric("access", "Attendance", "90%", "95%", "SIS", "Yearly", "Ana")
    ]
    data.timeline = [Milestone("August", "Start the new calendar")]
    for rule in data.rules:
        rule.request_type = "waiver"
        rule.affected = "Every campus"
        rule.term = "Five years"
        for entry_id in rule.mechanisms:
            for item in catalog.get(entry_id).application_fields:
                rule.application_answers[item] = "Answered in the plan."
    return data


def test_final_is_refused_while_work_is_left_and_allowed_once_only_checks_remain(
    catalog,
):
    """A final document has nothing left to complete: blanks and unanswered items keep
    it a draft; reading the law in its official text (an advisory check) does not."""
    with pytest.raises(FinalRefused) as refused:
        build_outline(audit(start_date()), catalog, status="final")
    assert refused.value.reasons[-1].endswith(
        "still to complete (listed under “To resolve before submitting”)."
    )
    outline = build_outline(complete(audit(start_date()), catalog), catalog, "Team")
    assert [w for w in outline.warnings if w not in outline.advisory] == []
    final = build_outline(
        complete(audit(start_date()), catalog), catalog, "Team", status="final"
    )
    assert final.status == "final"
    assert final.blocking == []
    assert final.advisory  # the unverified law is still flagged to check


def test_citations_link_to_the_official_text_in_every_format(catalog):
    outline = build_outline(audit(start_date()), catalog)
    url = "https://statutes.capitol.texas.gov/Docs/ED/htm/ED.25.htm#25.0811"
    assert outline.requests[0].citation_url == url
    soup = BeautifulSoup(render_html(outline), "html.parser")
    assert soup.find("a", href=url).get_text() == "TEC 25.0811"
    assert f"[TEC 25.0811](<{url}>)" in render_markdown(outline)
    doc = Document(io.BytesIO(render_docx(outline)))
    targets = {r.target_ref for r in doc.part.rels.values() if r.is_external}
    assert url in targets


def test_sources_list_official_ones_first_and_label_the_rest(catalog):
    outline = build_outline(audit(start_date()), catalog)
    kinds = [s.kind for s in outline.sources]
    assert kinds[0] == ""  # an official source leads
    assert kinds == sorted(kinds, key=bool)  # no official source after a labelled one
    labelled = [s for s in outline.sources if s.kind]
    html = render_html(outline)
    for source in labelled:
        assert f"[{source.kind}]" in html


def _note_fragments(entry) -> list[str]:
    """Distinctive pieces of an entry's research note (sentences of 40+ characters)."""
    return [
        s.strip() for s in re.split(r"(?<=[.;])\s+", entry.note) if len(s.strip()) >= 40
    ]


def test_no_research_note_reaches_a_document_from_any_template(catalog):
    checked = 0
    for template in load_templates().values():
        for state in sorted({c for r in template.rules for c in r.by_state}):
            rules = []
            for raw in template.rules_for(state):
                entry_ids = [
                    r.by_state[state]["entry"]
                    for r in template.rules
                    if r.text == raw["text"] and r.by_state.get(state, {}).get("entry")
                ]
                rules.append(
                    AuditRule(
                        raw["text"],
                        raw["source_level"],
                        raw["citation"],
                        raw["policy_area"],
                        decision="unnecessary_control",
                        mechanisms=[e for e in entry_ids if catalog.get(e)],
                    )
                )
            data = audit(*rules)
            data.state = state
            outline = build_outline(data, catalog)
            text = render_html(outline) + render_markdown(outline)
            used = [catalog.get(m) for r in rules for m in r.mechanisms]
            for entry in filter(None, used):
                for fragment in _note_fragments(entry):
                    assert fragment not in text, (template.id, state, entry.id)
            checked += 1
    assert checked >= 50


def test_an_unknown_mechanism_blocks_final_and_long_lists_say_how_many_more(catalog):
    rule = start_date()
    rule.mechanisms = ["tx-districts-of-innovation", "no-such-mechanism"]
    outline = build_outline(audit(rule), catalog)
    assert any("“no-such-mechanism”" in b for b in outline.blocking)
    kept = outline.requests[0].safeguards_kept
    assert len(kept) == 13
    assert kept[-1].startswith("and ")
    assert "more, listed in the mechanism's catalog entry" in kept[-1]


def test_a_rule_imported_from_a_document_says_where_it_was_found(catalog):
    rule = start_date()
    rule.source_document = "Local Innovation Plan.docx"
    rule.source_place = "table 1, row 2"
    outline = build_outline(audit(rule, graduation()), catalog)
    assert outline.requests[0].found_in == "Local Innovation Plan.docx, table 1, row 2"
    assert outline.requests[1].found_in == ""
    found = "found in Local Innovation Plan.docx, table 1, row 2"
    assert found in render_markdown(outline).replace("\\", "")
    assert found in BeautifulSoup(render_html(outline), "html.parser").get_text()
    doc = Document(io.BytesIO(render_docx(outline)))
    assert sum(found in p.text for p in doc.paragraphs) == 1


def test_work_left_in_a_section_the_document_leaves_out_does_not_hold_final_back(
    catalog,
):
    """No metrics and no milestones: a final version that prints neither the
    evaluation plan nor the timeline can still be final; printing them, it cannot."""
    from finder.documents.sections import DEFAULT_ORDER

    data = complete(audit(start_date()), catalog)
    data.metrics, data.timeline = [], []
    without = [s for s in DEFAULT_ORDER if s not in {"evaluation", "timeline"}]
    final = build_outline(data, catalog, "Team", status="final", sections=without)
    assert final.status == "final"
    with pytest.raises(FinalRefused):
        build_outline(data, catalog, "Team", status="final")


def test_a_final_version_lists_what_is_left_to_check_not_to_resolve(catalog):
    """A final version may keep advisory checks (read the law in its official text):
    every format heads them "To check before submitting", not "To resolve"."""
    from finder.documents.render import render_html, render_markdown

    final = build_outline(
        complete(audit(start_date()), catalog), catalog, "Team", status="final"
    )
    assert final.warnings
    assert all(w in final.advisory for w in final.warnings)
    html = render_html(final)
    assert "<h2>To check before submitting</h2>" in html
    assert "To resolve before submitting</h2>" not in html
    assert "## To check before submitting" in render_markdown(final)
    doc = Document(io.BytesIO(render_docx(final)))
    assert "To check before submitting" in [
        p.text for p in doc.paragraphs if p.style.name == "Heading 1"
    ]
    draft = build_outline(audit(start_date()), catalog, "Team")
    assert "<h2>To resolve before submitting</h2>" in render_html(draft)
