"""Error pages: HTML for people, JSON under /api/; never a bare stack trace."""

from __future__ import annotations

from flask import current_app, flash, jsonify, make_response, render_template, request
from flask_wtf.csrf import CSRFError, generate_csrf
from werkzeug.exceptions import HTTPException, InternalServerError

from finder.web.forms.kinds import field_kinds

EXPIRED = (
    "This form was open too long (or its security token was missing), so nothing was "
    "saved yet. Everything you typed is still here with a fresh token: check it and "
    "submit again."
)


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _render(status: int, title: str, message: str):
    if _wants_json():
        return jsonify(error=title, message=message, status=status), status
    try:
        page = render_template(
            "errors/error.html", status=status, title=title, message=message
        )
    except Exception:  # the error page itself failed: still answer plainly
        return (
            f"{title}: {message}",
            status,
            {"Content-Type": "text/plain; charset=utf-8"},
        )
    return page, status


def _refill():
    """An expired or missing CSRF token: the same form again, as typed, with a new token.

    A page that shows its form at the same address (set-up, rule review, evaluation,
    profile, …) is run again: its own form validation fails on the same token, so it
    saves nothing and re-renders every typed value, plus a fresh token. Other forms get
    a page that carries every posted value back, editable, to the same address.
    """
    flash(EXPIRED, "error")
    rule = request.url_rule
    if rule is not None and "GET" in (rule.methods or ()):
        try:
            view = current_app.view_functions[request.endpoint]
            response = make_response(view(**(request.view_args or {})))
        except HTTPException:
            response = None
        if response is not None and response.status_code in (200, 400):
            response.status_code = 400
            return response
    kinds = field_kinds()
    fields = [
        (key, value, *kinds.kind_of(key), kinds.label_of(key))
        for key, value in request.form.items(multi=True)
        if key != "csrf_token"
    ]
    page = render_template(
        "errors/expired_form.html",
        action=request.path,
        typed=[f for f in fields if f[2] != "hidden"],
        carried=[f[:2] for f in fields if f[2] == "hidden"],
        files=list(request.files),
        token=generate_csrf(),
    )
    return page, 400


def init_app(app) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        if request.method == "POST" and not _wants_json():
            return _refill()
        return _render(
            400,
            "Form expired",
            "This form was open too long or came from another site, so nothing was saved. "
            "Go back, reload the page and submit it again.",
        )

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        messages = {
            404: "We could not find that page. It may have moved, or the address may have a typo.",
            400: exc.description or "The request could not be understood.",
            405: "That action is not available at this address.",
            403: "Your role in this team does not allow that. Ask a team owner.",
            413: "What you sent is too large.",
            429: "Too many attempts. Please wait a few minutes and try again.",
        }
        status = exc.code or 500
        return _render(
            status, exc.name, messages.get(status, exc.description or exc.name)
        )

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        if isinstance(exc, HTTPException):  # pragma: no cover - handled above
            return http_error(exc)
        app.logger.exception("unhandled error on %s", request.path)
        err = InternalServerError()
        return _render(
            500,
            err.name,
            "Something went wrong on our side. Nothing you saved was lost; please try again.",
        )
