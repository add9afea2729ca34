"""`GET /api/v1/publicity/statistics` and `/statistics/records?key=` (docs/statistics.md)."""

from fastapi import APIRouter

from common.statistics_routes import add_statistics_routes
from kit.db import CommittingRoute
from services.publicity.statistics import service

router = APIRouter(tags=["statistics"], route_class=CommittingRoute)
add_statistics_routes(router, name="publicity_statistics",
                      summary="行政处罚决定与行政许可公示统计（公示、撤回、逾期）",
                      registry=service.REGISTRY)
