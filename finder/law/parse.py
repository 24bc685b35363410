"""Find and parse citations in text: the project's templates first, CiteURL after.

Input → output, for a feel of it:

    "TEC §22.083 Criminal History Record Check" → Tex. Educ. Code § 22.083
    "19 TAC 102.1309"                           → 19 TAC § 102.1309
    "ORC 3313.603(J)"                           → R.C. § 3313.603(J)
    "§§ 25.081–25.084" (Texas context)          → Tex. Educ. Code §§ 25.081–25.084
    "Chs. 39 and 39A" (Texas context)           → Tex. Educ. Code ch. 39; ch. 39A
    "ESEA § 8401"                               → ESEA § 8401 (20 U.S.C. § 7861)

Text that does not parse gives no citation; nothing here raises on odd input.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path

from finder import yamltext
from finder.law.model import Body, Citation

BODIES_FILE = Path(__file__).with_name("bodies.yaml")

# One section number of each numbering style (without subsections).
_SECTION = {
    "dotted": r"\d+[A-Z]{0,2}(?:\.\d+[A-Za-z]{0,2})*",
    "dashed": r"\d+[A-Z]{0,2}(?:\.\d+[A-Za-z]?)*(?:[-:]\.?\d+[A-Za-z]{0,3}(?:\.\d+[A-Za-z]{0,2})*)*",
    "colon": r"\d+[A-Z]{0,2}(?:\.\d+[A-Za-z]?)*(?:[-:]\d+[A-Za-z]{0,3}(?:\.\d+[A-Za-z]{0,2})*)*",
    # a letter after a hyphen is part of the number (N.Y. Educ. Law § 3012-d)
    "flat": r"\d+(?:\.\d+)*[A-Za-z]{0,3}(?:-[a-z](?![\w-]))?",
    "ncac": r"\d+[A-Z]{0,2}\s?\.\d+",
    "policy": r"[A-Z]{2,5}(?:-[A-Z0-9]{1,4})+",
    "mixed": r"\d+[A-Z]{0,2}(?:[-:.](?:\d+[A-Za-z]{0,3}|[IVXLCDM]+\b))*",
    "ilcs": r"\d+\s*/\s*\d+[A-Za-z]?(?:[-.]\d+[A-Za-z]{0,3})*",
    # "c. 71, § 92"; Nebraska's compact "10-003.04" (chapter 10, § 003.04)
    "chapter_section": r"\d+[A-Z]{0,2}\s*,?\s*(?:§+|s\.|sec(?:tion)?\.?)\s*\d+[A-Z]{0,2}(?:½|1/2)?"
    r"(?:\.\d+[A-Z]?)*|\d{1,3}-\d{3}(?:\.\d+[A-Z]?)*",
}
_SUBSECTIONS = r"(?:\s?\((?:[a-zA-Z]{1,4}|\d{1,3}|[a-z]-\d|\d-[a-z])\))*"
_SECTION_SIGN = r"(?:§§?|[Ss]ec(?:tion)?s?\.?|[Ss]s?\.(?=\s*\d)|[Pp]ar(?:agraph)?\.?)"
_LIST_SEP = r"\s*(?:,\s*(?:and\s+|or\s+|&\s*)?|\s+and\s+|\s+or\s+|\s*&\s*|;\s*)"
_RANGE_SEP = r"\s*(?:–|—|\bto\b|\bthrough\b|\bthru\b)\s*"
_CHAPTER_WORD = r"(?:[Cc]h(?:apter)?s?\.?|[Cc]\.|[Pp]t\.|[Pp]arts?)"
_CHAPTER_CAPTURE = r"(?P<cword>[Cc]h(?:apter)?s?\.?|[Cc]\.|[Pp]t\.|[Pp]arts?)"
_SUBCHAPTER = r"(?:\s*,?\s*[Ss]ubch(?:apter)?s?\.?\s*(?P<sub>[A-Z]{1,3}|\d{1,2}))"
_TITLE_WORD = r"(?:[Tt]it(?:le)?\.?)"
_ARTICLE_WORD = r"(?:[Aa]rt(?:icle)?s?\.?)"


@dataclass(frozen=True)
class Law:
    """The parser's data: bodies of law and the ESEA ↔ 20 U.S.C. table."""

    bodies: tuple[Body, ...]
    esea_usc: dict[str, str]

    def body(self, body_id: str) -> Body:
        return next(b for b in self.bodies if b.id == body_id)


