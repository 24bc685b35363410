"""Public pages of published audits: cases, the barriers reports, their feed and files.

Every view reads the current publication rows (``finder.store.publications``), so an
unpublished case is gone from all of them at once.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request, url_for

from finder.audit.model import METRIC_AREAS
from finder.audit.rubric import DECISIONS
from finder.catalog.compare import BINS, tiles_of
from finder.catalog.jurisdictions import is_code
from finder.learning.barriers import (
    barrier_chart,
    barriers_table,
    cases_by_state,
)
from finder.learning.records import cases_feed
from finder.store import publications
from finder.web import db, published
from finder.web.compare import table_response
from finder.web.context import live_catalog, public_url

bp = Blueprint("cases", __name__)


@bp.app_context_processor
def case_labels() -> dict:
    """Labels the case view prints (the audit pages pass their own ``decisions``)."""
    return {"decisions": DECISIONS, "metric_areas": METRIC_AREAS}


def state_code(code: str) -> str:
    """A state's postal code from a path, or 404."""
    if not is_code(code) or code.upper() == "US":
        abort(404)
    return code.upper()


def case_url(case_id: int) -> str:
    return public_url("cases.case", case_id=case_id)


def entry_link(entry_id: str) -> tuple[str, str]:
    """A catalog id's title and page (the id alone once the entry has left); a
    mechanism no longer in force says so ("… (repealed)") wherever a case names it."""
    entry = live_catalog().catalog.get(entry_id)
    if entry is None:
        return entry_id, ""
    title = entry.title
    if entry.status != "active":
        title = f"{title} ({entry.status})"
    return title, public_url("catalog.entry", entry_id=entry_id)


@bp.get("/cases")
def index():
    code = request.args.get("state", "")
    state = state_code(code) if code else ""
    return render_template(
        "cases/index.html",
        state=state,
        cases=published.cases(state),
    )


@bp.get("/cases/<int:case_id>")
def case(case_id: int):
    found = publications.get_published(db.session(), case_id)
    if found is None:
        abort(404)
    return render_template(
        "cases/case.html", publication=found, case=found.case, entry_link=entry_link
    )


@bp.get("/cases.atom")
def feed():
    body = cases_feed(
        published.cases()[:50],
        feed_url=public_url("cases.feed"),
        site_url=public_url("cases.index"),
        case_url=case_url,
    )
    return Response(body, mimetype="application/atom+xml")


@bp.get("/barriers")
def national():
    counts = cases_by_state(published.cases())
    return render_template(
        "cases/national.html",
        report=published.report(),
        tiles=tiles_of(counts),
        bins=BINS,
        state_link=lambda code: url_for("cases.barriers", code=code),
        states=sorted(counts.items()),
        entry_link=entry_link,
    )


@bp.get("/barriers/<code>")
def barriers(code: str):
    state = state_code(code)
    report = published.report(state)
    return render_template(
        "cases/barriers.html",
        report=report,
        chart=barrier_chart(report),
        entry_link=entry_link,
    )


@bp.get("/barriers.csv")
@bp.get("/barriers/<code>.csv")
def barriers_csv(code: str = ""):
    state = state_code(code) if code else ""
    report = published.report(state)
    table = barriers_table(report, lambda m: entry_link(m)[0], case_url)
    stem = f"barriers-{state.lower() or 'all-states'}"
    return table_response(table, "csv", stem, "")
