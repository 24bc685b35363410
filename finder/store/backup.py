"""Backup and restore of the embedded SQLite database, consistent while the app runs."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


class BackupError(RuntimeError):
    """Backup or restore cannot be done; the message says why."""


def sqlite_path(url: str) -> Path:
    if not url.startswith("sqlite:///"):
        raise BackupError(
            "finder backup/restore handle the embedded SQLite database only; "
            "for PostgreSQL use pg_dump and pg_restore."
        )
    return Path(url.split("///", 1)[1])


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # SQLite's online backup: a consistent copy, even mid-write
    finally:
        dst.close()
        src.close()


def backup_sqlite(url: str, target: str | Path) -> None:
    source = sqlite_path(url)
    if not source.exists():
        raise BackupError(f"There is no database at {source} yet.")
    _copy(source, Path(target))


def restore_sqlite(url: str, backup: str | Path) -> None:
    """Copy a backup into a temporary file next to the database, then swap it in."""
    target = sqlite_path(url)
    check = sqlite3.connect(backup)
    try:
        ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{backup} is not a SQLite database: {exc}") from exc
    finally:
        check.close()
    if not ok:
        raise BackupError(f"{backup} failed SQLite's integrity check.")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".restoring")
    tmp.unlink(missing_ok=True)
    _copy(Path(backup), tmp)
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    os.replace(tmp, target)
