"""JSON API over the same search facade and catalog as the pages."""

from __future__ import annotations

import json
import re

from flask import Blueprint, abort, current_app, jsonify, request

from finder.catalog import schema
from finder.catalog.jurisdictions import is_code
from finder.learning import records
from finder.learning.openapi import CASES_PER_PAGE
from finder.search import BadRequest, SearchResults, openapi
from finder.store import publications
from finder.web import db, published
from finder.web.cases import case_url, entry_link
from finder.web.context import live_catalog, public_url
from finder.web.search import request_from_args

bp = Blueprint("api", __name__, url_prefix="/api/v1")
ALLOWED = {"q", "state", "kind", "area", "page", "sort"}


def results_json(results: SearchResults, url_for_entry) -> dict:
    """The API's search payload; the CLI's `search --json` prints the same shape."""
    return {
        "total": results.total,
        "page": results.page,
        "pages": results.pages,
        "results": [
            {
                "id": hit.entry.id,
                "state": hit.entry.state,
                "title": hit.entry.title,
                "kind": hit.entry.kind,
                "policy_areas": list(hit.entry.policy_areas),
                "citations": list(hit.entry.citations),
                "summary": hit.entry.summary,
                "url": url_for_entry(hit.entry.id),
                "score": round(hit.score, 4),
                "snippet": hit.snippet_html,
                "verified": hit.entry.verified,
            }
            for hit in results.hits
        ],
        "facets": {
            facet: {v.value: v.count for v in values}
            for facet, values in results.facets.items()
        },
        "suggestion": results.suggestion,
        "match": results.mode,
    }


@bp.get("/flexibilities")
def search():
    unknown = sorted(set(request.args) - ALLOWED)
    if unknown:
        raise BadRequest(
            f"unknown {'parameter' if len(unknown) == 1 else 'parameters'}: "
            f"{', '.join(unknown)[:200]}"
        )
    search_request = request_from_args(request.args, strict=True)
    results = live_catalog().index.search(
        search_request, current_app.config["PAGE_SIZE"]
    )
    return jsonify(
        results_json(results, lambda i: public_url("catalog.entry", entry_id=i))
    )


@bp.get("/flexibilities/<entry_id>")
def entry(entry_id: str):
    item = live_catalog().catalog.get(entry_id)
    if item is None:
        abort(404)
    data = item.to_dict()
    data["url"] = public_url("catalog.entry", entry_id=item.id)
    return jsonify(data)


@bp.get("/cases")
def cases():
    """Published cases, newest first (of one state with ?state=)."""
    state = _state_arg({"state", "page"})
    page = _page_arg()
    found = published.cases(state)
    pages = max(1, -(-len(found) // CASES_PER_PAGE))
    shown = found[(page - 1) * CASES_PER_PAGE : page * CASES_PER_PAGE]
    later = {"page": page + 1, **({"state": state} if state else {})}
    return jsonify(
        cases=[records.case_record(p, case_url, entry_link) for p in shown],
        page=page,
        pages=pages,
        next=public_url("api.cases", **later) if page < pages else None,
    )


def _page_arg() -> int:
    """The ?page= number (1 when absent); 400 for anything but a whole number ≥ 1."""
    raw = request.args.get("page", "1").strip()
    if not re.fullmatch(r"[0-9]{1,7}", raw) or not 1 <= int(raw) <= 1_000_000:
        raise BadRequest("page must be a whole number from 1")
    return int(raw)


@bp.get("/cases/<int:case_id>")
def case(case_id: int):
    found = publications.get_published(db.session(), case_id)
    if found is None:
        abort(404)
    return jsonify(records.case_record(found, case_url, entry_link))


@bp.get("/barriers")
def barriers():
    """The barriers report of one state (?state=) or of every state."""
    state = _state_arg({"state"})
    report = published.report(state)
    return jsonify(records.report_record(report, case_url, entry_link))


def _state_arg(allowed: set[str]) -> str:
    """The ?state= postal code ("" when absent); 400 for anything else."""
    unknown = sorted(set(request.args) - allowed)
    if unknown:
        raise BadRequest(
            f"unknown {'parameter' if len(unknown) == 1 else 'parameters'}: "
            f"{', '.join(unknown)[:200]}"
        )
    code = request.args.get("state", "").strip().upper()
    if code and (not is_code(code) or code == "US"):
        raise BadRequest(f"state must be a state's postal code, not {code[:20]!r}")
    return code


@bp.get("/schema/flexibility")
def entry_schema():
    """The JSON Schema of one entry, as /flexibilities/<id> returns it."""
    return jsonify(schema.entry_schema())


@bp.get("/schema/catalog-file")
def file_schema():
    """The JSON Schema of a catalog file (flexibilities/schema.json)."""
    return jsonify(schema.file_schema())


@bp.get("/openapi.json")
def openapi_document():
    """This API as an OpenAPI 3.1 document, its server at PUBLIC_URL when set."""
    base = current_app.config["PUBLIC_URL"] or request.host_url
    server = base.rstrip("/") + request.script_root + bp.url_prefix
    doc = openapi.document(server, current_app.config["PAGE_SIZE"])
    # in the document's own order (openapi, info, servers, paths, components)
    body = json.dumps(doc, indent=1, ensure_ascii=False)
    return current_app.response_class(body, mimetype="application/json")


@bp.errorhandler(BadRequest)
def bad_request(exc: BadRequest):
    return jsonify(error="Bad Request", message=str(exc), status=400), 400
