"""Text at the boundary: the one cleaning step every typed, pasted or uploaded string passes.

What people send is stored and later written into HTML, Markdown and Word files, whose XML
refuses most control characters. So every input path (forms, paste, CSV/XLSX, YAML/JSON
import, CLI files) calls :func:`clean_text`, and the renderers call it again on what they
print so that text stored before this step existed still renders.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from jinja2 import pass_eval_context
from jinja2.filters import do_join

# Word's soft line break (VT) and a page break copied from a PDF (FF) mean "new line".
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\u2028": "\n"})
# Everything XML 1.0 refuses (its Char production), plus lone surrogates such as the
# "surrogateescape" code points Python makes from undecodable bytes. Tab and LF stay.
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """NFC, every line ending as LF, XML-illegal characters removed (tab and LF kept)."""
    if not value:
        return "" if value is None else value
    if _SURROGATE.search(value):
        # Pairs written as two escapes (JSON's "\ud83d\ude00") become the one character.
        value = value.encode("utf-16-le", "surrogatepass").decode(
            "utf-16-le", "surrogatepass"
        )
    text = value.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    text = _XML_ILLEGAL.sub("", text)
    return unicodedata.normalize("NFC", text)


def clean_deep(value):
    """``value`` with :func:`clean_text` applied to every string inside it.

    Walks dicts (keys too), lists, tuples and dataclass instances; other values are
    returned as they are. Dataclasses are rebuilt with ``dataclasses.replace``.
    """
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_deep(k): clean_deep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_deep(v) for v in value]
    if isinstance(value, tuple):
        return tuple(clean_deep(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: clean_deep(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.init
        }
        return dataclasses.replace(value, **changes)
    return value


@pass_eval_context
def join_items(eval_ctx, value, d: str = "", attribute=None):
    """Jinja's ``join`` for templates, where one text is one item.

    The built-in filter iterates a string letter by letter ("N; o; ; d; e; c; …"), which
    is never what a template means: every template environment uses this one.
    """
    if isinstance(value, str):
        value = [value]
    return do_join(eval_ctx, value, d, attribute)


def counted(n: int, noun: str, plural: str = "") -> str:
    """A count with its noun in the right number: ``counted(1, "rule")`` → "1 rule",
    ``counted(0, "rule")`` → "0 rules", ``counted(2, "child", "children")`` →
    "2 children" (the plural is the noun + "s" unless given)."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


# UTF-8 text once read as Windows-1252 (a CSV opened in the wrong encoding, then saved):
# "â€”" for "—", "Â§" for "§", "Ã©" for "é".
_MOJIBAKE = re.compile(
    "[ÃÂâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def unmangled(value: str) -> str:
    """``value`` with UTF-8 that was read as Windows-1252 put back ("Â§ 49-5-108" →
    "§ 49-5-108"); unchanged when it shows no such pair or does not read back as
    UTF-8 (so "Â" in a real word stays)."""
    if not value or not _MOJIBAKE.search(value):
        return value
    for codec in ("cp1252", "latin-1"):
        try:
            fixed = value.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        return fixed
    return value
