"""The required-flexibilities document: sections, preview, versions, downloads."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import login_required

from finder.documents.application import FILLS, choose_format
from finder.documents.build import FinalRefused, build_outline
from finder.documents.formats import load_formats
from finder.documents.render import render_html, render_markdown
from finder.documents.render_docx import render_docx
from finder.documents.sections import DEFAULT_ORDER, SECTIONS
from finder.store import documents as store
from finder.web import db
from finder.web.audits.common import context, load
from finder.web.context import CSP, live_catalog
from finder.web.downloads import attachment, slug
from finder.web.forms.audits import DocumentForm
from finder.web.teams import me

bp = Blueprint(
    "documents", __name__, url_prefix="/teams/<int:team_id>/audits/<int:audit_id>"
)
FORMATS = {
    "html": ("text/html", render_html),
    "md": ("text/markdown", render_markdown),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_docx,
    ),
}


def _sections_from(form) -> list[str]:
    """The sections the team ticked, in the order it numbered them."""
    chosen = []
    for n, key in enumerate(DEFAULT_ORDER):
        if form.get(f"include-{key}"):
            try:
                position = int(form.get(f"order-{key}", n + 1))
            except ValueError:
                position = n + 1
            chosen.append((position, n, key))
    return [key for _, _, key in sorted(chosen)]


@bp.route("/document", methods=["GET", "POST"])
@login_required
def document(team_id: int, audit_id: int):
    team, membership, row, data = load(team_id, audit_id, "read")
    form = DocumentForm()
    formats = choose_format(load_formats(), data, request.values.get("format", ""))
    chosen = formats.selected
    if request.method == "POST":
        load(team_id, audit_id, "edit")
        if not form.validate_on_submit():
            abort(400)
        sections = _sections_from(request.form)
        _generate(team, row, data, form.status.data, sections, chosen)
        return redirect(
            url_for(
                "documents.document",
                team_id=team.id,
                audit_id=row.id,
                format=chosen.id if chosen else None,
            )
        )
    return render_template(
        "audits/document.html",
        form=form,
        outline=build_outline(
            data, live_catalog().catalog, team.name, application_format=chosen
        ),
        sections=SECTIONS,
        formats=formats,
        fills=FILLS,
        versions=store.versions(db.session(), row.id),
        numbers=store.numbers(db.session(), row.id),
        **context(team, membership, row, data, "document"),
    )


def _generate(team, row, data, status: str, sections: list[str], chosen) -> None:
    """Keep a new version of the document (following the ``chosen`` application
    format, if any), or say why none was kept."""
    if not sections:
        flash("Choose at least one section.", "error")
        return
    try:
        outline = build_outline(
            data,
            live_catalog().catalog,
            team.name,
            status,
            sections,
            application_format=chosen,
        )
    except FinalRefused as refused:
        flash(
            "Not saved as final: resolve these first (or generate a draft). "
            + " ".join(refused.reasons),
            "error",
        )
        return
    version = store.keep_version(db.session(), row, me(), outline)
    number = store.number_of(db.session(), version)
    flash(f"Version {number} generated. Download it below.", "success")


@bp.get("/document/preview")
@login_required
def preview(team_id: int, audit_id: int):
    team, _, _, data = load(team_id, audit_id, "read")
    chosen = choose_format(load_formats(), data, request.args.get("format", ""))
    outline = build_outline(
        data, live_catalog().catalog, team.name, application_format=chosen.selected
    )
    return _print_view(render_html(outline))


def _print_view(html: str) -> Response:
    response = Response(html, mimetype="text/html")
    # The document carries its own print styles inline so the downloaded file stands alone.
    response.headers["Content-Security-Policy"] = CSP.replace(
        "style-src 'self'", "style-src 'self' 'unsafe-inline'"
    )
    return response


@bp.get("/document/<int:version_id>.<fmt>")
@login_required
def download(team_id: int, audit_id: int, version_id: int, fmt: str):
    _, _, row, _ = load(team_id, audit_id, "read")
    version = store.get_version(db.session(), row.id, version_id)
    if version is None or fmt not in FORMATS:
        abort(404)
    mimetype, render = FORMATS[fmt]
    number = store.number_of(db.session(), version)
    body = render(store.outline_of(version), version=number)
    if fmt == "html" and request.args.get("view"):
        return _print_view(body)
    # The title's words and numbers, then the version; its date is on the cover.
    filename = f"{slug(row.title, 80, 'required-flexibilities')}-v{number}.{fmt}"
    return Response(body, mimetype=mimetype, headers=attachment(filename))
