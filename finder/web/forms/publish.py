"""The publish form: one box per thing an owner may publish, declared in the domain."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField

from finder.learning.cases import CHOICES, Choices


class PublishForm(FlaskForm):
    version = HiddenField()

    def choices(self) -> Choices:
        """What the boxes checked choose."""
        return Choices.from_names(n for n in CHOICES if self[n].data)

    @classmethod
    def showing(cls, choices: Choices, version: int) -> PublishForm:
        """The form with ``choices`` checked, for the audit at ``version``."""
        return cls(
            data={"version": version, **{n: getattr(choices, n) for n in CHOICES}}
        )


for _name, _choice in CHOICES.items():
    setattr(PublishForm, _name, BooleanField(_choice.label, description=_choice.help))
