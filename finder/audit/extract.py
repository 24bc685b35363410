"""Candidate rules from a district's own documents: policy manuals (LEGAL and LOCAL
policies under codes such as EB or EHDC), local innovation plans listing the statutes they
exempt, waiver tables with replacement plans, plain text.

Nothing here saves anything: :func:`extract_candidates` returns what it found, where, and
what it could not read, for a person to check before any rule is added.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass, field

from finder.audit.words import same_text_key
from finder.catalog.importer import guess_areas
from finder.law.detect import detect
from finder.text import clean_text

log = logging.getLogger(__name__)

MAX_CANDIDATES = 500
# A Word file's parts unpacked (declared sizes, read before anything is inflated): a
# 300-page policy manual is a few MB; a zip bomb of a few KB claims gigabytes.
MAX_DOCX_UNPACKED = 60_000_000
MAX_DOCX_TEXT_XML = 8_000_000
MIN_WORDS = 3
MAX_TEXT = 2000

# "EHDC(LOCAL)", "EB (LEGAL)", "FNG(EXHIBIT)": a policy service's codes
# … and the same inside parentheses, as innovation plans cite them: "(EEB LEGAL)"
POLICY_CODE = re.compile(
    r"\b([A-H][A-Z]{0,4})\s*\((LEGAL|LOCAL|EXHIBIT|REGULATION|REG)\)"
    r"|\(([A-H][A-Z]{0,4})\s+(LEGAL|LOCAL)\)",
    re.IGNORECASE,
)
# "Rationale: …", "Replacement plan: …", "Reasons:" (a list follows): what a waiver
# list says about the rule above
NOTE_LINE = re.compile(
    r"^\s*(?:rationale|reasons?|replacement plan|justification|scope of exemption|"
    r"local (?:policy|plan)|plan)\s*(?:[:\-–]\s*\S|:\s*$)",
    re.IGNORECASE,
)


# A policy service's notes and stamps, not requirements
BOILERPLATE = re.compile(r"^\s*(?:note|date issued|ldu|adopted|revised)\s*[:\d]", re.I)


def _code(match: re.Match) -> tuple[str, str]:
    """(code, kind) of a POLICY_CODE match, in capitals: ("EHDC", "LOCAL")."""
    code = match.group(1) or match.group(3)
    kind = match.group(2) or match.group(4)
    return code.upper(), kind.upper()


ITEM = re.compile(
    r"^\s*(?:[-–—•*·▪◦]+|\(?[0-9]{1,3}[.)]|\(?[a-z][.)]|[ivx]{1,4}[.)])\s+"
)


def marker_kind(line: str) -> str:
    """How a list item is marked: "number", "letter", "roman", "bullet", or "" for a
    line that is not a list item ("i." and "v." read as roman numerals); "nested …"
    when the item is indented two or more spaces (a sub-list)."""
    found = ITEM.match(line)
    if not found:
        return ""
    mark = found.group().strip().strip("().")
    if mark.isdigit():
        kind = "number"
    elif re.fullmatch(r"[ivx]{1,4}", mark, re.I):
        kind = "roman"
    elif len(mark) == 1 and mark.isalpha():
        kind = "letter"
    else:
        kind = "bullet"
    indent = len(line) - len(line.lstrip(" \t"))
    return f"nested {kind}" if indent >= 2 else kind


CONTRACT = re.compile(
    r"\b(?:article|art\.)\s+[0-9IVXL]+|\bcollective bargaining\b|\bthe agreement\b|"
    r"\bmaster (?:contract|agreement)\b|\bmemorandum of understanding\b",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    """One rule a document seems to state.

    :param text: the rule in the document's words (citation taken out where it stood
        at an end), at most MAX_TEXT characters.
    :param original: the passage as the document has it, for provenance.
    :param where: "page 3", "table 1, row 4", "EHDC(LOCAL)" or "line 12".
    :param source_level: an audit source level ("state_statute", "local_policy", …).
    :param policy_code: the policy service's code ("EHDC(LOCAL)") or "".
    :param note: what else the row said (a reason, a replacement plan).
    """

    text: str
    original: str
    where: str
    citation: str = ""
    source_level: str = "unknown"
    policy_code: str = ""
    note: str = ""
    duplicate: bool = False
    policy_area: str = "other"


@dataclass
class Extraction:
    kind: str = ""  # pdf | docx | html | text
    candidates: list[Candidate] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # why nothing could be read


class DocumentError(ValueError):
    """The document cannot be read; the message says what to do instead."""


# ---- reading each kind of document into (place, block) pairs ----------------------


def _pdf_blocks(data: bytes) -> list[tuple[str, str]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentError(
                "This PDF is encrypted: save an unprotected copy (or export it from "
                "the original) and upload that."
            )
        pages = [
            (f"page {n}", page.extract_text() or "")
            for n, page in enumerate(reader.pages, 1)
        ]
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError, TypeError) as exc:
        raise DocumentError(f"This file could not be read as a PDF ({exc}).") from exc
    except Exception as exc:  # pypdf's own limits and assertions on broken files
        raise DocumentError(
            "This PDF is damaged or built in a way that cannot be read "
            f"({type(exc).__name__}): export it again from the original."
        ) from exc
    if not any(text.strip() for _, text in pages):
        raise DocumentError(
            "This PDF has no text (it is probably a scan): export it from the original "
            "document, or run OCR on it first."
        )
    return pages


# What Word's list formats print before an item, as the text reader writes it
LIST_STYLES = {
    "decimal": "number",
    "lowerLetter": "letter",
    "upperLetter": "letter",
    "lowerRoman": "roman",
    "upperRoman": "roman",
    "bullet": "bullet",
}


def _list_formats(doc) -> dict[tuple[str, str], str]:
    """Word's automatic list formats: (numId, ilvl) → numFmt ("decimal", "lowerLetter",
    "bullet", …), read from the numbering part; {} when the file has none."""
    try:
        numbering = doc.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    abstract = {
        a.get(f"{w}abstractNumId"): {
            lvl.get(f"{w}ilvl"): fmt.get(f"{w}val")
            for lvl in a.iter(f"{w}lvl")
            for fmt in lvl.iter(f"{w}numFmt")
        }
        for a in numbering.iter(f"{w}abstractNum")
    }
    formats = {}
    for num in numbering.iter(f"{w}num"):
        ref = num.find(f"{w}abstractNumId")
        levels = abstract.get(ref.get(f"{w}val") if ref is not None else None, {})
        for ilvl, fmt in levels.items():
            formats[(num.get(f"{w}numId"), ilvl)] = fmt
    return formats


def _roman(n: int) -> str:
    """1 → "i", 4 → "iv", 12 → "xii" (lower case; list items stay well under 40)."""
    out = ""
    for value, letters in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _list_level(p, style: str, formats: dict[tuple[str, str], str]):
    """(list id, level, kind) of a paragraph in an automatic Word list, or None. Lists
    set on the paragraph are read from the numbering part; lists set by a style
    ("List Number 2") from the style's name."""
    num_pr = p.pPr.numPr if p.pPr is not None else None
    if num_pr is not None and num_pr.numId is not None:
        ilvl = str(num_pr.ilvl.val) if num_pr.ilvl is not None else "0"
        kind = LIST_STYLES.get(formats.get((str(num_pr.numId.val), ilvl), ""))
        return (str(num_pr.numId.val), int(ilvl), kind) if kind else None
    styled = re.fullmatch(r"list (number|bullet)(?: (\d))?", style)
    if not styled:
        return None
    return (style, int(styled.group(2) or 1) - 1, styled.group(1))


