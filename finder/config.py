"""Every setting declared once, read from the environment, and checked at start-up."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """A setting is missing or wrong; the message says how to fix it."""


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    help: str
    kind: type = str


SETTINGS = (
    Setting("FINDER_ENV", "FINDER_ENV", "development or production"),
    Setting(
        "SECRET_KEY",
        "SECRET_KEY",
        "signs sessions and CSRF tokens; required in production",
    ),
    Setting(
        "CATALOG_DIRS",
        "FINDER_CATALOG_DIRS",
        "catalog folders separated by the OS path separator; the shipped "
        "flexibilities/ comes first unless FINDER_CATALOG_REPLACE=1",
        list,
    ),
    Setting(
        "CATALOG_REPLACE", "FINDER_CATALOG_REPLACE", "1: use only CATALOG_DIRS", bool
    ),
    Setting("INDEX_DIR", "FINDER_INDEX_DIR", "where the search index is cached"),
    Setting(
        "DATABASE_URL",
        "DATABASE_URL",
        "SQLAlchemy URL; SQLite under instance/ by default",
    ),
    Setting("PAGE_SIZE", "FINDER_PAGE_SIZE", "search results per page", int),
    Setting(
        "SIGNUPS_PER_HOUR",
        "FINDER_SIGNUPS_PER_HOUR",
        "new accounts one address may create in an hour",
        int,
    ),
    Setting(
        "PUBLIC_URL",
        "FINDER_PUBLIC_URL",
        "address of the site (https://finder.example.org), for every absolute link: the "
        "Atom feed, invitation and reset links; required in production (in development "
        "the address the browser used)",
    ),
    Setting(
        "PROXY_COUNT",
        "FINDER_PROXY_COUNT",
        "how many reverse proxies stand in front of the app (0: none); their "
        "X-Forwarded-For/-Proto/-Host headers are trusted, no others",
        int,
    ),
    Setting(
        "SMTP_HOST",
        "FINDER_SMTP_HOST",
        "mail server for reset links (host[:port]); none by default",
    ),
    Setting("SMTP_FROM", "FINDER_SMTP_FROM", "sender address for mail"),
    Setting(
        "CATALOG_CHECK_SECONDS",
        "FINDER_CATALOG_CHECK_SECONDS",
        "how often a running app looks for changed catalog files (0: never)",
        float,
    ),
)


def defaults(instance_path: str) -> dict:
    """The embedded defaults: nothing to start, everything under instance/."""
    return {
        "FINDER_ENV": "development",
        "SECRET_KEY": None,
        "CATALOG_DIRS": [],
        "CATALOG_REPLACE": False,
        "INDEX_DIR": os.path.join(instance_path, "index"),
        "DATABASE_URL": "sqlite:///" + os.path.join(instance_path, "finder.sqlite3"),
        "PAGE_SIZE": 10,
        "SIGNUPS_PER_HOUR": 10,
        "CATALOG_CHECK_SECONDS": 2.0,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        # A form's own fields may use the whole request: an import preview sends back
        # what it read (Flask's default of 500 kB refused long manuals with a 413).
        "MAX_FORM_MEMORY_SIZE": 2 * 1024 * 1024,
        # …and has five fields per candidate rule, up to 500 of them (default: 1,000 parts)
        "MAX_FORM_PARTS": 6000,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "PUBLIC_URL": "",
        "PROXY_COUNT": 0,
        "SMTP_HOST": "",
        "SMTP_FROM": "",
    }


def _convert(setting: Setting, raw: str):
    if setting.kind is list:
        return [part for part in raw.split(os.pathsep) if part.strip()]
    if setting.kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    try:
        return setting.kind(raw)
    except ValueError as exc:
        raise ConfigError(
            f"{setting.env}={raw!r}: expected {setting.kind.__name__}"
        ) from exc


def from_environment(environ: dict | None = None) -> dict:
    """Settings given in the environment, converted to their types."""
    environ = os.environ if environ is None else environ
    return {s.name: _convert(s, environ[s.env]) for s in SETTINGS if environ.get(s.env)}


def instance_dir() -> Path:
    """Where the embedded defaults keep their files (FINDER_INSTANCE_DIR overrides)."""
    return Path(os.environ.get("FINDER_INSTANCE_DIR") or PROJECT_ROOT / "instance")


def shipped_catalog_dir() -> Path:
    return PROJECT_ROOT / "flexibilities"


def finalize(cfg: dict, instance_path: str) -> None:
    """Fill derived values and refuse unsafe production settings."""
    production = cfg["FINDER_ENV"] == "production"
    if not cfg.get("SECRET_KEY"):
        if production:
            raise ConfigError(
                "SECRET_KEY is not set. In production the secret key must come from the "
                "environment: export SECRET_KEY=$(python -c 'import secrets; "
                "print(secrets.token_hex(32))') and start again."
            )
        cfg["SECRET_KEY"] = _development_secret(Path(instance_path))
    if not cfg.get("PUBLIC_URL") and production:
        raise ConfigError(
            "FINDER_PUBLIC_URL is not set. In production links in the Atom feed and "
            "in invitations are built from it, never from the request's Host "
            "header: export FINDER_PUBLIC_URL=https://finder.example.org"
        )
    cfg["SESSION_COOKIE_SECURE"] = production
    cfg["REMEMBER_COOKIE_SECURE"] = production
    dirs = [str(Path(d)) for d in cfg.get("CATALOG_DIRS") or []]
    if not cfg.get("CATALOG_REPLACE"):
        shipped = str(shipped_catalog_dir())
        dirs = [shipped] + [d for d in dirs if d != shipped]
    cfg["CATALOG_DIRS"] = dirs


def _development_secret(instance: Path) -> str:
    """A random key kept under instance/ so development sessions survive restarts."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(key)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return key
