"""The evaluation-plan step: metrics by area and a timeline of milestones."""

from __future__ import annotations

from flask import flash, redirect, render_template, request
from flask_login import login_required

from finder.audit import editing
from finder.web.audits.common import (
    bp,
    context,
    load,
    save,
    status,
    step_url,
    templates,
    version_of,
)
from finder.web.forms.audits import EvaluationForm

EXTRA_ROWS = 3  # blank rows offered under the filled ones


@bp.route("/<int:audit_id>/evaluation", methods=["GET", "POST"])
@login_required
def evaluation(team_id: int, audit_id: int):
    team, membership, row, data = load(team_id, audit_id, "read")
    template = templates().get(data.template_id)
    if request.method == "GET":
        suggested = template if request.args.get("suggest") else None
        form = EvaluationForm(
            data={
                "version": row.version,
                "metrics": editing.evaluation_rows(data, suggested) + [{}] * EXTRA_ROWS,
                "timeline": [vars(t) for t in data.timeline] + [{}] * EXTRA_ROWS,
            }
        )
    else:
        load(team_id, audit_id, "edit")
        form = EvaluationForm()
        if form.validate_on_submit():
            events = editing.set_evaluation(data, form.metrics.data, form.timeline.data)
            back = step_url("evaluation", team, row)
            conflict = save(team, row, data, version_of(form), events, back)
            if conflict:
                return conflict
            flash("Evaluation plan saved.", "success")
            return redirect(back)
    return render_template(
        "audits/evaluation.html",
        form=form,
        template=template,
        **context(team, membership, row, data, "evaluation"),
    ), status(form)
