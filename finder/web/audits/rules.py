"""The rules step: list, add by hand, paste, import a table or a document, reorder, delete."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask_login import login_required

from finder.audit import editing
from finder.audit.extract import candidates_to_json, chosen_rules, extract_candidates
from finder.audit.model import SOURCE_LEVELS, AuditRule
from finder.audit.rubric import load_rubric
from finder.audit.rule_import import MAX_BYTES as MAX_TABLE_BYTES
from finder.audit.rule_import import (
    apply_corrections,
    parse_pasted_rules,
    read_rule_table,
    rows_from_json,
    rows_to_json,
)
from finder.audit.wizard import rule_status
from finder.catalog import POLICY_AREAS
from finder.text import clean_text
from finder.web.audits.common import (
    bp,
    context,
    load,
    read_upload,
    save,
    step_url,
    version_of,
)
from finder.web.context import live_catalog
from finder.web.forms.audits import (
    AddRuleForm,
    ConfirmRulesForm,
    ConfirmVersionForm,
    CsvForm,
    PasteForm,
    SourceDocumentForm,
)

IMPORT_KINDS = ("pasted", "imported from a file")


def _back(team, row):
    return redirect(step_url("rules", team, row))


@bp.get("/<int:audit_id>/rules")
@login_required
def rules(team_id: int, audit_id: int):
    team, membership, row, data = load(team_id, audit_id, "read")
    rubric = load_rubric()
    version = {"version": row.version}
    return render_template(
        "audits/rules.html",
        add_form=AddRuleForm(data=version),
        paste_form=PasteForm(data=version),
        csv_form=CsvForm(data=version),
        document_form=SourceDocumentForm(data=version),
        button=ConfirmVersionForm(data=version),
        statuses={r.uid: rule_status(r, rubric) for r in data.rules},
        levels=SOURCE_LEVELS,
        **context(team, membership, row, data, "rules"),
    )


def _append(team, row, data, new_rules: list[AuditRule], version: int, how: str):
    """Add rules and save; a full audit or a conflict is shown, nothing half-saved."""
    try:
        events = editing.add_rules(data, new_rules, live_catalog().catalog, how)
    except editing.AuditFull as full:
        flash(str(full), "error")
        return _back(team, row)
    conflict = save(team, row, data, version, events, step_url("rules", team, row))
    if conflict:
        return conflict
    flash(editing.added_summary(len(events), len(new_rules)), "success")
    return _back(team, row)


@bp.post("/<int:audit_id>/rules/add")
@login_required
def add_rule(team_id: int, audit_id: int):
    team, _, row, data = load(team_id, audit_id, "edit")
    form = AddRuleForm()
    if not form.validate_on_submit():
        flash("Write the rule's text.", "error")
        return _back(team, row)
    rule = AuditRule(
        form.text.data.strip(),
        form.source_level.data,
        form.citation.data or "",
        form.policy_area.data,
        form.raised_by.data or "",
    )
    return _append(team, row, data, [rule], version_of(form), "added by hand")


@bp.post("/<int:audit_id>/rules/paste")
@login_required
def paste_rules(team_id: int, audit_id: int):
    team, membership, row, data = load(team_id, audit_id, "edit")
    form = PasteForm()
    if not form.validate_on_submit():
        flash("Paste at least one rule, one per line.", "error")
        return _back(team, row)
    found = parse_pasted_rules(form.lines.data, data.state)
    if found.needs_review:
        return _preview(team, membership, row, data, found, "pasted")
    rules = editing.rules_from_rows(found.rows)
    return _append(team, row, data, rules, version_of(form), "pasted")


@bp.post("/<int:audit_id>/rules/import")
@login_required
def import_csv(team_id: int, audit_id: int):
    team, membership, row, data = load(team_id, audit_id, "edit")
    form = CsvForm()
    if not form.validate_on_submit():
        flash(
            "Choose a .csv, .txt or .xlsx file with a header row (save an .ods or "
            ".numbers file as .xlsx or .csv first).",
            "error",
        )
        return _back(team, row)
    upload = form.file.data
    found = read_rule_table(
        read_upload(upload, MAX_TABLE_BYTES + 1), upload.filename or "", data.state
    )
    if found.problems and not found.rows:
        for problem in found.problems:
            flash(problem, "error")
        return _back(team, row)
    return _preview(team, membership, row, data, found, "imported from a file")


@bp.post("/<int:audit_id>/rules/document")
@login_required
def import_document(team_id: int, audit_id: int):
    team, membership, row, data = load(team_id, audit_id, "edit")
    form = SourceDocumentForm()
    if not form.validate_on_submit():
        flash("Choose a .pdf, .docx, .html or .txt document.", "error")
        return _back(team, row)
    upload = form.document.data
    name = clean_text(upload.filename or "document")[:200]
    found = extract_candidates(  # the whole name: its ending tells the kind
        read_upload(upload, MAX_TABLE_BYTES + 1),
        clean_text(upload.filename or ""),
        data.state,
        [r.text for r in data.rules],
    )
    if not found.candidates:
        for problem in found.problems:
            flash(problem, "error")
        return _back(team, row)
    rows = candidates_to_json(found.candidates)
    return render_template(
        "audits/rules_from_document.html",
        found=found,
        document=name,
        confirm=ConfirmRulesForm(
            data={"version": row.version, "rows": rows, "what": name}
        ),
        levels=SOURCE_LEVELS,
        area_choices=POLICY_AREAS,
        **context(team, membership, row, data, "rules"),
    )


@bp.post("/<int:audit_id>/rules/document/confirm")
@login_required
def confirm_document(team_id: int, audit_id: int):
    team, _, row, data = load(team_id, audit_id, "edit")
    form = ConfirmRulesForm()
    document = clean_text(form.what.data or "a document")[:200]
    rules = (
        chosen_rules(form.rows.data, request.form, document)
        if form.validate_on_submit()
        else []
    )
    if not rules:
        flash("Nothing was ticked, so nothing was added.", "info")
        return _back(team, row)
    how = f"imported from {document}"
    return _append(team, row, data, rules, version_of(form), how)


def _preview(team, membership, row, data, found, what: str):
    """Show what was read, and what was not understood, before anything is saved."""
    confirm = ConfirmRulesForm(
        data={"version": row.version, "rows": rows_to_json(found.rows), "what": what}
    )
    return render_template(
        "audits/rules_import.html",
        found=found,
        confirm=confirm,
        what=what,
        levels=SOURCE_LEVELS,
        area_choices=POLICY_AREAS,
        **context(team, membership, row, data, "rules"),
    )


@bp.post("/<int:audit_id>/rules/import/confirm")
@login_required
def confirm_import(team_id: int, audit_id: int):
    team, _, row, data = load(team_id, audit_id, "edit")
    form = ConfirmRulesForm()
    rows = rows_from_json(form.rows.data) if form.validate_on_submit() else []
    rows = apply_corrections(rows, request.form)
    if not rows:
        flash("Nothing to add: import the file again.", "error")
        return _back(team, row)
    how = form.what.data if form.what.data in IMPORT_KINDS else "imported"
    rules = editing.rules_from_rows(rows)
    return _append(team, row, data, rules, version_of(form), how)


def _rule_change(team_id: int, audit_id: int, uid: str):
    """Team, row, data and rule for a change to one rule, or 404/400."""
    team, _, row, data = load(team_id, audit_id, "edit")
    form = ConfirmVersionForm()
    rule = data.rule(uid)
    if rule is None or not form.validate_on_submit():
        abort(404 if rule is None else 400)
    return team, row, data, rule, version_of(form)


@bp.post("/<int:audit_id>/rules/<uid>/move")
@login_required
def move_rule(team_id: int, audit_id: int, uid: str):
    team, row, data, rule, version = _rule_change(team_id, audit_id, uid)
    events = editing.move_rule(data, rule, up=request.form.get("direction") == "up")
    conflict = save(team, row, data, version, events, step_url("rules", team, row))
    return conflict or _back(team, row)


@bp.post("/<int:audit_id>/rules/<uid>/delete")
@login_required
def delete_rule(team_id: int, audit_id: int, uid: str):
    team, row, data, rule, version = _rule_change(team_id, audit_id, uid)
    events = editing.delete_rule(data, rule)
    conflict = save(team, row, data, version, events, step_url("rules", team, row))
    if conflict:
        return conflict
    flash("Rule deleted.", "success")
    return _back(team, row)
