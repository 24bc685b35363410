"""The audit wizard: list, set-up, template, summary, history, comments, export and import."""

from __future__ import annotations

import csv
import io
import json

import yaml
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from wtforms import SelectChoice

from finder.audit.decisions import refresh_suggestions
from finder.audit.exchange import MAX_BYTES, ImportProblems, load_audit
from finder.audit.model import AuditData, AuditRule
from finder.audit.rubric import DECISIONS, load_rubric
from finder.audit.templates import load_templates
from finder.audit.wizard import STEPS, chart, progress
from finder.catalog import POLICY_AREAS
from finder.store import audits as store
from finder.store.access import can
from finder.web import db, live_catalog
from finder.web.downloads import attachment
from finder.web.forms.accounts import ConfirmForm
from finder.web.forms.audits import (
    CommentForm,
    ConfirmVersionForm,
    ImportForm,
    SetupForm,
    TemplateForm,
)
from finder.web.teams import me, require_team

bp = Blueprint("audits", __name__, url_prefix="/teams/<int:team_id>/audits")
CSV_FIELDS = (
    "text",
    "source_level",
    "citation",
    "policy_area",
    "raised_by",
    "decision",
    "source_document",
    "source_place",
)


def read_upload(upload, limit: int) -> bytes:
    """Up to ``limit`` bytes of an uploaded file, closing it (uploads past 500 kB are
    spooled to a temporary file that would otherwise stay open)."""
    try:
        return upload.read(limit)
    finally:
        upload.close()


def load(team_id: int, audit_id: int, action: str):
    """Team, membership, stored audit and its content, or 404/403."""
    team, membership = require_team(team_id, action)
    row = store.get_audit(db.session(), team.id, audit_id)
    if row is None:
        abort(404)
    return team, membership, row, store.content(row)


def templates():
    """The design templates (catalog ids are checked by the test suite, not per request)."""
    return load_templates()


def version_of(form) -> int:
    try:
        return int(form.version.data or request.form.get("version", ""))
    except (TypeError, ValueError):
        abort(400, "The form is missing its version; reload the page and try again.")


def save(team, row, data: AuditData, version: int, events: list[dict], back: str):
    """Save, or show the conflict page with both versions; returns a response."""
    try:
        store.save_audit(db.session(), row, me(), data, version, events)
    except store.Conflict as exc:
        theirs = store.content(exc.current)
        return (
            render_template(
                "audits/conflict.html",
                team=team,
                audit=exc.current,
                theirs=theirs,
                mine=request.form.to_dict(flat=False),
                action=request.path,
                back=back,
                decisions=DECISIONS,
            ),
            409,
        )
    return None


def context(team, membership, row, data, step: str, **extra):
    return dict(
        team=team,
        membership=membership,
        audit=row,
        data=data,
        steps=STEPS,
        step=step,
        can_edit=can(membership.role, "edit"),
        progress=progress(data, load_rubric(), live_catalog().catalog),
        decisions=DECISIONS,
        areas=POLICY_AREAS,
        **extra,
    )


