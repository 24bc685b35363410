"""Audit data files (rubric, knowledge) read once, and again only when a file changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from finder import yamltext

T = TypeVar("T")
_CACHE: dict[tuple[str, Callable], tuple[int, object]] = {}


def load_cached(path: Path, build: Callable[[object], T]) -> T:
    """``build(parsed YAML)`` for a file, reused until the file's modification time changes."""
    stamp = path.stat().st_mtime_ns
    key = (str(path), build)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]  # type: ignore[return-value]
    value = build(yamltext.load(path.read_text(encoding="utf-8")))
    _CACHE[key] = (stamp, value)
    return value


def folder_stamp(folder: str | Path) -> tuple[tuple[str, int], ...]:
    """The YAML files of a folder with their modification times, in name order: the
    key under which a folder's parsed files are kept until one changes."""
    return tuple(
        (str(p), p.stat().st_mtime_ns) for p in sorted(Path(folder).glob("*.yaml"))
    )
