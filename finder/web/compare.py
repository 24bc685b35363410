"""State comparison: the coverage matrix (with CSV) and a side-by-side view of two or three states."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, render_template, request

from finder.catalog import KINDS, POLICY_AREAS
from finder.catalog.compare import matrix, side_by_side
from finder.catalog.jurisdictions import CODES, NAMES, sort_key
from finder.web.context import live_catalog
from finder.web.downloads import attachment

bp = Blueprint("compare", __name__)
MAX_STATES = 3


def filters():
    """The kind and policy-area filters from the query string (unknown values dropped)."""
    kinds = tuple(k for k in request.args.getlist("kind") if k in KINDS)
    areas = tuple(a for a in request.args.getlist("area") if a in POLICY_AREAS)
    by = "area" if request.args.get("by") == "area" else "kind"
    return by, kinds, areas


@bp.get("/compare")
def index():
    by, kinds, areas = filters()
    columns, rows = matrix(live_catalog().catalog, by, kinds, areas)
    labels = KINDS if by == "kind" else POLICY_AREAS
    return render_template(
        "compare/matrix.html",
        by=by,
        kinds=kinds,
        areas=areas,
        columns=columns,
        labels=labels,
        rows=rows,
        all_kinds=KINDS,
        all_areas=POLICY_AREAS,
    )


@bp.get("/compare.csv")
def download():
    by, kinds, areas = filters()
    columns, rows = matrix(live_catalog().catalog, by, kinds, areas)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["code", "jurisdiction", *columns, "total"])
    for code, counts in rows:
        writer.writerow([code, NAMES[code], *counts, sum(counts)])
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers=attachment(f"flexibilities-by-{by}.csv"),
    )


@bp.get("/compare/states")
def states():
    chosen = []
    for raw in request.args.getlist("s"):
        code = raw.strip().upper()
        if code in CODES and code not in chosen:
            chosen.append(code)
    chosen = chosen[:MAX_STATES]
    rows = side_by_side(live_catalog().catalog, chosen) if len(chosen) >= 2 else []
    options = sorted(NAMES, key=sort_key)
    return render_template(
        "compare/states.html",
        chosen=chosen,
        rows=rows,
        options=options,
        max_states=MAX_STATES,
    )
