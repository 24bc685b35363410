"""Citations as data: a body of law, a place in it, and what lies within what."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

SOURCE_OF_LEVEL = {
    "state_statute": "state",
    "state_rule": "state",
    "federal_statute": "federal",
    "federal_regulation": "federal",
}


@dataclass(frozen=True)
class Body:
    """A body of law the parser knows (one entry of ``bodies.yaml``)."""

    id: str
    jurisdiction: str  # postal code, DC or US
    level: str  # state_statute | state_rule | federal_statute | federal_regulation
    name: str  # prefix of the normal form, e.g. "Tex. Educ. Code"
    names: tuple[str, ...]  # regular expressions for the prefixes people type
    numbering: str = "dotted"  # dotted | dashed | colon | flat | ilcs | chapter_section
    numbered: bool = False  # a title number stands before the name ("19 TAC")
    act_only: bool = False  # a named act cited as a whole ("IDEA", "Title IX")
    url: str = ""
    url_chapter: str = ""
    url_publisher: str = ""
    citeurl: str = ""  # a form CiteURL understands, for a link when ``url`` is empty
    sign: str = "§"  # what stands before a section number in the normal form
    chapter_word: str = (
        "ch."  # how the normal form names a chapter ("c." in Massachusetts)
    )
    trailing: tuple[str, ...] = ()  # names written after the number ("20-7-101, MCA")
    # where a federal act stands in the U.S. Code as a whole: (title, first, last
    # section), so "Perkins V" contains 20 U.S.C. § 2354
    usc: tuple[str, ...] = ()
    # names that do not say their jurisdiction ("State Board Rule", "Education Law",
    # "G.S."): read only in a text of the body's own state, or of no known state
    home_names: tuple[str, ...] = ()

    @property
    def is_federal(self) -> bool:
        return self.jurisdiction == "US"


_KEY_PART = re.compile(r"([.\-:/ ]?)(\d*)([A-Za-z½]*)")


def section_key(number: str) -> tuple:
    """A sort key for section numbers as statutes order them.

    After a dot the digits are a decimal fraction, so Texas's 25.0811 falls between
    25.081 and 25.082; after a dash or colon they are whole numbers, so C.R.S.
    22-32-99 comes before 22-32-109. Letters follow digits (12A after 12).
    """
    key: list[tuple] = []
    for sep, digits, letters in _KEY_PART.findall(number):
        if not digits and not letters:
            continue
        if sep == ".":
            key.append((1, 0, digits, letters.lower()))
        else:
            key.append((0, int(digits) if digits else -1, "", letters.lower()))
    return tuple(key)


@dataclass(frozen=True)
class Citation:
    """One place in a body of law, in normal form.

    ``path`` runs from the coarsest unit to the finest, each item the number as
    printed: Tex. Educ. Code § 25.0811(a) → ("25", "25.0811", "(a)"); C.R.S.
    22-32-109 → ("22", "22-32", "22-32-109"); a chapter is a shorter path. A
    range (§§ 25.081–25.084) keeps its upper bound in ``upper`` (same depth).
    An empty path is the whole body ("Tex. Educ. Code", "IDEA").
    """

    body: Body
    title: str = ""  # the title number of a numbered body ("19" in 19 TAC)
    path: tuple[str, ...] = ()
    upper: tuple[str, ...] = ()
    unit: str = "section"  # code | title | chapter | subchapter | section | subsection
    label: str = ""
    qualifier: str = ""  # "subch. B": narrows a chapter without a known range
    alias: tuple[Citation, ...] = field(default=(), compare=False, hash=False)

    @property
    def jurisdiction(self) -> str:
        return self.body.jurisdiction

    @property
    def level(self) -> str:
        return self.body.level

    def __str__(self) -> str:
        return self.label

    def contains(self, other: Citation) -> bool:
        """True when ``other`` lies within this citation (a section in its chapter,
        a subsection in its section, a section in a range); equal citations contain
        each other. Equivalent forms (ESEA § 8401 = 20 U.S.C. § 7861) are compared too.
        """
        mine = (self, *self.alias)
        theirs = (other, *other.alias)
        return any(_contains(a, b) for a in mine for b in theirs)

    def overlaps(self, other: Citation) -> bool:
        """True when either citation contains the other."""
        return self.contains(other) or other.contains(self)


def _contains(outer: Citation, inner: Citation) -> bool:
    if outer.body.id != inner.body.id:
        return False
    if outer.title and outer.title != inner.title:
        return False
    if not outer.title and not outer.path:
        return True  # the whole body
    depth = len(outer.path)
    if len(inner.path) < depth:
        return False
    if outer.qualifier:
        # "ch. 29, subch. B" holds a section only where the section is known to be in B.
        return inner.qualifier == outer.qualifier and inner.path[:depth] == outer.path
    if not outer.upper:
        return inner.path[:depth] == outer.path
    if inner.path[: depth - 1] != outer.path[:-1]:
        return False
    value = section_key(inner.path[depth - 1])
    return section_key(outer.path[-1]) <= value <= section_key(outer.upper[-1])


def _key_part(text: str) -> str:
    return "_".join(text.split())


def containment_keys(cit: Citation) -> list[str]:
    """Index keys for a citation: one per unit it lies in, coarse to fine.

    R.C. 3313.603(J) → oh-rc~~3313, oh-rc~~3313/3313.603, oh-rc~~3313/3313.603/(J).
    A search for any of these units finds it. A range keeps the units above it.
    """
    head = f"{cit.body.id}~{_key_part(cit.title)}~"
    path = cit.path[:-1] if cit.upper else cit.path
    keys = [
        head + "/".join(_key_part(p) for p in path[: i + 1]) for i in range(len(path))
    ]
    return keys or [head]


def query_keys(cit: Citation) -> list[str]:
    """Keys a search for this citation looks for: the citation itself and, for a
    subsection, the section that holds it (never the chapter around a section)."""
    head = f"{cit.body.id}~{_key_part(cit.title)}~"
    if cit.upper:
        return containment_keys(cit)[-1:]
    sections = len([p for p in cit.path if not p.startswith("(")])
    depth = max(sections, 1) if cit.path else 0
    return [
        head + "/".join(_key_part(p) for p in cit.path[:i])
        for i in range(depth, len(cit.path) + 1)
    ] or [head]


def section_of(cit: Citation) -> Citation:
    """The section a subsection lies in (Tex. Educ. Code § 25.0811(a) → § 25.0811);
    any other citation as it is. Equivalent forms (``alias``) are cut the same way."""
    subs = tuple(p for p in cit.path if p.startswith("("))
    if not subs or cit.upper:
        return cit
    suffix = "".join(subs)
    return replace(
        cit,
        path=cit.path[: len(cit.path) - len(subs)],
        unit="section",
        label=cit.label.replace(suffix, ""),
        alias=tuple(section_of(a) for a in cit.alias),
    )
