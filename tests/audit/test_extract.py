"""Candidate rules read from a district's own documents (issue 16): what is found, with
which citation, level and place, and the message each unreadable document gets."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document

from finder.audit.extract import (
    MAX_CANDIDATES,
    candidates_to_json,
    chosen_rules,
    extract_candidates,
    header_roles,
)
from tests.audit import document_samples as samples


def _found(data, name, state="", existing=()):
    result = extract_candidates(data, name, state, list(existing))
    return result, [(c.text, c.citation, c.source_level) for c in result.candidates]


def test_innovation_plan_exemption_table_in_word():
    result, found = _found(samples.plan_docx(), "Local Innovation Plan.docx", "TX")
    assert result.kind == "docx"
    assert not result.problems
    assert found == [
        (row[1], row[0], "state_statute") for row in samples.PLAN_ROWS[1:]
    ]  # the header row is read as column roles, not as a rule
    first = result.candidates[0]
    assert first.where == "table 1, row 2"
    assert first.note.startswith("A calendar that starts earlier")
    assert first.policy_area == "calendar"
    assert "Tex. Educ. Code § 25.0811" in first.original


def test_policy_manual_pdf_codes_set_levels_and_places():
    result, _ = _found(samples.manual_pdf(), "manual.pdf", "TX")
    assert result.kind == "pdf"

    def by_start(words):
        return next(c for c in result.candidates if c.text.startswith(words))

    legal = by_start("A district shall award credit")
    assert (legal.policy_code, legal.source_level, legal.citation) == (
        "EHDC(LEGAL)",
        "state_statute",
        "Tex. Educ. Code § 28.023",
    )
    # the wrapped sentence is whole, and the citation is not torn out of its middle
    assert legal.text.endswith("under Tex. Educ. Code § 28.023.")
    local = by_start("Students may attempt each cred")
    assert (local.policy_code, local.source_level, local.where) == (
        "EHDC(LOCAL)",
        "local_policy",
        "EHDC(LOCAL), page 1",
    )
    assert by_start("The school year calendar must").where == "EB(LOCAL), page 2"
    # a contract article binds even when a LOCAL policy points to it
    assert (
        by_start("Teachers hired after July 1 ar").source_level
        == "collective_bargaining"
    )
    # the policy's title in capitals and the manual's title are not rules
    assert not any(c.text.isupper() for c in result.candidates)
    assert len(result.candidates) == 5


def test_waiver_table_in_html_keeps_replacement_plans():
    result, found = _found(samples.waiver_html(), "waiver.html", "OH")
    assert result.kind == "html"
    assert [(t[:40], level) for t, _, level in found] == [
        ("Students must complete 120 clock hours o", "state_statute"),
        ("Class size may not exceed 25 students pe", "state_rule"),
    ]
    assert found[0][1] == "R.C. 3313.603"
    assert found[1][1].startswith("Ohio Adm. Code")
    assert result.candidates[0].note.startswith("Credit by demonstrated competency")
    assert result.candidates[1].policy_area == "class_size"
    assert not any("Home" in c.text for c in result.candidates)  # navigation is dropped


def test_plain_text_in_a_windows_encoding():
    result, found = _found(samples.plan_text(), "plan.txt", "TX")
    assert result.kind == "text"
    assert found == [
        ("Uniform school start date", "Tex. Educ. Code § 25.0811", "state_statute"),
        (
            "Teacher certification for CTE courses",
            "Tex. Educ. Code § 21.003",
            "state_statute",
        ),
        (
            "90 percent attendance rule for credit",
            "Tex. Educ. Code § 25.092",
            "state_statute",
        ),
    ]
    assert result.candidates[0].where == "line 2"


def test_rules_already_in_the_audit_are_marked():
    existing = [
        "the school year calendar must include 180 days of instruction for students"
    ]
    result, _ = _found(samples.manual_pdf(), "manual.pdf", "TX", existing)
    marked = [c.text for c in result.candidates if c.duplicate]
    assert marked == [
        "The school year calendar must include 180 days of instruction for students."
    ]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (samples.scanned_pdf(), "scan.pdf", "no text (it is probably a scan)"),
        (samples.encrypted_pdf(), "locked.pdf", "encrypted"),
        (b"%PDF-1.7\n garbage", "broken.pdf", "could not be read as a PDF"),
        (b"just some words, renamed", "policy.docx", "not a Word (.docx) file"),
        (b"<html><body><div></div></body></html>", "page.html", "No headings"),
        (b"Dear board,\nthank you.\n", "letter.txt", "No rules were recognised"),
        (b"", "empty.txt", "No rules were recognised"),
    ],
)
def test_bad_documents_get_their_message(data, name, message):
    result = extract_candidates(data, name)
    assert result.candidates == []
    assert any(message in p for p in result.problems), result.problems


def test_a_word_file_saved_as_a_zip_of_something_else_is_refused():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("notes.txt", "1. Students must attend 180 days.")
    result = extract_candidates(out.getvalue(), "manual.docx")
    assert result.candidates == []
    assert "could not be read" in result.problems[0]


def test_a_long_manual_is_capped_and_says_so():
    doc = Document()
    for n in range(MAX_CANDIDATES + 40):
        doc.add_paragraph(
            f"{n + 1}. Students in program {n} must attend every session."
        )
    out = io.BytesIO()
    doc.save(out)
    result = extract_candidates(out.getvalue(), "long.docx")
    assert len(result.candidates) == MAX_CANDIDATES
    assert "Only the first" in result.problems[0]


def test_header_roles_read_the_columns():
    assert header_roles(["Statute", "Requirement", "Replacement plan"]) == {
        0: "citation",
        1: "rule",
        2: "note",
    }
    assert (
        header_roles(["Students must attend 180 days of school each year", "x"]) is None
    )


def test_chosen_rules_keep_provenance_and_corrections():
    result, _ = _found(samples.plan_docx(), "plan.docx", "TX")
    payload = candidates_to_json(result.candidates)
    form = {
        "include-0": "1",
        "text-0": "School may not start before the fourth Monday in August",
        "source_level-0": "state_statute",
        "citation-0": "Tex. Educ. Code § 25.0811",
        "policy_area-0": "calendar",
        # 1 not ticked
        "include-2": "1",
        "text-2": samples.PLAN_ROWS[3][1],
        "source_level-2": "made up",
        "policy_area-2": "nonsense",
    }
    rules = chosen_rules(payload, form, "plan.docx")
    assert [r.text for r in rules] == [
        "School may not start before the fourth Monday in August",
        samples.PLAN_ROWS[3][1],
    ]
    first, last = rules
    assert (first.source_document, first.source_place) == (
        "plan.docx",
        "table 1, row 2",
    )
    assert "25.0811" in first.original_text
    assert first.rationale.startswith("A calendar that starts earlier")
    assert (last.source_level, last.policy_area) == ("unknown", "other")
    assert last.citation == "Tex. Educ. Code § 25.092"  # kept from the candidate


@pytest.mark.parametrize(
    "payload", ["", "not json", "{}", "[1, 2]", json.dumps([[]] * 3)]
)
def test_chosen_rules_survive_a_tampered_payload(payload):
    assert chosen_rules(payload, {"include-0": "1", "include-1": "1"}, "x") == []


def test_word_paragraphs_are_placed_under_their_heading():
    doc = Document()
    doc.add_heading("Attendance for credit", level=2)
    doc.add_paragraph(
        "1. Students must attend 90 percent of the days a class is offered."
    )
    doc.add_paragraph("Regular education program", style="Heading 3")
    doc.add_paragraph("A plain paragraph of the policy's preamble", style="Normal")
    doc.add_paragraph(
        "Absences for school activities count as days attended", style="List Bullet"
    )
    out = io.BytesIO()
    doc.save(out)
    result = extract_candidates(out.getvalue(), "manual.docx")
    # Word's own bullets are list items, as "•" is in a text file; plain paragraphs
    # without a citation or a number are not rules.
    assert [(c.where, c.text) for c in result.candidates] == [
        (
            "Attendance for credit",
            "Students must attend 90 percent of the days a class is offered.",
        ),
        (
            "Regular education program",
            "Absences for school activities count as days attended",
        ),
    ]


def test_word_automatic_lists_keep_their_reasons_with_the_rule():
    """A plan saved by a word processor numbers its rules and letters their reasons
    automatically, so the text holds no "1." or "a.": the reader writes the markers
    Word prints, nested by level, and the lettered reasons stay in the rule's note."""
    doc = Document()
    doc.add_paragraph("Mesa ISD District of Innovation Plan")
    doc.add_paragraph(
        "Students may not start school before the fourth Monday in August.",
        style="List Number",
    )
    doc.add_paragraph("Rationale:")
    doc.add_paragraph("families asked for an earlier calendar;", style="List Number 2")
    doc.add_paragraph("an earlier start balances the semesters.", style="List Number 2")
    doc.add_paragraph(
        "Each teacher must hold a certificate for the course taught.",
        style="List Number",
    )
    out = io.BytesIO()
    doc.save(out)
    result = extract_candidates(out.getvalue(), "plan.docx", "TX")
    assert [c.text for c in result.candidates] == [
        "Students may not start school before the fourth Monday in August.",
        "Each teacher must hold a certificate for the course taught.",
    ]
    assert result.candidates[0].note == (
        "Rationale: 1. families asked for an earlier calendar; "
        "2. an earlier start balances the semesters."
    )


