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
    """One setting: its key in the app's config, the environment variable that sets it
    ("" when only the instance config file or a test may), its type and its default
    (a function of the instance folder where the default lives there)."""

    name: str
    env: str
    help: str
    kind: type = str
    default: object = None

    def default_for(self, instance_path: str):
        value = self.default(instance_path) if callable(self.default) else self.default
        return list(value) if isinstance(value, list) else value


SETTINGS = (
    Setting(
        "FINDER_ENV", "FINDER_ENV", "development or production", str, "development"
    ),
    Setting(
        "SECRET_KEY",
        "SECRET_KEY",
        "signs sessions and CSRF tokens; required in production (in development a "
        "random key kept under instance/)",
    ),
    Setting(
        "CATALOG_DIRS",
        "FINDER_CATALOG_DIRS",
        "catalog folders separated by the OS path separator; the shipped "
        "flexibilities/ comes first unless FINDER_CATALOG_REPLACE=1",
        list,
        [],
    ),
    Setting(
        "CATALOG_REPLACE",
        "FINDER_CATALOG_REPLACE",
        "1: use only CATALOG_DIRS",
        bool,
        False,
    ),
    Setting(
        "INDEX_DIR",
        "FINDER_INDEX_DIR",
        "where the search index is cached",
        str,
        lambda instance: os.path.join(instance, "index"),
    ),
    Setting(
        "DATABASE_URL",
        "DATABASE_URL",
        "SQLAlchemy URL; SQLite under instance/ by default",
        str,
        lambda instance: "sqlite:///" + os.path.join(instance, "finder.sqlite3"),
    ),
    Setting("PAGE_SIZE", "FINDER_PAGE_SIZE", "search results per page", int, 10),
    Setting(
        "SIGNUPS_PER_HOUR",
        "FINDER_SIGNUPS_PER_HOUR",
        "new accounts one address may create in an hour",
        int,
        10,
    ),
    Setting(
        "PUBLIC_URL",
        "FINDER_PUBLIC_URL",
        "address of the site (https://finder.example.org), for every absolute link: the "
        "Atom feed, invitation and reset links; required in production (in development "
        "the address the browser used)",
        str,
        "",
    ),
    Setting(
        "PROXY_COUNT",
        "FINDER_PROXY_COUNT",
        "how many reverse proxies stand in front of the app (0: none); their "
        "X-Forwarded-For/-Proto/-Host headers are trusted, no others",
        int,
        0,
    ),
    Setting(
        "SMTP_HOST",
        "FINDER_SMTP_HOST",
        "mail server for reset links (host[:port]); none by default",
        str,
        "",
    ),
    Setting("SMTP_FROM", "FINDER_SMTP_FROM", "sender address for mail", str, ""),
    Setting(
        "CATALOG_CHECK_SECONDS",
        "FINDER_CATALOG_CHECK_SECONDS",
        "how often a running app looks for changed catalog files (0: never)",
        float,
        2.0,
    ),
    # Fixed by the app (the instance config file or a test may change them).
    Setting("MAX_CONTENT_LENGTH", "", "largest request in bytes", int, 2 * 1024 * 1024),
    Setting(
        "MAX_FORM_MEMORY_SIZE",
        "",
        "bytes a form's own fields may use: the whole request, since an import "
        "preview sends back what it read (Flask's 500 kB refused long manuals)",
        int,
        2 * 1024 * 1024,
    ),
    Setting(
        "MAX_FORM_PARTS",
        "",
        "form fields in one request: five per candidate rule, up to 500 of them",
        int,
        6000,
    ),
    Setting(
        "SESSION_COOKIE_HTTPONLY", "", "scripts cannot read the session", bool, True
    ),
    Setting("SESSION_COOKIE_SAMESITE", "", "session cookie's SameSite", str, "Lax"),
    Setting("REMEMBER_COOKIE_HTTPONLY", "", "scripts cannot read it", bool, True),
    Setting("REMEMBER_COOKIE_SAMESITE", "", "remember cookie's SameSite", str, "Lax"),
)


def defaults(instance_path: str) -> dict:
    """The embedded defaults: nothing to start, everything under instance/."""
    return {s.name: s.default_for(instance_path) for s in SETTINGS}


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
    return {
        s.name: _convert(s, environ[s.env])
        for s in SETTINGS
        if s.env and environ.get(s.env)
    }


def instance_file(instance_path: str) -> dict:
    """Upper-case settings from ``instance/config.py``, if there is one (as Flask's
    ``from_pyfile`` reads it)."""
    path = Path(instance_path) / "config.py"
    if not path.is_file():
        return {}
    namespace: dict = {"__file__": str(path)}
    exec(compile(path.read_bytes(), str(path), "exec"), namespace)  # noqa: S102 - the operator's own file
    declared = {s.name: s for s in SETTINGS}
    out = {}
    for key, value in namespace.items():
        if key.isupper():
            setting = declared.get(key)
            out[key] = _file_value(setting, value, path) if setting else value
    return out


def _file_value(setting: Setting, value, path: Path):
    """A declared setting from the instance file, in its type (a folder list may be
    written as one text, as in the environment)."""
    if value is None or setting.kind is str and isinstance(value, str):
        return value
    if isinstance(value, str):
        return _convert(setting, value)
    if setting.kind is list and isinstance(value, list | tuple):
        return [str(v) for v in value]
    if setting.kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, setting.kind) and not (
        setting.kind is int and isinstance(value, bool)
    ):
        return value
    raise ConfigError(
        f"{path}: {setting.name} = {value!r}: expected {setting.kind.__name__}"
    )


def load(
    instance_path: str | None = None,
    overrides: dict | None = None,
    *,
    serving: bool = True,
) -> dict:
    """Every setting, as the app and the command line both see them: the declared
    defaults, then ``instance/config.py``, then the environment, then ``overrides``
    (a test's config, or command-line options).

    ``serving=False`` (commands that do not serve pages) fills derived values without
    asking for a secret key or a public address.

    :raises ConfigError: a setting is missing or wrong; the message says how to fix it.
    """
    instance = str(instance_path or instance_dir())
    cfg = defaults(instance)
    cfg.update(instance_file(instance))
    cfg.update(from_environment())
    cfg.update(overrides or {})
    if serving:
        finalize(cfg, instance)
    else:
        cfg["CATALOG_DIRS"] = catalog_dirs(cfg)
    return cfg


def instance_dir() -> Path:
    """Where the embedded defaults keep their files (FINDER_INSTANCE_DIR overrides)."""
    return Path(
        os.environ.get("FINDER_INSTANCE_DIR") or PROJECT_ROOT / "instance"
    ).resolve()  # absolute, so the app and every command find the same folder


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
    cfg["CATALOG_DIRS"] = catalog_dirs(cfg)


def catalog_dirs(cfg: dict) -> list[str]:
    """The catalog folders to read: the shipped one first unless CATALOG_REPLACE."""
    dirs = [str(Path(d)) for d in cfg.get("CATALOG_DIRS") or []]
    if not cfg.get("CATALOG_REPLACE"):
        shipped = str(shipped_catalog_dir())
        dirs = [shipped] + [d for d in dirs if d != shipped]
    return dirs


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
