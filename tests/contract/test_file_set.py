"""One file set per sub-package (STYLE.md §2.2), read from the source.

Every sub-package of every service is listed below (a new one joins by being added; nothing is
discovered by importing). In each of them, and at each service's top level:
- ORM tables (a class with `__tablename__`, or a `Table(...)`) are defined only in `models.py`;
- problem types (subclasses of `kit.errors.Problem`, directly or through another one) only in
  `errors.py`;
- Pydantic request/response models only in `schemas.py` — the one other home is `clients.py`,
  where a caller keeps its own view of another service's answers (STYLE.md §2.2);
- routes (`APIRouter(...)`) only in `router.py`;
- a router calls services, never a repository (ROUTER_DEBT lists the routers that predate the
  rule; it only shrinks)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).parents[2]
SERVICES = ("cases", "personnel", "review", "publicity")

SUBPACKAGES = frozenset({
    "services/cases/coercion", "services/cases/documents",
    "services/cases/documents/subjects", "services/cases/enforcement",
    "services/cases/entrustment", "services/cases/inspections", "services/cases/inspections/caps",
    "services/cases/inspections/catalogue", "services/cases/inspections/draws",
    "services/cases/inspections/fieldwork", "services/cases/inspections/merges",
    "services/cases/inspections/public", "services/cases/inspections/reports",
    "services/cases/inspections/sync", "services/cases/licensing",
    "services/cases/licensing/licences", "services/cases/lifecycle", "services/cases/matters",
    "services/cases/preservation", "services/cases/recusal", "services/cases/self_enforcement",
    "services/cases/statistics", "services/cases/summary", "services/cases/timeline",
    "services/cases/transfers", "services/personnel/accounts",
    "services/personnel/agencies", "services/personnel/certificates",
    "services/personnel/devices", "services/personnel/imports",
    "services/personnel/qualifications", "services/personnel/staff",
    "services/personnel/statistics", "services/personnel/training",
    "services/publicity/annual", "services/publicity/disclosures", "services/publicity/exante",
    "services/publicity/feeds", "services/publicity/inspections", "services/publicity/licences",
    "services/publicity/plans", "services/publicity/redactions", "services/publicity/statistics",
    "services/review/actions", "services/review/assessment",
    "services/review/complaint_deadlines", "services/review/complaints",
    "services/review/consultations", "services/review/evaluation", "services/review/instruments",
    "services/review/invited", "services/review/legal", "services/review/meetings",
    "services/review/participation", "services/review/plans", "services/review/reports",
    "services/review/responsibility", "services/review/social", "services/review/statistics",
    "services/review/supervision",
})

# routers that predate the rule and still call a repository (none left; the list only shrinks)
ROUTER_DEBT: frozenset[str] = frozenset()
# files that predate the rule and still hold a schema outside schemas.py (none left; a new
# entry only with a reason, and the list only shrinks)
FILE_DEBT: frozenset[str] = frozenset()

# schemas.py (or a schemas/ package once it passes ~300 lines), clients.py for a caller's view
# of another service, config.py for the settings' own sub-models
PYDANTIC_HOMES = ("schemas.py", "clients.py", "config.py")


def _files() -> list[Path]:
    return sorted(p for s in SERVICES for p in (ROOT / "services" / s).rglob("*.py")
                  if "__pycache__" not in p.parts)


def _classes() -> dict[str, list[tuple[Path, ast.ClassDef]]]:
    found: dict[str, list[tuple[Path, ast.ClassDef]]] = {}
    for path in [*_files(), ROOT / "kit" / "errors" / "__init__.py", ROOT / "kit" / "schemas.py"]:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ClassDef):
                found.setdefault(node.name, []).append((path, node))
    return found


def _bases(node: ast.ClassDef) -> set[str]:
    return {ast.unparse(b).split("[")[0].split(".")[-1] for b in node.bases}


def _descendants(roots: set[str]) -> set[str]:
    """Class names deriving from `roots` (by name, transitively, across services and kit)."""
    classes = _classes()
    names, grew = set(roots), True
    while grew:
        grew = False
        for name, defs in classes.items():
            if name not in names and any(_bases(n) & names for _, n in defs):
                names.add(name)
                grew = True
    return names


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_every_subpackage_is_listed() -> None:
    actual = {_rel(p.parent) for s in SERVICES for p in (ROOT / "services" / s).rglob("__init__.py")
              if p.parent != ROOT / "services" / s and "__pycache__" not in p.parts
              and p.parent.name != "schemas"}  # a split schemas.py, not a sub-package
    assert actual - SUBPACKAGES == set(), "add the new sub-package to SUBPACKAGES"
    assert SUBPACKAGES - actual == set(), "remove the deleted sub-package from SUBPACKAGES"


def test_tables_problems_schemas_and_routes_live_in_their_files() -> None:
    problems = _descendants({"Problem"})
    models = _descendants({"BaseModel", "RootModel"})
    wrong: list[str] = []
    for path in _files():
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                table = any(isinstance(s, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "__tablename__" for t in s.targets)
                    for s in node.body)
                if table and path.name != "models.py":
                    wrong.append(f"{_rel(path)}: table {node.name} (→ models.py)")
                if node.name in problems and _bases(node) & problems and \
                        path.name != "errors.py":
                    wrong.append(f"{_rel(path)}: problem {node.name} (→ errors.py)")
                if node.name in models and _bases(node) & models and \
                        path.name not in PYDANTIC_HOMES and path.parent.name != "schemas":
                    wrong.append(f"{_rel(path)}: schema {node.name} (→ schemas.py)")
            if isinstance(node, ast.Call):
                fn = ast.unparse(node.func).split(".")[-1]
                if fn == "Table" and path.name != "models.py":
                    wrong.append(f"{_rel(path)}: Table() (→ models.py)")
                if fn == "APIRouter" and path.name != "router.py":
                    wrong.append(f"{_rel(path)}: APIRouter() (→ router.py)")
    assert set(wrong) - FILE_DEBT == set(), "\n".join(sorted(set(wrong) - FILE_DEBT))
    assert FILE_DEBT - set(wrong) == set(), "remove the fixed entry from FILE_DEBT"


def _calls_repository(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[-1] == "repository" or \
                    any(a.name == "repository" for a in node.names):
                return True
    return False


def test_routers_call_services_not_repositories() -> None:
    actual = {_rel(p) for p in _files() if p.name == "router.py" and _calls_repository(p)}
    assert actual - ROUTER_DEBT == set(), "call a service function, not the repository"
    assert ROUTER_DEBT - actual == set(), "remove the fixed router from ROUTER_DEBT"
