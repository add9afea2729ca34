"""综合查一次 routes: `GET /spot-check-plans/merge-suggestions?year=&period_start=&period_end=`,
`POST /spot-check-plans/merges` (the district supervisor decides) and
`GET /spot-check-plans/merges/{merge_id}`. Included before `/spot-check-plans/{plan_id}`."""

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from common.scope import AgencyOutOfScope
from kit import errors
from kit.db import CommittingRoute
from services.cases.dependencies import ReaderCtx, SupervisorCtx
from services.cases.inspections.errors import SpotCheckPlanNotFound
from services.cases.inspections.merges import schemas, service
from services.cases.inspections.merges.errors import (
    PlanAlreadyMerged,
    PlanMergeNotFound,
    PlanMergeRefused,
)

router = APIRouter(route_class=CommittingRoute)
AUTH = (errors.Unauthorized, errors.Forbidden)


@router.get("/spot-check-plans/merge-suggestions", response_model=schemas.MergeSuggestions,
            responses=errors.responses(*AUTH),
            summary="综合查一次合并建议（不同机关、期间重叠、抽中同一企业的计划）")
async def get_merge_suggestions(ctx: ReaderCtx, year: Annotated[int, Query(ge=2000, le=2100)],
                                period_start: date | None = None, period_end: date | None = None
                                ) -> schemas.MergeSuggestions:
    """A supervisor sees pairs whose both plans lie in the region; an agency admin the pairs
    that involve its own agency's plans. Plans already merged are not suggested."""
    return await service.suggest(ctx, year, period_start,
                                 period_end)


@router.post("/spot-check-plans/merges", response_model=schemas.MergeRead, status_code=201,
             responses=errors.responses(*AUTH, SpotCheckPlanNotFound, AgencyOutOfScope,
                                        PlanMergeRefused, PlanAlreadyMerged),
             summary="合并抽查计划为综合查一次（区县执法监督机构决定；每个共同企业一个联合检查任务）")
async def create_plan_merge(ctx: SupervisorCtx, body: schemas.MergeCreate, response: Response
                            ) -> schemas.MergeRead:
    merge = await service.create_merge(ctx, body)
    response.headers["Location"] = f"/api/v1/cases/spot-check-plans/merges/{merge.id}"
    return await service.read(ctx, merge)


@router.get("/spot-check-plans/merges/{merge_id}", response_model=schemas.MergeRead,
            responses=errors.responses(*AUTH, PlanMergeNotFound),
            summary="综合查一次合并计划（联合检查任务及其检查）")
async def get_plan_merge(ctx: ReaderCtx, merge_id: uuid.UUID) -> schemas.MergeRead:
    return await service.read(ctx, await service.load(ctx, merge_id))
