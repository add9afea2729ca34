"""`GET /api/v1/review/statistics` and `/statistics/records?key=` (docs/statistics.md)."""

from fastapi import APIRouter

from common.statistics_routes import add_statistics_routes
from kit.db import CommittingRoute
from services.review.statistics import service

router = APIRouter(prefix="/api/v1/review", tags=["statistics"], route_class=CommittingRoute)
add_statistics_routes(router, name="review_statistics",
                      summary="法制审核、案卷评查、监督意见书、投诉举报统计",
                      registry=service.REGISTRY)
