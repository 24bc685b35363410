"""The pieces every section's Word writer uses: blanks to complete, links, labels, tables."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor

BLANK_COLOR = RGBColor(0x8A, 0x1C, 0x1C)


def word_field(paragraph, code: str) -> None:
    """Insert a Word field (PAGE, NUMPAGES) that Word fills in."""
    run = paragraph.add_run()
    for tag, text in (("begin", None), (None, code), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def text(paragraph, value: str, label: str) -> None:
    if value:
        paragraph.add_run(value)
    else:
        run = paragraph.add_run(f"[To complete: {label}]")
        run.italic = True
        run.font.color.rgb = BLANK_COLOR


def hyperlink(paragraph, text: str, url: str) -> None:
    """A clickable link run (python-docx has no public API for hyperlinks)."""
    rel = paragraph.part.relate_to(
        url,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "1F4E9A")
    props.extend([style, color, underline])
    run.append(props)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def cite(paragraph, value: str, url: str, official: bool) -> None:
    """A citation, linked to its text where known; unofficial copies say so."""
    if value and url:
        hyperlink(paragraph, value, url)
        if not official:
            paragraph.add_run(" (unofficial copy)")
    else:
        text(paragraph, value, "citation")


def labelled(doc, label: str, value: str, blank: str) -> None:
    p = doc.add_paragraph()
    p.add_run(f"{label}: ").bold = True
    text(p, value, blank)


def table(doc, headers: list[str], rows: list[list[tuple[str, str]]]) -> None:
    """A table with a header row; each cell is (value, blank label)."""
    grid = doc.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    for row in rows:
        cells = grid.add_row().cells
        for cell, (value, blank) in zip(cells, row, strict=True):
            cell.text = ""
            text(cell.paragraphs[0], value, blank)
