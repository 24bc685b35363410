"""Cost growth of the audit paths: matching, the suggester and the review table; and
of the barriers report over published audits.

Each audit path runs on 50 and on 500 rules made from the labelled rules in tests/data
(suggest_set and relevance_set), varied so that no two rules are the same text. The
barriers report runs on 100 and on 1,000 publications made from the twelve sample
audits (tests/data/published_sample.yaml), each its own team. The figure is the ratio
of the two times: near-linear growth keeps it near 10.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from finder.audit.decisions import review_rows
from finder.audit.law_eval import load_labelled
from finder.audit.matching import match_mechanisms
from finder.audit.model import AuditData, AuditRule
from finder.audit.suggester import RuleInput, classify
from finder.learning.barriers import build_barriers, rule_key
from tests.learning.sample import sample_publications

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SMALL, LARGE = 50, 500
PUBLISHED_SMALL, PUBLISHED_LARGE = 100, 1000
# Words a team might add to a rule; they vary the text without changing its subject.
VARIANTS = [
    "",
    " for every grade",
    " at the high school",
    " in each building",
    " during the school year",
    " for all students",
    " as the district reads it",
    " under the current schedule",
]


def labelled_rules() -> list[dict]:
    return load_labelled(DATA / "suggest_set") + load_labelled(DATA / "relevance_set")


def make_rules(base: list[dict], count: int) -> list[dict]:
    """``count`` rules spread evenly over ``base`` (every state and level, not the first
    files only), cycling through it with different added words on each pass."""
    rules = []
    for n in range(count):
        position = n * len(base) / count if count <= len(base) else n
        raw = base[int(position) % len(base)]
        variant = VARIANTS[(n // len(base)) % len(VARIANTS)]
        rules.append(
            {
                "text": str(raw.get("text", "")) + variant,
                "source_level": raw.get("source_level") or "unknown",
                "citation": str(raw.get("citation") or ""),
                "policy_area": raw.get("policy_area") or "other",
                "state": raw.get("state") or "",
            }
        )
    return rules


def _match(rules, catalog):
    for r in rules:
        match_mechanisms(
            RuleInput(r["text"], r["source_level"], r["citation"], r["state"]),
            r["policy_area"],
            catalog,
        )


def _classify(rules, catalog):
    for r in rules:
        classify(
            RuleInput(r["text"], r["source_level"], r["citation"], r["state"]), catalog
        )


def _review(rules, catalog):
    data = AuditData("Growth", "TX", "Bench ISD")
    data.rules = [
        AuditRule(r["text"], r["source_level"], r["citation"], r["policy_area"])
        for r in rules
    ]
    review_rows(data, catalog)


PATHS = {"match": _match, "classify": _classify, "review_rows": _review}


def make_publications(count: int) -> list:
    """``count`` publications cycling through the sample, each its own team, the rule
    words different in every publication (citations stay: they are what the report
    groups by), so no parse is reused from another publication's rule."""
    base = sample_publications()
    out = []
    for n in range(count):
        pub = base[n % len(base)]
        variant = VARIANTS[(n // len(base)) % len(VARIANTS)] + f" (case {n + 1})"
        rules = tuple(replace(r, text=r.text + variant) for r in pub.case.rules)
        out.append(
            replace(pub, id=n + 1, team=n + 1, case=replace(pub.case, rules=rules))
        )
    return out


def _published(publications, catalog=None):
    rule_key.cache_clear()  # each run parses its citations, as a fresh server would
    for state in ("", "TX", "CO", "KY"):
        build_barriers(publications, state)


def _once(fn, rules, catalog) -> float:
    t = time.perf_counter()
    fn(rules, catalog)
    return time.perf_counter() - t


def bench_growth(catalog, log, rounds: int = 3) -> dict:
    """Small and large runs interleaved (both see the same load on a shared machine);
    each time is the best of ``rounds``."""
    base = labelled_rules()
    small, large = make_rules(base, SMALL), make_rules(base, LARGE)
    result = {"rules_available": len(base)}
    for name, fn in PATHS.items():
        fn(small, catalog)  # warm: knowledge, rubric, patterns
        smalls, larges = [], []
        for _ in range(rounds):
            smalls.append(_once(fn, small, catalog))
            larges.append(_once(fn, large, catalog))
        t_small, t_large = min(smalls), min(larges)
        result[name] = {
            f"s_{SMALL}": round(t_small, 4),
            f"s_{LARGE}": round(t_large, 4),
            "ratio": round(t_large / max(t_small, 1e-6), 2),
        }
    small, large = (
        make_publications(PUBLISHED_SMALL),
        make_publications(PUBLISHED_LARGE),
    )
    _published(small)
    smalls = [_once(_published, small, None) for _ in range(rounds)]
    larges = [_once(_published, large, None) for _ in range(rounds)]
    t_small, t_large = min(smalls), min(larges)
    result["published"] = {
        f"s_{PUBLISHED_SMALL}": round(t_small, 4),
        f"s_{PUBLISHED_LARGE}": round(t_large, 4),
        "ratio": round(t_large / max(t_small, 1e-6), 2),
    }
    log(f"growth: {result}")
    return result
