"""The review step: each rule on its own page, and the table of every rule's suggestion
(confirm several at once)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import login_required
from wtforms import SelectChoice

from finder.audit import editing
from finder.audit.decisions import (
    binds_suggestion,
    confirm_suggestions,
    derived_decision,
    refresh_suggestions,
    review_rows,
)
from finder.audit.matching import match_mechanisms
from finder.audit.model import SOURCE_LEVELS
from finder.audit.rubric import DECISIONS, load_rubric
from finder.audit.suggester import RuleInput
from finder.catalog import POLICY_AREAS
from finder.text import counted
from finder.web.audits.common import (
    bp,
    context,
    load,
    save,
    status,
    step_url,
    version_of,
)
from finder.web.context import live_catalog
from finder.web.forms.audits import CommentForm, ConfirmVersionForm, make_review_form

SHOW = {
    "open": "Not decided yet",
    "decided": "Decided",
    "all": "All rules",
}
APPLICATION_PREFIX = "app::"  # form names of the answers to a mechanism's application


def _rule_url(team, row, uid: str) -> str:
    return url_for("audits.rule", team_id=team.id, audit_id=row.id, uid=uid)


@bp.get("/<int:audit_id>/review")
@login_required
def review(team_id: int, audit_id: int):
    """The review step's entry: the first rule still to decide (or the first rule)."""
    team, _, row, data = load(team_id, audit_id, "read")
    if not data.rules:
        flash("Add the rules that stand in the way first.", "info")
        return redirect(step_url("rules", team, row))
    pending = next((r for r in data.rules if not r.decision), data.rules[0])
    return redirect(_rule_url(team, row, pending.uid))


@bp.route("/<int:audit_id>/rules/<uid>", methods=["GET", "POST"])
@login_required
def rule(team_id: int, audit_id: int, uid: str):
    team, membership, row, data = load(team_id, audit_id, "read")
    current = data.rule(uid)
    if current is None:
        abort(404)
    rubric, catalog = load_rubric(), live_catalog().catalog
    if not current.answers:
        refresh_suggestions(current, data.state, catalog, rubric)
    rule_input = RuleInput(
        current.text, current.source_level, current.citation, data.state
    )
    matches = match_mechanisms(rule_input, current.policy_area, catalog)
    choices = [SelectChoice(m.id, m.mechanism.title) for m in matches if m.usable]
    form = make_review_form(rubric, choices)(
        data={**editing.review_values(current, rubric), "version": row.version}
        if request.method == "GET"
        else None
    )
    if request.method == "POST":
        load(team_id, audit_id, "edit")
        if form.validate_on_submit():
            response = _record(team, row, data, current, form, rubric, catalog)
            if response is not None:
                return response
    derived, derived_reason = derived_decision(current, rubric)
    return render_template(
        "audits/rule.html",
        binds_suggested=binds_suggestion(current, data.state, catalog, rubric),
        form=form,
        rule=current,
        **_neighbours(data.rules, current),
        rubric=rubric,
        matches=matches,
        derived=derived,
        derived_reason=derived_reason,
        comment_form=CommentForm(data={"rule_uid": current.uid}),
        application_fields=editing.application_fields(current, catalog),
        levels=SOURCE_LEVELS,
        **context(team, membership, row, data, "review"),
    ), status(form)


def _neighbours(rules: list, current) -> dict:
    """The rule's place in the list and the rules either side (None at the ends)."""
    index = rules.index(current)
    return {
        "index": index,
        "previous": rules[index - 1] if index > 0 else None,
        "following": rules[index + 1] if index + 1 < len(rules) else None,
    }


def _record(team, row, data, current, form, rubric, catalog):
    """Record the review and save; None when the form must be shown again."""
    try:
        events = editing.record_review(
            data,
            current,
            form.data,
            rubric,
            catalog,
            usable_mechanisms={c.value for c in form.mechanisms.choices},
            application_answers={
                key.removeprefix(APPLICATION_PREFIX): value
                for key, value in request.form.items()
                if key.startswith(APPLICATION_PREFIX)
            },
        )
    except editing.OverrideNeedsReason as missing:
        form.override_reason.errors.append(str(missing))
        return None
    back = _rule_url(team, row, current.uid)
    conflict = save(team, row, data, version_of(form), events, back)
    if conflict:
        return conflict
    flash(f"Saved: {DECISIONS.get(current.decision, 'no decision yet')}.", "success")
    index = data.rules.index(current)
    if request.form.get("next") and index + 1 < len(data.rules):
        return redirect(_rule_url(team, row, data.rules[index + 1].uid))
    return redirect(back)


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
    show = show if show in SHOW else "open"
    decision = request.args.get("decision", "")
    area = request.args.get("area", "")
    rows = review_rows(data, live_catalog().catalog, load_rubric())
    return render_template(
        "audits/review_table.html",
        rows=_filtered(rows, show, decision, area),
        total=len(rows),
        show=show,
        statuses=SHOW,
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
    left = f"; {len(skipped)} left for the team to decide one by one" if skipped else ""
    flash(
        f"Recorded {counted(len(events), 'decision')}{left}.",
        "success" if events else "info",
    )
    return redirect(back)
