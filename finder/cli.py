"""The `finder` command line: thin wrappers that call one domain function each."""

from __future__ import annotations

import json
import os
import sys

import click

from finder import config


def _catalog_dirs(extra: tuple[str, ...]) -> list[str]:
    """The catalog folders from the environment and --catalog options, as the app sees them."""
    cfg = {"CATALOG_DIRS": list(extra), "CATALOG_REPLACE": bool(extra)}
    env = config.from_environment()
    if not extra:
        cfg["CATALOG_DIRS"] = env.get("CATALOG_DIRS", [])
        cfg["CATALOG_REPLACE"] = env.get("CATALOG_REPLACE", False)
    cfg.update({"FINDER_ENV": "cli", "SECRET_KEY": "unused"})
    config.finalize(cfg, "")
    return cfg["CATALOG_DIRS"]


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


@main.command()
@catalog_option
def validate(catalogs: tuple[str, ...]) -> None:
    """Check every catalog file; print problems as file:line: id: field: message."""
    from finder.catalog import read

    catalog = read(_catalog_dirs(catalogs))
    for problem in catalog.problems:
        click.echo(str(problem).replace(os.getcwd() + os.sep, "", 1))
    if catalog.problems:
        click.echo(f"{len(catalog.problems)} problem(s) in the catalog.", err=True)
        sys.exit(1)
    click.echo(f"OK: {len(catalog)} entries in {len(catalog.files)} files.")
