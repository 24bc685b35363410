"""Turn a saved state guide or statute web page into draft catalog entries for a curator."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from finder.catalog.schema import blank_entry
from finder.catalog.validate import is_url
from finder.law import find_citations as law_citations
from finder.law.scope import home_body

# Citation shapes found on state pages: federal code, "<Code name> § n", common state
# abbreviations ("KRS 156.108", "C.R.S. 22-32.5-104"), and bare section signs.

# Words that suggest a kind or a policy area, for a first guess the curator corrects.
KIND_HINTS = [
    ("innovation_district", ("district of innovation", "districts of innovation")),
    ("innovation_schools", ("innovation school", "innovation zone")),
    ("seat_time_competency", ("seat time", "competency", "mastery", "proficiency")),
    ("calendar_time", ("calendar", "four-day", "instructional time", "school year")),
    ("staffing_certification", ("certificat", "licens", "permit", "industry expert")),
    ("assessment", ("assessment",)),
    ("pilot_program", ("pilot",)),
    ("grant_program", ("grant",)),
    ("waiver_authority", ("waiver", "waive", "exempt")),
]
AREA_HINTS = [
    ("seat_time", ("seat time", "carnegie", "competency", "mastery", "credit")),
    ("calendar", ("calendar", "four-day", "school year", "start date", "first day")),
    ("instructional_time", ("instructional time", "minutes", "hours of instruction")),
    ("class_size", ("class size",)),
    ("staffing", ("certificat", "licens", "teacher", "staff")),
    ("assessment", ("assessment", "test")),
    ("graduation", ("graduation", "diploma")),
    ("cte", ("career and technical", "cte", "vocational")),
]


@dataclass(frozen=True)
class Section:
    heading: str
    text: str
    links: list[tuple[str, str]]  # (url, link text)


def find_citations(text: str, state: str = "") -> list[str]:
    """Citations in running text, in normal form and order, without duplicates; bare
    section numbers ("§ 12A.004") are read in the state's own code."""
    home = home_body(state.upper()) if state else None
    labels = [c.label for c in law_citations(text, state.upper(), home)]
    return list(dict.fromkeys(labels))


def slugify(text: str) -> str:
    return (
        re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-") or "entry"
    )


def split_sections(html: str, base_url: str | None = None) -> tuple[str, list[Section]]:
    """The page title and its sections: each h2/h3 (or h1) with the text below it."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "noscript"]):
        tag.decompose()
    page_title = " ".join((soup.title.get_text() if soup.title else "").split())
    headings = soup.find_all(["h2", "h3"]) or soup.find_all("h1")
    sections = []
    for heading in headings:
        parts, links = [], []
        for sibling in heading.find_all_next():
            if sibling in headings:
                break
            if sibling.name in {"p", "li", "td", "dd", "blockquote"}:
                parts.append(" ".join(sibling.get_text(" ").split()))
            if sibling.name == "a" and sibling.get("href"):
                url = urljoin(base_url or "", sibling["href"])
                if is_url(url):
                    links.append((url, " ".join(sibling.get_text().split()) or url))
        title = " ".join(heading.get_text(" ").split())
        if title:
            sections.append(Section(title, "\n".join(p for p in parts if p), links))
    return page_title, sections


def _guess(text: str, hints, default: str) -> str:
    lowered = text.lower()
    for value, words in hints:
        if any(w in lowered for w in words):
            return value
    return default


def guess_areas(text: str) -> list[str]:
    """Policy areas a passage's words point to (keys of POLICY_AREAS), ["other"] when
    none does."""
    lowered = text.lower()
    return [a for a, words in AREA_HINTS if any(w in lowered for w in words)] or [
        "other"
    ]


def draft_entries(
    html: str,
    state: str,
    source_name: str,
    page_url: str | None = None,
    today: dt.date | None = None,
) -> dict:
    """Draft catalog data (one entry per section), all unverified, for a curator to finish."""
    today = today or dt.date.today()
    page_title, sections = split_sections(html, page_url)
    entries, seen = [], set()
    for section in sections:
        whole = f"{section.heading}\n{section.text}"
        base = f"{state.lower()}-{slugify(section.heading)}"
        entry_id, n = base, 2
        while entry_id in seen:
            entry_id, n = f"{base}-{n}", n + 1
        seen.add(entry_id)
        sources = [
            {"url": url, "title": title, "accessed": today}
            for url, title in dict(section.links).items()
        ]
        if page_url and is_url(page_url):
            sources.insert(
                0,
                {
                    "url": page_url,
                    "title": page_title or section.heading,
                    "accessed": today,
                },
            )
        first_paragraph = section.text.split("\n", 1)[0][:600]
        # every declared field, empty, then what the page tells: a curator sees all
        # of them and none is left out of the draft
        draft = blank_entry()
        draft.update(
            {
                "id": entry_id,
                "state": state,
                "title": section.heading,
                "kind": _guess(whole, KIND_HINTS, "other"),
                "policy_areas": guess_areas(whole),
                "citations": find_citations(whole, state),
                "summary": first_paragraph or section.heading,
                "sources": sources,
                "effective": None,
                "last_reviewed": today,
                "status": "active",
                "verified": False,
                "official_source": (
                    "Draft: no official source checked yet. Cite the legislature's or "
                    "agency's own page, then remove this line."
                ),
                "note": (
                    f"Draft imported from {source_name} on {today.isoformat()}: check every "
                    "field against the source and rewrite the summary in your own words."
                ),
            }
        )
        entries.append(draft)
    return {"jurisdiction": state, "coded_through": today, "entries": entries}
