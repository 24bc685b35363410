"""The search box: a GET form, so the URL holds the whole search and can be shared."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SearchField
from wtforms.validators import Length, Optional

from finder.search.query import MAX_QUERY_CHARS


class SearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search changes nothing; the URL is meant to be shared

    q = SearchField(
        "Search flexibilities",
        validators=[Optional(), Length(max=MAX_QUERY_CHARS)],
        render_kw={
            "placeholder": "e.g. seat time waiver Colorado, 4-day week, KRS 156.108"
        },
    )
