"""The `finder` command line: thin wrappers that call one domain function each."""

from __future__ import annotations

import json
import os
import sys

import click

from finder import config
from finder.text import counted


def _settings(**overrides) -> dict:
    """The settings the app would run with (one loader: finder.config.load), with the
    command's options on top."""
    return config.load(overrides=overrides, serving=False)


def _catalog_dirs(extra: tuple[str, ...]) -> list[str]:
    """The catalog folders the app reads, or only the --catalog ones when given."""
    if extra:
        return _settings(CATALOG_DIRS=list(extra), CATALOG_REPLACE=True)["CATALOG_DIRS"]
    return _settings()["CATALOG_DIRS"]


def part_options(command):
    """--part test|dev|all (default test) and --all (the same as --part all) for the
    commands that score a labelled set. Which rules disagree is listed for the
    development part only: the test part is reported as figures, so nobody tunes on it."""
    command = click.option(
        "--all", "all_splits", is_flag=True, help="The same as --part all."
    )(command)
    return click.option(
        "--part",
        type=click.Choice(["test", "dev", "all"]),
        default="test",
        show_default=True,
        help="Which part of a labelled set to score: the fixed test part (figures "
        "only), the development part (figures and each miss, for tuning), or all.",
    )(command)


catalog_option = click.option(
    "--catalog",
    "catalogs",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Catalog folder to use instead of the configured ones (repeatable).",
)


@click.group()
def main() -> None:
    """Flexibility Finder: search state and federal flexibilities for school districts."""


def _rubric_problems() -> list[str]:
    """What is wrong in the audit rubric and the suggester's knowledge ([] if nothing)."""
    import yaml

    from finder.audit.rubric import load_rubric
    from finder.audit.suggester import load_knowledge
    from finder.shapes import DataFileError

    for name, load in (
        ("rubric.yaml", load_rubric),
        ("knowledge.yaml", load_knowledge),
    ):
        try:
            load()
        except DataFileError as exc:
            return list(exc.problems)
        except yaml.YAMLError as exc:
            where = getattr(exc, "problem_mark", None)
            line = f":{where.line + 1}" if where else ""
            return [f"{name}{line}: not readable YAML: {getattr(exc, 'problem', exc)}"]
    return []


@main.command()
@catalog_option
@click.option(
    "--templates/--no-templates",
    "with_templates",
    default=False,
    help="Also check the audit templates' citations and the application formats' "
    "entries against the catalog.",
)
def validate(catalogs: tuple[str, ...], with_templates: bool) -> None:
    """Check every catalog file; print problems as file:line: id: field: message."""
    from finder.catalog import read

    catalog = read(_catalog_dirs(catalogs))
    for problem in sorted(
        [*catalog.problems, *catalog.warnings], key=lambda p: (p.file, p.line)
    ):
        click.echo(str(problem).replace(os.getcwd() + os.sep, "", 1))
    if catalog.warnings:
        click.echo(f"{counted(len(catalog.warnings), 'warning')}.", err=True)
    from finder.audit.templates import TemplateError, citation_problems, load_templates

    template_problems: list[str] = []
    if with_templates:
        try:
            templates = load_templates(known_entries=set(catalog.by_id))
            template_problems = citation_problems(templates, catalog)
        except TemplateError as exc:
            template_problems = exc.problems
    format_problems = _format_problems(set(catalog.by_id)) if with_templates else []
    rubric_problems = _rubric_problems()
    for problem in [
        f"audit_templates: {p}" for p in template_problems + rubric_problems
    ] + format_problems:
        click.echo(problem)
    if rubric_problems:
        click.echo(
            f"{counted(len(rubric_problems), 'problem')} in the rubric and knowledge.",
            err=True,
        )
    if template_problems:
        click.echo(
            f"{counted(len(template_problems), 'problem')} in the audit templates.",
            err=True,
        )
    if catalog.problems:
        click.echo(
            f"{counted(len(catalog.problems), 'problem')} in the catalog.", err=True
        )
    if format_problems:
        click.echo(
            f"{counted(len(format_problems), 'problem')} in the formats.", err=True
        )
    if catalog.problems or template_problems or format_problems or rubric_problems:
        sys.exit(1)
    click.echo(
        f"OK: {counted(len(catalog), 'entry', 'entries')} in "
        f"{counted(len(catalog.files), 'file')}."
    )


