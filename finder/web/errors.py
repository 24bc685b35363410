"""Error pages: HTML for people, JSON under /api/; never a bare stack trace."""

from __future__ import annotations

from flask import jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError


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


def init_app(app) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
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
