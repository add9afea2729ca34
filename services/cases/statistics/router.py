"""`GET /statistics` (penalties, coercion, transfers; docs/statistics.md) and its provenance
`GET /statistics/records?key=`."""

from fastapi import APIRouter

from common.statistics_routes import add_statistics_routes
from kit.db import CommittingRoute
from services.cases.statistics import service

router = APIRouter(route_class=CommittingRoute, tags=["cases: statistics"])
add_statistics_routes(router, name="case_statistics",
                      summary="行政处罚、行政强制、案件移送统计（统计年报 表一、表三）",
                      registry=service.REGISTRY)
