"""Rule tables as spreadsheet programs save them, and pasted rules."""

from __future__ import annotations

import codecs
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from finder.audit.rule_import import (
    parse_pasted_rules,
    read_rule_table,
    rows_from_json,
    rows_to_json,
)

HEADER = ["Rule", "Where it comes from", "Citation", "Policy area", "Raised by"]
ROWS = [
    [
        "“Seat time” – 180 days minimum",
        "State statute",
        "Tex. Educ. Code § 25.081",
        "Calendar",
        "Ana",
    ],
    ["Teachers’ certification for CTE", "State rule", "19 TAC § 231", "Staffing", "Bo"],
    [
        "Bell times set by the board",
        "Local board policy",
        "Policy EC",
        "Instructional time",
        "",
    ],
]


def excel_csv(rows, delimiter=",", newline="\r\n") -> str:
    out = io.StringIO()
    import csv

    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return out.getvalue()


def assert_three_rules(result):
    assert not result.problems, result.problems
    assert [r.text for r in result.rows] == [r[0] for r in ROWS]
    assert [r.source_level for r in result.rows] == [
        "state_statute",
        "state_rule",
        "local_policy",
    ]
    assert [r.policy_area for r in result.rows] == [
        "calendar",
        "staffing",
        "instructional_time",
    ]
    assert result.rows[0].citation == "Tex. Educ. Code § 25.081"
    assert [r.row for r in result.rows] == [2, 3, 4]
    assert not any(r.notes for r in result.rows)


def test_cp1252_csv_from_excel_on_windows_keeps_curly_quotes_and_warns():
    data = excel_csv([HEADER, *ROWS]).encode("cp1252")
    result = read_rule_table(data, "rules.csv")
    assert_three_rules(result)  # was: � in place of “ ” ’ –, and no warning
    assert result.encoding == "cp1252"
    assert "not UTF-8" in result.warnings[0]


def test_utf16_semicolon_csv_from_european_excel():
    data = codecs.BOM_UTF16_LE + excel_csv([HEADER, *ROWS], ";").encode("utf-16-le")
    result = read_rule_table(data, "regeln.csv")
    assert_three_rules(result)  # was: "needs a header row with a text column"
    assert result.delimiter == ";"


def test_sep_line_tab_delimited_and_utf8_bom():
    data = ("sep=;\r\n" + excel_csv([HEADER, *ROWS], ";")).encode("utf-8-sig")
    assert_three_rules(read_rule_table(data, "rules.csv"))
    tabbed = excel_csv([HEADER, *ROWS], "\t").encode()
    result = read_rule_table(tabbed, "rules.txt")
    assert_three_rules(result)
    assert result.delimiter == "\t"


def test_cr_only_line_endings_from_old_mac_excel():
    data = excel_csv([HEADER, *ROWS], ",", "\r").encode("cp1252")
    assert_three_rules(read_rule_table(data, "rules.csv"))  # was: 500


def test_cell_over_the_csv_field_limit_is_reported_with_its_row():
    rows = [HEADER, ROWS[0], ["x" * 140_000, "State statute"], ROWS[1]]
    result = read_rule_table(excel_csv(rows).encode(), "big.csv")  # was: 500
    assert result.problems == [
        "Row 3: a cell is longer than 131,072 characters. Rows before it were read; "
        "fix this row and import again."
    ]
    assert [r.row for r in result.rows] == [2]


def test_long_cells_within_the_limit_are_cut_with_a_note():
    result = read_rule_table(
        excel_csv([HEADER, ["y" * 3000, "", "c" * 400]]).encode(), "a.csv"
    )
    assert len(result.rows[0].text) == 2000
    assert result.rows[0].notes == [
        "text cut to 2,000 characters",
        "citation cut to 300 characters",
    ]


def test_unbalanced_quote_that_merges_rows_is_warned_about():
    data = (
        b"text,source_level\r\n"
        b'"Uniform start date,State statute\r\n'
        b"Minimum minutes,State statute\r\n"
        b"Class size,State statute\r\n"
    )
    result = read_rule_table(data, "quotes.csv")
    assert len(result.rows) == 1  # the csv module reads to the end of the file
    assert "never closed (row 2)" in result.warnings[0]
    assert "merged rows" in result.rows[0].notes[0]


