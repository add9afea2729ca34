"""The cases HTTP surface: includes every sub-router.

Sub-packages expose `router = APIRouter(route_class=CommittingRoute)` (no prefix; paths start
with `/cases/...`, `/summary-decisions`, ...) in `services/cases/<sub>/router.py`; the ones named
in `SUBROUTERS` are included here under `/api/v1/cases` when present."""

import importlib

from fastapi import APIRouter

from kit.db import CommittingRoute

router = APIRouter(prefix="/api/v1/cases", tags=["cases"], route_class=CommittingRoute)

SUBROUTERS = ("matters", "lifecycle", "timeline", "entrustment", "summary", "coercion",
              "transfers", "licensing")

for _name in SUBROUTERS:
    _module = f"services.cases.{_name}.router"
    try:
        _sub = importlib.import_module(_module)
    except ModuleNotFoundError as exc:
        if exc.name not in (_module, f"services.cases.{_name}"):
            raise
        continue
    router.include_router(_sub.router)
