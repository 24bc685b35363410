"""The team activity log reads as sentences: every code the store records has wording."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import finder
from finder.web.activity import SENTENCES, describe

PACKAGE = Path(finder.__file__).parent


def recorded_codes() -> dict[str, str]:
    """Every literal event code passed to the store's ``log`` (code → where)."""
    found: dict[str, str] = {}
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name != "log" or len(node.args) < 4:
                continue
            action = node.args[3]
            for part in ast.walk(action):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    found[part.value] = f"{path.relative_to(PACKAGE)}:{node.lineno}"
    return found


def test_every_recorded_code_has_wording():
    codes = recorded_codes()
    # The scan itself works: it sees codes from the teams, audits and documents stores.
    assert {
        "team.created",
        "member.left",
        "audit.created",
        "document.generated",
    } <= set(codes)
    missing = {code: where for code, where in codes.items() if code not in SENTENCES}
    assert missing == {}, "add wording to finder/web/activity.py for these codes"


@pytest.mark.parametrize(
    ("action", "detail", "sentence"),
    [
        ("team.created", "Mesa ISD", "created the team “Mesa ISD”"),
        (
            "profile.updated",
            "district_name, state, vision",
            "changed the district, the state and the vision in the district profile",
        ),
        (
            "invitation.created",
            "editor ben@example.org",
            "created an invitation link for ben@example.org to join as editor",
        ),
        ("invitation.created", "viewer", "created an invitation link for a new viewer"),
        ("invitation.revoked", "", "withdrew an invitation link"),
        ("member.joined", "ben@example.org as viewer", "joined the team as viewer"),
        (
            "member.role_changed",
            "ben@example.org: viewer → editor",
            "changed the role of ben@example.org from viewer to editor",
        ),
        ("member.removed", "ben@example.org", "removed ben@example.org from the team"),
        ("member.left", "ben@example.org", "left the team"),
        ("audit.created", "Four-day week", "started the audit “Four-day week”"),
        ("audit.deleted", "Four-day week", "deleted the audit “Four-day week”"),
        (
            "document.generated",
            "Four-day week (draft)",
            "generated a draft of the document for “Four-day week”",
        ),
        (
            "document.generated",
            "Week (a) (final)",
            "generated the final version of the document for “Week (a)”",
        ),
    ],
)
def test_codes_read_as_sentences(action, detail, sentence):
    assert describe(action, detail) == sentence


def test_unknown_codes_and_odd_details_still_read():
    assert describe("audit.archived", "Four-day week") == (
        "made a change (audit archived: Four-day week)"
    )
    assert describe("", "") == "made a change (a change)"
    assert describe("member.role_changed", "garbled") == (
        "changed a member's role (garbled)"
    )
    assert describe("document.generated", "") == "generated a version of the document"


def test_team_page_and_log_show_sentences_not_codes(browser):
    browser.signup()
    team_id = browser.create_team("Mesa <ISD>")
    browser.post(
        f"/teams/{team_id}/profile",
        {"name": "Mesa <ISD>", "district_name": "Mesa", "state": "TX"},
    )
    for url in (f"/teams/{team_id}", f"/teams/{team_id}/activity"):
        html = browser.client.get(url).get_data(as_text=True)
        text = BeautifulSoup(html, "html.parser").get_text(" ", strip=True)
        assert "Ana Diaz created the team “Mesa <ISD>”" in text
        assert "changed the district and the state in the district profile" in text
        assert "team.created" not in text
        assert "profile.updated" not in text
        assert "<ISD>" not in html  # escaped
