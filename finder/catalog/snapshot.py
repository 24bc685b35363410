"""A parsed catalog saved as plain JSON beside the index, so a start skips YAML.

Reading the catalog means parsing YAML and validating every entry; for a thousand
entries that is most of an app's start. What a read produces — valid entries, file
notes and problems — is plain data, so it is written once as JSON (never pickle) and
read back on the next start when it was made from exactly the same inputs: the same
catalog files (their fingerprint), the same host lists, the same loading code and
the same day (validation compares dates with today). Anything else, or a snapshot
that cannot be read, and the catalog is read from its YAML as usual.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import replace
from pathlib import Path

import yaml

from finder.catalog.hosts import SHIPPED_HOSTS
from finder.catalog.loader import FileInfo, Problem, build
from finder.catalog.model import Entry

# Bump when the snapshot's layout changes.
SNAPSHOT_FORMAT = "1"
PREFIX = "catalog-"
KEEP = 2  # snapshots kept per folder: the current one and the one before it

_PACKAGE = Path(__file__).resolve().parents[1]
# The code and data whose change can change what a read of the same files gives.
_INPUTS = ("catalog/*.py", "law/*.py", "law/*.yaml", "yamltext.py")


def _code_digest() -> str:
    digest = hashlib.sha256(yaml.__version__.encode())
    for pattern in _INPUTS:
        for path in sorted(_PACKAGE.glob(pattern)):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    if SHIPPED_HOSTS.is_file():
        digest.update(SHIPPED_HOSTS.read_bytes())
    return digest.hexdigest()


def snapshot_key(fingerprint: str, today: dt.date | None = None) -> str:
    """What a snapshot must have been made from to stand for a read of the catalog."""
    today = today or dt.date.today()
    parts = [SNAPSHOT_FORMAT, fingerprint, today.isoformat(), _code_digest()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def _path(folder: Path, key: str) -> Path:
    return folder / f"{PREFIX}{key}.json"


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def save_snapshot(folder: str | Path, key: str, read_result: tuple) -> None:
    """Write a read's result (entries, file infos, fingerprint, problems) atomically.

    A folder that cannot be written only costs the next start its shortcut.
    """
    entries, infos, fingerprint, problems = read_result
    data = {
        "key": key,
        "fingerprint": fingerprint,
        "entries": [[e.to_dict(), e.origin] for e in entries],
        "files": [
            [i.path, i.jurisdiction, _plain(i.coded_through), i.notes, list(i.checked)]
            for i in infos
        ],
        "problems": [
            [p.file, p.line, p.entry_id, p.field, p.message, p.column, p.severity]
            for p in problems
        ],
    }
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=".snapshot-", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, _path(folder, key))
    except OSError:
        return
    _remove_old(folder, keep=_path(folder, key))


def load_snapshot(folder: str | Path, key: str) -> tuple | None:
    """The saved result for this key, or None when there is none or it cannot be read."""
    path = _path(Path(folder), key)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["key"] != key:
            return None
        entries = [
            replace(build(Entry, raw), origin=origin) for raw, origin in data["entries"]
        ]
        infos = [
            FileInfo(p, j, dt.date.fromisoformat(c) if c else None, n, tuple(checked))
            for p, j, c, n, checked in data["files"]
        ]
        problems = [Problem(*row) for row in data["problems"]]
        return entries, infos, data["fingerprint"], problems
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _remove_old(folder: Path, keep: Path) -> None:
    """Delete all but the newest few snapshots (running processes may still want one)."""
    try:
        found = sorted(
            (p for p in folder.glob(f"{PREFIX}*.json") if p != keep),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in found[KEEP - 1 :]:
            old.unlink(missing_ok=True)
    except OSError:
        return