class _ListCounter:
    """Writes the markers Word prints before automatic list items ("1.", "2.", "a.",
    "ii.", "•"), indented two spaces per level, counting each list and level and
    starting a level again after a shallower item."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, int], int] = {}

    def mark(self, level) -> str:
        if level is None:
            return ""
        list_id, depth, kind = level
        for key in [k for k in self.counts if k[1] > depth]:
            del self.counts[key]
        n = self.counts[(list_id, depth)] = self.counts.get((list_id, depth), 0) + 1
        marks = {
            "number": f"{n}.",
            "letter": f"{chr(96 + min(n, 26))}.",
            "roman": f"{_roman(n)}.",
            "bullet": "•",
        }
        return "  " * depth + marks[kind]


def _docx_blocks(data: bytes) -> list[tuple[str, str]]:
    from docx import Document

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentError(
            "This is not a Word (.docx) file, whatever its name says: open it in its own "
            "program and save it as .docx, PDF or text."
        )
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        sizes = {i.filename: i.file_size for i in package.infolist()}
    if (
        sum(sizes.values()) > MAX_DOCX_UNPACKED
        or sizes.get("word/document.xml", 0) > MAX_DOCX_TEXT_XML
    ):
        raise DocumentError(
            "This Word file unpacks to far more than a policy document holds: save it "
            "again from Word (or as PDF or text) and upload that, or split it."
        )
    try:
        doc = Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DocumentError(f"This Word file could not be read ({exc}).") from exc
    blocks: list[tuple[str, str]] = []
    heading = ""
    # Style names by id, read once: asking each paragraph for its style resolves the
    # document's default style again every time (seconds for a long manual).
    names = {s.style_id: (s.name or "").lower() for s in doc.styles}
    formats = _list_formats(doc)
    counter = _ListCounter()
    for n, para in enumerate(doc.paragraphs, 1):
        text = para.text.strip()
        if not text:
            continue
        style = names.get(para._p.style or "", "")
        if style.startswith("heading"):
            heading = text
        level = _list_level(para._p, style, formats)  # noqa: SLF001 (no public numPr)
        mark = counter.mark(level)
        blocks.append((heading or f"paragraph {n}", f"{mark} {text}" if mark else text))
    for t, table in enumerate(doc.tables, 1):
        for r, row in enumerate(table.rows, 1):
            # a cell merged across columns is returned once per column: read it once
            elements = {id(c._tc): c for c in row.cells}  # noqa: SLF001 (no public id)
            cells = [c.text.strip() for c in elements.values()]
            blocks.append((f"table {t}, row {r}", "\t".join(cells)))
    return blocks


def _html_blocks(data: bytes) -> list[tuple[str, str]]:
    from bs4 import BeautifulSoup

    from finder.audit.rule_import import decode

    text, _, _ = decode(data)  # UTF-16 pages as Word saves them, Windows-1252, …
    # lxml closes what HTML lets authors leave open (<li>, <p>, <td>, <tr>) as browsers
    # do, in linear time; Python's own parser nests each in the one before.
    soup = BeautifulSoup(text, "lxml")
    for tag in soup(["script", "style", "nav", "header", "footer"]):
        tag.decompose()
    blocks: list[tuple[str, str]] = []
    heading = ""
    for element in soup.find_all(["h1", "h2", "h3", "h4", "li", "p", "tr"]):
        if element.name in {"h1", "h2", "h3", "h4"}:
            heading = element.get_text(" ", strip=True)
            blocks.append((heading, heading))
        elif element.name == "tr":
            cells = [
                c.get_text(" ", strip=True) for c in element.find_all(["td", "th"])
            ]
            blocks.append((heading or "table", "\t".join(cells)))
        elif element.find_parent("li") is None and element.find_parent("tr") is None:
            blocks.append((heading or element.name, element.get_text(" ", strip=True)))
    if not blocks:
        raise DocumentError(
            "No headings, paragraphs, lists or tables were found in this page: save "
            "the page's text or a PDF of it and upload that."
        )
    return blocks


def _text_blocks(data: bytes) -> list[tuple[str, str]]:
    from finder.audit.rule_import import decode

    text, _, _ = decode(data)
    return [(f"line {n}", line) for n, line in enumerate(text.split("\n"), 1)]


def read_blocks(data: bytes, filename: str) -> tuple[str, list[tuple[str, str]]]:
    """(kind, [(place, text)]) for a document, by its content first and name second.

    :raises DocumentError: encrypted or scanned PDFs, renamed files, pages with nothing
        to read.
    """
    from finder.audit.rule_import import decode

    name = (filename or "").lower()
    if data.startswith(b"%PDF") or name.endswith(".pdf"):
        return "pdf", _pdf_blocks(data)
    if name.endswith(".docx") or (
        data.startswith(b"PK\x03\x04") and not name.endswith((".xlsx", ".xlsm"))
    ):
        return "docx", _docx_blocks(data)
    head = decode(data[:4000])[0].lower()
    if name.endswith((".html", ".htm")) or any(
        tag in head for tag in ("<html", "<body", "<table")
    ):
        return "html", _html_blocks(data)
    return "text", _text_blocks(data)


# ---- finding candidate rules in the blocks -----------------------------------------


def _level(text: str, code_kind: str, citation_level: str) -> str:
    """The cited law's level first; then a contract article (even inside a LOCAL
    policy, the bargained agreement is what binds); then the policy code's kind."""
    if citation_level:
        return citation_level
    if CONTRACT.search(text):
        return "collective_bargaining"
    if code_kind == "LOCAL":
        return "local_policy"
    if code_kind == "LEGAL":
        return "state_statute"  # a LEGAL policy restates the law
    return "unknown"


