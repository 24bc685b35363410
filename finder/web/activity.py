"""Team activity in plain words: each recorded event code read as a sentence.

The store keeps a short code (``team.created``) and a detail string per event; this
module turns the pair into what a person did ("created the team “Mesa ISD”"). Sentences
start with a verb so a page can put the person's name in front.
"""

from __future__ import annotations

import re
from collections.abc import Callable

PROFILE_FIELDS = {
    "name": "the team name",
    "district_name": "the district",
    "state": "the state",
    "size": "the size",
    "demographics": "the demographics",
    "vision": "the vision",
}


def _quoted(detail: str) -> str:
    return f" “{detail}”" if detail else ""


def _listed(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _profile(detail: str) -> str:
    fields = [f.strip() for f in detail.split(",") if f.strip()]
    if not fields:
        return "updated the district profile"
    named = [PROFILE_FIELDS.get(f, f.replace("_", " ")) for f in fields]
    return f"changed {_listed(named)} in the district profile"


def _invited(detail: str) -> str:
    role, _, email = detail.partition(" ")
    if not role:
        return "created an invitation link"
    if email:
        return f"created an invitation link for {email} to join as {role}"
    return f"created an invitation link for a new {role}"


def _revoked(detail: str) -> str:
    if detail:
        return f"withdrew the invitation for {detail}"
    return "withdrew an invitation link"


def _joined(detail: str) -> str:
    role = re.search(r" as (\w+)$", detail)
    return f"joined the team as {role[1]}" if role else "joined the team"


def _role_changed(detail: str) -> str:
    change = re.fullmatch(r"(.+): (\w+) → (\w+)", detail)
    if change is None:
        return "changed a member's role" + (f" ({detail})" if detail else "")
    email, old, new = change.groups()
    return f"changed the role of {email} from {old} to {new}"


def _removed(detail: str) -> str:
    return f"removed {detail} from the team" if detail else "removed a member"


def _generated(detail: str) -> str:
    # The detail reads "Audit title (draft)" or "Audit title (final)".
    found = re.fullmatch(r"(.*) \((draft|final)\)", detail, flags=re.S)
    title, status = found.groups() if found else (detail, "")
    what = {"draft": "a draft of", "final": "the final version of"}.get(status, "")
    sentence = f"generated {what or 'a version of'} the document"
    return f"{sentence} for{_quoted(title)}" if title else sentence


SENTENCES: dict[str, Callable[[str], str]] = {
    "team.created": lambda d: "created the team" + _quoted(d),
    "profile.updated": _profile,
    "invitation.created": _invited,
    "invitation.revoked": _revoked,
    "member.joined": _joined,
    "member.role_changed": _role_changed,
    "member.removed": _removed,
    "member.left": lambda d: "left the team",
    "audit.created": lambda d: "started the audit" + _quoted(d),
    "audit.imported": lambda d: "imported the audit" + _quoted(d),
    "audit.deleted": lambda d: "deleted the audit" + _quoted(d),
    "document.generated": _generated,
    "audit.published": lambda d: "published the outcome of the audit" + _quoted(d),
    "audit.republished": lambda d: (
        "published again the outcome of the audit" + _quoted(d)
    ),
    "audit.unpublished": lambda d: "unpublished the outcome of the audit" + _quoted(d),
}


def describe(action: str, detail: str = "") -> str:
    """What someone did, in words, from an activity code and its detail.

    A code without wording (a newer version's, or one not yet described) still reads
    as a sentence and never hides the detail.
    """
    detail = (detail or "").strip()
    sentence = SENTENCES.get(action)
    if sentence is not None:
        return sentence(detail)
    words = re.sub(r"[._]+", " ", action or "").strip() or "a change"
    return f"made a change ({words}{': ' + detail if detail else ''})"
