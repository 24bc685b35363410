"""Publishing an audit's outcome: the owner chooses, previews, publishes, unpublishes.

Only a team owner reaches these pages. The preview is the public case page's own
template filled from the same domain function the publishing uses, so what is shown is
what is published; publishing refuses an audit changed since its preview.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import login_required

from finder.learning.cases import (
    CHOICES,
    DEFAULT_CHOICES,
    build_case,
    identifying,
    naming_people,
    unpublishable,
)
from finder.store import publications, teams
from finder.web import db
from finder.web.audits.common import bp, context, load
from finder.web.cases import entry_link
from finder.web.forms.accounts import ConfirmForm
from finder.web.forms.publish import PublishForm
from finder.web.teams import me


def district_of(team, data) -> str:
    """The district's name as the audit gives it, else the team's district profile."""
    return data.district or team.district_name or ""


def names_of(team, data) -> list[str]:
    """Every name an anonymous case must not show: the audit's district, the team's
    district profile and the team's own name."""
    return [data.district, team.district_name or "", team.name]


def people_of(team) -> list[str]:
    """Every team member's name and e-mail address: no public page may show them."""
    out = []
    for membership in teams.members(db.session(), team.id):
        out += [membership.user.name or "", membership.user.email]
    return out


def _page(team, membership, row, data, form, preview=None, status=200):
    current = publications.publication_of(db.session(), row.id)
    return render_template(
        "audits/publish.html",
        form=form,
        choices=CHOICES,
        preview=preview,
        names=identifying(preview, names_of(team, data)) if preview else [],
        people=naming_people(preview, people_of(team)) if preview else [],
        current=current,
        stale=current is not None and current.audit_version != row.version,
        blocked=unpublishable(data),
        confirm=ConfirmForm(),
        entry_link=entry_link,
        **context(team, membership, row, data, "summary"),
    ), status


@bp.get("/<int:audit_id>/publish")
@login_required
def publication(team_id: int, audit_id: int):
    team, membership, row, data = load(team_id, audit_id, "manage")
    current = publications.publication_of(db.session(), row.id)
    choices = publications.chosen(current) or DEFAULT_CHOICES
    return _page(team, membership, row, data, PublishForm.showing(choices, row.version))


@bp.post("/<int:audit_id>/publish/preview")
@login_required
def preview_publication(team_id: int, audit_id: int):
    team, membership, row, data = load(team_id, audit_id, "manage")
    form = PublishForm()
    if not form.validate_on_submit():
        abort(400)
    choices = form.choices()
    preview = build_case(data, choices, district_of(team, data))
    form = PublishForm.showing(choices, row.version)
    return _page(team, membership, row, data, form, preview)


@bp.post("/<int:audit_id>/publish")
@login_required
def publish(team_id: int, audit_id: int):
    team, _, row, data = load(team_id, audit_id, "manage")
    form = PublishForm()
    back = url_for("audits.publication", team_id=team.id, audit_id=row.id)
    if not form.validate_on_submit():
        abort(400)
    problem = unpublishable(data)
    if not problem and str(row.version) != form.version.data:
        problem = "The audit changed after the preview: look at the preview again."
    if not problem and not form.choices().anything:
        problem = "Choose at least one thing to publish."
    case = build_case(data, form.choices(), district_of(team, data))
    if not problem and (named := identifying(case, names_of(team, data))):
        problem = "Not published: this case is anonymous, but " + "; ".join(named)
    if not problem and (people := naming_people(case, people_of(team))):
        problem = (
            "Not published: public pages never show a team member's name or an "
            "e-mail address, but " + "; ".join(people)
        )
    if problem:
        flash(problem, "error")
        return redirect(back)
    published = publications.publish(db.session(), row, me(), form.choices(), case)
    flash("Published. This is the page the public sees.", "success")
    return redirect(url_for("cases.case", case_id=published.id))


@bp.post("/<int:audit_id>/unpublish")
@login_required
def unpublish(team_id: int, audit_id: int):
    team, _, row, _ = load(team_id, audit_id, "manage")
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if publications.unpublish(db.session(), row, me()):
        flash("Unpublished: the case is gone from every public page.", "success")
    return redirect(url_for("audits.publication", team_id=team.id, audit_id=row.id))