def test_a_plan_saved_by_a_word_processor_with_nested_lists():
    """The same plan written in a word processor (saved as .docx by LibreOffice Writer
    from nested numbered and lettered lists): three rules, the reasons in notes, the
    citation taken out of its brackets without leaving "( )" behind."""
    result = extract_candidates(samples.nested_lists_docx(), "plan.docx", "TX")
    assert [(c.text, c.citation) for c in result.candidates] == [
        (
            "Students may not start school before the fourth Monday in August.",
            "Tex. Educ. Code § 25.0811",
        ),
        (
            "Each teacher must hold a certificate for the course taught.",
            "Tex. Educ. Code § 21.003",
        ),
        (
            "The board must approve every course of study before it is taught in "
            "the district.",
            "",
        ),
    ]
    assert result.candidates[0].note == (
        "Rationale: a. local families asked for an earlier calendar; b. an earlier "
        "start balances the semesters before winter break."
    )
    assert result.candidates[1].note.startswith("Reasons: a. industry professionals")


# Shapes seen in real public documents (issue 16 trial): a charter school's waiver list
# of bare citations with a rationale and replacement plan under the last one; a
# district's plan naming policy codes in parentheses beside the statutes; a policy
# service's page whose long title line starts with the code, with a footer.
WAIVER_LIST = """Waivers requested in our charter application
Automatic waivers
C.R.S. § 22-32-109(1)(b)
C.R.S. §22-63-301
Non-automatic waivers
C.R.S. § 22-9-106
Evaluation of licensed personnel
Rationale: the school's director adopts its own evaluation system.
Replacement plan: every staff member is evaluated each year against a published rubric.
"""