def _format_problems(known_entries: set[str]) -> list[str]:
    """Problems in application_formats/*.yaml, each prefixed with the folder."""
    from finder.documents.formats import FormatError, load_formats

    try:
        load_formats(known_entries=known_entries)
    except FormatError as exc:
        return [f"application_formats/{p}" for p in exc.problems]
    return []


def _index_dir(index_dir: str | None) -> str:
    return index_dir or _settings()["INDEX_DIR"]


index_option = click.option(
    "--index-dir", type=click.Path(file_okay=False), help="Where the index is cached."
)


@main.command("index")
@catalog_option
@index_option
@click.option(
    "--full",
    is_flag=True,
    help="Rebuild from scratch instead of updating the last index.",
)
def index_command(catalogs: tuple[str, ...], index_dir: str | None, full: bool) -> None:
    """Build the search index from the catalog (updating the previous one when it can)."""
    import time

    from finder.catalog import read
    from finder.search import build_index

    catalog = read(_catalog_dirs(catalogs))
    if catalog.problems:
        click.echo(
            f"warning: {counted(len(catalog.problems), 'catalog problem')} left out; "
            "run `finder validate`.",
            err=True,
        )
    started = time.perf_counter()
    if sys.stderr.isatty():
        with click.progressbar(
            length=len(catalog), label="Indexing", file=sys.stderr
        ) as bar:
            folder = build_index(
                _index_dir(index_dir),
                catalog,
                lambda done, total: bar.update(1),
                incremental=not full,
            )
    else:
        folder = build_index(_index_dir(index_dir), catalog, incremental=not full)
    click.echo(
        f"Indexed {counted(len(catalog), 'entry', 'entries')} in {time.perf_counter() - started:.2f}s → {folder}"
    )


@main.command("search")
@click.argument("query", nargs=-1)
@click.option(
    "--state", "states", multiple=True, help="Postal code, DC or US (repeatable)."
)
@click.option("--kind", "kinds", multiple=True, help="Kind of mechanism (repeatable).")
@click.option("--area", "areas", multiple=True, help="Policy area (repeatable).")
@click.option("--page", default=1, show_default=True, help="Results page.")
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON shape.")
@catalog_option
@index_option
def search_command(
    query, states, kinds, areas, page, as_json, catalogs, index_dir
) -> None:
    """Search the catalog from the command line."""
    from finder.catalog import read
    from finder.search import BadRequest, SearchRequest, open_index
    from finder.web.api import results_json

    try:
        request = SearchRequest.from_params(
            " ".join(query), states, kinds, areas, page, strict=True
        )
    except BadRequest as exc:
        raise click.BadParameter(str(exc)) from exc
    index = open_index(_index_dir(index_dir), read(_catalog_dirs(catalogs)))
    results = index.search(request)
    if as_json:
        click.echo(
            json.dumps(results_json(results, lambda i: f"/flexibilities/{i}"), indent=2)
        )
        return
    if results.suggestion:
        click.echo(f"Did you mean: {results.suggestion}")
    click.echo(
        f"{counted(results.total, 'result')}, page {results.page} of {results.pages}"
    )
    for hit in results.hits:
        flag = "" if hit.entry.verified else "  [not fully verified]"
        click.echo(
            f"\n{hit.entry.state}  {hit.entry.title}{flag}\n    id: {hit.entry.id}"
        )
        if hit.entry.citations:
            click.echo("    " + "; ".join(hit.entry.citations[:3]))
        click.echo("    " + hit.snippet_text[:200])


