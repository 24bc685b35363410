"""Taking an audit out (JSON, YAML, CSV) and bringing one in (JSON or YAML)."""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, url_for
from flask_login import current_user, login_required

from finder.audit.exchange import (
    EXPORT_TYPES,
    MAX_BYTES,
    ImportProblems,
    export_audit,
    load_audit,
)
from finder.audit.watch import follow_all
from finder.store import audits as store
from finder.text import counted
from finder.web import db
from finder.web.audits.common import bp, load, read_upload, step_url
from finder.web.context import live_catalog
from finder.web.downloads import attachment, slug
from finder.web.forms.audits import ImportForm
from finder.web.teams import me, require_team


@bp.get("/<int:audit_id>/export.<fmt>")
@login_required
def export(team_id: int, audit_id: int, fmt: str):
    _, _, row, data = load(team_id, audit_id, "read")
    if fmt not in EXPORT_TYPES:
        abort(404)
    return Response(
        export_audit(data, fmt),
        mimetype=EXPORT_TYPES[fmt],
        headers=attachment(f"{slug(row.title, 50, 'audit')}-{row.id}.{fmt}"),
    )


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
    follow_all(data, live_catalog().catalog)  # a first snapshot where none came
    row = store.create_audit(db.session(), team.id, me(), data)
    current_app.logger.info(
        "audit %s imported by user %s", row.id, current_user.user.id
    )
    flash(
        f"Imported “{data.title}” with {counted(len(data.rules), 'rule')}.", "success"
    )
    return redirect(step_url("summary", team, row))
