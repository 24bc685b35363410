"""Domain synonyms: read the data file and find synonym phrases in a query's words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from finder import yamltext

SYNONYMS_FILE = Path(__file__).with_name("synonyms.yaml")


def phrase_words(phrase: str) -> tuple[str, ...]:
    """Lowercase words of a phrase, hyphens read as spaces: "4-day week" → (4, day, week)."""
    return tuple(w for w in re.split(r"[\s\-]+", phrase.lower()) if w)


@dataclass(frozen=True)
class Synonyms:
    """Groups of equivalent phrases, indexed by their word sequences."""

    groups: tuple[tuple[str, ...], ...]

    @classmethod
    def from_file(cls, path: Path = SYNONYMS_FILE) -> Synonyms:
        data = yamltext.load(path.read_text(encoding="utf-8")) or {}
        groups = tuple(tuple(str(p) for p in group) for group in data.get("groups", []))
        return cls(groups)

    @property
    def lookup(self) -> dict[tuple[str, ...], int]:
        return _lookup(self)

    def find(self, words: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
        """Longest synonym phrases in a word list: (start, end, group), left to right."""
        table = self.lookup
        longest = max((len(k) for k in table), default=0)
        found, i = [], 0
        while i < len(words):
            for size in range(min(longest, len(words) - i), 0, -1):
                group = table.get(tuple(words[i : i + size]))
                if group is not None:
                    found.append((i, i + size, self.groups[group]))
                    i += size
                    break
            else:
                i += 1
        return found


@cache
def _lookup(synonyms: Synonyms) -> dict[tuple[str, ...], int]:
    return {
        phrase_words(p): n for n, group in enumerate(synonyms.groups) for p in group
    }


@cache
def default_synonyms() -> Synonyms:
    return Synonyms.from_file()