def test_labels_the_ui_shows_and_common_spellings_are_understood():
    rows = [
        ["text", "source", "area"],
        ["a", "State statute", "Staffing"],
        ["b", "state_rule", "seat time"],
        ["c", "CBA", "Career and technical education"],
        ["d", "Federal", "CTE"],
        ["e", "rumour", "lunch"],
    ]
    result = read_rule_table(excel_csv(rows).encode(), "a.csv")
    got = [(r.source_level, r.policy_area) for r in result.rows]
    assert got == [
        ("state_statute", "staffing"),
        ("state_rule", "seat_time"),
        ("collective_bargaining", "cte"),
        ("federal_law", "cte"),
        ("unknown", "other"),
    ]
    assert result.rows[-1].notes == [
        "“rumour” is not a source we know; kept as Unknown",
        "“lunch” is not a policy area we know; kept as Other",
    ]
    assert result.needs_review


def test_xlsx_written_by_a_spreadsheet_program():
    book = Workbook()
    sheet = book.active
    sheet.title = "Rules"
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    sheet.append([None, None])  # an empty row at the end, as people leave them
    sheet.append([2026, "Statute", 25.081])  # numbers in cells
    book.create_sheet("Notes")
    out = io.BytesIO()
    book.save(out)
    result = read_rule_table(out.getvalue(), "Rules.xlsx")
    assert [r.text for r in result.rows][:3] == [r[0] for r in ROWS]
    assert (result.rows[3].text, result.rows[3].citation) == ("2026", "25.081")
    assert result.rows[3].row == 6
    assert "Only the sheet “Rules” was read" in result.warnings[0]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"this is not a zip", "rules.xlsx", "not an Excel workbook"),
        (b"PK\x03\x04broken", "rules.csv", "not an Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old.xls", "Old Excel files"),
        (b"", "empty.csv", "empty"),
        (b"a,b\r\n1,2\r\n", "no-text.csv", "one of them the rule"),
    ],
)
def test_files_that_cannot_be_read_say_why(data, name, message):
    result = read_rule_table(data, name)
    assert not result.rows
    assert message in result.problems[0]


def test_one_column_without_header_reads_every_line():
    result = read_rule_table(b"Rule one\r\nRule two\r\n", "list.csv")
    assert [r.text for r in result.rows] == ["Rule one", "Rule two"]
    assert "No header row" in result.warnings[0]


def test_pasted_lines_bullets_and_spreadsheet_cells():
    result = parse_pasted_rules("• One\r\n- Two\r\n\r\n3) Three\x0b more\n")
    assert [r.text for r in result.rows] == ["One", "Two", "Three", "more"]
    assert [r.row for r in result.rows] == [1, 2, 4, 5]
    assert not result.needs_review
    cells = "Rule\tWhere it comes from\tPolicy area\r\nStart date\tState statute\tCalendar\r\n"
    result = parse_pasted_rules(cells)
    assert (result.rows[0].text, result.rows[0].source_level) == (
        "Start date",
        "state_statute",
    )


def test_rows_round_trip_through_the_confirmation_form():
    rows = read_rule_table(excel_csv([HEADER, *ROWS]).encode(), "a.csv").rows
    back = rows_from_json(rows_to_json(rows))
    assert [r.to_dict() for r in back] == [r.to_dict() for r in rows]
    tampered = json.dumps([{"text": "x\x00", "source_level": "root", "policy_area": 5}])
    assert [r.to_dict() for r in rows_from_json(tampered)] == [
        {
            "row": 0,
            "text": "x",
            "source_level": "unknown",
            "citation": "",
            "policy_area": "other",
            "raised_by": "",
            "source_document": "",
            "source_place": "",
        }
    ]
    assert rows_from_json("[" * 100_000) == []
    assert rows_from_json("5") == []


CELL = st.text(alphabet=st.characters(exclude_categories=()), max_size=40)