@functools.cache
def load_law(path: str = str(BODIES_FILE)) -> Law:
    """Read ``bodies.yaml`` (shipped with the package) into a :class:`Law`."""
    data = yamltext.load(Path(path).read_text(encoding="utf-8"))
    bodies = []
    for raw in data["bodies"]:
        fields = dict(raw)
        fields["home_names"] = tuple(fields.get("home_names") or ())
        fields["names"] = tuple(fields["names"]) + fields["home_names"]
        fields["trailing"] = tuple(fields.get("trailing") or ())
        fields["usc"] = tuple(str(v) for v in fields.get("usc") or ())
        bodies.append(Body(**fields))
    return Law(tuple(bodies), {str(k): str(v) for k, v in data["esea_usc"].items()})


_REGEX_SYNTAX = frozenset(".^$*+?{}[]()|")


def required_prefix(pattern: str) -> str:
    """The literal text every match of a regular expression starts with
    (case-folded), as far as it can be read without a regex parser: escaped punctuation counts, a
    character made optional ends it, and so do classes, groups and ``\\s``-like
    escapes. "" when nothing is certain (a top-level ``|``, or a leading group).

    ``required_prefix(r"Tex(?:as|\\.)?\\s*Educ")`` → "tex";
    ``required_prefix(r"U\\.?\\s?S")`` → "u" (the dot is optional).
    """
    depth, escaped, in_class, class_start = 0, False, False, 0
    for i, c in enumerate(pattern):  # a top-level alternative could start with anything
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif in_class:
            # "]" first in a class ("[]x]", "[^]x]") is one of its characters
            first = pattern[class_start:i] in ("", "^")
            in_class = c != "]" or first
        elif c == "[":
            in_class, class_start = True, i + 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return ""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            if i + 1 >= len(pattern) or pattern[i + 1].isalnum():
                break
            literal, i = pattern[i + 1], i + 2
        elif c in _REGEX_SYNTAX:
            break
        else:
            literal, i = c, i + 1
        following = pattern[i : i + 1]
        if following in ("?", "*", "{"):
            break
        out.append(literal)
        if following == "+":
            break
    return "".join(out).casefold()


@functools.cache
def _name_patterns() -> tuple[tuple[Body, re.Pattern, tuple[str, ...]], ...]:
    """Each body with the pattern of its names and the texts one of which any match
    must contain (case-folded; empty when a name has no certain start)."""
    out = []
    for body in load_law().bodies:
        names = "|".join(f"(?:{n})" for n in body.names)
        title = (
            r"(?:(?P<title>\d+(?:-(?:\d{1,3}|[A-Z]))?[A-Z]?)\s*[-—]?\s*)?"
            if body.numbered
            else ""
        )
        prefixes = tuple(required_prefix(n) for n in body.names)
        out.append(
            (
                body,
                re.compile(
                    rf"(?<![\w.]){title}(?:{names})(?![A-Za-z])",
                    re.IGNORECASE if not body.act_only else 0,
                ),
                () if "" in prefixes else prefixes,
            )
        )
    return tuple(out)


