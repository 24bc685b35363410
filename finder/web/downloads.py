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
    """A title as a file-name stem: letters and digits kept (any script), the rest as
    hyphens, at most ``limit`` characters; ``fallback`` when nothing is left."""
    return (
        "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")[:limit]
        or fallback
    )