PLAN_WITH_CODES = """District of Innovation Plan
(TEC 21.102 (b) (DCA LEGAL)
Probationary contracts may last one year for experienced teachers new to the district.
(EEB LEGAL) (Ed. Code 25.112) (Ed. Code 25.113)
"""

POLICY_PAGE = """EHDC(LOCAL) - ALTERNATIVE METHODS FOR EARNING CREDIT: CREDIT BY EXAMINATION WITHOUT PRIOR INSTRUCTION
Examination Windows
The District shall offer each examination at least four times a year, once in each window the Board adopts.
A student who scores 80 percent or better shall receive credit for the course.
Example ISD-Example County
"""


def test_a_waiver_list_of_bare_citations_keeps_each_and_its_plan():
    result, found = _found(WAIVER_LIST.encode(), "waivers.txt", "CO")
    assert [c for _, c, _ in found] == [
        "C.R.S. 22-32-109(1)(b)",
        "C.R.S. 22-63-301",
        "C.R.S. 22-9-106",
    ]  # "§22-63-301" without a space, and a line in capitals that is a citation
    last = result.candidates[-1]
    assert last.note.startswith("Rationale: the school's director")
    assert "Replacement plan: every staff member" in last.note
    assert result.candidates[0].note == ""


def test_policy_codes_in_parentheses_and_several_citations_on_a_line():
    result, _ = _found(PLAN_WITH_CODES.encode(), "plan.txt", "TX")
    assert [(c.policy_code, c.citation, c.source_level) for c in result.candidates] == [
        ("DCA(LEGAL)", "Tex. Educ. Code § 21.102(b)", "state_statute"),
        (
            "EEB(LEGAL)",
            "Tex. Educ. Code § 25.112; Tex. Educ. Code § 25.113",
            "state_statute",
        ),
    ]