@functools.cache
def _pinpoint(numbering: str) -> re.Pattern:
    """What may follow a body's name: a title/article, chapters, or sections."""
    sec = _SECTION[numbering]
    item = rf"(?:{sec}){_SUBSECTIONS}"
    hyphen = "|-" if numbering in {"dotted", "flat"} else ""
    sections = rf"{item}(?:(?:{_RANGE_SEP}{hyphen}){item})?(?:{_LIST_SEP}{item}(?:(?:{_RANGE_SEP}{hyphen}){item})?)*"
    chapter = r"\d+[A-Z]{0,2}(?:[.\-:]\d+[A-Z]?)*"
    chapters = rf"{_CHAPTER_CAPTURE}\s*(?P<chapters>{chapter}(?:{_LIST_SEP}{chapter})*){_SUBCHAPTER}?"
    section_branch = rf"(?:{_SECTION_SIGN}\s*)?(?P<sections>{sections})"
    if (
        numbering == "chapter_section"
    ):  # "c. 71, § 92": the chapter is part of the section
        section_branch = rf"(?:{_CHAPTER_WORD}\s*)?(?P<sections>{sections})"
        branches = f"{section_branch} | {chapters}"
    else:
        branches = f"{chapters} | {section_branch}"
    return re.compile(
        rf"""^[\s,\-]*
        (?:{_TITLE_WORD}\s*(?P<tword>\d+[A-Z]{{0,2}}(?:\.\d+)?)\s*,?\s*)?
        (?:
            {branches}
          | {_ARTICLE_WORD}\s*(?P<article>[\dA-Z.]+)
        )?""",
        re.VERBOSE,
    )


_SHORT = re.compile(
    rf"""(?<![\w.])(?:
        (?P<sign>§§?|[Ss]ec(?:tion)?s?\.?)\s*(?P<sections>[\dA-Z][^;]{{0,120}})
      | {_CHAPTER_WORD}\s*(?P<chapters>\d+[A-Z]{{0,2}}[^;]{{0,60}})
    )""",
    re.VERBOSE,
)


def _split_items(text: str, numbering: str = "dotted") -> list[tuple[str, str]]:
    """ "25.001, 25.002 and 25.081–25.084" → [(25.001, ''), (25.002, ''), (25.081, 25.084)]."""
    items: list[tuple[str, str]] = []
    for part in re.split(_LIST_SEP, text.strip()):
        part = part.strip()
        if not part:
            continue
        bounds = re.split(rf"{_RANGE_SEP}", part)
        if (
            len(bounds) == 1
            and numbering in {"dotted", "flat"}
            and re.fullmatch(
                r"\d+(?:\.\d+)+[A-Za-z]*\s*-\s*\d+(?:\.\d+)+[A-Za-z]*", part
            )
        ):
            bounds = part.split("-")
        items.append((bounds[0].strip(), bounds[1].strip() if len(bounds) > 1 else ""))
    return items


def _split_subsections(item: str) -> tuple[str, tuple[str, ...]]:
    subs = tuple(re.findall(r"\([^)]*\)", item))
    return re.sub(r"\s*\(.*$", "", item).strip(), subs


def _section_path(body: Body, number: str) -> tuple[str, ...]:
    """The nested path of one section number in a body's numbering style."""
    number = re.sub(r"\s+", "", number)
    style = body.numbering
    if style in {"dotted", "ncac"}:
        parts = number.split(".")
        return tuple(".".join(parts[: i + 1]) for i in range(len(parts)))
    if style in {"dashed", "colon", "mixed"}:
        seps = r"[-:.]" if style == "mixed" else r"[-:]"
        cuts = [m.start() for m in re.finditer(seps, number)]
        return tuple(number[:c] for c in cuts) + (number,)
    if style == "ilcs":
        act, _, section = number.partition("/")
        return (act, f"{act}/{section}") if section else (act,)
    if style == "chapter_section":
        compact = re.fullmatch(r"(\d{1,3})-(\d{3}(?:\.\d+[A-Z]?)*)", number)
        if compact:
            chapter, section = compact[1], compact[2]
        elif not re.search(r"§|s\.|sec", number):
            return (number,)  # a chapter alone
        else:
            chapter, section = re.split(
                r"\s*,?\s*(?:§+|s\.|sec(?:tion)?\.?)\s*", number, maxsplit=1
            )
        # Nebraska's § 003.04 lies in § 003
        parts = section.split(".")
        return (chapter,) + tuple(
            f"{chapter} § {'.'.join(parts[: i + 1])}" for i in range(len(parts))
        )
    return (number,)


