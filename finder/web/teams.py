"""Teams: list and create, the team page, district profile, invitations, members."""

from __future__ import annotations

from typing import NamedTuple

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask import session as web_session
from flask_login import current_user, login_required

from finder.store import teams
from finder.store.access import Forbidden, NotFound, authorize, can
from finder.store.models import Invitation
from finder.web import db
from finder.web.activity import describe
from finder.web.context import public_url
from finder.web.forms.accounts import ConfirmForm
from finder.web.forms.teams import DistrictProfileForm, InviteForm, RoleForm, TeamForm

bp = Blueprint("teams", __name__)
bp.add_app_template_filter(describe, "activity_sentence")
NEW_LINK = "new_invitation_link"  # session key: a link created, not yet shown
PENDING = "pending_invitation"  # session key: the invitation link this browser opened


class Pending(NamedTuple):
    """An invitation this browser opened and has not accepted, and where to accept it."""

    invitation: Invitation
    path: str


def pending_invitation() -> Pending | None:
    """The open invitation this browser followed, unless it is spent or already joined.

    The token is kept in the signed session only between opening the link and
    accepting it, so a person who signs up or in on the way is brought back to it.
    """
    token = web_session.get(PENDING)
    found = (
        teams.invitation_for(db.session(), token) if isinstance(token, str) else None
    )
    if found is not None and current_user.is_authenticated:
        try:
            authorize(db.session(), current_user.user.id, found.team_id, "read")
        except NotFound:
            pass
        else:
            found = None  # already a member: nothing to accept
    if found is None:
        web_session.pop(PENDING, None)
        return None
    return Pending(found, url_for("teams.invitation", token=token))


bp.add_app_template_global(pending_invitation)


def require_team(team_id: int, action: str):
    """The team and membership for the signed-in user, or 404 (not a member) / 403 (role)."""
    try:
        return authorize(
            db.session(),
            current_user.get_id() and current_user.user.id,
            team_id,
            action,
        )
    except NotFound:
        abort(404)
    except Forbidden:
        abort(403)


def me():
    return db.session().merge(current_user.user)


@bp.get("/teams")
@login_required
def index():
    return render_template(
        "teams/index.html",
        memberships=teams.user_teams(db.session(), current_user.user.id),
        pending=pending_invitation(),
        form=TeamForm(),
        confirm=ConfirmForm(),
        current_team_id=me().current_team_id,
    )


@bp.post("/teams")
@login_required
def create():
    form = TeamForm()
    if not form.validate_on_submit():
        flash("Give the team a name.", "error")
        return redirect(url_for("teams.index"))
    team = teams.create_team(db.session(), me(), form.name.data)
    flash(
        f"Team “{team.name}” created. Add its district profile, then invite colleagues.",
        "success",
    )
    return redirect(url_for("teams.show", team_id=team.id))


@bp.get("/teams/<int:team_id>")
@login_required
def show(team_id: int):
    team, membership = require_team(team_id, "read")
    session = db.session()
    manage = can(membership.role, "manage")
    new_link = take_new_link(team.id) if manage else None
    page = render_template(
        "teams/show.html",
        team=team,
        membership=membership,
        members=teams.members(session, team.id),
        invitations=teams.open_invitations(session, team.id) if manage else [],
        activity=teams.activity(session, team.id, limit=20),
        can_edit=can(membership.role, "edit"),
        can_manage=manage,
        invite_form=InviteForm(formdata=None),
        role_form=RoleForm(),
        confirm=ConfirmForm(),
        new_link=new_link,
    )
    # A page holding a fresh invitation link is not kept by caches or the back button.
    return page, 200, {"Cache-Control": "no-store"} if new_link else {}


@bp.post("/teams/<int:team_id>/switch")
@login_required
def switch(team_id: int):
    team, _ = require_team(team_id, "read")
    teams.switch_team(db.session(), me(), team.id)
    flash(f"You are now working in “{team.name}”.", "success")
    return redirect(url_for("teams.show", team_id=team.id))


@bp.route("/teams/<int:team_id>/profile", methods=["GET", "POST"])
@login_required
def profile(team_id: int):
    team, _ = require_team(team_id, "edit")
    form = DistrictProfileForm(obj=team)
    if form.validate_on_submit():
        try:
            teams.update_profile(db.session(), team, me(), form.data)
        except teams.TeamError as exc:
            form.state.errors.append(str(exc))
        else:
            flash("The district profile is saved.", "success")
            return redirect(url_for("teams.show", team_id=team.id))
    return render_template(
        "teams/profile.html", team=team, form=form
    ), 400 if form.errors else 200


