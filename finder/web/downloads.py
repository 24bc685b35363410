"""Download names: one Content-Disposition for every download route (RFC 6266)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote


def ascii_filename(filename: str) -> str:
    """A plain-ASCII stand-in for a file name (accents dropped, other letters replaced)."""
    stem, dot, ext = filename.rpartition(".")
    if not dot:
        stem, ext = filename, ""
    flat = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    flat = re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9._-]+", "-", flat)).strip("-.")
    ext = re.sub(r"[^A-Za-z0-9]+", "", ext)
    return (flat or "download") + (f".{ext}" if ext else "")


def attachment(filename: str) -> dict[str, str]:
    """Headers naming a download: an ASCII ``filename`` plus ``filename*`` in UTF-8.

    Header values must be Latin-1 for the WSGI server (gunicorn refuses anything else),
    so a title in Arabic or Chinese reaches the browser only through ``filename*``.
    """
    fallback = ascii_filename(filename)
    value = f'attachment; filename="{fallback}"'
    if fallback != filename:
        value += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return {"Content-Disposition": value}


def slug(title: str, limit: int, fallback: str) -> str:
    """A title as a file-name stem: its words and numbers, lower case, joined by single
    hyphens, in any script; cut at a hyphen to at most ``limit`` characters;
    ``fallback`` when nothing is left.

    "Four-day week: Friday internships, 2027-28" gives
    "four-day-week-friday-internships-2027-28".
    """
    words = "".join(
        c if unicodedata.category(c)[0] in "LNM" else " "
        for c in unicodedata.normalize("NFC", title.lower())
    ).split()
    stem = "-".join(words)
    if len(stem) > limit:
        cut = stem[: limit + 1].rfind("-")
        stem = stem[: cut if cut > 0 else limit]
    return stem or fallback