def _joined(lines: list[str]) -> list[str]:
    """Lines with a wrapped sentence put back together: a line continues the one before
    when that one is long, has no closing punctuation, and this one opens no new item,
    policy code or heading (PDF text comes out one printed line at a time)."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        previous = out[-1].rstrip() if out else ""
        if (
            stripped
            and len(previous) >= 50
            and not previous.endswith((".", ";", ":", "!", "?"))
            and not ITEM.match(stripped)
            and not POLICY_CODE.search(stripped)
            and not stripped.isupper()
        ):
            out[-1] = f"{previous} {stripped}"
        else:
            out.append(line)
    return out


HEADER_ROLES = (
    (
        "citation",
        re.compile(
            r"statute|citation|code|section|law|rule number|provision cited", re.I
        ),
    ),
    (
        "note",
        re.compile(
            r"replacement|plan|how|reason|rationale|why|justification|instead", re.I
        ),
    ),
    (
        "rule",
        re.compile(
            r"requirement|rule|provision|description|exemption|waiver|policy|title|subject",
            re.I,
        ),
    ),
)


def header_roles(cells: list[str]) -> dict[int, str] | None:
    """Column roles from a table's header row ("Statute | Requirement | Replacement
    plan"), or None when the row does not read as a header."""
    roles: dict[int, str] = {}
    for i, cell in enumerate(cells):
        if len(cell.split()) > 6:
            return None
        role = next((r for r, pattern in HEADER_ROLES if pattern.search(cell)), None)
        if role and role not in roles.values():
            roles[i] = role
    return roles if len(roles) >= 2 else None