@bp.get("")
@login_required
def index(team_id: int):
    team, membership = require_team(team_id, "read")
    return render_template(
        "audits/index.html",
        team=team,
        audits=store.list_audits(db.session(), team.id),
        can_edit=can(membership.role, "edit"),
        import_form=ImportForm(),
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new(team_id: int):
    team, _ = require_team(team_id, "edit")
    form = SetupForm(
        data={
            "district": team.district_name,
            "state": team.state,
            "outcome": team.vision,
        }
    )
    if form.validate_on_submit():
        data = AuditData(
            form.title.data,
            form.state.data,
            form.district.data or "",
            form.innovation.data or "",
            form.outcome.data or "",
        )
        row = store.create_audit(db.session(), team.id, me(), data)
        return redirect(url_for("audits.template", team_id=team.id, audit_id=row.id))
    return render_template(
        "audits/new.html", team=team, form=form
    ), 400 if form.errors else 200


@bp.route("/<int:audit_id>/setup", methods=["GET", "POST"])
@login_required
def setup(team_id: int, audit_id: int):
    team, membership, row, data = load(team_id, audit_id, "read")
    form = SetupForm(
        data={**vars(data), "version": row.version} if request.method == "GET" else None
    )
    if request.method == "POST":
        require_team(team_id, "edit")
        if form.validate_on_submit():
            data.title, data.district, data.state = (
                form.title.data,
                form.district.data or "",
                form.state.data,
            )
            data.innovation, data.outcome = (
                form.innovation.data or "",
                form.outcome.data or "",
            )
            back = url_for("audits.setup", team_id=team.id, audit_id=row.id)
            conflict = save(
                team,
                row,
                data,
                version_of(form),
                [{"field": "setup", "new": data.title}],
                back,
            )
            if conflict:
                return conflict
            flash("Set-up saved.", "success")
            return redirect(
                url_for("audits.template", team_id=team.id, audit_id=row.id)
            )
    return render_template(
        "audits/setup.html", form=form, **context(team, membership, row, data, "setup")
    ), 400 if form.errors else 200


@bp.route("/<int:audit_id>/template", methods=["GET", "POST"])
@login_required
def template(team_id: int, audit_id: int):
    team, membership, row, data = load(team_id, audit_id, "read")
    available = templates()
    form = TemplateForm(
        data={"template": data.template_id or "none", "version": row.version}
        if request.method == "GET"
        else None
    )
    form.template.choices = [
        SelectChoice("none", "No template: list the rules yourself")
    ] + [SelectChoice(t.id, t.title) for t in available.values()]
    if request.method == "POST":
        require_team(team_id, "edit")
        if form.validate_on_submit():
            chosen = available.get(form.template.data)
            added = 0
            if chosen:
                existing = {r.text.lower() for r in data.rules}
                for seed in chosen.rules_for(data.state):
                    if seed["text"].lower() not in existing:
                        rule = AuditRule(
                            seed["text"],
                            seed["source_level"],
                            seed["citation"],
                            seed["policy_area"],
                            "Template",
                        )
                        refresh_suggestions(rule, data.state, live_catalog().catalog)
                        data.rules.append(rule)
                        added += 1
            data.template_id = chosen.id if chosen else ""
            back = url_for("audits.template", team_id=team.id, audit_id=row.id)
            conflict = save(
                team,
                row,
                data,
                version_of(form),
                [
                    {
                        "field": "template",
                        "new": data.template_id,
                        "why": f"{added} rules added",
                    }
                ],
                back,
            )
            if conflict:
                return conflict
            flash(
                f"{added} rules added from the template."
                if chosen
                else "No template: add your rules.",
                "success",
            )
            return redirect(url_for("audits.rules", team_id=team.id, audit_id=row.id))
    return render_template(
        "audits/template.html",
        form=form,
        templates=available,
        **context(team, membership, row, data, "template"),
    )


@bp.get("/<int:audit_id>")
@login_required
def summary(team_id: int, audit_id: int):
    team, membership, row, data = load(team_id, audit_id, "read")
    session = db.session()
    info = context(team, membership, row, data, "summary")
    return render_template(
        "audits/summary.html",
        chart=chart(info["progress"], POLICY_AREAS, DECISIONS),
        chart_keys={**DECISIONS, "undecided": "Not decided yet"},
        comments=store.comments(session, row.id),
        comment_form=CommentForm(),
        confirm=ConfirmForm(),
        **info,
    )


@bp.get("/<int:audit_id>/history")
@login_required
def history(team_id: int, audit_id: int):
    team, membership, row, data = load(team_id, audit_id, "read")
    rules = {r.uid: r.text for r in data.rules}
    return render_template(
        "audits/history.html",
        events=store.history(db.session(), row.id),
        rules=rules,
        **context(team, membership, row, data, "summary"),
    )


@bp.post("/<int:audit_id>/comments")
@login_required
def comment(team_id: int, audit_id: int):
    team, _, row, data = load(team_id, audit_id, "read")  # viewers may comment
    form = CommentForm()
    if form.validate_on_submit():
        uid = form.rule_uid.data or ""
        store.add_comment(
            db.session(), row, me(), form.comment.data, uid if data.rule(uid) else ""
        )
        flash("Comment added.", "success")
    else:
        flash("Write a comment first.", "error")
    target = request.form.get("next_rule")
    if target and data.rule(target):
        return redirect(
            url_for("audits.review", team_id=team.id, audit_id=row.id, uid=target)
        )
    return redirect(url_for("audits.summary", team_id=team.id, audit_id=row.id))


@bp.post("/<int:audit_id>/delete")
@login_required
def delete(team_id: int, audit_id: int):
    team, _, row, _ = load(team_id, audit_id, "manage")
    if not ConfirmForm().validate_on_submit():
        abort(400)
    store.delete_audit(db.session(), row, me())
    flash("The audit is deleted.", "success")
    return redirect(url_for("audits.index", team_id=team.id))


def _filename(row, ext: str) -> str:
    slug = (
        "".join(c if c.isalnum() else "-" for c in row.title.lower()).strip("-")[:50]
        or "audit"
    )
    return f"{slug}-{row.id}.{ext}"


@bp.get("/<int:audit_id>/export.<fmt>")
@login_required
def export(team_id: int, audit_id: int, fmt: str):
    _, _, row, data = load(team_id, audit_id, "read")
    if fmt == "json":
        body, mimetype = (
            json.dumps(data.to_dict(), indent=2, ensure_ascii=False),
            "application/json",
        )
    elif fmt == "yaml":
        body, mimetype = (
            yaml.safe_dump(data.to_dict(), sort_keys=False, allow_unicode=True),
            "application/yaml",
        )
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for rule in data.rules:
            writer.writerow({k: _csv_safe(str(getattr(rule, k))) for k in CSV_FIELDS})
        body, mimetype = out.getvalue(), "text/csv"
    else:
        abort(404)
    return Response(
        body,
        mimetype=mimetype,
        headers=attachment(_filename(row, fmt)),
    )


def _csv_safe(value: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula.

    Spreadsheets skip leading spaces, tabs and line breaks before ``=`` (``" =1+2"``
    is a formula), and a cell that starts with a tab or CR is suspect in itself.
    """
    if value.lstrip(" \t\r\n")[:1] in ("=", "+", "-", "@") or value[:1] in ("\t", "\r"):
        return "'" + value
    return value


@bp.post("/import")
@login_required
def import_audit(team_id: int):
    team, _ = require_team(team_id, "edit")
    form = ImportForm()
    if not form.validate_on_submit():
        flash("Choose a .yaml or .json audit file.", "error")
        return redirect(url_for("audits.index", team_id=team.id))
    try:
        data = load_audit(read_upload(form.file.data, MAX_BYTES + 1))
    except ImportProblems as exc:
        flash(f"That file cannot be imported: {str(exc)[:600]}", "error")
        return redirect(url_for("audits.index", team_id=team.id))
    row = store.create_audit(db.session(), team.id, me(), data)
    current_app.logger.info(
        "audit %s imported by user %s", row.id, current_user.user.id
    )
    flash(f"Imported “{data.title}” with {len(data.rules)} rules.", "success")
    return redirect(url_for("audits.summary", team_id=team.id, audit_id=row.id))


from finder.web import audit_review, audit_rules  # noqa: E402,F401  (register routes on bp)

__all__ = ["ConfirmVersionForm", "bp"]
