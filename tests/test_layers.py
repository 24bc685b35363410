"""Domain packages stay free of Flask and of the database."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "finder"
DOMAIN = ["catalog", "search", "audit", "documents", "law", "learning"]
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


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def import_edges(name: str, path: Path):
    """(module imported, names taken from it) for every import in a module, at any depth
    (an import inside a function still ties the two modules together)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, ()
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in MODULES:
                    yield submodule, ()
                else:
                    yield base, (alias.name,)


def test_no_import_cycles_in_finder():
    graph = {
        name: {m for m, _ in import_edges(name, path) if m in MODULES and m != name}
        for name, path in MODULES.items()
    }
    # Depth-first search for a back edge; the message names the cycle.
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt) :] + [node, nxt]
                pytest.fail("import cycle: " + " -> ".join(dict.fromkeys(cycle)))
            if nxt not in state:
                visit(nxt, path + [node])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [])


def test_the_cycle_check_sees_a_cycle(tmp_path, monkeypatch):
    """The check above reads imports inside functions and resolves submodules."""
    first, second = tmp_path / "first.py", tmp_path / "second.py"
    first.write_text("def f():\n    from finder import second\n")
    second.write_text("from finder.first import thing\n")
    monkeypatch.setitem(MODULES, "finder.first", first)
    monkeypatch.setitem(MODULES, "finder.second", second)
    with pytest.raises(pytest.fail.Exception, match="finder.first"):
        test_no_import_cycles_in_finder()


def top_package(name: str) -> str:
    return ".".join(name.split(".")[:2])


def test_no_private_names_imported_across_packages():
    for name, path in MODULES.items():
        for module, names in import_edges(name, path):
            if not module.startswith("finder") or top_package(module) == top_package(
                name
            ):
                continue
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            assert not private, f"{path}: imports {private} from {module}"


VIEW_LINES = 40


def logic_lines(function: ast.FunctionDef, source: list[str]) -> int:
    """Lines of a function's body that are code: no docstring, blank lines or comments."""
    body = function.body[1:] if ast.get_docstring(function) else function.body
    lines = source[body[0].lineno - 1 : body[-1].end_lineno]
    return sum(1 for line in lines if line.strip() and not line.strip().startswith("#"))


def routes():
    for path in (PACKAGE / "web").rglob("*.py"):
        source = path.read_text().splitlines()
        for node in ast.parse("\n".join(source)).body:
            if isinstance(node, ast.FunctionDef) and any(
                isinstance(d, ast.Call)
                and isinstance(d.func, ast.Attribute)
                and d.func.attr in {"route", "get", "post"}
                for d in node.decorator_list
            ):
                yield path, node, logic_lines(node, source)


def test_views_are_thin():
    found = list(routes())
    assert len(found) > 40  # every blueprint's views were read
    long = [
        f"{path.name}:{node.name} ({n} lines)"
        for path, node, n in found
        if n > VIEW_LINES
    ]
    assert not long, "views that carry logic the domain should own: " + ", ".join(long)