def _label(body: Body, title: str, text: str) -> str:
    head = f"{title} {body.name}" if title else body.name
    if text[:1].isdigit() and head.endswith(" R"):
        return f"{head}{text}"  # "Ariz. Admin. Code R7-2-610.02"
    return f"{head} {text}".strip()


def _sign(body: Body, plural: bool = False) -> str:
    if not body.sign:
        return ""
    return (body.sign * 2 if plural and body.sign == "§" else body.sign) + " "


def _section_citation(body: Body, title: str, low: str, high: str) -> Citation | None:
    number, subs = _split_subsections(low)
    if not number:
        return None
    path = _section_path(body, number) + subs
    if body.numbering == "chapter_section":
        deepest = path[len(path) - len(subs) - 1]
        chapter, section = path[0], deepest.split("§")[-1].strip()
        label = _label(
            body, title, f"{body.chapter_word} {chapter}, § {section}{''.join(subs)}"
        )
    else:
        shown = number.replace(" ", "")
        label = _label(body, title, f"{_sign(body)}{shown}{''.join(subs)}")
    upper: tuple[str, ...] = ()
    if high:
        high_number, _ = _split_subsections(high)
        upper = _section_path(body, high_number)
        if len(upper) != len(path):
            # "25.081–.084" or "22-32-101 to 109": complete the short bound
            upper = path[:-1] + (upper[-1],) if upper else ()
        label = _label(body, title, f"{_sign(body, True)}{number}–{high_number}")
    unit = "subsection" if subs else "section"
    cit = Citation(body, title, path, upper, unit, label)
    return _with_alias(cit)


def _with_alias(cit: Citation) -> Citation:
    """ESEA § N is also 20 U.S.C. § M (and the other way round) where the table knows it."""
    law = load_law()
    if cit.body.id == "us-esea" and cit.path:
        usc = law.esea_usc.get(cit.path[0])
        if usc:
            other = Citation(law.body("us-usc"), "20", (usc, *cit.path[1:]))
            return replace(
                cit,
                label=f"{cit.label} (20 U.S.C. § {usc}{''.join(cit.path[1:])})",
                alias=(other,),
            )
    if cit.body.id == "us-usc" and cit.title == "20" and cit.path:
        reverse = {v: k for k, v in law.esea_usc.items()}
        esea = reverse.get(cit.path[0])
        if esea:
            other = Citation(law.body("us-esea"), "", (esea, *cit.path[1:]))
            return replace(cit, alias=(other,))
    return cit


def _whole(body: Body, title: str) -> Citation:
    if body.usc:
        # A whole act is also its run of the U.S. Code (the ESEA is 20 U.S.C.
        # §§ 6301–7981).
        usc_title, first, last = body.usc
        usc = load_law().body("us-usc")
        return Citation(
            body,
            label=body.name,
            unit="code",
            alias=(Citation(usc, usc_title, (first,), (last,), "chapter"),),
        )
    unit = "title" if title else "code"
    return Citation(body, title, (), (), unit, _label(body, title, ""))


