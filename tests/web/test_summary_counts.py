"""The summary counts what the team decided, apart from suggestions, and lists each
open rule once in words (never letter by letter)."""

from __future__ import annotations

import re

from finder.audit.model import AuditData, AuditRule
from finder.audit.rubric import load_rubric
from finder.audit.wizard import progress
from finder.text import join_items
from tests.web.test_audits import audit, soup  # noqa: F401  (fixture)


def test_summary_lists_open_rules_once_in_words(browser, audit):  # noqa: F811
    _, _, base = audit
    page = soup(browser.client.get(base))
    items = page.find("h2", string="What is left to do").find_next("ul").find_all("li")
    assert items
    texts = [li.get_text(" ", strip=True) for li in items]
    assert not any(re.search(r"(\w; ){3}", t) for t in texts)  # "N; o; ; d; …"
    links = [li.find("a")["href"] for li in items]
    assert len(links) == len(set(links))  # each rule once
    assert "no decision recorded yet (suggested:" in texts[0]
    header = page.find(string=re.compile(r"of \d+ rules decided by the team"))
    assert header.strip().startswith("0 of")


def test_progress_counts_decisions_and_suggestions_apart():
    data = AuditData("x", "TX")
    decided = AuditRule("Board policy on bell times", "local_policy")
    decided.decision = "unnecessary_control"
    data.rules += [decided, AuditRule("Special education evaluations", "federal_law")]
    got = progress(data, load_rubric())
    assert (got.total, got.decided) == (2, 1)
    assert dict(got.by_decision) == {"unnecessary_control": 1}
    assert sum(got.suggested.values()) == 1
    [(uid, open_items)] = [q for q in got.open_questions if q[0] == decided.uid]
    assert open_items == (
        "no mechanism chosen to lift it",
        "nobody has checked whether it really binds",
    )


def test_join_treats_one_text_as_one_item():
    from jinja2 import Environment

    env = Environment()
    env.filters["join"] = join_items
    template = env.from_string("{{ value|join('; ') }}")
    assert template.render(value="No decision") == "No decision"
    assert template.render(value=["a", "b"]) == "a; b"
