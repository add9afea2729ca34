"""`GET /inspections/statistics?year=&agency_id=` (annual-report figures) and
`GET /inspection-targets/{target_id}/inspections?year=` (the enterprise's record)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from common.statistics import (
    PROBLEMS,
    RECORD_PROBLEMS,
    FigureKey,
    Limit,
    PeriodQuery,
    RecordsPage,
    StatisticsReader,
)
from kit import errors
from kit.db import CommittingRoute, SessionDep
from services.cases.dependencies import Reader
from services.cases.inspections import errors as ie
from services.cases.inspections.catalogue.repository import TargetRepository
from services.cases.inspections.reports import schemas
from services.cases.inspections.reports.repository import ReportRepository

router = APIRouter(route_class=CommittingRoute)
AUTH = (errors.Unauthorized, errors.Forbidden)


@router.get("/inspections/statistics", response_model=schemas.Statistics,
            responses=errors.responses(*PROBLEMS),
            summary="行政检查统计（统计年报口径：有对象、记录完整的检查计 1 次）")
async def get_inspection_statistics(principal: StatisticsReader, session: SessionDep,
                                    period: PeriodQuery) -> schemas.Statistics:
    repo = ReportRepository(session)
    figures = await repo.statistics(principal, period.year, period.agency_id)
    return schemas.Statistics(year=period.year, agency_id=period.agency_id, **figures,
                              scope=period.scope(),
                              figures=await repo.figures(principal, period))


@router.get("/inspections/statistics/records", response_model=RecordsPage,
            responses=errors.responses(*RECORD_PROBLEMS),
            summary="行政检查统计指标所计记录（数据溯源）")
async def get_inspection_statistics_records(principal: StatisticsReader, session: SessionDep,
                                            period: PeriodQuery, key: FigureKey,
                                            cursor: str | None = None, limit: Limit = 100,
                                            ) -> RecordsPage:
    return await ReportRepository(session).records(principal, period, key, cursor, limit)


@router.get("/inspection-targets/{target_id}/inspections",
            response_model=schemas.EnterpriseRecord,
            responses=errors.responses(*AUTH, ie.InspectionTargetNotFound),
            summary="企业受检记录（按年度、按机关的频次）")
async def get_target_inspections(target_id: uuid.UUID, principal: Reader, session: SessionDep,
                                 year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
                                 ) -> schemas.EnterpriseRecord:
    if await TargetRepository(session).get(target_id, principal) is None:
        raise ie.InspectionTargetNotFound(f"检查对象 {target_id} 不存在")
    rows, per = await ReportRepository(session).of_target(principal, target_id, year)
    return schemas.EnterpriseRecord(
        target_id=target_id, year=year,
        inspections=[schemas.RecordLine(inspection_id=i.id, **{
            k: getattr(i, k) for k in ("agency_id", "type", "status", "planned_on",
                                       "counts_toward_cap", "cap_exempt_reason", "result")})
            for i in rows],
        by_agency=[schemas.AgencyCount(agency_id=a, counted_toward_cap=c, total=t)
                   for a, c, t in per])
