"""The review table: every rule with its suggestion, reasons, mechanism and status;
confirm several suggestions at once."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import login_required

from finder.audit.decisions import confirm_suggestions, review_rows
from finder.audit.rubric import DECISIONS, load_rubric
from finder.catalog import POLICY_AREAS
from finder.web import live_catalog
from finder.web.audits import bp, context, load, save, version_of
from finder.web.forms.audits import ConfirmVersionForm

STATUS = {
    "open": "Not decided yet",
    "decided": "Decided",
    "all": "All rules",
}


def _filtered(rows, show: str, decision: str, area: str):
    if show == "open":
        rows = [r for r in rows if r["status"] != "decided"]
    elif show == "decided":
        rows = [r for r in rows if r["status"] == "decided"]
    if decision in DECISIONS:
        rows = [r for r in rows if r["decision"] == decision]
    if area in POLICY_AREAS:
        rows = [r for r in rows if r["rule"].policy_area == area]
    return rows


@bp.get("/<int:audit_id>/review/table")
@login_required
def review_table(team_id: int, audit_id: int):
    team, membership, row, data = load(team_id, audit_id, "read")
    show = request.args.get("show", "open")
    show = show if show in STATUS else "open"
    decision = request.args.get("decision", "")
    area = request.args.get("area", "")
    rows = review_rows(data, live_catalog().catalog, load_rubric())
    return render_template(
        "audits/review_table.html",
        rows=_filtered(rows, show, decision, area),
        total=len(rows),
        show=show,
        statuses=STATUS,
        decision=decision,
        area=area,
        rule_areas={
            a: POLICY_AREAS[a] for a in sorted({r.policy_area for r in data.rules})
        },
        form=ConfirmVersionForm(data={"version": row.version}),
        **context(team, membership, row, data, "review"),
    )


@bp.post("/<int:audit_id>/review/confirm")
@login_required
def confirm_review(team_id: int, audit_id: int):
    team, _, row, data = load(team_id, audit_id, "edit")
    form = ConfirmVersionForm()
    back = url_for("audits.review_table", team_id=team.id, audit_id=row.id)
    chosen = request.form.getlist("rule")
    if not form.validate_on_submit() or not chosen:
        flash("Tick the rules whose suggestion the team confirms.", "error")
        return redirect(back)
    events, skipped = confirm_suggestions(
        chosen, data, live_catalog().catalog, load_rubric()
    )
    if events:
        conflict = save(team, row, data, version_of(form), events, back)
        if conflict:
            return conflict
    flash(
        f"Recorded {len(events)} decision(s)"
        + (
            f"; {len(skipped)} left for the team to decide one by one"
            if skipped
            else ""
        )
        + ".",
        "success" if events else "info",
    )
    return redirect(back)