def _read_pinpoints(body: Body, title: str, tail: str) -> tuple[list[Citation], int]:
    """Citations from what follows a body's name, and how many characters they used."""
    if body.act_only:
        return [_whole(body, title)], 0
    m = _pinpoint(body.numbering).match(tail)
    if not m or not (m.group("sections") or m.group("chapters") or m.group("article")):
        tword = m.group("tword") if m else None
        if tword:
            path = (tword,) if not body.numbered else ()
            t = tword if body.numbered else title
            return [
                Citation(body, t, path, (), "title", _label(body, t, f"title {tword}"))
            ], m.end()
        return [], 0
    if m.group("tword") and body.numbered:
        title = m.group("tword")
    cites: list[Citation] = []
    # "O.C.G.A. title 20, chapter 2": in a dashed code the title leads the chapter's
    # number (20-2), as it leads every section's (20-2-182)
    lead = (
        f"{m.group('tword')}-"
        if m.group("tword") and not body.numbered and body.numbering == "dashed"
        else ""
    )
    if m.group("chapters"):
        for low, high in _split_items(m.group("chapters"), body.numbering):
            if lead and not low.startswith(lead):
                low, high = lead + low, (lead + high if high else high)
            sub = m.group("sub") or ""
            path = _section_path(body, low)[:1] if body.numbering != "ilcs" else (low,)
            if body.numbering in {"dashed", "colon"}:
                path = _section_path(body, low)
            qualifier = f"subch. {sub}" if sub else ""
            word = "pt." if m.group("cword")[0] in "Pp" else body.chapter_word
            text = f"{word} {low}" + (f", {qualifier}" if qualifier else "")
            upper = _section_path(body, high)[: len(path)] if high else ()
            cites.append(
                Citation(
                    body,
                    title,
                    path,
                    upper,
                    "subchapter" if sub else "chapter",
                    _label(body, title, text),
                    qualifier,
                )
            )
    elif m.group("article"):
        article = m.group("article")
        tword = m.group("tword") or ""
        path = (tword, f"{tword}-{article}") if tword else (article,)
        text = (f"title {tword}, " if tword else "") + f"art. {article}"
        cites.append(Citation(body, title, path, (), "chapter", _label(body, "", text)))
    else:
        items = (
            [(m.group("sections"), "")]
            if body.numbering == "chapter_section"
            else _split_items(m.group("sections"), body.numbering)
        )
        for low, high in items:
            cit = _section_citation(body, title, low, high)
            if cit:
                cites.append(cit)
    return cites, m.end()


@functools.cache
def _prefix_table() -> tuple[
    dict[str, tuple[tuple[str, frozenset[int]], ...]], frozenset[int]
]:
    """The bodies' certain name starts by their first character, each with the bodies
    (positions in :func:`_name_patterns`) it stands for; and the bodies always tried."""
    by_prefix: dict[str, set[int]] = {}
    always = set()
    for index, (_, _, prefixes) in enumerate(_name_patterns()):
        if not prefixes:
            always.add(index)
        for prefix in prefixes:
            by_prefix.setdefault(prefix, set()).add(index)
    table: dict[str, list[tuple[str, frozenset[int]]]] = {}
    for prefix, bodies in by_prefix.items():
        table.setdefault(prefix[0], []).append((prefix, frozenset(bodies)))
    return {c: tuple(v) for c, v in table.items()}, frozenset(always)


def _bodies_named_in(low: str) -> list[int]:
    """Positions of the bodies whose names could match in a case-folded text, in
    :func:`_name_patterns` order: a name cannot match where none of its certain starts
    is written, and skipping those bodies is most of the work on a short citation."""
    table, always = _prefix_table()
    wanted = set(always)
    for char in set(low) & table.keys():
        for prefix, bodies in table[char]:
            if prefix in low:
                wanted |= bodies
    return sorted(wanted)


def _name_matches(text: str, state: str) -> list[list[tuple[int, int, Body, str]]]:
    """Body-name matches grouped by where they start, in the order to try them: the
    longest name first, then the context state's bodies, federal last."""
    found = []
    patterns = _name_patterns()
    # Case-insensitive matching reads the Turkish İ and ı as i, which case folding does not.
    low = text.casefold().replace("i\u0307", "i").replace("\u0131", "i")
    for index in _bodies_named_in(low):
        body, pattern, _ = patterns[index]
        for m in pattern.finditer(text):
            title = m.groupdict().get("title") or ""
            if body.numbered and not title:
                continue_ok = re.match(rf"^\s*,?\s*{_TITLE_WORD}\s*\d", text[m.end() :])
                if not continue_ok:
                    continue
            found.append((m.start(), m.end(), body, title))
    found.sort(
        key=lambda f: (
            f[0],
            -(f[1] - f[0]),
            f[2].jurisdiction != state,
            f[2].jurisdiction == "US",
        )
    )
    groups: dict[int, list[tuple[int, int, Body, str]]] = {}
    for item in found:
        groups.setdefault(item[0], []).append(item)
    return list(groups.values())


