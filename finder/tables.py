"""Tables people download: one shape written as CSV, XLSX or JSON records, every cell
safe to open in a spreadsheet program.

A :class:`Table` holds human column names and rows of cells. A cell is text, a date,
or a tuple of texts (several values, joined by the column's separator in CSV and XLSX
and kept as a list in JSON).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from finder.text import clean_text

# Excel reads a CSV file without a byte-order mark in the computer's legacy code page,
# so "§" and "–" in citations would come out garbled; with it, Excel reads UTF-8.
BOM = "\ufeff"
# Excel refuses longer cells (its limit is 32,767 characters).
MAX_CELL = 32_000
FORMULA_STARTS = ("=", "+", "-", "@")

Cell = str | dt.date | tuple[str, ...] | None


def csv_safe(value: str) -> str:
    """A cell a spreadsheet program will show as text, never run as a formula.

    Spreadsheets skip leading spaces, tabs and line breaks before ``=`` (``" =1+2"``
    is a formula), and a cell that starts with a tab or CR is suspect in itself.
    """
    if value.lstrip(" \t\r\n")[:1] in FORMULA_STARTS or value[:1] in ("\t", "\r"):
        return "'" + value
    return value


def looks_like_formula(value: str) -> bool:
    """Whether a spreadsheet program could read this text as a formula."""
    return csv_safe(value) != value


@dataclass(frozen=True)
class Table:
    """Rows of cells under human column names.

    ``separators``: how a column's several values are joined in CSV and XLSX (``"; "``
    when not named; ``"\\n"`` for sentences). ``links``: columns whose cells are web
    addresses (made clickable in XLSX).
    """

    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]
    separators: dict[str, str] = field(default_factory=dict)
    links: frozenset[str] = frozenset()

    def text(self, column: str, cell: Cell) -> str:
        """A cell as one piece of text (dates as YYYY-MM-DD)."""
        if cell is None:
            return ""
        if isinstance(cell, dt.date):
            return cell.isoformat()
        if isinstance(cell, tuple):
            return self.separators.get(column, "; ").join(cell)
        return cell

    def records(self) -> list[dict]:
        """The rows as JSON-ready mappings (several values stay a list)."""
        return [
            {
                name: list(cell) if isinstance(cell, tuple) else self.text(name, cell)
                for name, cell in zip(self.columns, row, strict=True)
            }
            for row in self.rows
        ]


def to_csv(table: Table) -> str:
    """The table as CSV (UTF-8 with a byte-order mark for Excel), formula-safe."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow([csv_safe(c) for c in table.columns])
    for row in table.rows:
        writer.writerow(
            [
                csv_safe(table.text(name, cell))
                for name, cell in zip(table.columns, row, strict=True)
            ]
        )
    return out.getvalue()


def to_xlsx(table: Table, sheet: str = "Entries", notes=()) -> bytes:
    """The table as an Excel workbook: a bold, frozen header row, wrapped text, dates as
    dates, addresses as links, every text cell stored as text (never a formula).

    ``notes``: (label, value) pairs written on a second sheet, "About".
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    wrap = Alignment(wrap_text=True, vertical="top")
    for c, name in enumerate(table.columns, 1):
        cell = _text_cell(ws, name, 1, c)
        cell.font = Font(bold=True)
        cell.alignment = wrap
    for r, row in enumerate(table.rows, start=2):
        for c, (name, value) in enumerate(zip(table.columns, row, strict=True), 1):
            if isinstance(value, dt.date):
                cell = ws.cell(r, c, value)
                cell.number_format = "yyyy-mm-dd"
            else:
                cell = _text_cell(ws, table.text(name, value), r, c)
                if name in table.links and cell.value.startswith(
                    ("https://", "http://")
                ):
                    cell.hyperlink = cell.value
                    cell.style = "Hyperlink"
            cell.alignment = wrap
    for c, name in enumerate(table.columns, 1):
        longest = max(
            [len(name)]
            + [
                len(line)
                for row in table.rows
                for line in _lines(table, name, row[c - 1])
            ]
        )
        ws.column_dimensions[ws.cell(1, c).column_letter].width = min(
            max(longest + 2, 10), 60
        )
    ws.freeze_panes = "A2"
    if table.columns:
        ws.auto_filter.ref = ws.dimensions
    if notes:
        about = book.create_sheet("About")
        for r, (label, value) in enumerate(notes, 1):
            _text_cell(about, label, r, 1).font = Font(bold=True)
            _text_cell(about, str(value), r, 2).alignment = wrap
        about.column_dimensions["A"].width = 18
        about.column_dimensions["B"].width = 90
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _lines(table: Table, name: str, cell: Cell) -> list[str]:
    return table.text(name, cell).split("\n")


def _text_cell(ws, value: str, row: int, col: int):
    """A cell holding ``value`` as text: cleaned of characters XML refuses, cut to
    Excel's limit, and marked as text when it starts like a formula (the cell keeps
    its words; Excel shows it as typed text, the way a leading apostrophe does)."""
    value = clean_text(value)
    if len(value) > MAX_CELL:
        value = value[: MAX_CELL - 1] + "…"
    cell = ws.cell(row, col)
    cell.value = value
    if looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell
