"""Import the tables of every cases sub-package so `Base.metadata` is complete for Alembic.

Sub-packages that own tables put them in `services/cases/<sub>/models.py` (declared on
`services.cases.models.Base`); add the sub-package name to `SUBPACKAGES` below. A listed package
that does not exist yet is skipped (parallel development), any other import error is raised."""

import importlib

SUBPACKAGES = ("entrustment", "summary", "coercion", "transfers", "licensing")

for _name in SUBPACKAGES:
    _module = f"services.cases.{_name}.models"
    try:
        importlib.import_module(_module)
    except ModuleNotFoundError as exc:
        if exc.name not in (_module, f"services.cases.{_name}"):
            raise
