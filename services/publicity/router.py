"""The publicity HTTP surface: every sub-package's routes under `/api/v1/publicity`."""

from fastapi import APIRouter

from kit.db import CommittingRoute
from services.publicity.annual.router import router as annual_router
from services.publicity.disclosures.router import router as disclosures_router
from services.publicity.exante.router import router as exante_router
from services.publicity.feeds.router import router as feeds_router
from services.publicity.inspections.router import router as inspections_router
from services.publicity.licences.router import router as licences_router
from services.publicity.plans.router import router as plans_router
from services.publicity.redactions.router import router as redactions_router
from services.publicity.statistics.router import router as statistics_router

router = APIRouter(prefix="/api/v1/publicity", tags=["publicity"], route_class=CommittingRoute)
router.include_router(feeds_router)
router.include_router(disclosures_router)
router.include_router(exante_router)
router.include_router(licences_router)
router.include_router(annual_router)
router.include_router(statistics_router)
router.include_router(inspections_router)
router.include_router(redactions_router)
router.include_router(plans_router)
