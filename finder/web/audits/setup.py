"""Starting an audit: the team's audits, a new audit, its set-up and its design template."""

from __future__ import annotations

from flask import flash, redirect, render_template, request
from flask_login import login_required
from wtforms import SelectChoice

from finder.audit import editing, watch
from finder.store import audits as store
from finder.store.access import can
from finder.web import db
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
from finder.web.context import live_catalog
from finder.web.forms.audits import ImportForm, SetupForm, TemplateForm
from finder.web.teams import me, require_team


def _setup_from(form) -> editing.Setup:
    return editing.Setup(
        form.title.data,
        form.state.data,
        form.district.data or "",
        form.innovation.data or "",
        form.outcome.data or "",
    )


@bp.get("")
@login_required
def index(team_id: int):
    team, membership = require_team(team_id, "read")
    audits = store.list_audits(db.session(), team.id)
    catalog = live_catalog().catalog
    return render_template(
        "audits/index.html",
        team=team,
        audits=audits,
        # In memory: each audit's content is already loaded with the list.
        changed={a.id for a in audits if watch.changed(store.content(a), catalog)},
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
        data = editing.new_audit(_setup_from(form))
        row = store.create_audit(db.session(), team.id, me(), data)
        return redirect(step_url("template", team, row))
    return render_template("audits/new.html", team=team, form=form), status(form)


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
            events = editing.update_setup(data, _setup_from(form))
            back = step_url("setup", team, row)
            conflict = save(team, row, data, version_of(form), events, back)
            if conflict:
                return conflict
            flash("Set-up saved.", "success")
            # a new audit goes on to choose its template; one with rules, back to them
            return redirect(step_url("rules" if data.rules else "template", team, row))
    return render_template(
        "audits/setup.html", form=form, **context(team, membership, row, data, "setup")
    ), status(form)


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
            return _apply_template(
                team, row, data, available.get(form.template.data), form
            )
    return render_template(
        "audits/template.html",
        form=form,
        templates=available,
        **context(team, membership, row, data, "template"),
    ), status(form)


def _apply_template(team, row, data, chosen, form):
    before = len(data.rules)
    try:
        events = editing.apply_template(data, chosen, live_catalog().catalog)
    except editing.AuditFull as full:
        flash(str(full), "error")
        return redirect(step_url("template", team, row))
    back = step_url("template", team, row)
    conflict = save(team, row, data, version_of(form), events, back)
    if conflict:
        return conflict
    flash(editing.template_summary(chosen, data, len(data.rules) - before), "success")
    return redirect(step_url("rules", team, row))
