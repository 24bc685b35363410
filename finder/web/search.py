"""The search page: the query string is the whole state of a search."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from finder.search import SearchRequest
from finder.search.facets import LABELS
from finder.search.results import (
    SORTS,
    active_filters,
    cleared_params,
    request_params,
    toggle_params,
)
from finder.web.context import live_catalog
from finder.web.forms.search import SearchForm

bp = Blueprint("search", __name__)


def request_from_args(args, strict: bool = False) -> SearchRequest:
    """A SearchRequest from query-string arguments (repeat a parameter for OR)."""
    return SearchRequest.from_params(
        args.get("q", ""),
        states=args.getlist("state"),
        kinds=args.getlist("kind"),
        areas=args.getlist("area"),
        page=args.get("page"),
        sort=args.get("sort"),
        strict=strict,
    )


@bp.get("/search")
def index():
    search_request = request_from_args(request.args)
    results = live_catalog().index.search(
        search_request, current_app.config["PAGE_SIZE"]
    )
    form = SearchForm(formdata=None, q=search_request.q)
    return render_template(
        "search/index.html",
        form=form,
        results=results,
        facet_labels=LABELS,
        sorts=SORTS,
        filters=active_filters(results),
        clear_all=cleared_params(search_request),
        toggle=lambda facet, value: toggle_params(results, facet, value),
        params=lambda **changes: request_params(search_request, **changes),
    )
