"""What every view shares: the live catalog, absolute links and the page security policy."""

from __future__ import annotations

from flask import current_app, url_for

from finder.live import LiveCatalog

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
)


def live_catalog() -> LiveCatalog:
    return current_app.extensions["finder.live"]


def public_url(endpoint: str, **values) -> str:
    """An absolute link to a page, from PUBLIC_URL rather than the request's Host header.

    Production refuses to start without PUBLIC_URL; in development, where it may be
    unset, the link uses the address the browser used.
    """
    base = current_app.config["PUBLIC_URL"]
    if not base:
        return url_for(endpoint, _external=True, **values)
    return base.rstrip("/") + url_for(endpoint, **values)
