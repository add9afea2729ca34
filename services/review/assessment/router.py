"""HTTP surface of 评议考核 (performance assessment)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import Page
from services.review.assessment import errors, service
from services.review.assessment.schemas import (
    AssessmentCreate,
    AssessmentRead,
    AssessmentSummary,
)
from services.review.dependencies import AssessmentReaderCtx, SupervisorCtx

router = APIRouter(prefix="/api/v1/review", tags=["assessment"], route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)
URL = "/assessments"


@router.post(URL, response_model=AssessmentRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.AssessmentOutOfRegion,
                                            errors.AssessmentExists, errors.IndicatorsInvalid,
                                            kit_errors.UnprocessableEntity,
                                            kit_errors.ServiceUnavailable),
             summary="开展年度评议考核（按统计数据计分、加权、排名）")
async def create_assessment(body: AssessmentCreate, ctx: SupervisorCtx) -> AssessmentRead:
    row = await service.create(ctx, body)
    return AssessmentRead.model_validate(await service.read_model(ctx.session, row))


@router.get(URL, response_model=Page[AssessmentSummary],
            responses=kit_errors.responses(*AUTH), summary="评议考核列表")
async def list_assessments(ctx: AssessmentReaderCtx,
                           year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
                           cursor: str | None = None,
                           limit: Annotated[int, Query(ge=1, le=200)] = 50
                           ) -> Page[AssessmentSummary]:
    rows, nxt = await service.page(ctx, year, cursor, limit)
    return Page[AssessmentSummary](items=[AssessmentSummary.model_validate(r) for r in rows],
                                   next_cursor=nxt, limit=limit)


@router.get(URL + "/{assessment_id}", response_model=AssessmentRead,
            responses=kit_errors.responses(*AUTH, errors.AssessmentNotFound),
            summary="一次评议考核（排名及每项得分所依据的数据）")
async def get_assessment(assessment_id: uuid.UUID, ctx: AssessmentReaderCtx) -> AssessmentRead:
    row = await service.load(ctx, assessment_id)
    return AssessmentRead.model_validate(await service.read_model(ctx.session, row))


@router.post(URL + "/{assessment_id}/recompute", response_model=AssessmentRead,
             responses=kit_errors.responses(*AUTH, errors.AssessmentNotFound,
                                            errors.AssessmentOutOfRegion,
                                            errors.AssessmentFinalised,
                                            kit_errors.ServiceUnavailable),
             summary="按最新统计数据重新计算（定稿前）")
async def recompute_assessment(assessment_id: uuid.UUID, ctx: SupervisorCtx) -> AssessmentRead:
    row = await service.load(ctx, assessment_id, for_update=True)
    await service.recompute(ctx, row)
    return AssessmentRead.model_validate(await service.read_model(ctx.session, row))


@router.post(URL + "/{assessment_id}/finalise", response_model=AssessmentRead,
             responses=kit_errors.responses(*AUTH, errors.AssessmentNotFound,
                                            errors.AssessmentOutOfRegion,
                                            errors.AssessmentFinalised),
             summary="定稿（冻结排名，内部通报）")
async def finalise_assessment(assessment_id: uuid.UUID, ctx: SupervisorCtx) -> AssessmentRead:
    row = await service.load(ctx, assessment_id, for_update=True)
    await service.finalise(ctx, row)
    return AssessmentRead.model_validate(await service.read_model(ctx.session, row))
