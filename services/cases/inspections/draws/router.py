"""抽查计划 and 抽取 routes: create a plan, draw with a declared seed, read and verify a draw."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from kit import errors
from kit.db import CommittingRoute
from kit.schemas import Page
from services.cases.context import Ctx
from services.cases.dependencies import ActorCtx, ReaderCtx
from services.cases.inspections import errors as ie
from services.cases.inspections.draws import schemas, service

router = APIRouter(route_class=CommittingRoute)
AUTH = (errors.Unauthorized, errors.Forbidden)


@router.post("/spot-check-plans", response_model=schemas.PlanRead, status_code=201,
             responses=errors.responses(*AUTH, ie.InspectionItemNotPublished),
             summary="制定抽查计划（可多机关联合：综合查一次）")
async def create_spot_check_plan(ctx: ActorCtx, body: schemas.PlanCreate, response: Response
                                 ) -> schemas.PlanRead:
    plan = await service.create_plan(ctx, body)
    response.headers["Location"] = f"/api/v1/cases/spot-check-plans/{plan.id}"
    return schemas.PlanRead.model_validate(plan)


@router.get("/spot-check-plans", response_model=Page[schemas.PlanRead],
            responses=errors.responses(*AUTH), summary="抽查计划列表（按管辖范围）")
async def list_spot_check_plans(ctx: ReaderCtx,
                                year: Annotated[int | None, Query(ge=1900, le=2999)] = None,
                                cursor: str | None = None,
                                limit: Annotated[int, Query(ge=1, le=200)] = 50,
                                ) -> Page[schemas.PlanRead]:
    rows, nxt = await service.list_plans(ctx, year, cursor, limit)
    return Page(items=[schemas.PlanRead.model_validate(p) for p in rows], next_cursor=nxt,
                limit=limit)


async def _plan(ctx: Ctx, plan_id: uuid.UUID) -> object:
    return await service.load_plan(ctx, plan_id)


@router.get("/spot-check-plans/{plan_id}", response_model=schemas.PlanRead,
            responses=errors.responses(*AUTH, ie.SpotCheckPlanNotFound), summary="抽查计划详情")
async def get_spot_check_plan(plan_id: uuid.UUID, ctx: ReaderCtx) -> schemas.PlanRead:
    return schemas.PlanRead.model_validate(await _plan(ctx, plan_id))


@router.post("/spot-check-plans/{plan_id}/seed-commitment", response_model=schemas.PlanRead,
             responses=errors.responses(*AUTH, ie.SpotCheckPlanNotFound, ie.SeedRefused),
             summary="抽取前公布种子承诺值（nonce 的 SHA-256；抽取时与公开值一起生成种子）")
async def commit_spot_check_seed(ctx: ActorCtx, plan_id: uuid.UUID, body: schemas.SeedCommitment
                                 ) -> schemas.PlanRead:
    plan = await _plan(ctx, plan_id)
    await service.commit_seed(ctx, plan, body)  # type: ignore[arg-type]
    return schemas.PlanRead.model_validate(plan)


@router.post("/spot-check-plans/{plan_id}/draws", response_model=schemas.DrawRead,
             status_code=201, responses=errors.responses(*AUTH, ie.SpotCheckPlanNotFound,
                                                         ie.SeedRefused),
             summary="随机抽取（公布的种子，一致性抽样，可复算）")
async def create_spot_check_draw(ctx: ActorCtx, plan_id: uuid.UUID, body: schemas.DrawCreate,
                                 response: Response) -> schemas.DrawRead:
    plan = await _plan(ctx, plan_id)
    d = await service.create_draw(ctx, plan, body)  # type: ignore[arg-type]
    response.headers["Location"] = f"/api/v1/cases/spot-check-plans/{plan_id}/draws/{d.id}"
    return schemas.DrawRead.model_validate(d)


async def _draw(ctx: Ctx, plan_id: uuid.UUID, draw_id: uuid.UUID) -> object:
    await _plan(ctx, plan_id)
    return await service.load_draw(ctx.session, plan_id, draw_id)


@router.get("/spot-check-plans/{plan_id}/draws/{draw_id}", response_model=schemas.DrawRead,
            responses=errors.responses(*AUTH, ie.SpotCheckPlanNotFound,
                                       ie.SpotCheckDrawNotFound), summary="抽取记录")
async def get_spot_check_draw(plan_id: uuid.UUID, draw_id: uuid.UUID,
                              ctx: ReaderCtx) -> schemas.DrawRead:
    return schemas.DrawRead.model_validate(await _draw(ctx, plan_id, draw_id))


@router.get("/spot-check-plans/{plan_id}/draws/{draw_id}/verify",
            response_model=schemas.DrawVerifyRead,
            responses=errors.responses(*AUTH, ie.SpotCheckPlanNotFound,
                                       ie.SpotCheckDrawNotFound),
            summary="复算抽取结果（由存储的快照重新计算并比对）")
async def verify_spot_check_draw(plan_id: uuid.UUID, draw_id: uuid.UUID,
                                 ctx: ReaderCtx) -> schemas.DrawVerifyRead:
    return service.verify(await _draw(ctx, plan_id, draw_id))  # type: ignore[arg-type]
