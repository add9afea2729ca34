"""`GET /inspections/statistics?year=&agency_id=` (annual-report figures) and
`GET /inspection-targets/{target_id}/inspections?year=` (the enterprise's record)."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query

from common.statistics import Period
from common.statistics_routes import add_statistics_routes
from kit import errors
from kit.db import CommittingRoute
from services.cases.dependencies import ReaderCtx
from services.cases.inspections import errors as ie
from services.cases.inspections.reports import schemas, service

router = APIRouter(route_class=CommittingRoute)
AUTH = (errors.Unauthorized, errors.Forbidden)


async def _legacy(ctx: Any, period: Period) -> dict[str, Any]:
    """The fields of before the figures (whole year, `agency_id` only; docs/statistics.md)."""
    return {"agency_id": period.agency_id, **await service.legacy_figures(
        ctx, period.year, period.agency_id)}


add_statistics_routes(router, path="/inspections/statistics", name="get_inspection_statistics",
                      summary="行政检查统计（统计年报口径：有对象、记录完整的检查计 1 次）",
                      records_summary="行政检查统计指标所计记录（数据溯源）",
                      registry=service.REGISTRY, response_model=schemas.Statistics,
                      extra=_legacy)


@router.get("/inspection-targets/{target_id}/inspections",
            response_model=schemas.EnterpriseRecord,
            responses=errors.responses(*AUTH, ie.InspectionTargetNotFound),
            summary="企业受检记录（按年度、按机关的频次）")
async def get_target_inspections(target_id: uuid.UUID, ctx: ReaderCtx,
                                 year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
                                 ) -> schemas.EnterpriseRecord:
    rows, per, visits = await service.of_target(ctx, target_id, year)
    return schemas.EnterpriseRecord(
        target_id=target_id, year=year,
        inspections=[schemas.RecordLine(inspection_id=i.id, **{
            k: getattr(i, k) for k in ("agency_id", "type", "status", "planned_on",
                                       "counts_toward_cap", "cap_exempt_reason", "result")})
            for i in rows],
        by_agency=[schemas.AgencyCount(agency_id=a, counted_toward_cap=c, total=t)
                   for a, c, t in per],
        visits=visits)
