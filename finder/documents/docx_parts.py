"""The pieces every section's Word writer uses: blanks to complete, links, labels, lists,
tables and the bookmarks the contents page links to."""

from __future__ import annotations

import itertools

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from finder.documents.blanks import is_blank, marker

BLANK_COLOR = RGBColor(0x8A, 0x1C, 0x1C)


def remember_style_ids(doc) -> None:
    """Look each style name up once per document.

    python-docx resolves a style name on every paragraph, and each lookup scans every
    style in the template for the default one: most of a long document's time. Names
    (not style objects) are remembered here; a name the document lacks still raises.
    """
    part = doc.part
    lookup = part.get_style_id
    known: dict = {}

    def get_style_id(style_or_name, style_type):
        if not isinstance(style_or_name, str):
            return lookup(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in known:
            known[key] = lookup(style_or_name, style_type)
        return known[key]

    part.get_style_id = get_style_id


def word_field(paragraph, code: str, shown: str = "") -> None:
    """Insert a Word field (PAGE, NUMPAGES, ``PAGEREF name \\h``) that Word fills in;
    ``shown``: what it reads until the field is updated."""
    run = paragraph.add_run()
    parts = [("begin", None), (None, code)]
    parts += [("separate", None), ("text", shown)] if shown else []
    for tag, text in [*parts, ("end", None)]:
        if tag == "text":
            element = OxmlElement("w:t")
            element.text = text
        elif tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def update_fields_on_open(doc) -> None:
    """Ask Word to update the document's fields (the contents' page numbers) when the
    file is opened; LibreOffice computes them when it lays the document out."""
    settings = doc.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def page_number_tab(paragraph, width) -> None:
    """A right-aligned tab stop with a dotted leader at ``width`` (a Length): the line
    from a contents entry to its page number."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

    paragraph.paragraph_format.tab_stops.add_tab_stop(
        width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
    )


def text(paragraph, value: str, what: str) -> None:
    """The value, or the marked blank saying what to write there."""
    if not is_blank(value):
        paragraph.add_run(value.strip("\n"))
    else:
        run = paragraph.add_run(marker(what))
        run.italic = True
        run.font.color.rgb = BLANK_COLOR


def hyperlink(paragraph, text: str, url: str = "", anchor: str = "") -> None:
    """A clickable link run to ``url``, or to the bookmark ``anchor`` in the document
    (python-docx has no public API for hyperlinks)."""
    link = OxmlElement("w:hyperlink")
    if anchor:
        link.set(qn("w:anchor"), anchor)
    else:
        rel = paragraph.part.relate_to(
            url,
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
            is_external=True,
        )
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
    if not is_blank(value) and url:
        hyperlink(paragraph, value, url)
        if not official:
            paragraph.add_run(" (unofficial copy)")
    else:
        text(paragraph, value, "citation")


def cites(paragraph, citations: list[str], links: dict) -> None:
    """Citations separated by commas, each linked where the outline has its link."""
    for i, citation in enumerate(citations):
        if i:
            paragraph.add_run(", ")
        cite(paragraph, citation, *links.get(citation, ("", True)))


def lead(doc, label: str):
    """A new paragraph that starts with ``label:`` in bold; returns it."""
    p = doc.add_paragraph()
    p.add_run(f"{label}: ").bold = True
    return p


def intro(doc, label: str) -> None:
    """``label:`` in bold over a list, kept on the list's page."""
    lead(doc, label).paragraph_format.keep_with_next = True


def labelled(doc, label: str, value: str, what: str) -> None:
    text(lead(doc, label), value, what)


def bullets(doc, items: list[str]) -> None:
    for item in items:
        doc.add_paragraph(item, style="List Bullet")


def new_list(doc):
    """A numbered list that starts at 1: returns a function that adds its next item
    (an empty "List Number" paragraph).

    Word numbers every "List Number" paragraph of a document as one list, so each
    list gets its own numbering instance that restarts at 1.
    """
    numbering = doc.part.numbering_part.element
    style_num = doc.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)

    def item():
        p = doc.add_paragraph(style="List Number")
        num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num.numId
        return p

    return item


def numbered(doc, items: list) -> None:
    """A numbered list of text, or of (label, answer, what to complete) items, each a
    bold label over its answer."""
    item = new_list(doc)
    for entry in items:
        p = item()
        if isinstance(entry, tuple):
            label, answer, what = entry
            p.add_run(label).bold = True
            p.add_run().add_break()
            text(p, answer, what)
        else:
            p.add_run(entry)


_bookmark_ids = itertools.count(1)


def bookmark(paragraph, name: str) -> None:
    """Mark a paragraph (a heading) as the target of links to ``name``."""
    start = OxmlElement("w:bookmarkStart")
    mark = str(next(_bookmark_ids))
    start.set(qn("w:id"), mark)
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), mark)
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


WIDE_TABLE = 6  # columns from which a table's text is set smaller
WIDE_TABLE_SIZE = 8  # points: "Engagement" fits a seventh of the text width


def table(doc, headers: list[str], rows: list[list[tuple[str, str]]]) -> None:
    """A table with a header row repeated on every page; each cell is (value, blank
    label). A table of WIDE_TABLE or more columns is set in WIDE_TABLE_SIZE points, so
    words such as "Baseline" are not broken across lines in its narrow columns."""
    grid = doc.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    header_row = grid.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_row._tr.get_or_add_trPr().append(repeat)
    for cell, header in zip(header_row.cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    for row in rows:
        cells = grid.add_row().cells
        for cell, (value, blank) in zip(cells, row, strict=True):
            cell.text = ""
            text(cell.paragraphs[0], value, blank)
    if len(headers) >= WIDE_TABLE:
        for cells in grid.rows:
            for cell in cells.cells:
                for run in (r for p in cell.paragraphs for r in p.runs):
                    run.font.size = Pt(WIDE_TABLE_SIZE)
        shown = [[marker(b) if is_blank(v) else v for v, b in row] for row in rows]
        _fit_columns(doc, grid, [headers, *shown])


def _fit_columns(doc, grid, texts: list[list[str]]) -> None:
    """Column widths from what the columns hold: each at least its longest word (at
    WIDE_TABLE_SIZE, with the cell's padding), the rest of the text width shared by
    how much text each column has."""
    page = doc.sections[-1]
    total = page.page_width - page.left_margin - page.right_margin
    per_char, padding = int(Pt(WIDE_TABLE_SIZE * 0.62)), int(Pt(12))
    columns = list(zip(*texts, strict=True))
    floors = [
        padding
        + per_char * max((len(w) for t in col for w in str(t).split()), default=4)
        for col in columns
    ]
    amount = [sum(len(str(t)) for t in col) + 1 for col in columns]
    spare = max(total - sum(floors), 0)
    grid.autofit = False
    grid_cols = grid._tbl.tblGrid.findall(qn("w:gridCol"))  # what LibreOffice reads
    for i, floor in enumerate(floors):
        width = floor + int(spare * amount[i] / sum(amount))
        grid_cols[i].set(qn("w:w"), str(width // 635))  # EMU to twentieths of a point
        for cell in grid.columns[i].cells:  # what Word reads
            cell.width = width
