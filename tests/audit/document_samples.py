"""Small district documents built in the test run, in the shapes districts hold them:
a local innovation plan's exemption table, a policy manual's LEGAL and LOCAL pages under
policy codes, a waiver request's table of statutes with replacement plans."""

from __future__ import annotations

import io
from pathlib import Path

PLAN_ROWS = [
    (
        "Statute",
        "Requirement",
        "Rationale and local plan",
    ),
    (
        "Tex. Educ. Code § 25.0811",
        "First day of instruction may not be before the fourth Monday in August",
        "A calendar that starts earlier gives students more days before testing.",
    ),
    (
        "Tex. Educ. Code § 21.003",
        "Teacher certification required for every classroom teacher",
        "Industry experts may teach career and technical courses under local criteria.",
    ),
    (
        "Tex. Educ. Code § 25.092",
        "Minimum attendance of 90 percent of the days a class is offered for credit",
        "Credit by demonstrated mastery; a committee reviews each case.",
    ),
]

MANUAL_LINES = [
    "Board Policy Manual",
    "EHDC(LEGAL)",
    "CREDIT BY EXAMINATION",
    "A district shall award credit to a student who passes an approved examination "
    "under Tex. Educ. Code § 28.023.",
    "EHDC(LOCAL)",
    "1. Students may attempt each credit-by-examination test only twice a year.",
    "2. Examinations must be taken on the dates published by the counseling office.",
    "EB(LOCAL)",
    "1. The school year calendar must include 180 days of instruction for students.",
    "DCE(LOCAL)",
    "1. Teachers hired after July 1 are assigned under Article 7 of the agreement with "
    "the teachers' association.",
]

WAIVER_ROWS = [
    ("Provision", "Statute", "Replacement plan"),
    (
        "Students must complete 120 clock hours of instruction for one unit of credit",
        "Ohio Rev. Code § 3313.603",
        "Credit by demonstrated competency assessed with a common rubric.",
    ),
    (
        "Class size may not exceed 25 students per teacher in grades K through 3",
        "Ohio Adm. Code 3301-35-05",
        "Team teaching with two adults for every 45 students.",
    ),
]


def plan_docx() -> bytes:
    """A local innovation plan (Word) with its exemption table."""
    from docx import Document

    doc = Document()
    doc.add_heading("Local Innovation Plan", level=1)
    doc.add_paragraph("The district seeks exemption from the statutes below.")
    table = doc.add_table(rows=0, cols=3)
    for row in PLAN_ROWS:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def manual_pdf() -> bytes:
    """A policy manual (PDF), two pages: LEGAL and LOCAL policies under their codes."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for page in (MANUAL_LINES[:7], MANUAL_LINES[7:]):
        pdf.add_page()
        for line in page:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def waiver_html() -> bytes:
    """A waiver request's table of statutes and replacement plans (HTML)."""
    rows = "".join(
        "<tr>"
        + "".join(
            f"<{'th' if i == 0 else 'td'}>{c}</{'th' if i == 0 else 'td'}>" for c in row
        )
        + "</tr>"
        for i, row in enumerate(WAIVER_ROWS)
    )
    return (
        "<!doctype html><html><head><title>Waiver request</title></head><body>"
        "<nav>Home</nav><h1>Waiver request</h1><h2>Statutes to be waived</h2>"
        f"<table>{rows}</table></body></html>"
    ).encode()


def plan_text() -> bytes:
    """A plan's list of exemptions typed as plain text (Windows-1252, CRLF)."""
    return (
        "Innovation plan \u2013 exemptions\r\n"
        "1. Uniform school start date, TEC \u00a7 25.0811\r\n"
        "2. Teacher certification for CTE courses, TEC \u00a7 21.003\r\n"
        "3. 90 percent attendance rule for credit, TEC \u00a7 25.092\r\n"
        "Signed by the board president.\r\n"
    ).encode("cp1252")


def scanned_pdf() -> bytes:
    """A PDF with pages but no text layer, as a scanner makes."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 10, "1. Students must attend 180 days of school.")
    return bytes(pdf.output())


# ---- Word files written part by part, for shapes python-docx cannot make ----------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_with_body(inner: str) -> bytes:
    """The plan's package with its word/document.xml body replaced by ``inner``."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(plan_docx()))
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}>'
        f"<w:body>{inner}</w:body></w:document>"
    ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name in source.namelist():
            package.writestr(
                name, xml if name == "word/document.xml" else source.read(name)
            )
    return out.getvalue()


def w_para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def w_cell(inner: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{inner}</w:tc>"


def w_table(rows: list[str], cols: int = 3) -> str:
    grid = "<w:gridCol/>" * cols
    return (
        f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>"
        + "".join(f"<w:tr>{r}</w:tr>" for r in rows)
        + "</w:tbl>"
    )


def docx_bomb(megabytes: int) -> bytes:
    """A small Word file whose document.xml inflates to ``megabytes`` MB."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(plan_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for name in source.namelist():
            if name != "word/document.xml":
                package.writestr(name, source.read(name))
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0"?><w:document {W}><w:body>'.encode())
            chunk = b"<w:p/>" * (1 << 17)
            for _ in range(megabytes * (1 << 20) // len(chunk)):
                part.write(chunk)
            part.write(b"</w:body></w:document>")
    return out.getvalue()


def nested_lists_docx() -> bytes:
    """A district plan written as nested numbered and lettered lists, saved as .docx by
    LibreOffice Writer 7 (automatic numbering: the markers are not in the text)."""
    folder = Path(__file__).resolve().parent.parent / "data" / "documents"
    return (folder / "plan-nested-lists-libreoffice.docx").read_bytes()