_AMBIGUOUS_TAIL = re.compile(
    r"[\s,]*(?:§+|(?:sec(?:tion)?s?|ch(?:apter)?s?)\.?)?\s*[\w.()\-]*", re.I
)


@functools.cache
def _home_pattern(home_names: tuple[str, ...]) -> re.Pattern | None:
    if not home_names:
        return None
    names = "|".join(f"(?:{n})" for n in home_names)
    return re.compile(rf"(?:{names})", re.IGNORECASE)


def _foreign_home_name(text: str, item: tuple[int, int, Body, str], state: str) -> bool:
    """Whether a match is one of a body's ``home_names`` ("State Board Rule") in a text
    of another known state: there it names that state's own rules, not the body."""
    start, end, body, title = item
    pattern = _home_pattern(body.home_names)
    if pattern is None or not state or state == body.jurisdiction:
        return False
    name = text[start:end]
    if title:
        name = name[name.find(title) + len(title) :]
    begin = end - len(name.lstrip(" \t-—"))
    # matched in place, so a name's lookahead ("AS" before a number) sees the text
    found = pattern.match(text, begin)
    return bool(found) and found.end() == end


def _ambiguous(group, state: str, text: str = "") -> bool:
    """True when a state is known and the longest name in a group ("Education Code")
    belongs to bodies of several other jurisdictions only: in a Colorado document that
    name cannot be told apart, so it is not read (never as California's code); or when
    it is only another state's name that does not say its state ("State Board Rule"
    in a Tennessee text, :func:`_foreign_home_name`)."""
    longest = group[0][1] - group[0][0]
    widest = [item for item in group if item[1] - item[0] == longest]
    places = {b.jurisdiction for a, z, b, _ in widest}
    if not state or state in places:
        return False
    return len(places) > 1 or all(_foreign_home_name(text, i, state) for i in widest)


def _first_reading(text: str, group) -> tuple[list[Citation], int, int]:
    """The citations of the first body in a group whose pinpoint reads, with the
    span they use; a body named alone counts only when no candidate reads."""
    for start, end, body, title in group:
        try:
            found, length = _read_pinpoints(body, title, text[end : end + 400])
        except (ValueError, IndexError):  # an odd form: leave it as text
            found, length = [], 0
        if found:
            return found, start, end + length
    start, end, body, title = group[0]
    if _bare_body_ok(body, text, start, end):
        return [_whole(body, title)], start, end
    return [], start, start


def find_citations(
    text: str,
    state: str = "",
    default_body: Body | None = None,
    fallback: bool = True,
) -> list[Citation]:
    """Every citation in ``text``, in order (see :func:`citation_spans`)."""
    return list(
        dict.fromkeys(
            c for _, _, c in citation_spans(text, state, default_body, fallback)
        )
    )


