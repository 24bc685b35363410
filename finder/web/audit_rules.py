"""Audit rules: list, add, paste, CSV import, reorder, delete, and the per-rule review."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import login_required
from wtforms import SelectChoice

from finder.audit.decisions import derived_decision, refresh_suggestions
from finder.audit.extract import candidates_to_json, chosen_rules, extract_candidates
from finder.audit.matching import match_mechanisms
from finder.audit.model import MAX_RULES, AuditRule
from finder.audit.rubric import DECISIONS, load_rubric
from finder.audit.rule_import import MAX_BYTES as MAX_TABLE_BYTES
from finder.audit.rule_import import (
    apply_corrections,
    parse_pasted_rules,
    read_rule_table,
    rows_from_json,
    rows_to_json,
)
from finder.audit.suggester import SOURCE_LEVELS, RuleInput
from finder.audit.wizard import rule_status
from finder.catalog import POLICY_AREAS
from finder.text import clean_text
from finder.web import live_catalog
from finder.web.audits import bp, context, load, read_upload, save, version_of
from finder.web.forms.audits import (
    AddRuleForm,
    CommentForm,
    ConfirmRulesForm,
    ConfirmVersionForm,
    CsvForm,
    PasteForm,
    SourceDocumentForm,
    make_review_form,
)

IMPORT_KINDS = ("pasted", "imported from a file")
ANSWER = {"yes": True, "no": False, "unsure": None}
ANSWER_BACK = {True: "yes", False: "no", None: "unsure"}


def _rules_url(team, row):
    return url_for("audits.rules", team_id=team.id, audit_id=row.id)


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


def _append(team, row, data, new_rules: list[AuditRule], version: int, what: str):
    if len(data.rules) + len(new_rules) > MAX_RULES:
        flash(f"An audit holds at most {MAX_RULES} rules.", "error")
        return redirect(_rules_url(team, row))
    catalog = live_catalog().catalog
    for rule in new_rules:
        refresh_suggestions(rule, data.state, catalog)
    data.rules.extend(new_rules)
    events = [
        {"rule_uid": r.uid, "field": "rule.added", "new": r.text[:500], "why": what}
        for r in new_rules
    ]
    conflict = save(team, row, data, version, events, _rules_url(team, row))
    if conflict:
        return conflict
    flash(f"{len(new_rules)} rule(s) added.", "success")
    return redirect(_rules_url(team, row))


@bp.post("/<int:audit_id>/rules/add")
@login_required
def add_rule(team_id: int, audit_id: int):
    team, _, row, data = load(team_id, audit_id, "edit")
    form = AddRuleForm()
    if not form.validate_on_submit():
        flash("Write the rule's text.", "error")
        return redirect(_rules_url(team, row))
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
        return redirect(_rules_url(team, row))
    found = parse_pasted_rules(form.lines.data, data.state)
    if found.needs_review:
        return _preview(team, membership, row, data, found, "pasted")
    return _append(team, row, data, _rules(found.rows), version_of(form), "pasted")


@bp.post("/<int:audit_id>/rules/import")
@login_required
def import_csv(team_id: int, audit_id: int):
    team, membership, row, data = load(team_id, audit_id, "edit")
    form = CsvForm()
    if not form.validate_on_submit():
        flash("Choose a .csv, .txt or .xlsx file with a header row.", "error")
        return redirect(_rules_url(team, row))
    upload = form.file.data
    found = read_rule_table(
        read_upload(upload, MAX_TABLE_BYTES + 1), upload.filename or "", data.state
    )
    if found.problems and not found.rows:
        for problem in found.problems:
            flash(problem, "error")
        return redirect(_rules_url(team, row))
    return _preview(team, membership, row, data, found, "imported from a file")


@bp.post("/<int:audit_id>/rules/document")
@login_required
def import_document(team_id: int, audit_id: int):
    team, membership, row, data = load(team_id, audit_id, "edit")
    form = SourceDocumentForm()
    if not form.validate_on_submit():
        flash("Choose a .pdf, .docx, .html or .txt document.", "error")
        return redirect(_rules_url(team, row))
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
        return redirect(_rules_url(team, row))
    return render_template(
        "audits/rules_from_document.html",
        found=found,
        document=name,
        confirm=ConfirmRulesForm(
            data={
                "version": row.version,
                "rows": candidates_to_json(found.candidates),
                "what": name,
            }
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
        return redirect(_rules_url(team, row))
    return _append(
        team, row, data, rules, version_of(form), f"imported from {document}"
    )


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
        return redirect(_rules_url(team, row))
    what = form.what.data if form.what.data in IMPORT_KINDS else "imported"
    return _append(team, row, data, _rules(rows), version_of(form), what)


def _rules(rows) -> list[AuditRule]:
    return [
        AuditRule(
            r.text,
            r.source_level,
            r.citation,
            r.policy_area,
            r.raised_by,
            source_document=r.source_document,
            source_place=r.source_place,
        )
        for r in rows
    ]


@bp.post("/<int:audit_id>/rules/<uid>/move")
@login_required
def move_rule(team_id: int, audit_id: int, uid: str):
    team, _, row, data = load(team_id, audit_id, "edit")
    form = ConfirmVersionForm()
    rule = data.rule(uid)
    if rule is None or not form.validate_on_submit():
        abort(404 if rule is None else 400)
    i = data.rules.index(rule)
    j = i - 1 if request.form.get("direction") == "up" else i + 1
    if 0 <= j < len(data.rules):
        data.rules[i], data.rules[j] = data.rules[j], data.rules[i]
    conflict = save(team, row, data, version_of(form), [], _rules_url(team, row))
    return conflict or redirect(_rules_url(team, row))


@bp.post("/<int:audit_id>/rules/<uid>/delete")
@login_required
def delete_rule(team_id: int, audit_id: int, uid: str):
    team, _, row, data = load(team_id, audit_id, "edit")
    form = ConfirmVersionForm()
    rule = data.rule(uid)
    if rule is None or not form.validate_on_submit():
        abort(404 if rule is None else 400)
    data.rules.remove(rule)
    events = [{"rule_uid": uid, "field": "rule.deleted", "old": rule.text[:500]}]
    conflict = save(team, row, data, version_of(form), events, _rules_url(team, row))
    if conflict:
        return conflict
    flash("Rule deleted.", "success")
    return redirect(_rules_url(team, row))


@bp.get("/<int:audit_id>/review")
@login_required
def review(team_id: int, audit_id: int):
    """Step 4-7 entry point: the first rule still to decide (or the first rule)."""
    team, _, row, data = load(team_id, audit_id, "read")
    if not data.rules:
        flash("Add the rules that stand in the way first.", "info")
        return redirect(_rules_url(team, row))
    pending = next((r for r in data.rules if not r.decision), data.rules[0])
    return redirect(
        url_for("audits.rule", team_id=team.id, audit_id=row.id, uid=pending.uid)
    )


def _prefill(rule: AuditRule, rubric, version: int) -> dict:
    values = {
        "version": version,
        "text": rule.text,
        "source_level": rule.source_level,
        "citation": rule.citation,
        "policy_area": rule.policy_area,
        "raised_by": rule.raised_by,
        "binds": ANSWER_BACK[rule.binds],
        "required_by": rule.required_by,
        "written_in": rule.written_in,
        "checked": rule.checked,
        "decision": rule.decision,
        "override_reason": rule.override_reason,
        "mechanisms": rule.mechanisms,
        "request_type": rule.request_type,
        "rationale": rule.rationale,
        "replacement_plan": rule.replacement_plan,
        "affected": rule.affected,
        "term": rule.term,
    }
    for q in rubric.questions:
        answer = rule.answers.get(q.id)
        values[f"q_{q.id}"] = ANSWER_BACK[answer.value if answer else None]
        values[f"c_{q.id}"] = answer.comment if answer else ""
        values[f"k_{q.id}"] = bool(answer and answer.confirmed)
    return values


@bp.route("/<int:audit_id>/rules/<uid>", methods=["GET", "POST"])
@login_required
def rule(team_id: int, audit_id: int, uid: str):
    team, membership, row, data = load(team_id, audit_id, "read")
    current = data.rule(uid)
    if current is None:
        abort(404)
    rubric = load_rubric()
    catalog = live_catalog().catalog
    if not current.answers:
        refresh_suggestions(current, data.state, catalog, rubric)
    matches = match_mechanisms(
        RuleInput(current.text, current.source_level, current.citation, data.state),
        current.policy_area,
        catalog,
    )
    choices = [SelectChoice(m.id, m.mechanism.title) for m in matches if m.usable]
    Form = make_review_form(rubric, choices)
    form = Form(
        data=_prefill(current, rubric, row.version) if request.method == "GET" else None
    )
    if request.method == "POST":
        load(team_id, audit_id, "edit")
        if form.validate_on_submit():
            response = _apply_review(team, row, data, current, form, rubric, catalog)
            if response is not None:
                return response
    index = data.rules.index(current)
    derived, derived_reason = derived_decision(current, rubric)
    return render_template(
        "audits/rule.html",
        form=form,
        rule=current,
        index=index,
        previous=data.rules[index - 1] if index > 0 else None,
        following=data.rules[index + 1] if index + 1 < len(data.rules) else None,
        rubric=rubric,
        matches=matches,
        derived=derived,
        derived_reason=derived_reason,
        comment_form=CommentForm(data={"rule_uid": current.uid}),
        application_fields=list(
            dict.fromkeys(
                f
                for m in current.mechanisms
                if catalog.get(m)
                for f in catalog.get(m).application_fields
            )
        ),
        levels=SOURCE_LEVELS,
        **context(team, membership, row, data, "review"),
    ), 400 if form.errors else 200


def _apply_review(team, row, data, current: AuditRule, form, rubric, catalog):
    before = (current.decision, current.text)
    current.text = form.text.data.strip()
    current.source_level, current.citation = (
        form.source_level.data,
        form.citation.data or "",
    )
    current.policy_area, current.raised_by = (
        form.policy_area.data,
        form.raised_by.data or "",
    )
    current.binds = ANSWER.get(form.binds.data)
    current.required_by, current.written_in, current.checked = (
        form.required_by.data or "",
        form.written_in.data or "",
        form.checked.data or "",
    )
    for q in rubric.questions:
        answer = current.answers.get(q.id)
        if answer is None:
            continue
        value = ANSWER.get(getattr(form, f"q_{q.id}").data)
        answer.comment = getattr(form, f"c_{q.id}").data or ""
        answer.confirmed = (
            bool(getattr(form, f"k_{q.id}").data) or value != answer.suggested
        )
        answer.value = value
    refresh_suggestions(current, data.state, catalog, rubric)  # keeps confirmed answers
    derived, _ = derived_decision(current, rubric)
    chosen = form.decision.data or ""
    reason = (form.override_reason.data or "").strip()
    if chosen and chosen != derived and not reason:
        form.override_reason.errors.append(
            "Say why you decide differently from the answers."
        )
        return None
    new_decision = chosen or (derived if derived != "needs_review" else "")
    current.decision, current.override_reason = (
        new_decision,
        reason if chosen and chosen != derived else "",
    )
    current.request_type = form.request_type.data or ""
    current.rationale, current.replacement_plan = (
        form.rationale.data or "",
        form.replacement_plan.data or "",
    )
    current.affected, current.term = form.affected.data or "", form.term.data or ""
    current.application_answers = {
        key[5:]: value.strip()[:10_000]
        for key, value in request.form.items()
        if key.startswith("app::") and value.strip()
    }
    allowed = {c.value for c in form.mechanisms.choices}
    current.mechanisms = [m for m in form.mechanisms.data or [] if m in allowed]
    events = []
    if before[0] != current.decision:
        why = reason or ("follows the answers" if current.decision else "")
        events.append(
            {
                "rule_uid": current.uid,
                "field": "decision",
                "old": before[0],
                "new": current.decision,
                "why": why,
            }
        )
    if before[1] != current.text:
        events.append(
            {
                "rule_uid": current.uid,
                "field": "rule.text",
                "old": before[1][:500],
                "new": current.text[:500],
            }
        )
    back = url_for("audits.rule", team_id=team.id, audit_id=row.id, uid=current.uid)
    conflict = save(team, row, data, version_of(form), events, back)
    if conflict:
        return conflict
    label = DECISIONS.get(current.decision, "no decision yet")
    flash(f"Saved: {label}.", "success")
    index = data.rules.index(current)
    if request.form.get("next") and index + 1 < len(data.rules):
        return redirect(
            url_for(
                "audits.rule",
                team_id=team.id,
                audit_id=row.id,
                uid=data.rules[index + 1].uid,
            )
        )
    return redirect(back)