@main.command("eval")
@click.option(
    "--file",
    "path",
    type=click.Path(dir_okay=False, exists=True),
    default=None,
    help="Relevance set (YAML).",
)
@catalog_option
@index_option
def eval_command(path, catalogs, index_dir) -> None:
    """Measure search quality on the relevance set: recall@5 and MRR."""
    from finder.catalog import read
    from finder.search import open_index
    from finder.search.evaluation import evaluate, load_relevance_set

    path = path or os.path.join(config.PROJECT_ROOT, "tests", "relevance.yaml")
    index = open_index(_index_dir(index_dir), read(_catalog_dirs(catalogs)))
    report = evaluate(index, load_relevance_set(path))
    for row in report.misses:
        click.echo(
            f"miss: {row.query!r} expected {', '.join(row.expected)} got {', '.join(row.found[:5])}"
        )
    click.echo(
        f"questions: {report.count}  recall@5: {report.recall_at_5:.3f}  MRR: {report.mrr:.3f}"
    )


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
@click.option(
    "--workers", default=2, show_default=True, help="gunicorn worker processes."
)
@click.option("--dev", is_flag=True, help="Flask's development server with reloading.")
def serve(host: str, port: int, workers: int, dev: bool) -> None:
    """Serve the app (gunicorn; --dev for Flask's development server)."""
    from finder import create_app

    app = create_app()  # builds the index once before any worker starts
    if dev:
        app.run(host=host, port=port, debug=False, use_reloader=True)
        return
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--bind",
        f"{host}:{port}",
        "finder:create_app()",
    ]
    click.echo(f"Serving on http://{host}:{port}/ with {workers} workers")
    os.execv(args[0], args)


@main.command("report")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@catalog_option
def report_command(as_json: bool, catalogs: tuple[str, ...]) -> None:
    """Coverage of the catalog: per jurisdiction and kind, shares, thin spots."""
    from finder.catalog import read
    from finder.catalog.report import build_report, format_report

    report = build_report(read(_catalog_dirs(catalogs)))
    click.echo(
        json.dumps(report.to_json(), indent=2) if as_json else format_report(report)
    )


@main.command("schema")
@click.option(
    "--write",
    is_flag=True,
    help="Write flexibilities/schema.json (for YAML editors) instead of printing it.",
)
def schema_command(write: bool) -> None:
    """Print the JSON Schema of a catalog file, derived from the entry model."""
    from finder.catalog.schema import schema_text

    if write:
        path = config.shipped_catalog_dir() / "schema.json"
        path.write_text(schema_text(), encoding="utf-8")
        click.echo(f"Wrote {path}", err=True)
    else:
        click.echo(schema_text(), nl=False)


@main.command("import-html")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option(
    "--state", required=True, help="Postal code, DC or US of the page's jurisdiction."
)
@click.option(
    "--url", "page_url", default=None, help="The page's address, cited as a source."
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the draft here instead of printing it.",
)
def import_html(
    file: str, state: str, page_url: str | None, output: str | None
) -> None:
    """Draft unverified catalog entries from a saved state guide or statute page."""
    from pathlib import Path

    import yaml

    from finder.catalog.importer import draft_entries
    from finder.catalog.jurisdictions import is_code

    if not is_code(state):
        raise click.BadParameter(
            f"unknown jurisdiction {state!r}", param_hint="--state"
        )
    from finder.text import clean_text

    html = clean_text(Path(file).read_text(encoding="utf-8", errors="replace"))
    draft = draft_entries(html, state.upper(), Path(file).name, page_url)
    text = "# Draft from finder import-html: every entry is unverified; finish and check it.\n"

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(
            self, data
        ):  # write each date in full, not as &id001 anchors
            return True

    text += yaml.dump(
        draft, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=88
    )
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"Wrote {len(draft['entries'])} draft entries to {output}", err=True)
    else:
        click.echo(text)


def _session():
    from finder.store.db import make_engine, make_sessionmaker
    from finder.store.migrate import DatabaseBehind, check_current

    engine = make_engine(_settings()["DATABASE_URL"])
    try:
        check_current(engine)
    except DatabaseBehind as exc:
        raise click.ClickException(str(exc)) from exc
    return make_sessionmaker(engine)()


