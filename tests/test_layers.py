"""Domain packages stay free of Flask and of the database."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "finder"
DOMAIN = ["catalog", "search", "audit", "documents", "law"]
FORBIDDEN = ("flask", "flask_wtf", "wtforms", "sqlalchemy", "werkzeug")


def imported_modules(path: Path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


@pytest.mark.parametrize("package", DOMAIN)
def test_domain_package_imports_no_web_or_database(package):
    files = list((PACKAGE / package).rglob("*.py"))
    assert files
    for path in files:
        for module in imported_modules(path):
            assert not module.startswith(FORBIDDEN), f"{path}: imports {module}"
            assert not module.startswith("finder.web"), f"{path}: imports {module}"


def test_store_knows_nothing_of_flask():
    for path in (PACKAGE / "store").rglob("*.py"):
        for module in imported_modules(path):
            assert not module.startswith(("flask", "finder.web")), (
                f"{path}: imports {module}"
            )


def test_every_module_has_a_docstring():
    for path in PACKAGE.rglob("*.py"):
        assert ast.get_docstring(ast.parse(path.read_text())), path