def _table_candidate(
    place: str, cells: list[str], state: str, roles: dict[int, str] | None = None
) -> Candidate | None:
    """A table row: the citation cell, the rule cell and the rest as its note (a reason,
    a replacement plan), by the header's column roles where the table has a header,
    else the cell that reads as a citation and the longest other cell as the rule."""
    cells = [clean_text(x).strip() for x in cells]
    if roles:
        by_role = {role: cells[i] for i, role in roles.items() if i < len(cells)}
        cited = by_role.get("citation", "")
        rule = by_role.get("rule", "")
        if rule:
            found = detect(cited or rule, state)
            notes = [c for i, c in enumerate(cells) if c and roles.get(i) == "note"]
            if not found.citation and len(rule.split()) < MIN_WORDS:
                return None
            return Candidate(
                text=(found.text if not cited and found.citation else rule)[:MAX_TEXT],
                original=" | ".join(c for c in cells if c)[:MAX_TEXT],
                where=place,
                # the column says it is the citation: keep its words even unparsed
                citation=_cited(found) or cited[:300],
                source_level=found.level or "unknown",
                note="; ".join(notes)[:MAX_TEXT],
            )
    cells = [c for c in cells if c]
    if len(cells) < 2:
        return None
    cited = next((c for c in cells if detect(c, state).citation), "")
    found = detect(cited, state) if cited else None
    others = [c for c in cells if c != cited] if cited else cells
    if not others:
        return None
    rule = max(others, key=len)
    if len(rule.split()) < MIN_WORDS and not found:
        return None  # a header row or a stray label
    rest = [c for c in others if c is not rule]
    return Candidate(
        text=rule[:MAX_TEXT],
        original=" | ".join(cells)[:MAX_TEXT],
        where=place,
        citation=_cited(found) if found else "",
        source_level=found.level if found else "unknown",
        note="; ".join(rest)[:MAX_TEXT],
    )