def test_a_policy_page_with_a_long_title_line_and_a_footer():
    result, _ = _found(POLICY_PAGE.encode(), "policy.txt", "TX")
    assert [(c.policy_code, c.text[:40]) for c in result.candidates] == [
        ("EHDC(LOCAL)", "The District shall offer each examinatio"),
        ("EHDC(LOCAL)", "A student who scores 80 percent or bette"),
    ]  # not the heading "Examination Windows", nor the footer


def test_the_policy_code_can_come_from_the_file_name():
    page = b"The school year shall begin on the date the Board adopts each spring.\n"
    result, _ = _found(page, "EB(LOCAL).html.txt", "TX")
    assert [(c.policy_code, c.source_level) for c in result.candidates] == [
        ("EB(LOCAL)", "local_policy")
    ]


def test_a_table_citation_column_keeps_words_it_cannot_parse():
    rows = "<table><tr><th>State Statute Citation</th><th>Requirement</th></tr>"
    rows += "<tr><td>22-32-109(1)(f)</td><td>Local boards select teachers and set pay</td></tr></table>"
    result, _ = _found(f"<html><body>{rows}</body></html>".encode(), "t.html", "CO")
    assert [(c.text, c.citation) for c in result.candidates] == [
        ("Local boards select teachers and set pay", "22-32-109(1)(f)")
    ]


def test_a_citation_at_the_start_does_not_leave_a_headless_sentence():
    line = b"TEC \xc2\xa721.003(a) states that a person may not be employed as a teacher without a certificate.\n"
    result, _ = _found(line, "plan.txt", "TX")
    assert result.candidates[0].text.startswith("TEC §21.003(a) states that")
    assert result.candidates[0].citation == "Tex. Educ. Code § 21.003(a)"


def test_a_policy_services_notes_and_stamps_are_not_rules():
    page = (
        b"EB(LOCAL)\nNote: This local policy has been revised under the innovation plan.\n"
        b"The Superintendent may approve variations from the adopted school calendar.\n"
        b"DATE ISSUED: 11/18/2014\n"
    )
    result, _ = _found(page, "p.txt", "TX")
    assert [c.text[:30] for c in result.candidates] == [
        "The Superintendent may approve"
    ]


@pytest.mark.parametrize(
    "name",
    [
        "damaged-AssertionError.pdf",
        "damaged-LimitReachedError.pdf",
        "damaged-NotImplementedError.pdf",
    ],
)
def test_damaged_pdfs_that_made_the_reader_fail_get_a_message(name):
    """Mutated PDFs (found by fuzzing) on which pypdf raises its own errors."""
    from pathlib import Path

    data = (Path(__file__).parents[1] / "data" / "documents" / name).read_bytes()
    result = extract_candidates(data, name)
    assert result.candidates == []
    assert "damaged" in result.problems[0]


# Inputs that broke the first version (issue 16 review): each kept as a test.


def test_a_word_zip_bomb_is_refused_before_it_is_inflated():
    data = samples.docx_bomb(40)
    assert len(data) < 200_000
    result = extract_candidates(data, "plan.docx")
    assert result.candidates == []
    assert "unpacks to far more" in result.problems[0]


def test_html_that_leaves_end_tags_out_gives_one_candidate_per_item():
    page = b"""<!doctype html><html><body><h2>Exemptions</h2><ul>
<li>Students must attend 90 percent of the days a class is offered, TEC 25.092.
<li>Teachers must hold a certificate for every classroom, TEC 21.003.
</ul><table>
<tr><th>Statute<th>Requirement<th>Replacement plan
<tr><td>TEC 25.0811<td>School may not start before the fourth Monday in August<td>Start earlier.
</table></body></html>"""
    result, found = _found(page, "plan.html", "TX")
    assert [(t[:30], c) for t, c, _ in found] == [
        ("Students must attend 90 percen", "Tex. Educ. Code § 25.092"),
        ("Teachers must hold a certifica", "Tex. Educ. Code § 21.003"),
        ("School may not start before th", "Tex. Educ. Code § 25.0811"),
    ]
    assert result.candidates[-1].note == "Start earlier."


