"""A document a district can sign once its blanks are filled: every blank marked and
listed, clean punctuation, lists as lists, each mechanism's verification shown, its law
linked, and a cover page with contents in every format."""

from __future__ import annotations

import io
import re

import pytest
from bs4 import BeautifulSoup
from docx import Document
from docx.oxml.ns import qn

from finder.audit.model import AuditData, AuditRule, Metric, Milestone
from finder.catalog import load_catalog
from finder.config import shipped_catalog_dir
from finder.documents.blanks import REQUEST, marker
from finder.documents.build import build_outline
from finder.documents.outline import Outline
from finder.documents.render import render_html, render_markdown
from finder.documents.render_docx import render_docx
from finder.documents.sections import SECTIONS
from tests.documents.test_documents import populated_audit

DOI = "tx-districts-of-innovation"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog([shipped_catalog_dir()])


def docx_text(body: bytes) -> str:
    """Every paragraph and table cell of a Word file, one per line."""
    doc = Document(io.BytesIO(body))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def html_text(outline: Outline, **kw) -> str:
    return BeautifulSoup(render_html(outline, **kw), "html.parser").get_text()


def md_text(outline: Outline, **kw) -> str:
    """The Markdown as read: escapes, bold and link targets left out."""
    md = render_markdown(outline, **kw)
    md = re.sub(r"\(<[^>]*>\)|<https?://[^>]*>", "", md)
    return md.replace("\\", "").replace("**", "")


def all_formats(outline: Outline, **kw) -> dict[str, str]:
    return {
        "html": html_text(outline, **kw),
        "markdown": md_text(outline, **kw),
        "docx": docx_text(render_docx(outline, **kw)),
    }


def periods_audit(catalog) -> AuditData:
    """The populated audit where everything the team typed ends in a period."""
    data = populated_audit(catalog)
    data.district, data.innovation = "Mesa ISD.", "A four-day week."
    data.outcome = "Better attendance."
    for rule in data.rules:
        rule.text += "."
        rule.citation += "." if rule.citation else ""
        rule.override_reason = "Protects students."
        rule.checked = "We read the statute."
        if rule.decision == "unnecessary_control":
            rule.request_type = "waiver"
            rule.rationale, rule.replacement_plan = "It frees Fridays.", "Same minutes."
            rule.affected, rule.term = "All 4 schools.", "Five years."
    data.rules[0].application_answers = {
        field: "Attached."
        for field in catalog.get(DOI).application_fields  # every answer given
    }
    data.metrics = [
        Metric("access", "Attendance.", "81%.", "88%.", "SIS.", "Monthly.", "Office.")
    ]
    data.timeline = [Milestone("Jan.", "Board vote.")]
    return data


# --- 1. Every blank is marked, the same way in every format ---------------------


def test_an_empty_request_field_is_marked_in_every_format(catalog):
    data = populated_audit(catalog)
    rule = data.rules[0]  # every field filled in …
    rule.affected = "\n  "  # … but this one, sent from an empty textarea
    rule.term = ""
    outline = build_outline(data, catalog, "Team")
    affected = marker(REQUEST[3].what)
    term = marker(REQUEST[4].what)
    assert affected == (
        "[To complete: students and schools affected, with baseline data]"
    )
    html = BeautifulSoup(render_html(outline), "html.parser")
    first = html.select_one("#request-1")
    assert [b.get_text() for b in first.select(".blank")][:2] == [affected, term]
    md = render_markdown(outline).replace("\\", "")
    assert f"- **Students and schools affected:** _{affected}_" in md
    assert f"- **Term:** _{term}_" in md
    doc = Document(io.BytesIO(render_docx(outline)))
    para = next(p for p in doc.paragraphs if p.text.startswith("Students and schools"))
    assert para.text == f"Students and schools affected: {affected}"
    assert para.runs[-1].italic  # marked as a blank, not typed text


def test_every_format_marks_the_same_blanks(catalog):
    outline = build_outline(populated_audit(catalog), catalog, "Team")
    texts = all_formats(outline)
    counts = {name: text.count("[To complete: ") for name, text in texts.items()}
    assert counts["html"] > 20
    assert counts["html"] == counts["markdown"] == counts["docx"], counts


# --- 2. Everything unresolved is listed, naming its rule --------------------------


