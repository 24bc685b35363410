"""One database session per request, closed (and rolled back on error) at teardown."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from finder.store.backup import hold_app_lock
from finder.store.db import make_engine, make_sessionmaker
from finder.store.migrate import check_current


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    check_current(engine)  # refuse to start against a database that is behind
    hold_app_lock(app.config["DATABASE_URL"])  # `finder restore` refuses while held
    app.extensions["finder.sessions"] = make_sessionmaker(engine)
    app.extensions["finder.engine"] = engine
    app.teardown_appcontext(_close)


def session() -> Session:
    if "db" not in g:
        g.db = current_app.extensions["finder.sessions"]()
    return g.db


def _close(exc: BaseException | None) -> None:
    db = g.pop("db", None)
    if db is not None:
        if exc is not None:
            db.rollback()
        db.close()