def citation_spans(
    text: str,
    state: str = "",
    default_body: Body | None = None,
    fallback: bool = True,
) -> list[tuple[int, int, Citation]]:
    """Every citation in ``text`` with the span of text it was read from, in order.

    :param state: the jurisdiction the text comes from ("TX"): decides between bodies
        whose names are alike ("Education Code") and keeps short forms local.
    :param default_body: the body that bare forms ("§ 28.002", "Chs. 39 and 39A")
        belong to, such as the code a mechanism's own list is written in; without it
        bare forms are not read.
    :param fallback: when the project's forms read nothing, ask CiteURL (its finds
        carry a link but no level of law, so no search and no scope reads them).
    """
    if not text or not isinstance(text, str):
        return []
    text = text[:20000]
    state = (state or "").upper()
    cites: list[tuple[int, int, Citation]] = []
    used: list[tuple[int, int]] = []
    for group in _name_matches(text, state):
        if any(a <= group[0][0] < b for a, b in used):
            continue
        if _ambiguous(group, state, text):
            # nor is a shorter name inside it, nor its section as the home code's
            tail = _AMBIGUOUS_TAIL.match(text, group[0][1])
            used.append((group[0][0], tail.end() if tail else group[0][1]))
            continue
        found, start, stop = _first_reading(text, group)
        if found:
            cites += [(start, stop, c) for c in found]
            used.append((start, stop))
    if default_body is not None:
        for m in _SHORT.finditer(text):
            if any(a <= m.start() < b for a, b in used):
                continue
            tail = text[m.start() : m.start() + 200]
            try:
                found, length = _read_pinpoints(default_body, "", tail)
            except (ValueError, IndexError):
                found, length = [], 0
            if found:
                stop = m.start() + max(length, 1)
                cites += [(m.start(), stop, c) for c in found]
                used.append((m.start(), stop))
    cites += [
        (at, end, c)
        for at, end, c in [*_trailing(text, state), *_acts_and_bills(text, state)]
        if not any(a <= at < b for a, b in used)
    ]
    if not cites and fallback:
        cites = [(0, len(text), c) for c in _citeurl_citations(text)]
    cites.sort(key=lambda item: item[0])
    return cites


_SESSION_LAWS = [
    # (pattern, group order) → (year, number); each is a session law of the context state
    (r"\bAct (?P<number>\d+) of (?P<year>\d{4})\b", "act"),
    (r"\bAct (?:No\. )?(?P<year>\d{4})-(?P<number>\d+)\b", "act"),
    (r"\bP\.?\s?A\.? (?P<yy>\d{2})-(?P<number>\d+)\b", "act"),
    (r"\bP\.\s?L\. (?P<year>\d{4}),? c(?:h)?\. ?(?P<number>\d+)", "ch."),
    (
        r"\b(?P<year>\d{4}) [A-Z][a-z]+\.? (?:Pub(?:lic)?\.? )?Acts?,? chs?\. (?P<number>\d+)",
        "ch.",
    ),
    (
        r"\b(?:Ch|ch)\. (?P<number>\d+),? (?:Laws|Stats)\.? (?:of )?(?P<year>\d{4})",
        "ch.",
    ),
    (r"\b(?:Laws|Stats)\.? (?P<year>\d{4}),? ch\. (?P<number>\d+)", "ch."),
    (r"\bSession Laws? (?P<year>\d{4}),? ch\. (?P<number>\d+)", "ch."),
]
_BILL = re.compile(
    r"(?<![\w.])(?P<kind>(?:E|S|C|H|)?(?:H\.?\s?B|S\.?\s?B|H\.?\s?F|S\.?\s?F|A\.?\s?B|H\.?E\.?A|S\.?E\.?A|L\.?\s?B|H\.?\s?R))\.?\s?(?P<number>\d{1,5})(?!\d)(?:\s*\((?P<year>\d{4})\))?"
)
_PUBLIC_LAW = re.compile(
    r"\bPub(?:lic)?\.?\s?L(?:aw)?\.?\s?(?:No\.\s?)?(?P<congress>\d{2,3})-(?P<number>\d+)"
)


def _session_body(state: str, kind: str) -> Body:
    names = {"session": "Session laws", "bill": "Bill"}
    return Body(
        id=f"{state.lower()}-{kind}",
        jurisdiction=state,
        level="state_statute" if kind == "session" else "bill",
        name=f"{state} {names[kind]}",
        names=(),
        numbering="flat",
    )