def _cited(found) -> str:
    """Every citation a passage holds, "; "-joined, at most 300 characters."""
    return "; ".join(found.citations or ([found.citation] if found.citation else []))[
        :300
    ]


def _sentence(text: str) -> bool:
    """Reads as a sentence: closing punctuation, or long enough to be one."""
    return text.rstrip().endswith((".", ";", ":", "!", "?")) or len(text.split()) >= 14


TORN = re.compile(
    r"(?:\b(?:under|of|in|by|to|per|see|and|or)|\s[.,;:])\s*[.,;:]?\s*$", re.I
)


def _torn(text: str) -> bool:
    """True when taking the citation out left a sentence hanging ("… under .") or
    headless ("states that a person may not …")."""
    return bool(TORN.search(text)) or text[:1].islower()


def _line_candidate(
    place: str, line: str, state: str, code: tuple[str, str]
) -> Candidate | None:
    original = clean_text(line).strip()
    if BOILERPLATE.match(original):
        return None
    body = ITEM.sub("", original).strip()
    numbered = body != original
    found = detect(body, state)
    inline = POLICY_CODE.search(body)
    if inline:  # "(DCA LEGAL)" named beside the statute: this line's own code
        code = _code(inline)
    if not (numbered or found.citation or code[0]):
        return None
    words = found.text if found.citation and not _torn(found.text) else body
    if found.citation and len(words.split()) < MIN_WORDS:
        words = body  # a line that is only a citation: the statute is the rule
    elif len(words.split()) < MIN_WORDS or (
        not (numbered or found.citation) and body.isupper()
    ):
        return None  # too short to be a rule, or a policy's title in capitals
    elif not (numbered or found.citation) and not _sentence(body):
        return None  # in a policy, a heading or a footer, not a requirement
    label = f"{code[0]}({code[1]})" if code[0] else ""
    return Candidate(
        text=words[:MAX_TEXT],
        original=original[:MAX_TEXT],
        where=f"{label}, {place}"
        if label and place.startswith("page")
        else label or place,
        citation=_cited(found),
        source_level=_level(body, code[1], found.level),
        policy_code=label,
    )


def _with_note(note: str, line: str) -> str:
    """``note`` with ``line`` added: after a colon or closing punctuation a space is
    enough, otherwise "; " keeps the two apart. At most MAX_TEXT characters."""
    if not note:
        return line[:MAX_TEXT]
    joint = " " if note.rstrip().endswith((":", ";", ".", "!", "?")) else "; "
    return f"{note.rstrip()}{joint}{line}"[:MAX_TEXT]


def _continues_note(line: str, rule_marker: str, state: str) -> bool:
    """After "Rationale:" or "Reasons:", a line still belongs to that note unless it
    starts the next rule: an item marked the way the rules are, a citation, or a
    policy code. ("a. families asked for it" under "1. Start date" is a reason.)"""
    marker = marker_kind(line)
    if marker and marker == rule_marker:
        return False
    return not (POLICY_CODE.search(line) or detect(line, state).citation)