@bp.post("/teams/<int:team_id>/invitations")
@login_required
def invite(team_id: int):
    team, _ = require_team(team_id, "manage")
    form = InviteForm()
    if not form.validate_on_submit():
        flash(
            "Check the invitation: "
            + "; ".join(e for errs in form.errors.values() for e in errs),
            "error",
        )
        return redirect(url_for("teams.show", team_id=team.id))
    try:
        token = teams.create_invitation(
            db.session(), team, me(), form.role.data, form.email.data or ""
        )
    except teams.TeamError as exc:
        flash(str(exc), "error")
        return redirect(url_for("teams.show", team_id=team.id))
    # Post/redirect/get: the new link rides in the session to the team page, which
    # shows it once; refreshing that page never creates a second invitation.
    web_session[NEW_LINK] = {
        "team": team.id,
        "link": public_url("teams.invitation", token=token),
    }
    return redirect(url_for("teams.show", team_id=team.id, _anchor="invite-h"))


def take_new_link(team_id: int) -> str | None:
    """The invitation link just created for this team, handed out once."""
    held = web_session.get(NEW_LINK)
    if not isinstance(held, dict) or held.get("team") != team_id:
        return None
    web_session.pop(NEW_LINK)
    return held.get("link")


@bp.post("/teams/<int:team_id>/invitations/<int:invitation_id>/revoke")
@login_required
def revoke(team_id: int, invitation_id: int):
    team, _ = require_team(team_id, "manage")
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        teams.revoke_invitation(db.session(), team, me(), invitation_id)
    except LookupError:
        abort(404)
    flash("The invitation link no longer works.", "success")
    return redirect(url_for("teams.show", team_id=team.id))


@bp.route("/invite/<token>", methods=["GET", "POST"])
def invitation(token: str):
    session = db.session()
    found = teams.invitation_for(session, token)
    if found is None:
        return render_template("teams/invitation_invalid.html"), 404
    web_session[PENDING] = token
    if not current_user.is_authenticated:
        if request.method == "POST":
            return redirect(url_for("auth.signin", next=request.path))
        # Someone new to the site: say what they are invited to, then sign up or in.
        return render_template("teams/invitation.html", invitation=found, form=None)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            team = teams.accept_invitation(session, token, me())
        except teams.TeamError as exc:
            flash(str(exc), "error")
            return redirect(url_for("teams.index"))
        finally:
            web_session.pop(PENDING, None)
        flash(f"You joined “{team.name}”.", "success")
        return redirect(url_for("teams.show", team_id=team.id))
    return render_template("teams/invitation.html", invitation=found, form=form)


@bp.post("/teams/<int:team_id>/members/<int:user_id>/role")
@login_required
def change_role(team_id: int, user_id: int):
    team, _ = require_team(team_id, "manage")
    form = RoleForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        teams.change_role(db.session(), team, me(), user_id, form.role.data)
    except LookupError:
        abort(404)
    except teams.TeamError as exc:
        flash(str(exc), "error")
    else:
        flash("The role is changed.", "success")
    return redirect(url_for("teams.show", team_id=team.id))


@bp.post("/teams/<int:team_id>/members/<int:user_id>/remove")
@login_required
def remove(team_id: int, user_id: int):
    team, _ = require_team(team_id, "manage")
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        teams.remove_member(db.session(), team, me(), user_id)
    except LookupError:
        abort(404)
    except teams.TeamError as exc:
        flash(str(exc), "error")
    else:
        flash("The member is removed.", "success")
    return redirect(url_for("teams.show", team_id=team.id))


@bp.post("/teams/<int:team_id>/leave")
@login_required
def leave(team_id: int):
    team, _ = require_team(team_id, "read")
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        teams.remove_member(db.session(), team, me(), current_user.user.id)
    except teams.TeamError as exc:
        flash(str(exc), "error")
        return redirect(url_for("teams.show", team_id=team.id))
    flash(f"You left “{team.name}”.", "success")
    return redirect(url_for("teams.index"))


@bp.get("/teams/<int:team_id>/activity")
@login_required
def activity(team_id: int):
    team, _ = require_team(team_id, "read")
    return render_template(
        "teams/activity.html",
        team=team,
        activity=teams.activity(db.session(), team.id, limit=500),
    )
