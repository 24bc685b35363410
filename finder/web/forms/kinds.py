"""What kind of control each posted field name was, read from the form classes.

The page that gives an expired form back (see ``finder.web.errors``) knows only the
posted names and values. It asks here which names are hidden machine fields, which are
tick boxes, and which are closed choices (with their labels), so a person sees the same
kind of control they filled in: a choice list stays a choice list, never a free text box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
)
from wtforms.fields.core import UnboundField

# Names that pages write by hand (not through a form class): rows of an import preview
# carry a number (``source_level-3``), a field list carries its place (``metrics-0-area``).
_NUMBERED = re.compile(r"^(?:[a-z_]+-\d+-)?(?P<base>[a-z_]+?)(?:-\d+)?$")
# Hidden inputs written straight into templates, outside any form class.
TEMPLATE_HIDDEN = frozenset(
    {"direction", "next_rule", "next", "status", "detail", "format", "e", "s"}
)
# Tick boxes written straight into templates (import previews, bulk confirmation).
TEMPLATE_TICKS = frozenset({"include", "skip", "rule", "mechanisms"})


@dataclass(frozen=True)
class FieldKinds:
    """Posted field names by kind: ``hidden`` and ``ticks`` are sets of base names,
    ``choices`` maps a base name to its ``[(value, label), …]``, ``labels`` a base name
    to the label its form shows."""

    hidden: frozenset[str]
    ticks: frozenset[str]
    choices: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def label_of(self, name: str) -> str:
        """The form's own label, with the row for numbered names ("Policy area, row 4")."""
        base = base_name(name)
        label = self.labels.get(base) or base.replace("_", " ").capitalize()
        row = re.search(r"-(\d+)(?:-|$)", name)
        return f"{label}, row {int(row.group(1)) + 1}" if row else label

    def kind_of(self, name: str) -> tuple[str, list[tuple[str, str]]]:
        """``("hidden"|"tick"|"choice"|"text", choices)`` for a posted name."""
        base = base_name(name)
        if name in self.hidden:
            return "hidden", []
        if base in self.ticks:
            return "tick", []
        if base in self.choices:
            return "choice", self.choices[base]
        return "text", []


def base_name(name: str) -> str:
    """``source_level-3`` → ``source_level``; ``metrics-0-area`` → ``area``."""
    found = _NUMBERED.match(name)
    return found.group("base") if found else name


def _form_classes() -> list[type]:
    # Importing the form modules registers their classes as subclasses of FlaskForm.
    from finder.web.forms import accounts, audits, search, teams  # noqa: F401

    seen, todo = [], [FlaskForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.append(sub)
                todo.append(sub)
    return seen


def _static_choices(unbound: UnboundField) -> list[tuple[str, str]]:
    choices = unbound.kwargs.get("choices")
    if choices is None and len(unbound.args) > 1:
        choices = unbound.args[1]
    if not isinstance(choices, (list, tuple)):
        return []
    pairs = []
    for choice in choices:
        if hasattr(choice, "value"):  # wtforms SelectChoice
            value, label = choice.value, choice.label
        elif isinstance(choice, (list, tuple)):
            value, label = choice[0], choice[-1]
        else:
            value = label = choice
        pairs.append((str(value), str(label)))
    return pairs


@cache
def field_kinds() -> FieldKinds:
    """Every form class's fields, by kind (computed once per process)."""
    hidden, ticks, choices, labels = set(TEMPLATE_HIDDEN), set(TEMPLATE_TICKS), {}, {}
    for cls in _form_classes():
        for name in dir(cls):
            unbound = getattr(cls, name, None)
            if not isinstance(unbound, UnboundField):
                continue
            kind = unbound.field_class
            label = unbound.kwargs.get("label") or (unbound.args or [None])[0]
            if isinstance(label, str) and label:
                labels.setdefault(name, label)
            if issubclass(kind, HiddenField):
                hidden.add(name)
            elif issubclass(kind, BooleanField):
                ticks.add(name)
            elif issubclass(kind, (SelectField, RadioField)) and not issubclass(
                kind, SelectMultipleField
            ):
                pairs = _static_choices(unbound)
                if pairs:
                    choices.setdefault(name, pairs)
    return FieldKinds(frozenset(hidden), frozenset(ticks), choices, labels)