@main.group()
def db() -> None:
    """Database schema: upgrade and status."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    """Apply schema migrations (creates the database if it does not exist)."""
    import logging

    from finder.store.migrate import UpgradeFailed, upgrade

    logging.getLogger("alembic").setLevel(logging.WARNING)
    url = _settings()["DATABASE_URL"]
    try:
        done = upgrade(url, revision)
    except UpgradeFailed as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(done.describe())


@db.command("status")
def db_status() -> None:
    """Show the database's schema revision and the one this version needs."""
    from finder.store.db import make_engine
    from finder.store.migrate import current_revision, head_revision

    engine = make_engine(_settings()["DATABASE_URL"])
    current, head = current_revision(engine), head_revision()
    click.echo(
        f"current: {current or 'none'}  needed: {head}  {'OK' if current == head else 'BEHIND'}"
    )
    if current != head:
        sys.exit(1)


@main.group()
def admin() -> None:
    """Administrator tasks: the first administrator, password reset links."""


@admin.command("create")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.password_option(help="Prompted for when not given.")
def admin_create(email: str, name: str, password: str) -> None:
    """Create an administrator account."""
    from finder.store import accounts
    from finder.text import clean_text

    try:
        user = accounts.create_user(
            _session(), clean_text(email), clean_text(name), password, is_admin=True
        )
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Administrator {user.email} created.")


@admin.command("reset-link")
@click.argument("email")
@click.option(
    "--base-url",
    default=None,
    help="The site's address (default: FINDER_PUBLIC_URL or http://127.0.0.1:5000).",
)
def admin_reset_link(email: str, base_url: str | None) -> None:
    """Issue a one-time password-reset link (valid 24 hours) and print it (or mail it)."""
    from finder.store import accounts
    from finder.store.mail import send_mail

    session = _session()
    user = accounts.find_user(session, email)
    if user is None:
        raise click.ClickException(f"No account has the email {email!r}.")
    token = accounts.issue_reset(session, user)
    settings = _settings()
    base = (base_url or settings.get("PUBLIC_URL") or "http://127.0.0.1:5000").rstrip(
        "/"
    )
    link = f"{base}/reset/{token}"
    if settings.get("SMTP_HOST"):
        send_mail(
            settings,
            user.email,
            "Reset your Flexibility Finder password",
            f"Choose a new password here (valid 24 hours):\n\n{link}\n",
        )
        click.echo(f"Reset link mailed to {user.email}.")
    else:
        click.echo(link)


@main.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
def backup(path: str) -> None:
    """Copy the embedded SQLite database to PATH while the app may be running."""
    from finder.store.backup import BackupError, backup_sqlite

    try:
        backup_sqlite(_settings()["DATABASE_URL"], path)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Backed up to {path}.")


@main.command("barriers")
@click.option(
    "--state", default="", help="A state's postal code (default: all states)."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def barriers_command(state: str, as_json: bool) -> None:
    """The barriers report from the published audits in the database."""
    from finder.catalog.jurisdictions import is_code
    from finder.learning.barriers import build_barriers, report_text
    from finder.learning.records import report_record
    from finder.store.publications import published

    state = state.strip().upper()
    if state and (not is_code(state) or state == "US"):
        raise click.BadParameter(f"{state!r} is not a state's postal code.")
    with _session() as session:
        report = build_barriers(published(session, state), state)
    if as_json:
        record = report_record(report, lambda i: f"/cases/{i}", lambda m: (m, ""))
        click.echo(json.dumps(record, indent=2, ensure_ascii=False))
    else:
        click.echo(report_text(report))


@main.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, exists=True))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore(path: str, yes: bool) -> None:
    """Replace the embedded SQLite database with a backup (refused while the app runs)."""
    from finder.store.backup import BackupError, restore_sqlite

    if not yes:
        click.confirm("This replaces the current database. Continue?", abort=True)
    try:
        restore_sqlite(_settings()["DATABASE_URL"], path)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Restored from {path}.")


