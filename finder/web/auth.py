"""Accounts: sign up, sign in (rate-limited), sign out, profile, password reset links."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask import session as web_session
from flask_login import current_user, login_required, login_user, logout_user

from finder.store import accounts
from finder.web import db
from finder.web.forms.accounts import (
    ConfirmForm,
    NewPasswordForm,
    ProfileForm,
    SignInForm,
    SignUpForm,
)
from finder.web.login import SignedIn
from finder.web.teams import NEW_LINK, PENDING, pending_invitation

bp = Blueprint("auth", __name__)


def safe_next(target: str | None, default: str | None = None) -> str:
    """Only same-site paths are followed after sign-in (no open redirects).

    Browsers read a backslash as a slash and drop tabs and newlines inside a URL, so
    paths holding a backslash, a space or a control character could leave the site
    and are refused too.
    """
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and target.isprintable()
        and " " not in target
        and not urlsplit(target).netloc
    ):
        return target
    return default or url_for("teams.index")


def after_sign_in() -> str:
    """Where a person goes once signed in: a local ``next``, else the invitation they
    opened, else their teams."""
    pending = pending_invitation()
    return safe_next(request.args.get("next"), pending.path if pending else None)


def welcome(target: str) -> str:
    """The greeting for a new account: the invitation, when that is where they go."""
    pending = pending_invitation()
    if pending is not None and target == pending.path:
        return (
            "Welcome! Your account is ready: accept the invitation below to join "
            f"“{pending.invitation.team.name}”."
        )
    return "Welcome! Create a team or open an invitation link to get started."


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    form = SignUpForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                db.session(),
                form.email.data,
                form.name.data,
                form.password.data,
                form.district.data or "",
                address=request.remote_addr or "unknown",
                signup_limit=current_app.config["SIGNUPS_PER_HOUR"],
            )
        except accounts.RateLimited as exc:
            form.email.errors.append(str(exc))
            return (
                render_template("auth/signup.html", form=form),
                429,
                {"Retry-After": str(exc.retry_after)},
            )
        except accounts.AccountError as exc:
            field = form.email if "email" in str(exc).lower() else form.password
            field.errors.append(str(exc))
        else:
            login_user(SignedIn(user))
            target = after_sign_in()
            flash(welcome(target), "success")
            return redirect(target)
    return render_template("auth/signup.html", form=form), 400 if form.errors else 200


@bp.route("/signin", methods=["GET", "POST"])
def signin():
    form = SignInForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(
                db.session(),
                form.email.data,
                form.password.data,
                request.remote_addr or "unknown",
            )
        except accounts.RateLimited as exc:
            form.password.errors.append(str(exc))
            return (
                render_template("auth/signin.html", form=form),
                429,
                {"Retry-After": str(exc.retry_after)},
            )
        if user is None:
            form.password.errors.append(
                "That email and password do not match an account."
            )
            status = 400
        else:
            login_user(SignedIn(user))
            return redirect(after_sign_in())
    elif form.errors:
        status = 400
    return render_template("auth/signin.html", form=form), status


@bp.post("/signout")
def signout():
    if current_user.is_authenticated:
        # Server-side: a copy of this session's cookie no longer signs anyone in.
        accounts.end_sessions(db.session(), current_user.user)
    logout_user()
    for key in (PENDING, NEW_LINK):  # nothing of this person's stays in the browser
        web_session.pop(key, None)
    flash("You are signed out.", "info")
    return redirect(url_for("catalog.home"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    user = current_user.user
    form = ProfileForm(obj=user)
    if form.validate_on_submit():
        try:
            accounts.update_profile(
                db.session(),
                db.session().merge(user),
                form.name.data,
                form.district.data or "",
                form.email.data,
            )
        except accounts.AccountError as exc:
            field = form.email if "email" in str(exc).lower() else form.name
            field.errors.append(str(exc))
        else:
            flash("Your profile is saved.", "success")
            return redirect(url_for("auth.account"))
    return render_template(
        "auth/account.html", form=form, user=user, signout=ConfirmForm()
    )


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset(token: str):
    session = db.session()
    if accounts.reset_for(session, token) is None:
        return render_template("auth/reset_invalid.html"), 404
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            user = accounts.reset_password(session, token, form.password.data)
        except accounts.AccountError as exc:
            form.password.errors.append(str(exc))
        else:
            login_user(SignedIn(user))
            flash("Your password is changed.", "success")
            return redirect(url_for("teams.index"))
    return render_template("auth/reset.html", form=form), 400 if form.errors else 200
