"""Rule tables as people save them (CSV, TSV, XLSX) and pasted lines, read into rows.

Nothing here saves anything: the result is a :class:`RuleImport` whose rows and notes the
web layer shows for confirmation before the rules are added to an audit.

What a real spreadsheet program writes, and what this module does about it:

* Encodings: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode text"),
  Windows-1252 (Excel's "CSV" on Windows; the default guess for non-UTF-8 bytes, since
  charset-normalizer mistakes short Western files for Central European or Arabic code
  pages), or what charset-normalizer finds when it is sure of a non-Latin script.
* Delimiters: comma, semicolon (European Excel), tab, or a ``sep=;`` first line.
* Line endings: CRLF, LF or CR only (old Mac Excel).
* Broken rows: a ``csv.Error`` or an over-long cell is reported with its row number and
  reading stops there; an unbalanced quote, which swallows the following lines into one
  cell, is warned about.
* Headers and values: the labels the UI shows ("The rule", "State statute",
  "Staffing"), keys (``state_statute``) and common spellings ("statute", "CBA"); what
  is not understood is kept as "unknown" / "other" and noted on that row.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from dataclasses import dataclass, field

from finder.audit.model import LEGACY_LEVELS, MAX_RULES, SOURCE_LEVELS
from finder.catalog import POLICY_AREAS
from finder.catalog.importer import guess_areas
from finder.law import parse_citation
from finder.law.detect import LEVEL_OF_BODY, detect
from finder.law.scope import home_body
from finder.text import clean_text, unmangled

MAX_BYTES = 2 * 1024 * 1024
MAX_CELL = 131_072  # the csv module's own field limit; longer cells are errors
LIMITS = {
    "text": 2000,
    "citation": 300,
    "raised_by": 200,
    "source_document": 300,
    "source_place": 200,
}
# The last two are the provenance an audit's own CSV export carries (the document a rule
# was found in, and where), so a spreadsheet from the last audit keeps it.
FIELDS = (
    "text",
    "source_level",
    "citation",
    "policy_area",
    "raised_by",
    "source_document",
    "source_place",
)


@dataclass
class RuleRow:
    """One rule as read, before it is saved.

    :param row: where it came from: the spreadsheet row (the header is row 1) or the
        pasted line number, so notes can point at it.
    :param source_level: a key of ``SOURCE_LEVELS`` ("unknown" when not understood).
    :param policy_area: a key of ``POLICY_AREAS`` ("other" when not understood).
    :param notes: what was not understood in this row, in words for the person.
    """

    row: int
    text: str
    source_level: str = "unknown"
    citation: str = ""
    policy_area: str = "other"
    raised_by: str = ""
    source_document: str = ""
    source_place: str = ""
    notes: list[str] = field(default_factory=list)
    # what the law parser read, in words for the person ("TEC §22.083 → Tex. Educ. Code
    # § 22.083, a state statute"); shown before saving, so it can be corrected
    read: list[str] = field(default_factory=list)
    # whether the person gave the policy area; when not, it is guessed from the words
    area_given: bool = False

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("row", *FIELDS)}


@dataclass
class RuleImport:
    """What a file or a paste holds: rules to add, and what to tell the person first.

    ``problems`` stop the import (nothing can be added); ``warnings`` concern the whole
    file; ``skipped`` are rows left out, as (row, why).
    """

    rows: list[RuleRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""

    @property
    def needs_review(self) -> bool:
        """Anything the person should see before the rules are saved."""
        return bool(
            self.problems
            or self.warnings
            or self.skipped
            or any(r.notes or r.read for r in self.rows)
        )


def _key(label: str) -> str:
    """A header or value reduced for matching: "Where it comes from" -> "whereitcomesfrom"."""
    return re.sub(r"[^a-z0-9]", "", clean_text(label or "").lower())


HEADERS = {
    "text": (
        "text rule rules the_rule rule_text requirement requirements description "
        "constraint barrier what"
    ),
    "source_level": (
        "source_level source level where_it_comes_from comes_from source_type "
        "authority type kind"
    ),
    "citation": "citation cite citations reference ref legal_citation section law",
    "policy_area": "policy_area area policy topic category subject",
    "raised_by": "raised_by raised who submitted_by owner by person name",
    "source_document": "source_document document found_in_document",
    "source_place": "source_place place where_found page",
}
HEADER_KEYS = {_key(w): f for f, words in HEADERS.items() for w in words.split()}

LEVEL_WORDS = {
    "federal_law": "federal federal_law federal_statute federal_regulation usc cfr esea essa idea",
    "state_statute": "statute state_statute state_law statutes law legislation state_code",
    "state_rule": (
        "state_rule state_regulation regulation rule administrative_code admin_code "
        "board_rule sbe_rule tac state_board_rule"
    ),
    "local_policy": (
        "local_policy local board_policy policy district_policy local_board_policy "
        "school_board_policy local_board"
    ),
    "collective_bargaining": (
        "contract cba collective_bargaining union_contract collective_bargaining_agreement "
        "negotiated_agreement union teacher_contract master_agreement"
    ),
    "vendor_contract": (
        "vendor vendor_contract service_contract supplier purchase_agreement "
        "contractor vendor_agreement"
    ),
    "practice": "practice habit custom tradition practice_or_habit culture",
    "unknown": "unknown not_sure unsure dont_know",
}
LEVEL_KEYS = {_key(v): k for k, v in SOURCE_LEVELS.items()} | {
    _key(w): k for k, words in LEVEL_WORDS.items() for w in words.split()
}
LEVEL_KEYS |= {_key(k): k for k in SOURCE_LEVELS}

AREA_WORDS = {
    "seat_time": "seat_time seat_time_credit carnegie_unit credit_hours",
    "calendar": "calendar school_calendar start_date school_year days",
    "instructional_time": "instructional_time minutes instruction_time hours",
    "staffing": "staffing staff personnel certification teachers hr human_resources",
    "class_size": "class_size class_sizes ratio",
    "assessment": "assessment assessments testing tests",
    "graduation": "graduation graduation_requirements diploma",
    "curriculum": "curriculum instruction courses",
    "cte": "cte career_and_technical_education career_technical vocational",
    "finance": "finance funding budget fiscal money",
    "governance": "governance board",
    "accountability": "accountability ratings",
    "virtual_learning": "virtual_learning virtual online remote distance_learning",
    "facilities": "facilities buildings",
    "transportation": "transportation buses bus",
    "student_services": "student_services special_education services",
    "reporting": "reporting reports data",
    "other": "other misc",
}
AREA_KEYS = {_key(v): k for k, v in POLICY_AREAS.items()} | {
    _key(w): k for k, words in AREA_WORDS.items() for w in words.split()
}
AREA_KEYS |= {_key(k): k for k in POLICY_AREAS}


# --- bytes to text ---------------------------------------------------------------

# Code pages charset-normalizer is trusted with: scripts cp1252 cannot show at all.
_NON_LATIN = {
    "cp1251",
    "koi8_r",
    "koi8_u",
    "mac_cyrillic",
    "iso8859_5",
    "cp866",
    "cp1253",
    "iso8859_7",
    "cp1255",
    "iso8859_8",
    "cp1256",
    "iso8859_6",
    "cp874",
    "tis_620",
}


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Text, the encoding used and any warning about it."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return data.decode("utf-32", errors="replace"), "UTF-32", []
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8", []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "UTF-16", []
    try:
        return data.decode("utf-8"), "UTF-8", []
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = best.encoding if best else ""
    if b"\x00" in data and guess.startswith("utf_16") or guess in _NON_LATIN:
        name = guess
    else:
        try:
            data.decode("cp1252")
            name = "cp1252"
        except UnicodeDecodeError:
            name = guess or "cp1252"
    label = {"cp1252": "Windows-1252 (Excel’s “CSV” on Windows)"}.get(name, name)
    return (
        data.decode(name, errors="replace"),
        name,
        [
            f"The file is not UTF-8; it was read as {label}. Check accented letters and quotes."
        ],
    )


def _delimiter(text: str) -> tuple[str, str]:
    """The delimiter and the text without a ``sep=`` line."""
    first, _, rest = text.partition("\n")
    found = re.fullmatch(r"\s*sep=(.)\s*", first)
    if found:
        return found.group(1), rest
    header = re.sub(r'"[^"]*"', "", first)  # delimiters inside quotes do not count
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return (best if counts[best] else ","), text


# --- cells to rows ------------------------------------------------------------------


def _columns(header: list[str]) -> dict[int, str]:
    columns: dict[int, str] = {}
    for i, name in enumerate(header):
        fieldname = HEADER_KEYS.get(_key(name))
        if fieldname and fieldname not in columns.values():
            columns[i] = fieldname
    return columns


# What a row says when its characters were put back (see finder.text.unmangled).
_REPAIRED = (
    "Characters put back in the {}: the text had been opened in the wrong encoding "
    "before it was saved (“Â§” is “§”, “â€”” is “—”)"
)


def _row(number: int, values: dict[str, str], result: RuleImport) -> None:
    text = (values.get("text") or "").strip()
    if not text:
        if any((v or "").strip() for v in values.values()):
            result.skipped.append((number, "no rule text"))
        return
    row = RuleRow(number, text)
    repaired = []
    for name, limit in LIMITS.items():
        value = (values.get(name) or "").strip()
        fixed = unmangled(value)
        if fixed != value:
            repaired.append(name.replace("_", " "))
            value = fixed
        if len(value) > limit:
            row.notes.append(f"{name.replace('_', ' ')} cut to {limit:,} characters")
            value = value[:limit]
        setattr(row, name, value)
    if repaired:
        row.read.append(_REPAIRED.format(" and ".join(repaired)))
    level = (values.get("source_level") or "").strip()
    if level:
        row.source_level = LEVEL_KEYS.get(_key(level), "unknown")
        if row.source_level == "unknown" and _key(level) not in LEVEL_KEYS:
            row.notes.append(f"“{level[:60]}” is not a source we know; kept as Unknown")
    area = (values.get("policy_area") or "").strip()
    if area:
        row.area_given = True
        row.policy_area = AREA_KEYS.get(_key(area), "other")
        if row.policy_area == "other" and _key(area) not in AREA_KEYS:
            row.notes.append(
                f"“{area[:60]}” is not a policy area we know; kept as Other"
            )
    result.rows.append(row)


def _table(records, result: RuleImport, first_row: int = 1) -> None:
    """Rows from an iterator of cell lists whose first item is the header."""
    try:
        header = next(records)
    except StopIteration:
        result.problems.append("The file is empty.")
        return
    columns = _columns(header)
    if "text" not in columns.values():
        if len([h for h in header if h.strip()]) <= 1:
            columns = {0: "text"}  # one column without a known name: every line a rule
            _row(first_row, {"text": header[0] if header else ""}, result)
            result.warnings.append(
                "No header row was found, so every line was read as a rule."
            )
        else:
            shown = ", ".join(f"“{h.strip()[:30]}”" for h in header if h.strip())
            result.problems.append(
                "The first row must name the columns, one of them the rule’s text "
                f"(“text” or “rule”); this file’s first row is {shown}."
            )
            return
    else:
        ignored = [
            h.strip() for i, h in enumerate(header) if i not in columns and h.strip()
        ]
        if ignored:
            result.warnings.append(
                "Columns not used: " + ", ".join(f"“{h[:30]}”" for h in ignored) + "."
            )
    number = first_row
    while True:
        number += 1
        try:
            cells = next(records)
        except StopIteration:
            break
        except csv.Error as exc:
            result.problems.append(
                f"Row {number}: {_csv_error(exc)}. Rows before it were read; "
                "fix this row and import again."
            )
            break
        if len(result.rows) >= MAX_RULES:
            result.problems.append(
                f"Row {number}: an audit holds at most {MAX_RULES} rules; "
                "split the file."
            )
            break
        values = {
            name: cells[i] if i < len(cells) else "" for i, name in columns.items()
        }
        _row(number, values, result)


def _csv_error(exc: csv.Error) -> str:
    message = str(exc)
    if "field larger than field limit" in message:
        return f"a cell is longer than {MAX_CELL:,} characters"
    return message


def _check_quotes(text: str, delimiter: str, result: RuleImport) -> None:
    """Warn where an unbalanced quote may have merged several lines into one rule."""
    if text.count('"') % 2 == 0:
        return
    merged = [
        r.row
        for r in result.rows
        if "\n" in r.text and (delimiter in r.text or r.text.count("\n") > 1)
    ]
    where = f" (row {merged[0]})" if merged else ""
    result.warnings.append(
        f'A quote mark (") is opened and never closed{where}; the lines after it may '
        "have been read as one rule. Check that row."
    )
    for row in result.rows:
        if row.row in merged:
            row.notes.append(
                "holds several lines: an unclosed quote may have merged rows"
            )


def _read_csv(data: bytes, result: RuleImport) -> None:
    text, result.encoding, warnings = decode(data)
    result.warnings.extend(warnings)
    text = clean_text(text)  # any line ending to LF, control characters out
    result.delimiter, text = _delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=result.delimiter)
    _table(iter(reader), result)
    _check_quotes(text, result.delimiter, result)


def _read_xlsx(data: bytes, result: RuleImport) -> None:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl fails in many ways on a file that is not xlsx
        result.problems.append(
            f"This is not an Excel workbook (.xlsx) that can be read ({type(exc).__name__}). "
            "Save it again from the spreadsheet program, or as CSV."
        )
        return
    try:
        sheet = book.active or book.worksheets[0]
        result.encoding = "XLSX"

        def cells():
            for values in sheet.iter_rows(values_only=True):
                yield [_cell(v) for v in values]

        _table(cells(), result)
        if len(book.worksheets) > 1:
            result.warnings.append(
                f"Only the sheet “{sheet.title}” was read; the workbook has "
                f"{len(book.worksheets)} sheets."
            )
    except Exception as exc:  # a damaged workbook fails in many ways inside openpyxl
        result.problems.append(f"The workbook could not be read to the end ({exc}).")
    finally:
        book.close()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value))


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def read_law(result: RuleImport, state: str = "") -> RuleImport:
    """Read each row's citation as law: a citation inside the text is taken out of it
    (with its source level, where the row did not say one); a citation cell that does
    not parse is noted. ``state`` is the audit's state, for bare section numbers. A
    row whose policy area nobody gave gets the one its words point to (as a
    document's rules do), "other" when none does."""
    for row in result.rows:
        if not row.area_given:
            row.policy_area = guess_areas(row.text)[0]
        if row.citation:
            cit = parse_citation(row.citation, state) or parse_citation(
                "§ " + row.citation, state, home_body(state)
            )
            legal = row.source_level not in {
                "local_policy",
                "collective_bargaining",
                "vendor_contract",
                "practice",
            }
            if (
                (cit is None or not cit.body.level)
                and legal
                and _has_digit(row.citation)
            ):
                row.notes.append(
                    f"the citation “{row.citation[:80]}” was not recognised as a statute "
                    "or rule; check its form"
                )
            if cit is None or not cit.body.level:
                continue
            level = LEVEL_OF_BODY.get(cit.body.level, "")
            if row.source_level == "unknown" and level:
                row.source_level = level
                row.read.append(f"{cit.label}: {SOURCE_LEVELS[level].lower()}")
            continue
        found = detect(row.text, state)
        if found.citation:
            row.citation, row.text = found.citation, found.text
            if row.source_level == "unknown" and found.level:
                row.source_level = found.level
            row.read.append(
                f"citation read from the text: “{found.found}” → {found.citation}, "
                f"{SOURCE_LEVELS[row.source_level].lower()}"
            )
    return result


def read_rule_table(data: bytes, filename: str, state: str = "") -> RuleImport:
    """Rules in an uploaded CSV/TSV/TXT or XLSX file, with what was not understood and
    the citations read (see :func:`read_law`)."""
    result = RuleImport()
    if len(data) > MAX_BYTES:
        result.problems.append(
            f"The file is {len(data):,} bytes; the limit is {MAX_BYTES:,} bytes."
        )
        return result
    name = (filename or "").lower()
    if name.endswith(".xls") or data.startswith(b"\xd0\xcf\x11\xe0"):
        result.problems.append(
            "Old Excel files (.xls) cannot be read: save as .xlsx or CSV."
        )
    elif name.endswith((".xlsx", ".xlsm")) or data.startswith(b"PK\x03\x04"):
        _read_xlsx(data, result)
    else:
        _read_csv(data, result)
    if not result.rows and not result.problems:
        result.problems.append("No rules were found in the file.")
    return read_law(result, state)


_BULLET = re.compile(r"^\s*(?:[-–—•*·▪◦]+|\(?\d{1,3}[.)])\s+")


def parse_pasted_rules(text: str, state: str = "") -> RuleImport:
    """Rules pasted one per line, or cells copied from a spreadsheet (a header row
    and tabs between cells) read as a table; citations read as in :func:`read_law`."""
    text = clean_text(text or "")
    first = text.lstrip("\n").partition("\n")[0]
    if "\t" in first and "text" in _columns(first.split("\t")).values():
        result = RuleImport(delimiter="\t")
        _table(iter(csv.reader(io.StringIO(text.lstrip("\n")), delimiter="\t")), result)
        return read_law(result, state)
    result = RuleImport()
    for number, line in enumerate(text.split("\n"), start=1):
        line = _BULLET.sub("", line).replace("\t", " ").strip()
        if not line:
            continue
        if len(result.rows) >= MAX_RULES:
            result.problems.append(
                f"Line {number}: at most {MAX_RULES} rules at a time."
            )
            break
        fixed = unmangled(line)
        row = RuleRow(number, fixed[: LIMITS["text"]])
        if fixed != line:
            row.read.append(_REPAIRED.format("text"))
        if len(line) > LIMITS["text"]:
            row.notes.append(f"text cut to {LIMITS['text']:,} characters")
        result.rows.append(row)
    return read_law(result, state)


def rows_from_json(text: str) -> list[RuleRow]:
    """Rows sent back by the confirmation form, checked again (they came from a browser)."""
    try:
        items = json.loads(text or "[]")
    except (ValueError, RecursionError):
        return []
    rows: list[RuleRow] = []
    if not isinstance(items, list):
        return rows
    for item in items[:MAX_RULES]:
        if not isinstance(item, dict):
            continue
        text = clean_text(str(item.get("text") or "")).strip()[: LIMITS["text"]]
        if not text:
            continue
        level, area = (
            v if isinstance(v, str) else ""
            for v in (item.get("source_level"), item.get("policy_area"))
        )
        row = item.get("row")
        rows.append(
            RuleRow(
                row if isinstance(row, int) else 0,
                text,
                LEGACY_LEVELS.get(level, level)
                if LEGACY_LEVELS.get(level, level) in SOURCE_LEVELS
                else "unknown",
                clean_text(str(item.get("citation") or ""))[: LIMITS["citation"]],
                area if area in POLICY_AREAS else "other",
                clean_text(str(item.get("raised_by") or ""))[: LIMITS["raised_by"]],
                *(
                    clean_text(str(item.get(k) or ""))[: LIMITS[k]]
                    for k in ("source_document", "source_place")
                ),
            )
        )
    return rows


def apply_corrections(rows: list[RuleRow], form) -> list[RuleRow]:
    """The rows as the person corrected them on the preview: ``text-N``,
    ``source_level-N``, ``citation-N`` replace row N's values and ``skip-N`` leaves it
    out (N counts from 0). Values are cleaned and checked like any other input;
    ``form`` is any mapping of field names to strings."""
    kept: list[RuleRow] = []
    for n, row in enumerate(rows):
        if form.get(f"skip-{n}"):
            continue
        text = form.get(f"text-{n}")
        if text is not None:
            row.text = clean_text(str(text)).strip()[: LIMITS["text"]] or row.text
        level = form.get(f"source_level-{n}")
        if level in SOURCE_LEVELS:
            row.source_level = level
        area = form.get(f"policy_area-{n}")
        if area in POLICY_AREAS:
            row.policy_area = area
        citation = form.get(f"citation-{n}")
        if citation is not None:
            row.citation = clean_text(str(citation)).strip()[: LIMITS["citation"]]
        kept.append(row)
    return kept


def rows_to_json(rows: list[RuleRow]) -> str:
    """The rows for the confirmation form (read back by :func:`rows_from_json`)."""
    return json.dumps([r.to_dict() for r in rows], ensure_ascii=False)
