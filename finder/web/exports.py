"""Search results as files: every result of a query and its filters (up to a limit) as
CSV or JSON, with the same columns as the comparison downloads."""

from __future__ import annotations

import json
from dataclasses import replace

from flask import Blueprint, Response, abort, request

from finder.catalog.compare import entry_table
from finder.search import SearchResults
from finder.search.results import request_params
from finder.tables import Table
from finder.web.compare import entry_url, table_response
from finder.web.context import live_catalog, public_url
from finder.web.downloads import attachment, slug
from finder.web.search import request_from_args

bp = Blueprint("exports", __name__)
# Far above the catalog's size today; a bound on the work one download can ask for.
MAX_RESULTS = 500


@bp.app_context_processor
def export_limit() -> dict:
    """The limit, for the search page's download links."""
    return {"search_export_limit": MAX_RESULTS}


def limit_note(results: SearchResults, included: int) -> str:
    if results.total > included:
        return (
            f"Only the first {included} of {results.total} results are included "
            f"(downloads stop at {MAX_RESULTS}); narrow the search with filters to get "
            "the rest."
        )
    return f"All {results.total} results are included."


def results_json(results: SearchResults, table: Table) -> str:
    """The download as JSON: what was searched, how many matched, the rows."""
    params = request_params(results.request, page=1)
    return json.dumps(
        {
            "search": {k: v for k, v in params.items() if k != "page"},
            "search_url": public_url("search.index", **params),
            "total": results.total,
            "included": len(table.rows),
            "note": limit_note(results, len(table.rows)),
            "columns": list(table.columns),
            "results": table.records(),
        },
        ensure_ascii=False,
        indent=2,
    )


@bp.get("/search.<fmt>")
def search(fmt: str):
    if fmt not in ("csv", "json"):
        abort(404)
    search_request = replace(request_from_args(request.args), page=1)
    results = live_catalog().index.search(search_request, MAX_RESULTS, use_cache=False)
    table = entry_table([hit.entry for hit in results.hits], entry_url)
    stem = "search-" + slug(search_request.q, 60, "results")
    if fmt == "csv":
        response = table_response(table, "csv", stem, "")
    else:
        response = Response(
            results_json(results, table),
            mimetype="application/json",
            headers=attachment(f"{stem}.json"),
        )
    # CSV has no room for a note: the counts travel in headers (and on the search page).
    response.headers["X-Total-Results"] = str(results.total)
    response.headers["X-Included-Results"] = str(len(table.rows))
    return response
