"""Public 统计年报 tables (no token): the finalised tables of review's annual reports."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import InvalidCursor, Page
from services.publicity.annual import service
from services.publicity.annual.errors import AnnualStatisticsNotFound
from services.publicity.annual.schemas import AnnualStatisticsRead
from services.publicity.dependencies import PublicCtx

router = APIRouter(route_class=CommittingRoute)


@router.get("/annual-statistics", response_model=Page[AnnualStatisticsRead],
            responses=kit_errors.responses(InvalidCursor),
            summary="公开：行政执法统计年报（表一至表五，最新在前）")
async def list_annual_statistics(
        ctx: PublicCtx,
        region_code: Annotated[str | None, Query(pattern=r"^\d{2,12}$")] = None,
        year: Annotated[int | None, Query(ge=2000, le=2999)] = None,
        include_superseded: bool = False, cursor: str | None = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[AnnualStatisticsRead]:
    rows, nxt = await service.public_page(ctx.session, region_code, year,
                                          not include_superseded, cursor, limit)
    return Page(items=[AnnualStatisticsRead.model_validate(r, from_attributes=True)
                       for r in rows], next_cursor=nxt, limit=limit)


@router.get("/annual-statistics/{report_id}", response_model=AnnualStatisticsRead,
            responses=kit_errors.responses(AnnualStatisticsNotFound),
            summary="公开：一份行政执法统计年报")
async def get_annual_statistics(report_id: uuid.UUID,
                                ctx: PublicCtx) -> AnnualStatisticsRead:
    row = await service.get_report(ctx.session, report_id)
    if row is None:
        raise AnnualStatisticsNotFound(f"统计年报 {report_id} 不存在")
    return AnnualStatisticsRead.model_validate(row, from_attributes=True)
