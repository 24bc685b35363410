"""Schema migrations with Alembic: upgrade, and a check that the database is current."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError

from finder.store.db import make_engine

MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseBehind(RuntimeError):
    """The database schema is older than the code; the message says how to upgrade."""


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


@dataclass(frozen=True)
class Upgraded:
    """What an upgrade did: the schema revision before and after, and where."""

    where: str  # the database URL with any password hidden
    before: str | None  # None: the database held no schema yet
    after: str | None

    def describe(self) -> str:
        if self.before is None and self.after is not None:
            return (
                f"Created the database at {self.where} (schema revision {self.after})."
            )
        if self.before == self.after:
            return (
                f"Already at revision {self.after}: nothing to do "
                f"(the database at {self.where})."
            )
        return (
            f"Upgraded the database at {self.where} "
            f"from revision {self.before} to {self.after}."
        )


class UpgradeFailed(RuntimeError):
    """The upgrade could not run: no such revision, or the database is unreachable."""


def upgrade(url: str, revision: str = "head") -> Upgraded:
    """Apply migrations up to a revision (the newest by default); say what changed.

    :raises UpgradeFailed: an unknown revision or a database that cannot be reached
        (the message names the database without its password).
    """
    engine = make_engine(url)
    try:
        before = current_revision(engine)
        command.upgrade(alembic_config(url), revision)
        after = current_revision(engine)
    except CommandError as exc:
        raise UpgradeFailed(f"Cannot upgrade to {revision!r}: {exc}") from exc
    except OperationalError as exc:
        first = str(exc.orig).strip().splitlines()[0] if exc.orig else "no answer"
        raise UpgradeFailed(
            f"Cannot reach the database at {safe_url(url)}: {first}"
        ) from exc
    finally:
        engine.dispose()
    return Upgraded(safe_url(url), before, after)


def safe_url(url: str) -> str:
    """A database URL fit to print: the password, if any, is masked."""
    return make_url(url).render_as_string(hide_password=True)


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_current(engine: Engine) -> None:
    """Refuse to run against a database whose schema is behind the code."""
    current, head = current_revision(engine), head_revision()
    if current != head:
        where = engine.url.render_as_string(hide_password=True)
        raise DatabaseBehind(
            f"The database at {where} is at schema revision {current or 'none (empty)'} "
            f"but this version needs {head}. Run `finder db upgrade` (back it up first "
            f"with `finder backup` if it holds work), then start again."
        )
