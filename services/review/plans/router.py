"""HTTP surface of 年度行政执法监督计划 (drafting, approval, publication, progress)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from common.calendar import today_legal
from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import Page
from services.review.dependencies import SupervisorCtx
from services.review.plans import errors, service
from services.review.plans.models import PlanItem, SupervisionPlan
from services.review.plans.schemas import (
    PlanApprove,
    PlanItemCreate,
    PlanItemRead,
    PlanProgress,
    SupervisionPlanCreate,
    SupervisionPlanDetail,
    SupervisionPlanRead,
)

router = APIRouter(prefix="/api/v1/review", tags=["supervision"], route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)
URL = "/supervision-plans"


async def _detail(session, plan: SupervisionPlan) -> SupervisionPlanDetail:
    out = SupervisionPlanDetail.model_validate(plan)
    data = await service.detail(session, plan, today_legal())
    out.items = [PlanItemRead.model_validate(i) for i in data["items"]]
    out.progress = PlanProgress.model_validate(data["progress"])
    return out


@router.post(URL, response_model=SupervisionPlanDetail, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.PlanOutOfRegion, errors.PlanExists,
                                            kit_errors.UnprocessableEntity),
             summary="起草年度行政执法监督计划")
async def create_supervision_plan(body: SupervisionPlanCreate,
                                  ctx: SupervisorCtx) -> SupervisionPlanDetail:
    return await _detail(ctx.session, await service.create(ctx, body))


@router.get(URL, response_model=Page[SupervisionPlanRead], responses=kit_errors.responses(*AUTH),
            summary="年度监督计划列表（本辖区）")
async def list_supervision_plans(ctx: SupervisorCtx,
                                 year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
                                 cursor: str | None = None,
                                 limit: Annotated[int, Query(ge=1, le=200)] = 50
                                 ) -> Page[SupervisionPlanRead]:
    rows, nxt = await service.page(ctx, year, cursor, limit)
    return Page[SupervisionPlanRead](
        items=[SupervisionPlanRead.model_validate(p) for p in rows], next_cursor=nxt,
        limit=limit)


@router.get(URL + "/{plan_id}", response_model=SupervisionPlanDetail,
            responses=kit_errors.responses(*AUTH, errors.PlanNotFound),
            summary="一份年度监督计划（事项及完成进度：计划数与已完成数）")
async def get_supervision_plan(plan_id: uuid.UUID, ctx: SupervisorCtx) -> SupervisionPlanDetail:
    return await _detail(ctx.session, await service.load(ctx, plan_id))


@router.post(URL + "/{plan_id}/items", response_model=PlanItemRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.PlanNotFound,
                                            errors.PlanStateConflict,
                                            kit_errors.UnprocessableEntity),
             summary="计划事项（监督类型、对象、时段）")
async def add_supervision_plan_item(plan_id: uuid.UUID, body: PlanItemCreate,
                                    ctx: SupervisorCtx) -> PlanItemRead:
    item: PlanItem = await service.add_item(ctx, plan_id, body)
    return PlanItemRead.model_validate(item)


@router.post(URL + "/{plan_id}/approve", response_model=SupervisionPlanDetail,
             responses=kit_errors.responses(*AUTH, errors.PlanNotFound,
                                            errors.PlanStateConflict, errors.PlanEmpty),
             summary="批准年度监督计划")
async def approve_supervision_plan(plan_id: uuid.UUID, body: PlanApprove,
                                   ctx: SupervisorCtx) -> SupervisionPlanDetail:
    plan = await service.load(ctx, plan_id, for_update=True)
    await service.approve(ctx, plan, body)
    return await _detail(ctx.session, plan)


@router.post(URL + "/{plan_id}/publish", response_model=SupervisionPlanDetail,
             responses=kit_errors.responses(*AUTH, errors.PlanNotFound,
                                            errors.PlanStateConflict),
             summary="公布年度监督计划（经公示服务公开）")
async def publish_supervision_plan(plan_id: uuid.UUID,
                                   ctx: SupervisorCtx) -> SupervisionPlanDetail:
    plan = await service.load(ctx, plan_id, for_update=True)
    await service.publish(ctx, plan)
    return await _detail(ctx.session, plan)
