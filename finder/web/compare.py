"""Comparisons: the coverage matrix (with its counts CSV), two to four states or entries
side by side, and their downloads (CSV and XLSX)."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, abort, render_template, request

from finder.catalog import KINDS, POLICY_AREAS
from finder.catalog.compare import (
    MAX_COMPARED,
    Chosen,
    checked_on,
    choose_entries,
    choose_states,
    counts_table,
    entries_of_states,
    entry_counts,
    entry_table,
    matrix,
    side_by_side,
)
from finder.catalog.jurisdictions import NAMES, sort_key
from finder.tables import Table, to_csv, to_xlsx
from finder.web.context import live_catalog, public_url
from finder.web.downloads import attachment

bp = Blueprint("compare", __name__)
TYPES = {
    "csv": "text/csv",  # Flask adds "; charset=utf-8" to text types
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CAUTION = (
    "Entries summarize public sources in the catalog's own words. Entries marked "
    "“Not fully verified” were not fully checked against official text. Check the "
    "cited sources, and your counsel, before relying on an entry."
)


def filters():
    """The kind and policy-area filters from the query string (unknown values dropped)."""
    kinds = tuple(k for k in request.args.getlist("kind") if k in KINDS)
    areas = tuple(a for a in request.args.getlist("area") if a in POLICY_AREAS)
    by = "area" if request.args.get("by") == "area" else "kind"
    return by, kinds, areas


def chosen_states(limit: int = MAX_COMPARED) -> Chosen:
    return choose_states(request.args.getlist("s"), limit)


def chosen_entries() -> Chosen:
    return choose_entries(live_catalog().catalog, request.args.getlist("e"))


def table_response(table: Table, fmt: str, stem: str, page_url: str) -> Response:
    """A table as a CSV or XLSX download (the XLSX says where and when it came from).

    :raises NotFound: an unknown format.
    """
    if fmt not in TYPES:
        abort(404)
    if fmt == "csv":
        body: str | bytes = to_csv(table)
    else:
        notes = [
            ("Exported from", page_url),
            ("Exported on", dt.date.today().isoformat()),
            ("Rows", str(len(table.rows))),
            ("Please note", CAUTION),
        ]
        body = to_xlsx(table, notes=notes)
    return Response(body, mimetype=TYPES[fmt], headers=attachment(f"{stem}.{fmt}"))


def entry_url(entry_id: str) -> str:
    return public_url("catalog.entry", entry_id=entry_id)


@bp.get("/compare")
def index():
    by, kinds, areas = filters()
    codes = chosen_states(limit=len(NAMES)).items
    catalog = live_catalog().catalog
    columns, rows = matrix(catalog, by, kinds, areas, codes)
    labels = KINDS if by == "kind" else POLICY_AREAS
    return render_template(
        "compare/matrix.html",
        by=by,
        kinds=kinds,
        areas=areas,
        codes=codes,
        columns=columns,
        labels=labels,
        rows=rows,
        totals=entry_counts(catalog, kinds, areas),
        all_kinds=KINDS,
        all_areas=POLICY_AREAS,
    )


@bp.get("/compare.csv")
def download():
    by, kinds, areas = filters()
    codes = chosen_states(limit=len(NAMES)).items
    table = counts_table(live_catalog().catalog, by, kinds, areas, codes)
    stem = "-".join(["flexibilities-by", by, *codes])
    return table_response(table, "csv", stem, "")


@bp.get("/compare/states")
def states():
    chosen = chosen_states()
    codes = chosen.items
    rows = side_by_side(live_catalog().catalog, codes) if len(codes) >= 2 else []
    return render_template(
        "compare/states.html",
        chosen=codes,
        problems=chosen.problems,
        rows=rows,
        options=sorted(NAMES, key=sort_key),
        max_states=MAX_COMPARED,
        full=request.args.get("detail") == "full",
        checked_on=checked_on,
    )


@bp.get("/compare/states.<fmt>")
def states_download(fmt: str):
    codes = chosen_states().items
    if not codes:
        abort(400, "Choose the states to download, for example ?s=TX&s=CO.")
    entries = entries_of_states(live_catalog().catalog, codes)
    page = public_url("compare.states", s=codes)
    stem = "-".join(["flexibilities", *codes])
    return table_response(entry_table(entries, entry_url), fmt, stem, page)


@bp.get("/compare/entries")
def entries():
    chosen = chosen_entries()
    catalog = live_catalog().catalog
    return render_template(
        "compare/entries.html",
        entries=chosen.items,
        problems=chosen.problems,
        options=[(code, catalog.for_state(code)) for code in catalog.states()],
        max_entries=MAX_COMPARED,
        checked_on=checked_on,
    )


@bp.get("/compare/entries.<fmt>")
def entries_download(fmt: str):
    chosen = chosen_entries().items
    if not chosen:
        abort(
            400,
            "Choose the entries to download, for example ?e=tx-districts-of-innovation.",
        )
    page = public_url("compare.entries", e=[e.id for e in chosen])
    table = entry_table(chosen, entry_url)
    return table_response(table, fmt, "flexibilities-compared", page)
