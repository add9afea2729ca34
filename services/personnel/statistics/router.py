"""`GET /api/v1/personnel/statistics` and `/statistics/records?key=` (docs/statistics.md)."""

from fastapi import APIRouter, Request

from common.statistics import Registry
from common.statistics_routes import add_statistics_routes
from kit.db import CommittingRoute
from services.personnel.statistics import service

router = APIRouter(prefix="/api/v1/personnel", tags=["statistics"], route_class=CommittingRoute)


def _registry(request: Request) -> Registry:
    return service.figures(request.app.state.settings.training_hours_required)


add_statistics_routes(router, name="personnel_statistics",
                      summary="执法人员、执法证、培训、装备统计（统计年报 表五 持证率）",
                      registry=_registry)
