"""Downloadable tables: CSV, XLSX and JSON records, read back as a person's program would."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook

from finder.tables import MAX_CELL, Table, csv_safe, to_csv, to_xlsx

HOSTILE = ["=1+2", " =SUM(A1)", "+44 20", "-3", "@cmd", "\tx", "\rx", "\n=2"]


def sample() -> Table:
    return Table(
        columns=("Title", "Citations", "Activation", "Checked on", "Entry URL"),
        rows=[
            (
                '=HYPERLINK("http://x.example","click")',
                ("Tex. Educ. Code § 12A.004", "19 TAC § 102.1307"),
                ("Board resolution", "@public hearing"),
                dt.date(2026, 11, 23),
                "https://finder.example/flexibilities/tx-doi",
            ),
            ("Plain\x07 title", (), (), None, ""),
        ],
        separators={"Activation": "\n"},
        links=frozenset({"Entry URL"}),
    )


@pytest.mark.parametrize("value", HOSTILE)
def test_csv_safe_quotes_anything_a_spreadsheet_could_run(value):
    assert csv_safe(value).startswith("'")
    assert csv_safe(value)[1:] == value


@pytest.mark.parametrize("value", ["Texas", "12A.004", "§ 1204", "a=b", ""])
def test_csv_safe_leaves_ordinary_text_alone(value):
    assert csv_safe(value) == value


def test_csv_has_a_bom_human_headers_joined_values_and_no_formulas():
    text = to_csv(sample())
    assert text.startswith("\ufeff")  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == ["Title", "Citations", "Activation", "Checked on", "Entry URL"]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Title"] == '\'=HYPERLINK("http://x.example","click")'
    assert first["Citations"] == "Tex. Educ. Code § 12A.004; 19 TAC § 102.1307"
    assert first["Activation"] == "Board resolution\n@public hearing"
    assert first["Checked on"] == "2026-11-23"
    second = dict(zip(rows[0], rows[2], strict=True))
    assert second["Citations"] == second["Checked on"] == ""
    for row in rows:
        for cell in row:
            assert cell == csv_safe(cell) or cell.startswith("'"), cell


def test_records_keep_lists_and_dates_as_text():
    first, second = sample().records()
    assert first["Citations"] == ["Tex. Educ. Code § 12A.004", "19 TAC § 102.1307"]
    assert first["Checked on"] == "2026-11-23"
    assert first["Title"].startswith("=")  # JSON is not a spreadsheet: kept as is
    assert second["Activation"] == []


def test_xlsx_reads_back_as_text_dates_and_links(tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(to_xlsx(sample(), notes=[("Exported on", "2026-12-01")]))
    book = load_workbook(path)
    assert book.sheetnames == ["Entries", "About"]
    ws = book["Entries"]
    assert [c.value for c in ws[1]] == list(sample().columns)
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    title = ws["A2"]
    # Stored as typed text, never as a formula (Excel shows it as written).
    assert title.value == '=HYPERLINK("http://x.example","click")'
    assert title.data_type == "s"
    assert title.quotePrefix
    assert ws["C2"].value == "Board resolution\n@public hearing"
    assert ws["C2"].quotePrefix is False  # only the start of a cell matters
    assert ws["D2"].value == dt.datetime(2026, 11, 23)
    assert ws["E2"].hyperlink.target == "https://finder.example/flexibilities/tx-doi"
    assert ws["A3"].value == "Plain title"  # the bell character XML refuses is gone
    assert book["About"]["A1"].value == "Exported on"
    assert book["About"]["B1"].value == "2026-12-01"
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no formula anywhere in the sheet
    assert "HYPERLINK" in sheet


def test_xlsx_cuts_cells_to_what_excel_accepts(tmp_path):
    table = Table(("Summary",), [("x" * (MAX_CELL + 5000),)])
    ws = load_workbook(io.BytesIO(to_xlsx(table))).active
    assert len(ws["A2"].value) == MAX_CELL
    assert ws["A2"].value.endswith("…")
