"""The cases HTTP surface: every sub-package's router, listed explicitly, under /api/v1/cases.

Sub-packages expose `router = APIRouter(route_class=CommittingRoute)` (no prefix; paths start
with `/cases/...`, `/summary-decisions`, ...) in `services/cases/<sub>/router.py`; add a new one
to the imports and to `SUBROUTERS` below (one line each)."""

from fastapi import APIRouter

from kit.db import CommittingRoute
from services.cases.coercion.router import router as coercion_router
from services.cases.documents.router import router as documents_router
from services.cases.documents.subjects.router import router as subject_documents_router
from services.cases.enforcement.router import router as enforcement_router
from services.cases.entrustment.router import router as entrustment_router
from services.cases.inspections.router import router as inspections_router
from services.cases.licensing.router import router as licensing_router
from services.cases.lifecycle.router import router as lifecycle_router
from services.cases.matters.router import router as matters_router
from services.cases.preservation.router import router as preservation_router
from services.cases.recusal.router import router as recusal_router
from services.cases.self_enforcement.router import router as self_enforcement_router
from services.cases.statistics.router import router as statistics_router
from services.cases.summary.router import router as summary_router
from services.cases.transfers.router import router as transfers_router

router = APIRouter(prefix="/api/v1/cases", tags=["cases"], route_class=CommittingRoute)

SUBROUTERS = (
    matters_router,
    lifecycle_router,
    entrustment_router,
    summary_router,
    coercion_router,
    transfers_router,
    inspections_router,
    licensing_router,
    documents_router,
    statistics_router,
    preservation_router,
    enforcement_router,
    recusal_router,
    self_enforcement_router,
    subject_documents_router,
)

for _sub in SUBROUTERS:
    router.include_router(_sub)