def test_a_utf16_web_page_is_read():
    page = "<html><body><p>1. Students must attend 180 days, TEC § 25.092</p></body></html>"
    result, found = _found(page.encode("utf-16"), "plan.htm", "TX")
    assert result.kind == "html"
    assert found == [
        ("Students must attend 180 days", "Tex. Educ. Code § 25.092", "state_statute")
    ]


def test_a_word_cell_merged_across_columns_is_read_once():
    merged = samples.w_table(
        [
            "".join(
                samples.w_cell(samples.w_para(h))
                for h in ("Statute", "Requirement", "Plan")
            ),
            samples.w_cell(samples.w_para("TEC 25.092"))
            + samples.w_cell(
                samples.w_para("Students must attend 90 percent of days for credit"),
                '<w:gridSpan w:val="2"/>',
            ),
        ]
    )
    result, _ = _found(samples.docx_with_body(merged), "plan.docx", "TX")
    (only,) = result.candidates
    assert only.text == "Students must attend 90 percent of days for credit"
    assert only.note == ""


def test_wrong_types_in_the_returned_payload_fall_back_safely():
    payload = json.dumps([{"source_level": [], "policy_area": {"a": 1}, "where": 5}])
    rules = chosen_rules(
        payload, {"include-0": "1", "text-0": "Students attend 180 days"}, "d"
    )
    assert [(r.source_level, r.policy_area) for r in rules] == [("unknown", "other")]


PLAN_WITH_REASON_LISTS = """Mesa ISD District of Innovation Plan

1. Uniform school start date (TEC § 25.0811). Students may not start school before the fourth Monday in August.
Rationale: The district seeks this exemption for these reasons:
a. local families asked for an earlier calendar;
b. an earlier start balances the semesters before winter break;
c. it allows more instructional days before spring testing.
2. Minimum minutes of instruction (TEC § 25.081). The district must provide 75,600 minutes of operation.
Reasons:
- time for teacher planning and professional learning days;
- flexible schedules for early college students.
3. Teacher certification for CTE courses (TEC § 21.003). A teacher must hold a certificate for the course taught.
Justification: industry professionals can teach welding and health science:
i. they bring current practice;
ii. certified CTE teachers are scarce.
"""


def test_lettered_and_bulleted_reasons_stay_with_their_rule():
    """A "Rationale:" or "Reasons:" line opens a list of reasons; its lettered, roman or
    bulleted items are the rule's reasons, not rules of their own, until the next item
    numbered the way the rules are."""
    result, found = _found(PLAN_WITH_REASON_LISTS.encode(), "plan.txt", "TX")
    assert [f[1] for f in found] == [
        "Tex. Educ. Code § 25.0811",
        "Tex. Educ. Code § 25.081",
        "Tex. Educ. Code § 21.003",
    ]
    first, second, third = result.candidates
    assert first.note == (
        "Rationale: The district seeks this exemption for these reasons: a. local "
        "families asked for an earlier calendar; b. an earlier start balances the "
        "semesters before winter break; c. it allows more instructional days before "
        "spring testing."
    )
    assert second.note.startswith("Reasons: - time for teacher planning")
    assert second.note.endswith("early college students.")
    assert "ii. certified CTE teachers are scarce." in third.note


def test_lettered_rules_without_a_reason_line_are_still_rules():
    text = (
        "Exemptions requested\n"
        "a. Students may not start school before the fourth Monday in August.\n"
        "b. Each teacher must hold a certificate for the course taught.\n"
        "c. The district must provide 75,600 minutes of operation each year.\n"
    )
    result, found = _found(text.encode(), "plan.txt", "TX")
    assert len(found) == 3
    assert all(not c.note for c in result.candidates)


def test_a_reason_list_ends_at_the_next_cited_line():
    text = (
        "1. Class-size limits (TEC § 25.112) for kindergarten through grade 4.\n"
        "Rationale:\n"
        "- co-teaching in larger rooms\n"
        "TEC § 25.092 requires 90 percent attendance for credit in a course.\n"
    )
    result, found = _found(text.encode(), "plan.txt", "TX")
    assert [f[1] for f in found] == [
        "Tex. Educ. Code § 25.112",
        "Tex. Educ. Code § 25.092",
    ]
    assert result.candidates[0].note == "Rationale: - co-teaching in larger rooms"
