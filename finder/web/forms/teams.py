"""Forms for teams: create, district profile, invitations and roles."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from finder.catalog.jurisdictions import NAMES, sort_key
from finder.store.models import ROLES

ROLE_CHOICES = [SelectChoice(r, r.capitalize()) for r in ROLES]
STATE_CHOICES = [SelectChoice("", "Choose a state")] + [
    SelectChoice(code, NAMES[code])
    for code in sorted(NAMES, key=sort_key)
    if code != "US"
]


class TeamForm(FlaskForm):
    name = StringField(
        "Team name",
        validators=[DataRequired(), Length(max=200)],
        description="Usually the district or school.",
    )


class DistrictProfileForm(FlaskForm):
    name = StringField("Team name", validators=[DataRequired(), Length(max=200)])
    district_name = StringField("District name", validators=[Length(max=200)])
    state = SelectField("State", choices=STATE_CHOICES, validators=[Optional()])
    size = StringField(
        "Size",
        validators=[Length(max=200)],
        description="For example: 4 schools, 2,100 students.",
    )
    demographics = TextAreaField("Demographics summary", validators=[Length(max=4000)])
    vision = TextAreaField("Vision statement", validators=[Length(max=8000)])


class InviteForm(FlaskForm):
    email = EmailField(
        "Their email (optional, for your records)",
        validators=[Optional(), Email(), Length(max=254)],
    )
    role = SelectField("Role", choices=ROLE_CHOICES, default="viewer")


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=ROLE_CHOICES)
