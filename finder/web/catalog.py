"""Catalog pages: home, entry, state, list of jurisdictions."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, url_for

from finder.catalog import KINDS, POLICY_AREAS
from finder.catalog.compare import BINS, tiles
from finder.catalog.feed import atom_feed, recent_changes
from finder.catalog.jurisdictions import NAMES, is_code, sort_key
from finder.learning import districts_using
from finder.web import published
from finder.web.compare import filters
from finder.web.context import live_catalog, public_url
from finder.web.forms.search import SearchForm

bp = Blueprint("catalog", __name__)

EXAMPLE_SEARCHES = (
    "seat time waiver",
    "four-day school week",
    "industry experts teaching CTE",
    "Texas district of innovation",
    "innovative assessment",
    "KRS 156.108",
)


@bp.get("/")
def home():
    catalog = live_catalog().catalog
    counts = catalog.counts()
    _, kinds, areas = filters()
    return render_template(
        "catalog/home.html",
        tiles=tiles(catalog, kinds, areas),
        state_link=lambda code: (
            url_for("search.index", state=code, kind=list(kinds), area=list(areas))
            if kinds or areas
            else url_for("catalog.state", code=code)
        ),
        bins=BINS,
        map_kinds=kinds,
        map_areas=areas,
        all_kinds=KINDS,
        all_areas=POLICY_AREAS,
        form=SearchForm(),
        catalog=catalog,
        state_counts=sorted(counts["state"].items(), key=lambda kv: sort_key(kv[0])),
        kind_counts=[(k, counts["kind"][k]) for k in KINDS if counts["kind"][k]],
        examples=EXAMPLE_SEARCHES,
    )


@bp.get("/states")
def states():
    catalog = live_catalog().catalog
    counts = catalog.counts()["state"]
    rows = [(code, counts.get(code, 0)) for code in sorted(NAMES, key=sort_key)]
    return render_template("catalog/states.html", rows=rows, catalog=catalog)


@bp.get("/states/<code>")
def state(code: str):
    if not is_code(code):
        abort(404)
    code = code.upper()
    catalog = live_catalog().catalog
    return render_template(
        "catalog/state.html",
        code=code,
        groups=catalog.by_kind(code),
        notes=catalog.notes_for(code),
        coded_through=catalog.coded_through(code),
        federal=catalog.for_state("US") if code != "US" else [],
    )


@bp.get("/flexibilities/<entry_id>")
def entry(entry_id: str):
    catalog = live_catalog().catalog
    item = catalog.get(entry_id)
    if item is None:
        abort(404)
    return render_template(
        "catalog/entry.html",
        entry=item,
        related=catalog.related(item),
        using=districts_using(published.cases(), item.id),
    )


@bp.get("/changes")
def changes():
    catalog = live_catalog().catalog
    return render_template(
        "catalog/changes.html", entries=recent_changes(catalog), catalog=catalog
    )


@bp.get("/changes.atom")
def changes_feed():
    catalog = live_catalog().catalog
    body = atom_feed(
        recent_changes(catalog),
        feed_url=public_url("catalog.changes_feed"),
        site_url=public_url("catalog.changes"),
        entry_url=lambda i: public_url("catalog.entry", entry_id=i),
    )
    return Response(body, mimetype="application/atom+xml")


@bp.get("/healthz")
def healthz():
    """A bare liveness check for load balancers (and the benchmark's baseline)."""
    return Response("ok\n", mimetype="text/plain")
