"""What every audit page shares: the blueprint, loading and saving an audit, the context."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for

from finder.audit import watch
from finder.audit.model import AuditData
from finder.audit.rubric import DECISIONS, load_rubric
from finder.audit.templates import load_templates
from finder.audit.wizard import STEPS, progress
from finder.catalog import POLICY_AREAS
from finder.store import audits as store
from finder.store.access import can
from finder.web import db
from finder.web.context import live_catalog
from finder.web.teams import me, require_team

bp = Blueprint("audits", __name__, url_prefix="/teams/<int:team_id>/audits")

# The page of each wizard step (the steps themselves are domain: finder.audit.wizard).
STEP_ENDPOINTS = {
    "setup": "audits.setup",
    "template": "audits.template",
    "rules": "audits.rules",
    "review": "audits.review",
    "summary": "audits.summary",
    "evaluation": "audits.evaluation",
    "document": "documents.document",
}


def read_upload(upload, limit: int) -> bytes:
    """Up to ``limit`` bytes of an uploaded file, closing it (uploads past 500 kB are
    spooled to a temporary file that would otherwise stay open)."""
    try:
        return upload.read(limit)
    finally:
        upload.close()


def load(team_id: int, audit_id: int, action: str):
    """Team, membership, stored audit and its content, or 404/403."""
    team, membership = require_team(team_id, action)
    row = store.get_audit(db.session(), team.id, audit_id)
    if row is None:
        abort(404)
    return team, membership, row, store.content(row)


def templates():
    """The design templates (catalog ids are checked by the test suite, not per request)."""
    return load_templates()


def version_of(form) -> int:
    try:
        return int(form.version.data or request.form.get("version", ""))
    except (TypeError, ValueError):
        abort(400, "The form is missing its version; reload the page and try again.")


def save(team, row, data: AuditData, version: int, events: list[dict], back: str):
    """Save, or show the conflict page with both versions; returns a response.

    Each save keeps a first snapshot of the catalog entries newly relied on."""
    watch.follow_all(data, live_catalog().catalog)
    try:
        store.save_audit(db.session(), row, me(), data, version, events)
    except store.Conflict as exc:
        theirs = store.content(exc.current)
        return (
            render_template(
                "audits/conflict.html",
                team=team,
                audit=exc.current,
                theirs=theirs,
                mine=request.form.to_dict(flat=False),
                action=request.path,
                back=back,
                decisions=DECISIONS,
            ),
            409,
        )
    return None


def step_url(step: str, team, row, **values) -> str:
    return url_for(STEP_ENDPOINTS[step], team_id=team.id, audit_id=row.id, **values)


def context(team, membership, row, data, step: str, **extra):
    catalog = live_catalog().catalog
    return dict(
        team=team,
        membership=membership,
        audit=row,
        data=data,
        steps=STEPS,
        step_endpoints=STEP_ENDPOINTS,
        step=step,
        can_edit=can(membership.role, "edit"),
        progress=progress(data, load_rubric(), catalog),
        watched=watch.changes(data, catalog),
        catalog_fingerprint=catalog.fingerprint,
        decisions=DECISIONS,
        areas=POLICY_AREAS,
        **extra,
    )


def status(form) -> int:
    """400 for a page shown again with errors, else 200."""
    return 400 if form.errors else 200