def test_to_resolve_lists_every_blank_field_of_every_request(catalog):
    outline = build_outline(populated_audit(catalog), catalog, "Team")
    for request in outline.requests:
        about = [w for w in outline.warnings if f"“{request.rule}”" in w]
        for blank in REQUEST:
            if getattr(request, blank.attr).strip():
                continue
            assert any(blank.noun in w for w in about), (request.rule, blank.noun)
    text = "\n".join(outline.warnings)
    assert (
        "The request for “K-4 class size limit of 22” has no request type, rationale, "
        "replacement plan, list of students and schools affected or term."
    ) in text
    # and what was already listed before stays listed
    assert "“Bus routes must be set by October” has no recorded decision yet." in text
    assert "cannot be used for “Bilingual education programs”" in text


def test_to_resolve_lists_an_empty_field_of_the_cover_and_other_sections(catalog):
    data = populated_audit(catalog)
    data.district = ""
    data.outcome = " "
    data.timeline.append(Milestone("", "Second board vote"))
    outline = build_outline(data, catalog, "Team")
    assert outline.warnings[:2] == [
        "The document has no district.",
        "The document has no reason for this design.",
    ]
    assert "The milestone “Second board vote” has no date." in outline.warnings
    assert (
        "“Principals believe credit needs seat time”, found not to be a rule, has no "
        "record of what the team checked."
    ) in outline.warnings
    cover = BeautifulSoup(render_html(outline), "html.parser").select_one(".cover")
    assert cover.select_one("dd .blank").get_text() == "[To complete: district]"
    assert "- **District:** _\\[To complete: district\\]_" in render_markdown(outline)
    doc = docx_text(render_docx(outline))
    assert "District: [To complete: district]" in doc


def test_a_filled_in_document_has_nothing_left_to_resolve_but_the_law(catalog):
    outline = build_outline(periods_audit(catalog), catalog, "Team")
    requests = [w for w in outline.warnings if w.startswith("The request for")]
    assert not [w for w in requests if "“Uniform school start date.”" in w]


# --- 3. Clean punctuation, lists as lists ----------------------------------------

BAD = ("..", ".:", ".;", ";;")


@pytest.mark.parametrize("name", ["html", "markdown", "docx"])
def test_no_doubled_or_clashing_punctuation_anywhere(catalog, name):
    outline = build_outline(periods_audit(catalog), catalog, "Team")
    text = all_formats(outline, version=2)[name]
    assert "Uniform school start date." in text  # the user's periods are there
    found = {
        bad: [text[max(0, i - 40) : i + 20] for i in _find(text, bad)] for bad in BAD
    }
    assert not any(found.values()), found


def _find(text: str, needle: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(needle), text)]


def test_safeguards_steps_and_public_process_are_lists(catalog):
    outline = build_outline(populated_audit(catalog), catalog, "Team")
    entry = catalog.get(DOI)
    soup = BeautifulSoup(render_html(outline), "html.parser")
    safeguards = soup.select("#request-1 ul.safeguards li")
    assert [li.get_text() for li in safeguards] == outline.requests[0].safeguards_kept
    first = soup.select_one("#activation .mechanism")
    assert len(first.select("ol.steps li")) == len(entry.activation)
    assert [li.get_text() for li in first.select("ul.public-process li")] == list(
        entry.public_process
    )
    md = render_markdown(outline)
    for item in entry.public_process:
        assert f"\n- {item}\n" in md
    assert f"\n  - {outline.requests[0].safeguards_kept[1]}\n" in md
    doc = Document(io.BytesIO(render_docx(outline)))
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    for item in [*outline.requests[0].safeguards_kept, *entry.public_process]:
        assert item in bullets


def test_each_numbered_list_in_word_starts_at_one(catalog):
    doc = Document(
        io.BytesIO(render_docx(build_outline(populated_audit(catalog), catalog)))
    )
    numbered = [p for p in doc.paragraphs if p.style.name == "List Number"]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert len(set(ids)) > 5  # application fields per request, steps per mechanism
    numbering = doc.part.numbering_part.element
    for num_id in set(ids):
        num = numbering.num_having_numId(num_id)
        start = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        assert start is not None
        assert start.get(qn("w:val")) == "1"


# --- 4. Verification and linked law ----------------------------------------------


