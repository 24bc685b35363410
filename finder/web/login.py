"""Signed-in users through Flask-Login; a password change signs out other sessions."""

from __future__ import annotations

from flask import Flask
from flask_login import LoginManager, UserMixin

from finder.store.accounts import get_user
from finder.web import db

login_manager = LoginManager()
login_manager.login_view = "auth.signin"
login_manager.login_message = "Please sign in to continue."
login_manager.login_message_category = "info"


class SignedIn(UserMixin):
    """The session's view of a user: id plus session version, so old sessions expire."""

    def __init__(self, user):
        self.user = user
        self.id = user.id

    def get_id(self) -> str:
        return f"{self.user.id}:{self.user.session_version}"


@login_manager.user_loader
def load_user(value: str):
    try:
        user_id, version = (int(part) for part in value.split(":"))
    except ValueError:
        return None
    user = get_user(db.session(), user_id)
    if user is None or user.session_version != version:
        return None
    return SignedIn(user)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