@main.command("match")
@click.argument("source", type=click.File("rb"), default="-")
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON (the default is text)."
)
@click.option(
    "--score",
    "score_dir",
    type=click.Path(file_okay=False, exists=True),
    help="A folder of labelled rule files: print the law figures instead.",
)
@click.option(
    "--relevance",
    "relevance_dir",
    type=click.Path(file_okay=False, exists=True),
    help="A folder of rules labelled with every right mechanism: print precision "
    "and recall of the top 3 instead.",
)
@part_options
@catalog_option
def match_command(
    source,
    as_json: bool,
    score_dir,
    relevance_dir,
    part: str,
    all_splits: bool,
    catalogs,
) -> None:
    """Rank the mechanisms that can lift each rule of a YAML or JSON list (FILE or -)."""
    from finder.audit.exchange import MAX_BYTES, ImportProblems, load_rule_list
    from finder.audit.law_eval import evaluate, load_labelled, part_of
    from finder.audit.matching import match_mechanisms
    from finder.audit.suggester import RuleInput
    from finder.catalog import read

    catalog = read(_catalog_dirs(catalogs))
    part = "all" if all_splits else part
    if relevance_dir:
        from finder.audit.law_eval import evaluate_relevance

        found = evaluate_relevance(part_of(load_labelled(relevance_dir), part), catalog)
        if as_json:
            click.echo(json.dumps(found.to_dict(itemized=part == "dev"), indent=2))
            return
        if part == "dev":
            for line in found.wrong:
                click.echo(f"wrong: {line}")
            for line in found.missed:
                click.echo(f"missed: {line}")
        click.echo(
            f"rules: {found.rules}  usable offered in the top 3: {found.offered}  "
            f"precision: {found.precision:.1%}  recall of a right mechanism: "
            f"{found.recall:.1%}"
        )
        return
    if score_dir:
        figures = evaluate(part_of(load_labelled(score_dir), part), catalog)
        if as_json:
            click.echo(json.dumps(figures.to_dict(itemized=part == "dev"), indent=2))
        else:
            for line in figures.violations:  # a law breach is shown on every part
                click.echo(f"barred but offered: {line}")
            for line in figures.misses if part == "dev" else ():
                click.echo(f"missed: {line}")
            click.echo(
                f"rules: {figures.rules}  barred pairs: {figures.negatives}  "
                f"offered as usable: {figures.offered_unusable}  "
                f"right mechanism usable in the top 3: {figures.found_in_top}/"
                f"{figures.positives} ({figures.recall:.1%})"
            )
        sys.exit(1 if figures.offered_unusable else 0)
    try:
        items = load_rule_list(source.read(MAX_BYTES + 1))
    except ImportProblems as exc:
        raise click.ClickException(
            "cannot read the rules: " + "\n  ".join(exc.problems)
        ) from exc
    out = []
    for n, item in enumerate(items):
        rule = RuleInput(
            str(item["text"]),
            str(item.get("source_level") or "unknown"),
            str(item.get("citation") or ""),
            str(item.get("state") or "").upper(),
        )
        matches = match_mechanisms(rule, str(item.get("policy_area") or ""), catalog)
        out.append(
            {
                "rule": n,
                "mechanisms": [
                    {
                        "id": m.id,
                        "usable": m.usable,
                        "score": round(m.score, 2),
                        "reasons": m.reasons,
                        **({"law": m.law} if m.law else {}),
                    }
                    for m in matches
                ],
            }
        )
    if as_json:
        click.echo(json.dumps(out, indent=2))
        return
    for n, item in enumerate(items):
        click.echo(f"{n}. {item['text']}")
        for m in out[n]["mechanisms"]:
            mark = "usable" if m["usable"] else "CANNOT BE USED"
            click.echo(f"   {m['id']} [{mark}] {m['reasons'][-1]}")


