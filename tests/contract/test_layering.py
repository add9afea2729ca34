"""Layering, read from the source: SQL only in repositories (and models, migrations, kit), no
`fastapi` in service or repository modules, and no import cycle between sub-packages.

The code that predates the rule is listed in DEBT (file → what it still does); a new violation
fails, and so does a DEBT entry that is no longer true, so the list only shrinks."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).parents[2]
SQL_NAMES = {"select", "insert", "update", "delete", "text", "union", "union_all", "exists",
             "tuple_", "literal", "func", "and_", "or_", "not_", "case"}
SQL_METHODS = {"execute", "scalars", "scalar", "stream", "stream_scalars"}
SQL_HOMES = ("repository.py", "models.py", "submodels.py")

DEBT: dict[str, set[str]] = {
}
CYCLE_DEBT: set[frozenset[str]] = set()


def _modules() -> list[Path]:
    return sorted(p for p in (ROOT / "services").rglob("*.py") if "__pycache__" not in p.parts)


def _violations(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), str(path))
    found: set[str] = set()
    sql_imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "sqlalchemy" or node.module.startswith("sqlalchemy."):
                sql_imported |= {a.asname or a.name for a in node.names} & SQL_NAMES
            if node.module.split(".")[0] in ("fastapi", "starlette") and \
                    path.name in ("service.py", "repository.py"):
                found.add("imports fastapi")
        if isinstance(node, ast.Import) and path.name in ("service.py", "repository.py"):
            if any(a.name.split(".")[0] in ("fastapi", "starlette") for a in node.names):
                found.add("imports fastapi")
    if path.name in SQL_HOMES:
        return found
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            fn = node.func
            if isinstance(fn, ast.Name) and fn.id in sql_imported:
                found.add("builds SQL")
            if isinstance(fn, ast.Attribute) and fn.attr in SQL_METHODS and \
                    isinstance(fn.value, ast.Name | ast.Attribute) and \
                    "session" in ast.unparse(fn.value):
                found.add("runs SQL")
    return found


def _subpackage(path: Path) -> str | None:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:3]) if len(parts) > 3 else None


def test_sql_in_repositories_and_no_http_in_services() -> None:
    actual = {str(p.relative_to(ROOT)): v for p in _modules() if (v := _violations(p))}
    new = {f: v - DEBT.get(f, set()) for f, v in actual.items() if v - DEBT.get(f, set())}
    paid = {f: v - actual.get(f, set()) for f, v in DEBT.items() if v - actual.get(f, set())}
    assert not new, f"layering violations (move SQL into repository.py, HTTP into router.py): " \
        f"{new}"
    assert not paid, f"remove these from DEBT, they are fixed: {paid}"


def test_no_import_cycles_between_subpackages() -> None:
    graph: dict[str, set[str]] = {}
    for path in _modules():
        here = _subpackage(path)
        if here is None:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and \
                    node.module.startswith("services."):
                there = ".".join(node.module.split(".")[:3])
                if there != here and there.count(".") == 2 and \
                        (ROOT / Path(*there.split("."))).is_dir():
                    graph.setdefault(here, set()).add(there)
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        if node in stack:
            cycles.append(stack[stack.index(node):] + [node])
            return
        for nxt in graph.get(node, ()):
            visit(nxt, stack + [node])

    for start in graph:
        visit(start, [])
    unique = {frozenset(c) for c in cycles}
    assert not unique - CYCLE_DEBT, f"import cycles between sub-packages: " \
        f"{[sorted(c) for c in unique - CYCLE_DEBT]}"
    assert not CYCLE_DEBT - unique, "remove the fixed cycle from CYCLE_DEBT"
