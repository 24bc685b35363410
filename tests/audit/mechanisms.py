"""Test mechanisms with no law of their own beyond the fields a test gives."""

from __future__ import annotations

import dataclasses

from finder.catalog.model import Provision


def sd_mechanism(
    base,
    id: str,
    kind: str,
    areas=("other",),
    summary: str = "A test mechanism.",
    allows=(),
    cannot_waive=(),
):
    """A South Dakota entry built from any test entry ``base``: only the given fields,
    no citations, examples or scope of its own."""
    return dataclasses.replace(
        base,
        id=id,
        state="SD",
        title=id,
        kind=kind,
        policy_areas=tuple(areas),
        summary=summary,
        allows=tuple(allows),
        citations=(),
        cannot_waive=tuple(Provision(text) for text in cannot_waive),
        examples=(),
        waives=None,
        status="active",
    )
