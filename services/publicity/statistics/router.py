"""`GET /api/v1/publicity/statistics` and `/statistics/records?key=` (docs/statistics.md)."""

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
from services.publicity.statistics.repository import StatisticsRepository

router = APIRouter(tags=["statistics"], route_class=CommittingRoute)


@router.get(
    "/statistics",
    response_model=StatisticsRead,
    responses=errors.responses(*PROBLEMS),
    summary="行政处罚决定与行政许可公示统计（公示、撤回、逾期）",
)
async def publicity_statistics(
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
async def publicity_statistics_records(
    principal: StatisticsReader,
    session: SessionDep,
    period: PeriodQuery,
    key: FigureKey,
    cursor: str | None = None,
    limit: Limit = 100,
) -> RecordsPage:
    return await StatisticsRepository(session).records(principal, period, key, cursor, limit)
