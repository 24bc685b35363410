"""Thin Flask glue: blueprints, CSRF, security headers, error pages, the live catalog."""

from __future__ import annotations

import datetime as dt

from flask import Flask, Request
from flask_wtf.csrf import CSRFProtect
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from finder.catalog import KINDS, POLICY_AREAS
from finder.catalog.hosts import PUBLISHERS
from finder.catalog.jurisdictions import name as jurisdiction_name
from finder.law import find_citations, link_for
from finder.law.scope import scope_of
from finder.live import LiveCatalog
from finder.text import clean_text, counted, join_items
from finder.web.context import CSP, live_catalog, public_url

csrf = CSRFProtect()

# Typed secrets are compared as typed: cleaning them could lock a person out.
RAW_FIELDS = frozenset({"password", "confirm", "csrf_token"})


class CleanRequest(Request):
    """A request whose form values have passed :func:`finder.text.clean_text`.

    This is the one boundary for typed text: every WTForms field and every direct read
    of ``request.form`` sees cleaned values, whatever the form.
    """

    def _load_form_data(self) -> None:
        super()._load_form_data()
        form = self.__dict__.get("form")
        if form:
            self.__dict__["form"] = ImmutableMultiDict(
                [
                    (key, value if key in RAW_FIELDS else clean_text(value))
                    for key, value in form.items(multi=True)
                ]
            )


class RowId(IntegerConverter):
    """``<int:…>`` in every route: a database row id, 1 to 2**31 - 1. A larger number
    names no row; it is a 404 before any query could overflow a column (PostgreSQL's
    integer, SQLite's 64 bits)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def init_app(app: Flask) -> None:
    """Register everything the web layer adds to the app."""
    app.request_class = CleanRequest
    app.url_map.converters["int"] = RowId
    proxies = app.config["PROXY_COUNT"]
    if proxies:
        # Trust X-Forwarded-For/-Proto/-Host from exactly this many proxies in front, so
        # the per-address sign-in limit sees each person's address, not the proxy's.
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )
    csrf.init_app(app)
    from finder.web import db, login

    db.init_app(app)
    login.init_app(app)
    app.extensions["finder.live"] = LiveCatalog(
        app.config["CATALOG_DIRS"],
        app.config["INDEX_DIR"],
        app.config["CATALOG_CHECK_SECONDS"],
    )
    from finder.web import (
        api,
        audits,
        auth,
        cases,
        catalog,
        compare,
        documents,
        errors,
        exports,
        search,
        teams,
    )

    for module in (catalog, cases, search, api, compare, auth, teams, audits):
        app.register_blueprint(module.bp)
    app.register_blueprint(documents.bp)
    app.register_blueprint(exports.bp)
    errors.init_app(app)
    app.after_request(_security_headers)
    app.jinja_env.filters.update(
        jurisdiction=jurisdiction_name,
        kind_label=lambda k: KINDS.get(k, k),
        area_label=lambda a: POLICY_AREAS.get(a, a),
        date=_format_date,
        law_links=law_links,
        join=join_items,
        counted=counted,
        publisher_label=lambda p: PUBLISHERS.get(p, "Source of unknown type"),
        scope_label=scope_label,
    )


def law_links(text: str, state: str = "") -> list[dict]:
    """The citations in a text with their normal form and link (for templates)."""
    out = []
    for cit in find_citations(text or "", state):
        if not cit.body.level:
            continue
        link = link_for(cit)
        out.append(
            {
                "label": cit.label,
                "url": link.url if link else "",
                "official": link.official if link else False,
            }
        )
    return out


def scope_label(entry) -> str:
    """What a mechanism can lift, in words (its ``waives``, or its default scope)."""
    return scope_of(entry.state, entry.waives).describe()


def _format_date(value) -> str:
    if isinstance(value, dt.date):
        return f"{value:%B} {value.day}, {value.year}"
    return "" if value is None else str(value)


def _security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


__all__ = ["CSP", "csrf", "init_app", "live_catalog", "public_url"]