def _acts_and_bills(text: str, state: str) -> list[tuple[int, int, Citation]]:
    """Session laws ("Act 1240 of 2015", "P.L. 2021, c. 224"), public laws and bills.

    A session law is placed in time (year, number); a bill is not law and carries no
    level, so it never decides a rule's source level.
    """
    found: list[tuple[int, int, Citation]] = []
    for m in _PUBLIC_LAW.finditer(text):
        body = Body(
            "us-public-law", "US", "federal_statute", "Pub. L.", (), "flat", sign=""
        )
        congress, number = m.group("congress"), m.group("number")
        found.append(
            (
                m.start(),
                m.end(),
                Citation(
                    body,
                    "",
                    (congress, number),
                    (),
                    "section",
                    f"Pub. L. {congress}-{number}",
                ),
            )
        )
    if not state:
        return found
    for pattern, word in _SESSION_LAWS:
        for m in re.finditer(pattern, text):
            year = m.groupdict().get("year") or f"20{m.group('yy')}"
            number = m.group("number")
            body = _session_body(state, "session")
            label = f"{state} Laws {year}, {word} {number}"
            cit = Citation(body, "", (year, number), (), "section", label)
            found.append((m.start(), m.end(), cit))
    for m in _BILL.finditer(text):
        kind = re.sub(r"[\s.]", "", m.group("kind")).upper()
        number, year = m.group("number"), m.group("year") or ""
        label = f"{state} {kind} {number}" + (f" ({year})" if year else "")
        body = _session_body(state, "bill")
        cit = Citation(body, "", (year, kind, number), (), "section", label)
        found.append((m.start(), m.end(), cit))
    return found


def _trailing(text: str, state: str) -> list[tuple[int, int, Citation]]:
    """Citations whose body is named after the number ("20-7-1601, MCA")."""
    found = []
    for body in load_law().bodies:
        for name in body.trailing:
            pattern = rf"(?<![\w.])(?P<sec>{_SECTION[body.numbering]}){_SUBSECTIONS}\s*,\s*{name}\b\.?"
            for m in re.finditer(pattern, text):
                cit = _section_citation(body, "", m.group(0).split(",")[0], "")
                if cit:
                    found.append((m.start(), m.end(), cit))
    return found


def _bare_body_ok(body: Body, text: str, start: int, end: int) -> bool:
    """A body named without a section counts only when written out in full."""
    written = text[start:end]
    named_act = body.is_federal and not body.numbered  # "ESEA", "Perkins V"
    return body.act_only or named_act or (len(written) >= 6 and " " in written.strip())


def parse_citation(
    text: str, state: str = "", default_body: Body | None = None
) -> Citation | None:
    """The first citation in ``text``, or None."""
    found = find_citations(text, state, default_body)
    return found[0] if found else None


def body_for(text: str, state: str = "") -> Body | None:
    """The body of law a text names ("Tex. Educ. Code", "19 TAC"), or None."""
    cit = parse_citation(text, state)
    return cit.body if cit else None


# ---- CiteURL: the fallback for forms the project's templates do not know ----


@functools.cache
def _citator():
    from citeurl import Citator  # imported late: building it takes most of a second

    return Citator()


def _citeurl_citations(text: str) -> list[Citation]:
    """Citations CiteURL finds that the project's templates did not; each keeps its link."""
    if not re.search(r"\d", text):
        return []
    try:
        found = _citator().list_cites(text)
    except Exception:  # noqa: BLE001 - a third-party parser must never break an import
        return []
    out = []
    for cite in found:
        tokens = [str(v) for v in cite.tokens.values() if v]
        body = Body(
            id=f"citeurl:{cite.template.name}",
            jurisdiction="",
            level="",
            name=cite.template.name,
            names=(),
            numbering="flat",
            url=cite.URL or "",
            url_publisher="",
        )
        out.append(
            Citation(body, "", tuple(tokens), (), "section", cite.text or str(cite))
        )
    return out


def citeurl_link(text: str) -> str:
    """CiteURL's link for a citation text, or ""."""
    try:
        cite = _citator().cite(text)
    except Exception:  # noqa: BLE001
        return ""
    return (cite.URL or "") if cite else ""
