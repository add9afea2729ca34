"""`GET /statistics` (penalties, coercion, transfers; docs/statistics.md) and its provenance
`GET /statistics/records?key=`."""

from fastapi import APIRouter

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
from services.cases.statistics.repository import StatisticsRepository

router = APIRouter(route_class=CommittingRoute, tags=["cases: statistics"])


@router.get(
    "/statistics",
    response_model=StatisticsRead,
    responses=errors.responses(*PROBLEMS),
    summary="行政处罚、行政强制、案件移送统计（统计年报 表一、表三）",
)
async def case_statistics(
    principal: StatisticsReader, session: SessionDep, period: PeriodQuery
) -> StatisticsRead:
    figures = await StatisticsRepository(session).figures(principal, period)
    return StatisticsRead(year=period.year, scope=period.scope(), figures=figures)


@router.get(
    "/statistics/records",
    response_model=RecordsPage,
    responses=errors.responses(*RECORD_PROBLEMS),
    summary="统计指标所计记录（数据溯源）",
)
async def case_statistics_records(
    principal: StatisticsReader,
    session: SessionDep,
    period: PeriodQuery,
    key: FigureKey,
    cursor: str | None = None,
    limit: Limit = 100,
) -> RecordsPage:
    return await StatisticsRepository(session).records(principal, period, key, cursor, limit)
