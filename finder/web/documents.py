"""The evaluation-plan step and the required-flexibilities document: preview, versions, downloads."""

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

from finder.audit.model import Metric, Milestone
from finder.documents.build import FinalRefused, build_outline
from finder.documents.outline import DEFAULT_ORDER, SECTIONS
from finder.documents.render import render_html, render_markdown
from finder.documents.render_docx import render_docx
from finder.store import documents as store
from finder.web import CSP, db, live_catalog
from finder.web.audits import context, load, save, templates, version_of
from finder.web.downloads import attachment
from finder.web.forms.audits import DocumentForm, EvaluationForm
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
EXTRA_ROWS = 3


@bp.route("/evaluation", methods=["GET", "POST"])
@login_required
def evaluation(team_id: int, audit_id: int):
    team, membership, row, data = load(team_id, audit_id, "read")
    template = templates().get(data.template_id)
    if request.method == "GET":
        metrics = [vars(m) for m in data.metrics]
        if request.args.get("suggest") and template:
            known = {m["metric"] for m in metrics}
            metrics += [
                {
                    "area": m.get("area", ""),
                    "metric": m.get("metric", ""),
                    "data_source": m.get("data_source", ""),
                }
                for m in template.metrics
                if m.get("metric") not in known
            ]
        form = EvaluationForm(
            data={
                "version": row.version,
                "metrics": metrics + [{}] * EXTRA_ROWS,
                "timeline": [vars(t) for t in data.timeline] + [{}] * EXTRA_ROWS,
            }
        )
    else:
        load(team_id, audit_id, "edit")
        form = EvaluationForm()
        if form.validate_on_submit():
            data.metrics = [
                Metric(
                    **{k: (v or "").strip() for k, v in m.items() if k != "csrf_token"}
                )
                for m in form.metrics.data
                if (m.get("metric") or "").strip() and m.get("area")
            ]
            data.timeline = [
                Milestone((t.get("when") or "").strip(), t["what"].strip())
                for t in form.timeline.data
                if (t.get("what") or "").strip()
            ]
            back = url_for("documents.evaluation", team_id=team.id, audit_id=row.id)
            conflict = save(
                team,
                row,
                data,
                version_of(form),
                [{"field": "evaluation", "new": f"{len(data.metrics)} metrics"}],
                back,
            )
            if conflict:
                return conflict
            flash("Evaluation plan saved.", "success")
            return redirect(back)
    return render_template(
        "audits/evaluation.html",
        form=form,
        template=template,
        **context(team, membership, row, data, "evaluation"),
    ), 400 if form.errors else 200


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
    session = db.session()
    if request.method == "POST":
        load(team_id, audit_id, "edit")
        if not form.validate_on_submit():
            abort(400)
        sections = _sections_from(request.form)
        if not sections:
            flash("Choose at least one section.", "error")
            return redirect(
                url_for("documents.document", team_id=team.id, audit_id=row.id)
            )
        try:
            outline = build_outline(
                data, live_catalog().catalog, team.name, form.status.data, sections
            )
        except FinalRefused as refused:
            flash(
                "Not saved as final: resolve these first (or generate a draft). "
                + " ".join(refused.reasons),
                "error",
            )
            return redirect(
                url_for("documents.document", team_id=team.id, audit_id=row.id)
            )
        version = store.keep_version(session, row, me(), outline)
        flash(f"Version {version.id} generated. Download it below.", "success")
        return redirect(url_for("documents.document", team_id=team.id, audit_id=row.id))
    outline = build_outline(data, live_catalog().catalog, team.name)
    return render_template(
        "audits/document.html",
        form=form,
        outline=outline,
        sections=SECTIONS,
        versions=store.versions(session, row.id),
        **context(team, membership, row, data, "document"),
    )


@bp.get("/document/preview")
@login_required
def preview(team_id: int, audit_id: int):
    team, _, _, data = load(team_id, audit_id, "read")
    return _print_view(
        render_html(build_outline(data, live_catalog().catalog, team.name))
    )


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
    body = render(store.outline_of(version))
    if fmt == "html" and request.args.get("view"):
        return _print_view(body)
    slug = (
        "".join(c if c.isalnum() else "-" for c in row.title.lower()).strip("-")[:40]
        or "audit"
    )
    filename = f"required-flexibilities-{slug}-v{version.id}-{version.created_at:%Y-%m-%d}.{fmt}"
    return Response(
        body,
        mimetype=mimetype,
        headers=attachment(filename),
    )