def extract_candidates(
    data: bytes, filename: str, state: str = "", existing: list[str] = ()
) -> Extraction:
    """Candidate rules in a document, each with its citation, level, policy code and
    where it came from; ``existing`` rule texts mark duplicates. Never raises: what
    could not be read comes back in ``problems``."""
    result = Extraction()
    try:
        result.kind, blocks = read_blocks(data, filename)
    except DocumentError as exc:
        result.problems.append(str(exc))
        return result
    except Exception as exc:  # a parser's own failure (recursion, memory, asserts)
        log.warning("document %r could not be read: %r", filename, exc)
        result.problems.append(
            "This document could not be read (it may be damaged or nested too deeply): "
            "save it again from its own program, or as text, and upload that."
        )
        return result
    seen = {same_text_key(t) for t in existing}
    mine: set[str] = set()
    named = POLICY_CODE.search(
        filename or ""
    )  # "EHDC(LOCAL).html" from a policy service
    code: tuple[str, str] = _code(named) if named else ("", "")
    roles: dict[int, str] | None = None
    table = ""
    note_open = False  # a "Rationale:" line opened a list that belongs to its rule
    rule_marker = ""  # how the last rule found was marked ("number", "letter", …)
    for place, block in blocks:
        lines = [block] if "\t" in block else _joined(block.split("\n"))
        for line in lines:
            heading = POLICY_CODE.search(line)
            if (
                heading
                and (
                    len(line.split()) <= 12
                    or heading.start() <= len(line) - len(line.lstrip()) + 2
                )
                and not detect(line, state).citation
            ):
                code = _code(
                    heading
                )  # the policy's title line: what follows is under it
                note_open = False
                continue
            if not line.strip():
                continue
            if (
                "\t" not in line
                and result.candidates
                and (
                    NOTE_LINE.match(line)
                    or (note_open and _continues_note(line, rule_marker, state))
                )
            ):
                last = result.candidates[-1]
                last.note = _with_note(last.note, clean_text(line).strip())
                note_open = True
                continue
            note_open = False
            if "\t" in line:
                cells = line.split("\t")
                this_table = place.split(", row")[0]
                if this_table != table:
                    table, roles = this_table, None
                found_roles = header_roles([c.strip() for c in cells])
                if found_roles and not any(detect(c, state).citation for c in cells):
                    roles = found_roles
                    continue
                candidate = _table_candidate(place, cells, state, roles)
            else:
                candidate = _line_candidate(place, line, state, code)
            if candidate is None:
                continue
            key = same_text_key(candidate.text)
            if key in mine:
                continue
            mine.add(key)
            rule_marker = marker_kind(line)
            candidate.duplicate = key in seen
            candidate.policy_area = guess_areas(candidate.text)[0]
            result.candidates.append(candidate)
            if len(result.candidates) >= MAX_CANDIDATES:
                result.problems.append(
                    f"Only the first {MAX_CANDIDATES} candidates are shown; split the "
                    "document to read the rest."
                )
                return result
    if not result.candidates:
        result.problems.append(
            "No rules were recognised in this document: it has no numbered items, "
            "policy sections, tables or citations. Paste the rules instead."
        )
    return result


def candidates_to_json(candidates: list[Candidate]) -> str:
    """The candidates for the confirmation form (read back by :func:`chosen_rules`),
    without the text (the form's own text boxes carry it), so that the preview of a long
    manual can be sent back within the request limit."""
    import json
    from dataclasses import asdict

    return json.dumps(
        [{k: v for k, v in asdict(c).items() if k != "text"} for c in candidates],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def chosen_rules(payload: str, form, document: str):
    """The rules the person chose on the preview, as audit rules with provenance.

    ``form`` maps ``include-N`` (ticked), ``text-N``, ``source_level-N``,
    ``citation-N`` and ``policy_area-N`` to the corrected values (N from 0); the
    payload is checked again, since it came back from a browser.
    """
    import json

    from finder.audit.model import MAX_RULES, SOURCE_LEVELS, AuditRule
    from finder.catalog import POLICY_AREAS

    try:
        items = json.loads(payload or "[]")
    except (ValueError, RecursionError):
        return []
    if not isinstance(items, list):
        return []
    rules = []
    for n, item in enumerate(items[:MAX_CANDIDATES]):
        if not isinstance(item, dict) or not form.get(f"include-{n}"):
            continue
        text = clean_text(str(form.get(f"text-{n}", item.get("text", "")))).strip()
        if not text:
            continue
        level = form.get(f"source_level-{n}", item.get("source_level"))
        area = form.get(f"policy_area-{n}", item.get("policy_area", "other"))
        level = (
            level if isinstance(level, str) else "unknown"
        )  # the payload is untrusted
        area = area if isinstance(area, str) else "other"
        rules.append(
            AuditRule(
                text[:MAX_TEXT],
                level if level in SOURCE_LEVELS else "unknown",
                clean_text(str(form.get(f"citation-{n}", item.get("citation", ""))))[
                    :300
                ],
                area if area in POLICY_AREAS else "other",
                source_document=clean_text(document)[:300],
                source_place=clean_text(str(item.get("where", "")))[:200],
                original_text=clean_text(str(item.get("original", "")))[:4000],
                rationale=clean_text(str(item.get("note", "")))[:MAX_TEXT],
            )
        )
        if len(rules) >= MAX_RULES:
            break
    return rules
