"""Backup and restore of the embedded SQLite database, consistent while the app runs."""

from __future__ import annotations

import fcntl
import os
import sqlite3
from pathlib import Path

# Open lock files, one per database this process serves (kept for the process's life).
_HELD: dict[str, int] = {}


class BackupError(RuntimeError):
    """Backup or restore cannot be done; the message says why."""


def sqlite_path(url: str) -> Path:
    if not url.startswith("sqlite:///"):
        raise BackupError(
            "finder backup/restore handle the embedded SQLite database only; "
            "for PostgreSQL use pg_dump and pg_restore."
        )
    return Path(url.split("///", 1)[1])


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def hold_app_lock(url: str) -> None:
    """Mark the embedded database as in use by this process (a shared lock).

    Every app process (each gunicorn worker) holds one; ``finder restore`` needs the
    exclusive lock, so it refuses while any of them runs. The operating system drops
    the lock when the process ends, however it ends.
    """
    if not url.startswith("sqlite:///") or url.endswith(":memory:"):
        return
    path = lock_path(sqlite_path(url))
    if str(path) in _HELD:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_SH)
    _HELD[str(path)] = fd


def _refuse_while_running(database: Path) -> int:
    """The exclusive lock on the database (an open file), or BackupError if the app runs."""
    path = lock_path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise BackupError(
            f"The app is running on {database} (it holds {path.name}). Stop every app "
            "process (finder serve, gunicorn) first, then restore: writes it made after "
            "the restore would otherwise be lost."
        ) from None
    return fd


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
    lock = _refuse_while_running(target)
    try:
        tmp = target.with_suffix(".restoring")
        tmp.unlink(missing_ok=True)
        _copy(Path(backup), tmp)
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        os.replace(tmp, target)
    finally:
        os.close(lock)  # closing the file releases the lock
