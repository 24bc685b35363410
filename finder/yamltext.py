"""Reading YAML: plain data only, and a key written twice in one mapping is an error.

PyYAML's ``safe_load`` keeps the last of two equal keys without a word, so a typo that
repeats ``summary:`` or ``title:`` silently drops text. Every YAML the product reads —
the catalog, its data files and uploads — goes through :func:`load` (or a loader
built on :class:`StrictLoader`), which builds only plain data (SafeLoader's
constructors) and refuses repeated keys with both places.
"""

from __future__ import annotations

import yaml
from yaml.constructor import ConstructorError


class _UniqueKeys:
    """Refuses a key repeated in one mapping (mixed into a SafeLoader)."""

    def construct_mapping(self, node, deep=False):
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = key_node.value
            if key in seen and key != "<<":
                raise ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"found {key!r} twice (first on line {seen[key]})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep)


class StrictLoader(_UniqueKeys, yaml.SafeLoader):
    """SafeLoader that refuses a key repeated in one mapping. Pure Python: it reads
    what JSON writers produce, such as a character beyond U+FFFF escaped as a
    surrogate pair ("\\ud83d\\ude00"), which libyaml refuses."""


class FastStrictLoader(_UniqueKeys, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same on libyaml's parser when PyYAML has it (several times faster), for the
    project's own files (the catalog)."""


def load(text: str):
    """The plain data in a YAML text.

    :raises yaml.YAMLError: not YAML, or a key repeated in a mapping (a
        ``MarkedYAMLError`` whose problem says which key and where).
    """
    return yaml.load(text, Loader=StrictLoader)  # noqa: S506 - StrictLoader is a SafeLoader
