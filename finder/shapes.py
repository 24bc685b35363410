"""One way to check plain data read from YAML or JSON against a declared shape.

Every data file the product reads besides the catalog (the rubric, the suggester's
knowledge, the audit design templates) and every uploaded audit is checked here, and
every problem is reported with its place: ``rules[3].answers: expected a mapping``
(a file's problems are prefixed with its name: ``rubric.yaml: questions[2].id: required``).

Shapes:

* ``str`` text; ``bool`` true or false; ``FLAG`` true, false or null; ``DATE`` a date;
  ``ANY`` any value (its reader checks it);
* ``[shape]`` a list of that shape;
* ``{"key": shape, ...}`` a mapping with those keys only: any other key is an
  "unknown field" (a typo is refused, never silently ignored);
* ``{str: shape}`` a mapping of any names to values of that shape;
* :class:`Req` a key that must be there and not empty; :class:`OneOf` a closed list of
  values; :class:`Keys` a mapping whose names come from a closed set; :class:`Open` a
  mapping that keeps keys it does not name, unchecked.

An absent key and a null value are the same (``None``); :class:`Req` refuses both.
With ``coerce``, numbers and dates where text is expected become text (uploads:
``citation: 25.081``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass

FLAG = (bool, type(None))
DATE = dt.date
ANY = object  # any value, checked by whoever reads it


@dataclass(frozen=True)
class Req:
    """A value that must be given (not absent, null, blank text or an empty list)."""

    shape: object
    message: str = "required"


@dataclass(frozen=True)
class OneOf:
    """Text from a closed list; ``message`` may use {value!r} and {allowed}."""

    values: Collection[str]
    message: str = "{value!r} is not one of {allowed}"


@dataclass(frozen=True)
class Keys:
    """A mapping whose names are among ``names`` (a collection, or a function of the
    whole document for names it declares itself), each value of ``shape``."""

    shape: object
    names: Collection[str] | Callable[[object], Collection[str]]
    message: str = "unknown field"


@dataclass(frozen=True)
class Open:
    """A mapping with the keys of ``shape`` checked and any others kept as they are."""

    shape: dict


class DataFileError(ValueError):
    """A data file does not have its declared shape; ``problems`` lists every place."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


_KIND = {list: "a list", dict: "a mapping"}


def _empty(value) -> bool:
    return (
        value is None or value == [] or (isinstance(value, str) and not value.strip())
    )


class _Walk:
    def __init__(self, root, coerce: bool):
        self.root = root
        self.coerce = coerce
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}" if where else message)

    def check(self, value, shape, where: str):
        if isinstance(shape, Req):
            if _empty(value):
                self.fail(where, shape.message)
                return None
            shape = shape.shape
        if value is None or shape is ANY:
            return value
        if shape is str or isinstance(shape, OneOf):
            value = self.text(value, where)
            if (
                isinstance(shape, OneOf)
                and value is not None
                and value not in shape.values
            ):
                allowed = ", ".join(shape.values)
                self.fail(where, shape.message.format(value=value, allowed=allowed))
                return None
            return value
        if shape is bool:
            if isinstance(value, bool):
                return value
            self.fail(where, "expected true or false")
            return None
        if shape is FLAG:
            if isinstance(value, bool):
                return value
            self.fail(where, "expected true, false or null")
            return None
        if shape is DATE:
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                return value
            self.fail(where, "expected a date YYYY-MM-DD")
            return None
        if isinstance(shape, list):
            if not isinstance(value, list):
                self.fail(where, f"expected {_KIND[list]}")
                return None
            return [
                self.check(item, shape[0], f"{where}[{i}]")
                for i, item in enumerate(value)
            ]
        if not isinstance(value, dict):
            self.fail(where, f"expected {_KIND[dict]}")
            return None
        return self.mapping(value, shape, where)

    def text(self, value, where: str):
        if isinstance(value, str):
            return value
        if (
            self.coerce
            and isinstance(value, int | float | dt.date)
            and not isinstance(value, bool)
        ):
            return str(value)
        self.fail(where, "expected text")
        return None

    def mapping(self, value: dict, shape, where: str) -> dict:
        def at(key) -> str:
            return f"{where}.{key}" if where else str(key)

        if isinstance(shape, Keys):
            names = shape.names(self.root) if callable(shape.names) else shape.names
            out = {}
            for key, item in value.items():
                if str(key) not in names:
                    self.fail(at(key), shape.message)
                    continue
                out[str(key)] = self.check(item, shape.shape, at(key))
            return out
        if isinstance(shape, dict) and str in shape:  # a mapping of any names
            return {str(k): self.check(v, shape[str], at(k)) for k, v in value.items()}
        keep = isinstance(shape, Open)
        fields = shape.shape if keep else shape
        out = {}
        for key in value:
            if key not in fields:
                if keep and isinstance(key, str):
                    out[key] = value[key]
                elif not keep:
                    self.fail(at(key), "unknown field")
        for key, sub in fields.items():
            if key in value:
                out[key] = self.check(value[key], sub, at(key))
            elif isinstance(sub, Req):
                self.fail(at(key), sub.message)
        return out


def check(value, shape, where: str = "", *, coerce: bool = False):
    """``(value conformed to shape, problems)``; problems read ``place: what is wrong``."""
    walk = _Walk(value, coerce)
    out = walk.check(value, shape, where)
    return out, walk.problems


def check_file(name: str, value, shape, *, coerce: bool = False):
    """A data file's content conformed to ``shape``.

    :raises DataFileError: every problem, each as ``name: place: what is wrong``.
    """
    out, problems = check(value, Req(shape, "the file is empty"), coerce=coerce)
    if problems:
        raise DataFileError([f"{name}: {p}" for p in problems])
    return out