@settings(max_examples=120, deadline=None)
@given(
    st.lists(st.lists(CELL, min_size=1, max_size=5), max_size=6),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-16", "cp1252"]),
)
def test_any_table_is_read_or_refused_never_raises(rows, delimiter, encoding):
    text = excel_csv([["text", "citation"], *rows], delimiter)
    data = text.encode(encoding, errors="replace")
    result = read_rule_table(data, "any.csv")
    for row in result.rows:
        assert row.text.strip()
        assert "\r" not in row.text
        assert "\x00" not in row.text


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["a.csv", "a.xlsx", "a.txt"]))
def test_any_bytes_never_raise(data, name):
    result = read_rule_table(data, name)
    assert result.rows or result.problems


@settings(max_examples=120)
@given(st.text(alphabet=st.characters(exclude_categories=())))
def test_any_paste_round_trips_cleaned(text):
    from finder.text import clean_text

    result = parse_pasted_rules(text)
    for row in result.rows:
        assert row.text == clean_text(row.text)
        assert row.text.strip() == row.text


def test_citations_in_pasted_lines_are_read_as_law():
    from finder.audit.rule_import import parse_pasted_rules

    result = parse_pasted_rules(
        "TEC §22.083 Criminal History Record Check\n"
        "- Uniform start date (§ 25.0811)\n"
        "Bus routes are set in October\n",
        "TX",
    )
    first, second, third = result.rows
    assert (first.text, first.citation, first.source_level) == (
        "Criminal History Record Check",
        "Tex. Educ. Code § 22.083",
        "state_statute",
    )
    assert "“TEC §22.083” → Tex. Educ. Code § 22.083" in first.read[0]
    assert (second.text, second.citation) == (
        "Uniform start date",
        "Tex. Educ. Code § 25.0811",
    )
    assert (third.citation, third.source_level, third.read) == ("", "unknown", [])
    assert result.needs_review  # the person sees what was read before saving


def test_a_citation_cell_sets_the_level_and_an_odd_one_is_noted():
    data = excel_csv(
        [
            ["Rule", "Citation"],
            ["Graduation plans", "TEC 28.025"],
            ["Board policy on field trips", "Policy FMG(LOCAL)"],
            ["Something else", "Sec. 99 of nothing 12"],
        ]
    ).encode()
    rows = read_rule_table(data, "rules.csv", "TX").rows
    assert (rows[0].source_level, rows[0].read) == (
        "state_statute",
        ["Tex. Educ. Code § 28.025: state statute"],
    )
    assert rows[1].notes == []  # a local policy code is not a statute to parse
    assert "was not recognised as a statute or rule" in rows[2].notes[0]


def test_the_person_corrects_rows_before_they_are_saved():
    from finder.audit.rule_import import apply_corrections, parse_pasted_rules

    rows = parse_pasted_rules("TEC 25.0811 start date\nA rule to drop\n", "TX").rows
    kept = apply_corrections(
        rows,
        {
            "text-0": "Uniform start date\x0b",
            "source_level-0": "state_statute",
            "citation-0": "Tex. Educ. Code § 25.0811(a)",
            "skip-1": "1",
            "source_level-5": "nonsense",
        },
    )
    assert [(r.text, r.citation) for r in kept] == [
        ("Uniform start date", "Tex. Educ. Code § 25.0811(a)")
    ]


def test_pasted_and_imported_rules_without_an_area_get_the_one_their_words_name():
    """A document's rules are given the policy area their words point to; pasted lines
    and spreadsheet rows without an area column are too, and an area the person gave
    is kept as given."""
    pasted = parse_pasted_rules("K-4 class size limit of 22\nSomething vague", "TX")
    assert [r.policy_area for r in pasted.rows] == ["class_size", "other"]
    table = parse_pasted_rules(
        "text\tpolicy_area\nK-4 class size limit of 22\tcalendar\n", "TX"
    )
    assert table.rows[0].policy_area == "calendar"


def test_pasted_text_opened_in_the_wrong_encoding_is_put_back():
    result = parse_pasted_rules("Teachers need a license under T.C.A. Â§ 49-5-108")
    (row,) = result.rows
    # the "§" put back, the citation is read as law
    assert row.citation == "Tenn. Code Ann. § 49-5-108"
    assert any("Characters put back in the text" in r for r in row.read)
