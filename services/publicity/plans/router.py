"""Public 年度行政执法监督计划 (no token): the plans review's supervision bodies published."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import InvalidCursor, Page
from services.publicity.dependencies import PublicCtx
from services.publicity.plans import service
from services.publicity.plans.errors import PublicPlanNotFound
from services.publicity.plans.schemas import PublicPlanRead

router = APIRouter(route_class=CommittingRoute)


@router.get("/supervision-plans", response_model=Page[PublicPlanRead],
            responses=kit_errors.responses(InvalidCursor),
            summary="公开：年度行政执法监督计划（最新在前）")
async def list_public_supervision_plans(
        ctx: PublicCtx,
        region_code: Annotated[str | None, Query(pattern=r"^\d{2,12}$")] = None,
        year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
        cursor: str | None = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[PublicPlanRead]:
    rows, nxt = await service.page(ctx.session, region_code, year, cursor, limit)
    return Page(items=[PublicPlanRead.model_validate(r, from_attributes=True) for r in rows],
                next_cursor=nxt, limit=limit)


@router.get("/supervision-plans/{plan_id}", response_model=PublicPlanRead,
            responses=kit_errors.responses(PublicPlanNotFound),
            summary="公开：一份年度行政执法监督计划")
async def get_public_supervision_plan(plan_id: uuid.UUID,
                                      ctx: PublicCtx) -> PublicPlanRead:
    row = await service.get(ctx.session, plan_id)
    return PublicPlanRead.model_validate(row, from_attributes=True)
