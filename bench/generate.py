"""Deterministic synthetic catalogs for benchmarks: valid entries with real-looking text."""

from __future__ import annotations

import datetime as dt
import functools
import random
from pathlib import Path

import yaml

from finder.catalog import KINDS, POLICY_AREAS, Catalog
from finder.catalog.jurisdictions import NAMES
from finder.catalog.model import Entry, Example, Provision, Source
from finder.catalog.schema import optional_defaults

CODES = [c for c in NAMES if c != "US"]
SUBJECTS = [
    "minimum minutes of instruction", "the uniform start date", "class size limits", "teacher certification",
    "seat time for course credit", "the Carnegie unit", "the school calendar", "a four-day school week",
    "industry experts teaching career and technical courses", "competency-based credit", "innovation zones",
    "performance assessments", "graduation course requirements", "instructional hours", "dual enrollment",
    "work-based learning", "personalized learning plans", "multi-age classrooms", "virtual instruction",
    "staffing ratios", "school improvement plans", "the length of the school day", "planning time",
]  # fmt: skip
VERBS = [
    "waive",
    "modify",
    "replace",
    "exempt a district from",
    "allow alternatives to",
    "relax",
]
BODIES = [
    "state board of education",
    "commissioner of education",
    "local board of trustees",
    "department of education",
    "legislature",
]
FILLER = (
    "The district must hold a public hearing, post the plan online and report results each year. "
    "Approval depends on a replacement plan that shows how the rule's purpose is still met, "
    "with measurable goals for attendance, achievement and graduation. "
)


@functools.cache
def _state_bodies() -> dict[str, tuple]:
    """Each state's bodies of statutes and rules, as the citation parser knows them."""
    from finder.law import load_law

    found: dict[str, list] = {}
    for body in load_law().bodies:
        if body.level in ("state_statute", "state_rule") and not body.act_only:
            found.setdefault(body.jurisdiction, []).append(body)
    return {code: tuple(bodies) for code, bodies in found.items()}


def _real_form(own: random.Random, code: str) -> str | None:
    """A citation in the normal form of one of the state's bodies of law, numbered the
    way that body nests its sections ("C.R.S. § 22-7-104", "19 TAC § 12.345")."""
    bodies = _state_bodies().get(code)
    if not bodies:
        return None
    body = own.choice(bodies)
    a, b, c = own.randint(1, 60), own.randint(1, 999), own.randint(1, 99)
    prefix = f"{own.randint(1, 40)} {body.name}" if body.numbered else body.name
    return {
        "dotted": f"{prefix} § {a}.{b:03d}",
        "dashed": f"{prefix} § {a}-{c}-{b}",
        "ilcs": f"{a} ILCS 5/{c}-{b}",
        "chapter_section": f"{prefix} c. {a}, § {b}",
    }.get(body.numbering, f"{prefix} § {b}")


def _citation(rng: random.Random, code: str, seed: str) -> str:
    """Nine citations in ten in the normal form of one of the state's bodies of law
    (drawn from their own generator, seeded by ``seed``, so every other field of an
    entry is what it always was); the rest, and states without a known body, in the
    made-up shapes below, which the parser does not know, so reading an unknown form
    (the shipped catalog has some) stays part of the build."""
    made_up = _made_up_citation(rng, code)
    own = random.Random(seed)
    if own.random() < 0.9:
        return _real_form(own, code) or made_up
    return made_up


def _made_up_citation(rng: random.Random, code: str) -> str:
    style = rng.randrange(4)
    chapter, section = rng.randint(1, 60), rng.randint(1, 999)
    if style == 0:
        return (
            f"{code} Educ. Code § {chapter}{rng.choice(['', 'A', 'B'])}.{section:03d}"
        )
    if style == 1:
        return f"{rng.randint(10, 30)}-{chapter}.{rng.randint(1, 9)}-{section}"
    if style == 2:
        return f"{code} Admin. Code r. {rng.randint(100, 999)}-{chapter}-{section}"
    return f"§ {rng.randint(1000, 9999)}"


def make_entry(rng: random.Random, n: int) -> Entry:
    code = rng.choice(CODES)
    subject, verb, body = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(BODIES)
    words = rng.randint(200, 600)
    text = (
        f"This mechanism lets the {body} {verb} {subject} for districts that show a plan. "
        + FILLER
    ) * (words // 60 + 1)
    today = dt.date(2026, 11, 1)
    return Entry(
        id=f"{code.lower()}-bench-{n}",
        state=code,
        title=f"{NAMES[code]} flexibility {n}: {verb} {subject}",
        kind=rng.choice(list(KINDS)),
        policy_areas=tuple(rng.sample(list(POLICY_AREAS), rng.randint(1, 3))),
        citations=tuple(
            _citation(rng, code, f"{n}-{i}") for i in range(rng.randint(1, 3))
        ),
        summary=f"Lets the {body} {verb} {subject}. " + FILLER[:160],
        allows=(
            f"{verb.capitalize()} {subject}",
            f"Set a local calendar for {subject}",
        ),
        eligibility="Districts with an acceptable rating.",
        activation=("Board resolution", "Public hearing", "Submit the plan"),
        approver=body.capitalize(),
        term="Up to five years, renewable.",
        public_process=("Public hearing", "30-day posting"),
        application_fields=("Rationale", "Replacement plan", "Measurable goals"),
        cannot_waive=tuple(
            Provision(t)
            for t in ("Special education", "Health and safety", "State assessments")
        ),
        examples=(
            Example(f"Example District {n}", "Used it.", "https://example.org/example"),
        ),
        related=(),
        sources=(
            Source(
                f"https://example.org/{code.lower()}/{n}",
                f"Source {n}",
                today,
                "secondary",
            ),
        ),
        effective=None,
        last_reviewed=today - dt.timedelta(days=rng.randint(0, 900)),
        status="active",
        verified=False,
        note=text[: words * 6],
        official_source="Synthetic benchmark entry: no official page exists.",
    )


def make_catalog(size: int, seed: int = 7) -> Catalog:
    """The same catalog for the same size and seed, every time."""
    rng = random.Random(seed)
    entries = [make_entry(rng, n) for n in range(size)]
    return Catalog(entries, fingerprint=f"bench-{size}-{seed}")


def write_yaml(catalog: Catalog, folder: Path) -> None:
    """Write the catalog as YAML files that `finder validate` accepts."""
    folder.mkdir(parents=True, exist_ok=True)
    by_state: dict[str, list[dict]] = {}
    for entry in catalog.entries:
        data = entry.to_dict()
        # optional fields left at their defaults are left out, as a curator would
        for name, default in optional_defaults().items():
            if data[name] == (list(default) if isinstance(default, tuple) else default):
                del data[name]
        by_state.setdefault(entry.state, []).append(data)
    for code, entries in by_state.items():
        (folder / f"{code.lower()}.yaml").write_text(
            yaml.safe_dump({"jurisdiction": code, "entries": entries}, sort_keys=False)
        )
