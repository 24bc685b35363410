"""Links from a citation to where the law can be read, official publisher first."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

from finder.law.model import Citation

# Hosts whose pages are the legislature's or an official code publisher's own.
OFFICIAL_LAW_HOSTS = (
    ".gov",
    ".state.tx.us",
    "legislature.ky.gov",
    "codes.ohio.gov",
    "ilga.gov",
    "malegislature.gov",
    "flsenate.gov",
    "revisor.mn.gov",
    "revisor.mo.gov",
    "leginfo.legislature.ca.gov",
    "wvlegislature.gov",
    "ncleg.gov",
    "legis.wisconsin.gov",
    "uscode.house.gov",
    "ecfr.gov",
    "ecfr.federalregister.gov",
)


@dataclass(frozen=True)
class Link:
    """A link to a citation's text; ``official`` is False for an unofficial copy."""

    url: str
    official: bool

    @property
    def label(self) -> str:
        return "official text" if self.official else "unofficial copy"


def _official(url: str) -> bool:
    host = (urlparse(url).hostname or "").lower()
    return any(
        host == h.lstrip(".")
        or host.endswith(h if h.startswith(".") else "." + h)
        or host == h
        for h in OFFICIAL_LAW_HOSTS
    )


def _fields(cit: Citation) -> dict[str, str]:
    path = [p for p in cit.path if not p.startswith("(")]
    section = path[-1] if path else ""
    fields = {
        "title": cit.title,
        "chapter": path[0] if path else "",
        "section": section,
    }
    if cit.body.numbering == "ilcs" and cit.title and len(path) >= 2:
        act, _, number = section.partition("/")
        fields["ilcs_doc"] = f"{int(cit.title):04d}{int(act):04d}0K{number}"
    if cit.body.numbering == "chapter_section" and len(path) >= 2:
        fields["ma_path"] = f"Chapter{path[0]}/Section{section.split('§')[-1].strip()}"
    return fields


def link_for(cit: Citation) -> Link | None:
    """The best link for a citation: the body's official URL pattern, else CiteURL's."""
    body = cit.body
    if body.url and cit.unit in {"section", "subsection"} and not cit.upper:
        try:
            url = body.url.format(**_fields(cit))
        except (KeyError, ValueError):
            url = ""
        if url:
            return Link(url, body.url_publisher == "official_law")
    if body.url_chapter and cit.unit == "chapter" and cit.path:
        return Link(body.url_chapter.format(**_fields(cit)), True)
    if body.id.startswith("citeurl:") and body.url:
        return Link(body.url, _official(body.url))
    if body.citeurl and cit.path:
        from finder.law.parse import citeurl_link

        url = citeurl_link(body.citeurl.format(**_fields(cit)))
        if url:
            return Link(url, _official(url))
    return None