@main.command("classify")
@click.argument("source", default="-", type=click.File("rb"))
@click.option(
    "--score",
    is_flag=True,
    help="Rules carry a `label`: print agreement figures to stderr.",
)
@click.option(
    "--set",
    "labelled_dir",
    type=click.Path(file_okay=False, exists=True),
    help="A folder of labelled rule files: score its fixed test part (not tuned on).",
)
@part_options
@catalog_option
def classify_command(
    source,
    score: bool,
    labelled_dir,
    part: str,
    all_splits: bool,
    catalogs: tuple[str, ...],
) -> None:
    """Suggest a decision for each rule in a YAML or JSON list (FILE or - for stdin)."""
    from finder.audit.agreement import measure, rule_input
    from finder.audit.exchange import MAX_BYTES, ImportProblems, load_rule_list
    from finder.audit.law_eval import load_labelled, part_of
    from finder.audit.suggester import classify
    from finder.catalog import read

    if labelled_dir:
        catalog = read(_catalog_dirs(catalogs))
        part = "all" if all_splits else part
        rules = part_of(load_labelled(labelled_dir), part)
        result = measure([r for r in rules if r.get("label")], catalog)
        for text, label, got in result.disagreements if part == "dev" else ():
            click.echo(f"disagree: {text[:70]!r} labelled {label}, suggested {got}")
        click.echo(
            f"rules: {result.total}  decided: {result.decided}  agreement: "
            f"{result.agreement:.1%}  needs review: {result.review_share:.1%}"
        )
        return
    try:
        items = load_rule_list(source.read(MAX_BYTES + 1))
    except ImportProblems as exc:
        raise click.ClickException(
            "cannot read the rules: " + "\n  ".join(exc.problems)
        ) from exc
    catalog = read(_catalog_dirs(catalogs))
    click.echo(json.dumps([classify(rule_input(i), catalog) for i in items], indent=2))
    if score:
        result = measure([i for i in items if i.get("label")], catalog)
        for text, label, got in result.disagreements:
            click.echo(
                f"disagree: {text[:70]!r} labelled {label}, suggested {got}", err=True
            )
        click.echo(
            f"rules: {result.total}  decided: {result.decided}  agreement: {result.agreement:.1%}  "
            f"needs review: {result.review_share:.1%}",
            err=True,
        )


@main.command("extract")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True)
)
@click.option(
    "--state",
    default="",
    help="Postal code whose code bare section numbers are read in.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the candidates as JSON.")
def extract_command(files: tuple[str, ...], state: str, as_json: bool) -> None:
    """Candidate rules in district documents (PDF, DOCX, HTML, text), for review."""
    from dataclasses import asdict
    from pathlib import Path

    from finder.audit.extract import extract_candidates
    from finder.audit.rule_import import MAX_BYTES
    from finder.catalog.jurisdictions import is_code

    if state and not is_code(state):
        raise click.BadParameter(
            f"unknown jurisdiction {state!r}", param_hint="--state"
        )
    results, failed = [], False
    for file in files:
        path = Path(file)
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            found = None
            problems = [f"larger than {MAX_BYTES // 1_000_000} MB; split it"]
        else:
            found = extract_candidates(data, path.name, state.upper())
            problems = found.problems
        failed |= found is None or not found.candidates
        candidates = found.candidates if found else []
        if as_json:
            results.append(
                {
                    "file": path.name,
                    "kind": found.kind if found else "",
                    "candidates": [asdict(c) for c in candidates],
                    "problems": problems,
                }
            )
            continue
        click.echo(f"{path.name}: {counted(len(candidates), 'candidate rule')}")
        for c in candidates:
            level = c.source_level.replace("_", " ")
            cited = f" [{c.citation}]" if c.citation else ""
            click.echo(f"  {c.where}: {c.text[:100]}{cited} ({level})")
        for problem in problems:
            click.echo(f"  problem: {problem}", err=True)
    if as_json:
        click.echo(json.dumps(results, indent=2, ensure_ascii=False))
    if failed:
        raise SystemExit(1)
