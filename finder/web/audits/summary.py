"""The audit's summary, its history, comments, and deleting it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import login_required

from finder.audit import editing
from finder.audit.rubric import DECISIONS
from finder.audit.wizard import chart
from finder.catalog import POLICY_AREAS
from finder.store import audits as store
from finder.text import counted
from finder.web import db
from finder.web.audits.common import bp, context, load, save, step_url, version_of
from finder.web.context import live_catalog
from finder.web.forms.accounts import ConfirmForm
from finder.web.forms.audits import AcknowledgeForm, CommentForm
from finder.web.teams import me


@bp.get("/<int:audit_id>")
@login_required
def summary(team_id: int, audit_id: int):
    team, membership, row, data = load(team_id, audit_id, "read")
    info = context(team, membership, row, data, "summary")
    return render_template(
        "audits/summary.html",
        chart=chart(info["progress"], POLICY_AREAS, DECISIONS),
        chart_keys={**DECISIONS, "undecided": "Not decided yet"},
        comments=store.comments(db.session(), row.id),
        comment_form=CommentForm(),
        confirm=ConfirmForm(),
        **info,
    )


@bp.get("/<int:audit_id>/history")
@login_required
def history(team_id: int, audit_id: int):
    team, membership, row, data = load(team_id, audit_id, "read")
    return render_template(
        "audits/history.html",
        events=store.history(db.session(), row.id),
        rules={r.uid: r.text for r in data.rules},
        event_label=editing.event_label,
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
            url_for("audits.rule", team_id=team.id, audit_id=row.id, uid=target)
        )
    return redirect(step_url("summary", team, row))


def _back(team, row, data, where: str) -> str:
    """The page an acknowledgement was made from: the summary, the document or a rule."""
    if where == "document":
        return step_url("document", team, row)
    if data.rule(where):
        return url_for("audits.rule", team_id=team.id, audit_id=row.id, uid=where)
    return step_url("summary", team, row)


@bp.post("/<int:audit_id>/acknowledge")
@login_required
def acknowledge(team_id: int, audit_id: int):
    """The team has read what changed in the catalog entries it relies on."""
    team, _, row, data = load(team_id, audit_id, "edit")
    form = AcknowledgeForm()
    if not form.validate_on_submit():
        abort(400)
    back = _back(team, row, data, form.back.data or "")
    catalog = live_catalog().catalog
    if form.catalog.data != catalog.fingerprint:
        flash(
            "The catalog changed again since the page was shown: read the changes "
            "below, then acknowledge them.",
            "error",
        )
        return redirect(back)
    shown = set((form.entries.data or "").split())
    events = editing.acknowledge_changes(data, catalog, shown)
    conflict = save(team, row, data, version_of(form), events, back)
    if conflict:
        return conflict
    flash(
        f"Acknowledged the catalog changes to {counted(len(events), 'mechanism')}.",
        "success",
    )
    return redirect(back)


@bp.post("/<int:audit_id>/delete")
@login_required
def delete(team_id: int, audit_id: int):
    team, _, row, _ = load(team_id, audit_id, "manage")
    if not ConfirmForm().validate_on_submit():
        abort(400)
    store.delete_audit(db.session(), row, me())
    flash("The audit is deleted.", "success")
    return redirect(url_for("audits.index", team_id=team.id))
