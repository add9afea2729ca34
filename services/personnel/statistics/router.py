"""`GET /api/v1/personnel/statistics` and `/statistics/records?key=` (docs/statistics.md)."""

from fastapi import APIRouter, Request

from common.statistics import (
    PROBLEMS,
    RECORD_PROBLEMS,
    FigureKey,
    Limit,
    PeriodQuery,
    RecordsPage,
    StatisticsRead,
    StatisticsReader,
)
from kit import errors
from kit.db import CommittingRoute, SessionDep
from services.personnel.statistics.repository import StatisticsRepository

router = APIRouter(prefix="/api/v1/personnel", tags=["statistics"], route_class=CommittingRoute)


def _repo(request: Request, session: SessionDep) -> StatisticsRepository:
    return StatisticsRepository(session, request.app.state.settings.training_hours_required)


@router.get(
    "/statistics",
    response_model=StatisticsRead,
    responses=errors.responses(*PROBLEMS),
    summary="执法人员、执法证、培训、装备统计（统计年报 表五 持证率）",
)
async def personnel_statistics(
    request: Request, principal: StatisticsReader, session: SessionDep, period: PeriodQuery
) -> StatisticsRead:
    figures = await _repo(request, session).figures(principal, period)
    return StatisticsRead(year=period.year, scope=period.scope(), figures=figures)


@router.get(
    "/statistics/records",
    response_model=RecordsPage,
    responses=errors.responses(*RECORD_PROBLEMS),
    summary="统计指标所计记录（数据溯源）",
)
async def personnel_statistics_records(
    request: Request,
    principal: StatisticsReader,
    session: SessionDep,
    period: PeriodQuery,
    key: FigureKey,
    cursor: str | None = None,
    limit: Limit = 100,
) -> RecordsPage:
    return await _repo(request, session).records(principal, period, key, cursor, limit)
