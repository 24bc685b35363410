"""Deterministic synthetic catalogs for benchmarks: valid entries with real-looking text."""

from __future__ import annotations

import datetime as dt
import functools
import random
import re
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


_DIGITS = re.compile(r"\d+")


@functools.cache
def _shipped_forms() -> dict[str, tuple[str, ...]]:
    """Each jurisdiction's citations as the shipped catalog writes them."""
    from finder.catalog.loader import read_catalog

    forms: dict[str, list[str]] = {}
    for entry in read_catalog(
        [Path(__file__).resolve().parent.parent / "flexibilities"]
    )[0]:
        forms.setdefault(entry.state, []).extend(entry.citations)
    return {code: tuple(sorted(set(cites))) for code, cites in forms.items()}


def _citation(rng: random.Random, code: str) -> str:
    """A citation in a form the state's own entries use, its numbers drawn anew
    ("Tex. Educ. Code § 12A.004" → "Tex. Educ. Code § 47B.318"); one in ten in the
    made-up shapes below, which the parser does not know (the shipped catalog has
    some too), so reading an unknown form stays part of the build."""
    forms = _shipped_forms().get(code)
    if forms and rng.random() < 0.9:
        return _DIGITS.sub(
            lambda m: str(
                rng.randint(10 ** (len(m.group()) - 1), 10 ** len(m.group()) - 1)
            ),
            rng.choice(forms),
        )
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
        citations=tuple(_citation(rng, code) for _ in range(rng.randint(1, 3))),
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