def test_each_mechanism_says_how_far_it_is_verified(catalog):
    data = AuditData("Calendar", "KY", "Pike County", "Remote days", "Snow days")
    data.rules.append(
        AuditRule(
            "Make up every snow day",
            "state_statute",
            "KRS 158.070",
            "calendar",
            decision="unnecessary_control",
            mechanisms=["ky-nontraditional-instruction", "local-board-action"],
        )
    )
    data.rules.append(
        AuditRule(
            "Uniform school start date",
            "state_statute",
            "Tex. Educ. Code § 25.0811",
            "calendar",
            decision="unnecessary_control",
            mechanisms=[DOI],
        )
    )
    outline = build_outline(data, catalog, "Team")
    states = {m.id: m.verified for m in outline.mechanisms}
    assert states == {
        "ky-nontraditional-instruction": True,
        "local-board-action": None,
        DOI: False,
    }
    unverified = outline.mechanism(DOI)
    assert unverified.reason.startswith("Some statements of law")
    assert f"“{DOI}”" in unverified.reason
    assert any(
        "Read the law behind “Districts of Innovation”" in w for w in outline.warnings
    )
    ky = catalog.get("ky-nontraditional-instruction").title
    for name, text in all_formats(outline).items():
        flat = " ".join(text.split())
        assert f"{ky} (verified against official sources)" in flat, name
        assert "Districts of Innovation (not fully verified)" in flat, name
        assert "Local board action (" not in flat, name  # nothing to verify
        assert "Verification: Verified against official sources." in flat, name
        assert f"Verification: Not fully verified. {unverified.reason}" in flat, name
        assert "How to read this document" in flat, name
        assert "Not fully verified: The catalog could not confirm" in flat or (
            "Not fully verifiedThe catalog could not confirm" in flat
        ), name
        # the catalog's research note itself is never printed
        note = catalog.get(DOI).note.split(". ")[0]
        assert note not in flat, name


def test_a_mechanisms_law_is_linked_in_every_format(catalog):
    outline = build_outline(populated_audit(catalog), catalog, "Team")
    url = "https://statutes.capitol.texas.gov/Docs/ED/htm/ED.12A.htm#12A.001"
    assert outline.links["Tex. Educ. Code § 12A.001"] == (url, True)
    soup = BeautifulSoup(render_html(outline), "html.parser")
    assert soup.select_one("#request-1").find("a", href=url)
    assert soup.select_one("#activation").find("a", href=url)
    assert f"[Tex. Educ. Code § 12A.001](<{url}>)" in render_markdown(outline)
    doc = Document(io.BytesIO(render_docx(outline)))
    assert url in {r.target_ref for r in doc.part.rels.values() if r.is_external}


# --- 5. Cover page and contents ---------------------------------------------------


def test_html_has_a_cover_page_and_linked_contents(catalog):
    outline = build_outline(populated_audit(catalog), catalog, "Team")
    soup = BeautifulSoup(render_html(outline, version=7), "html.parser")
    cover = soup.select_one("header.cover")
    rows = dict(
        zip(
            [dt.get_text() for dt in cover.find_all("dt")],
            [dd.get_text() for dd in cover.find_all("dd")],
            strict=True,
        )
    )
    assert rows == {
        "District": "Mesa ISD",
        "State": "Texas",
        "Program or design": "A four-day week with Friday internships",
        "Prepared by": "Team",
        "Date": outline.date,
        "Version": "7",
        "Status": "Draft, not for submission",
    }
    links = [a["href"] for a in soup.select("nav.contents a")]
    assert links == ["#warnings", *(f"#{key}" for key in SECTIONS)]
    for link in links:
        assert soup.find(id=link[1:]).find("h2")
    style = soup.find("style").get_text()
    assert re.search(r"\.cover \{[^}]*break-after: page", style)
    assert "@page :first" in style


def test_a_preview_says_it_is_not_a_saved_version(catalog):
    outline = build_outline(populated_audit(catalog), catalog, "Team")
    for name, text in all_formats(outline).items():
        assert "Preview, not a saved version" in text, name
    for name, text in all_formats(outline, version=3).items():
        assert re.search(r"Version\W*3\b", text), name


def test_markdown_has_the_cover_and_contents_first(catalog):
    outline = build_outline(populated_audit(catalog), catalog, "Team")
    md = render_markdown(outline, version=2)
    head = md.split("\n## ", 1)[0]
    assert "- **Version:** 2" in head
    assert "- **Status:** Draft, not for submission" in head
    assert "- [To resolve before submitting](#to-resolve-before-submitting)" in head
    assert "- [Requested flexibilities](#requested-flexibilities)" in head


