"""No service imports another service (or the gateway); kit imports neither, nor common (the
platform's shared domain vocabulary, which imports only kit); kit stays domain-free and small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("personnel", "cases", "review", "publicity")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _violations(folder: Path, forbidden: tuple[str, ...]) -> list[str]:
    out = []
    for path in sorted(folder.rglob("*.py")):
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                out.append(f"{path.relative_to(ROOT)} imports {name}")
    return out


@pytest.mark.parametrize("service", SERVICES)
def test_service_imports_no_other_service(service: str) -> None:
    others = tuple(f"services.{s}" for s in SERVICES if s != service) + ("gateway",)
    assert _violations(ROOT / "services" / service, others) == []


def test_kit_imports_no_service_or_gateway() -> None:
    assert _violations(ROOT / "kit", ("services", "gateway")) == []


def test_kit_imports_nothing_from_common() -> None:
    assert _violations(ROOT / "kit", ("common",)) == []


def test_common_imports_only_kit_among_our_packages() -> None:
    assert _violations(ROOT / "common", ("services", "gateway")) == []


def test_the_checker_catches_a_violation(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text("from services.cases.models import Case\n")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert _violations(tmp_path, ("services.cases",)) == [
            "bad.py imports services.cases.models"]
    finally:
        ROOT = saved


def test_jose_is_used_only_in_kit_auth() -> None:
    users = [str(p.relative_to(ROOT)) for folder in ("kit", "services", "gateway")
             for p in (ROOT / folder).rglob("*.py")
             if any(n == "jose" or n.startswith("jose.") for n in _imports(p))]
    assert users and all(u.startswith("kit/auth/") for u in users), users
