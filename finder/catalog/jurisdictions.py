"""U.S. jurisdictions: postal codes, names and the abbreviations people type."""

from __future__ import annotations

NAMES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas",
    "CA": "California", "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware",
    "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii",
    "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah",
    "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "US": "Federal",
}  # fmt: skip

# Other names people use for a jurisdiction (lowercase, as typed).
ALIASES = {
    "washington dc": "DC", "washington d.c.": "DC", "d.c.": "DC",
    "federal": "US", "u.s.": "US", "usa": "US", "united states": "US",
    "ala.": "AL", "ariz.": "AZ", "ark.": "AR", "calif.": "CA", "cal.": "CA",
    "colo.": "CO", "conn.": "CT", "del.": "DE", "fla.": "FL", "ga.": "GA",
    "ill.": "IL", "ind.": "IN", "kan.": "KS", "kans.": "KS", "ky.": "KY",
    "la.": "LA", "md.": "MD", "mass.": "MA", "mich.": "MI", "minn.": "MN",
    "miss.": "MS", "mo.": "MO", "mont.": "MT", "neb.": "NE", "nebr.": "NE",
    "nev.": "NV", "n.h.": "NH", "n.j.": "NJ", "n.m.": "NM", "n.y.": "NY",
    "n.c.": "NC", "n.d.": "ND", "okla.": "OK", "ore.": "OR", "pa.": "PA",
    "penn.": "PA", "r.i.": "RI", "s.c.": "SC", "s.d.": "SD", "tenn.": "TN",
    "tex.": "TX", "vt.": "VT", "va.": "VA", "wash.": "WA", "w.va.": "WV",
    "wis.": "WI", "wisc.": "WI", "wyo.": "WY",
}  # fmt: skip

# Two-letter codes that are also everyday words: understood as a state only when
# typed in capitals ("IN", "OR"), never in lowercase ("in", "or").
WORDLIKE_CODES = {
    "AL",
    "DE",
    "HI",
    "ID",
    "IN",
    "LA",
    "MA",
    "ME",
    "OH",
    "OK",
    "OR",
    "PA",
}

CODES = frozenset(NAMES)


def name(code: str) -> str:
    """The jurisdiction's name for a postal code ("TX" → "Texas")."""
    return NAMES.get(code.upper(), code)


def is_code(code: str) -> bool:
    return code.upper() in CODES


def sort_key(code: str) -> tuple[int, str]:
    """States and DC by name, federal last."""
    return (1 if code == "US" else 0, name(code))
