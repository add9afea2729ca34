"""`GET /api/v1/review/statistics` and `/statistics/records?key=` (docs/statistics.md)."""

from fastapi import APIRouter

from common.statistics import (
    PROBLEMS,
    RECORD_PROBLEMS,
    Figure,
    FigureKey,
    Limit,
    PeriodQuery,
    RecordsPage,
    StatisticsRead,
    StatisticsReader,
)
from kit import errors
from kit.db import CommittingRoute, SessionDep
from services.review.statistics.repository import RANK_RULE, StatisticsRepository

router = APIRouter(prefix="/api/v1/review", tags=["statistics"], route_class=CommittingRoute)


@router.get(
    "/statistics",
    response_model=StatisticsRead,
    responses=errors.responses(*PROBLEMS),
    summary="法制审核、案卷评查、监督意见书、投诉举报统计",
)
async def review_statistics(
    principal: StatisticsReader, session: SessionDep, period: PeriodQuery
) -> StatisticsRead:
    repo = StatisticsRepository(session)
    figures = await repo.figures(principal, period)
    figures.append(
        Figure(
            key="evaluation.rank",
            label="评查排名",
            unit="名",
            rule=RANK_RULE,
            value=await repo.rank(principal, period),
        )
    )
    return StatisticsRead(year=period.year, scope=period.scope(), figures=figures)


@router.get(
    "/statistics/records",
    response_model=RecordsPage,
    responses=errors.responses(*RECORD_PROBLEMS),
    summary="统计指标所计记录（数据溯源）",
)
async def review_statistics_records(
    principal: StatisticsReader,
    session: SessionDep,
    period: PeriodQuery,
    key: FigureKey,
    cursor: str | None = None,
    limit: Limit = 100,
) -> RecordsPage:
    return await StatisticsRepository(session).records(principal, period, key, cursor, limit)