def test_docx_has_a_cover_page_then_contents_linked_to_each_heading(catalog):
    outline = build_outline(populated_audit(catalog), catalog, "Team")
    doc = Document(io.BytesIO(render_docx(outline, version=4)))
    assert doc.sections[0].different_first_page_header_footer  # a bare cover
    body = doc.element.body
    paragraphs = body.findall(qn("w:p"))
    breaks = [
        i
        for i, p in enumerate(paragraphs)
        if p.findall(f".//{qn('w:br')}[@{qn('w:type')}='page']")
    ]
    cover = "\n".join(p.xpath("string(.)") for p in paragraphs[: breaks[0]])
    for line in (
        "Required flexibilities: Four-day week",
        "District: Mesa ISD",
        "Program or design: A four-day week with Friday internships",
        f"Date: {outline.date}",
        "Version: 4",
        "Status: Draft, not for submission",
    ):
        assert line in cover
    front = [p for p in doc.paragraphs if p.style.name == "TOC Heading"]
    assert [p.text for p in front] == ["Contents", "How to read this document"]
    anchors = [
        a.get(qn("w:anchor"))
        for a in body.iter(qn("w:hyperlink"))
        if a.get(qn("w:anchor"))
    ]
    assert anchors == ["warnings", *SECTIONS]
    marks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    assert set(anchors) <= marks
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["To resolve before submitting", *SECTIONS.values()]


def test_the_running_header_stays_on_one_line_and_has_no_placeholder():
    from docx import Document as Read

    from finder.documents.outline import Outline
    from finder.documents.render_docx import render_docx

    long = Outline(
        "T", "District " + "very long name " * 12, "TX", "", "", "", "draft", "", ""
    )
    header = Read(io.BytesIO(render_docx(long))).sections[0].header.paragraphs[0].text
    assert len(header) < 110
    assert header.endswith("Required flexibilities · DRAFT")
    assert "…" in header
    none = Outline("T", "", "TX", "", "", "", "final", "", "")
    header = Read(io.BytesIO(render_docx(none))).sections[0].header.paragraphs[0].text
    assert header == "Required flexibilities"


def contents_page_numbers(docx: bytes) -> list[tuple[str, str]]:
    """(line, bookmark its PAGEREF field names) for each contents line of a .docx,
    after checking each names a bookmark the document has and that Word is asked to
    update the fields when the file is opened."""
    doc = Document(io.BytesIO(docx))
    body = doc.element.body
    marks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    update = doc.settings.element.find(qn("w:updateFields"))
    assert update is not None
    assert update.get(qn("w:val")) == "true"
    lines = []
    for p in doc.paragraphs:
        codes = [i.text.strip() for i in p._p.iter(qn("w:instrText"))]
        refs = [c.split()[1] for c in codes if c.startswith("PAGEREF")]
        if refs:
            assert refs[0] in marks, f"{refs[0]} names no bookmark"
            stops = p.paragraph_format.tab_stops
            assert stops[0].leader is not None  # dots lead to the number
            lines.append((p.text.split("\t")[0], refs[0]))
    return lines


def test_docx_contents_give_each_headings_page_number(catalog):
    outline = build_outline(populated_audit(catalog), catalog, "Team")
    lines = contents_page_numbers(render_docx(outline, version=4))
    assert [anchor for _, anchor in lines] == ["warnings", *SECTIONS]
    assert lines[0][0] == "To resolve before submitting"


def test_a_wide_docx_table_gives_each_column_room_for_its_longest_word(catalog):
    """The evaluation plan's seven columns: set small, each column at least as wide as
    its longest word, so a printed "Baseline" or "Engagement" is never split."""
    from finder.documents.docx_parts import WIDE_TABLE_SIZE

    outline = build_outline(populated_audit(catalog), catalog, "Team")
    doc = Document(io.BytesIO(render_docx(outline)))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Area")
    widths = [
        int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))
    ]
    section = doc.sections[-1]
    text_width = (
        section.page_width - section.left_margin - section.right_margin
    ) // 635
    assert sum(widths) <= text_width + len(widths)
    for i, width in enumerate(widths):
        words = [w for cell in table.columns[i].cells for w in cell.text.split()]
        longest = max(len(w) for w in words)
        assert width >= 20 * (12 + WIDE_TABLE_SIZE * 0.62 * longest) - 20, (i, words)
    sizes = {
        r.font.size.pt
        for c in table.rows[1].cells
        for p in c.paragraphs
        for r in p.runs
    }
    assert sizes == {WIDE_TABLE_SIZE}
