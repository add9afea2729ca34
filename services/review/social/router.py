"""HTTP surface of 社会评议 (proposed decisions evaluated by a drawn panel before `/decide`)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.ext.asyncio import AsyncSession

from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import Page
from services.review.dependencies import (
    InvitedSupervisorCtx,
    ServiceCallerCtx,
    SocialAnswererCtx,
    SocialReaderCtx,
    SupervisorCtx,
)
from services.review.social import errors, service
from services.review.social.models import SocialEvaluation
from services.review.social.schemas import (
    AnswerCreate,
    EvaluationCreate,
    EvaluationDetail,
    EvaluationRead,
    EvaluationStats,
    OpinionCreate,
    OpinionRead,
    PanelView,
    SocialCheck,
    SocialCheckRequest,
)

router = APIRouter(prefix="/api/v1/review/social-evaluations", tags=["supervision"],
                   route_class=CommittingRoute)
# the panel member's own read-only view (role invited_supervisor)
my_router = APIRouter(prefix="/api/v1/review/my-social-evaluations", tags=["invited-supervisors"],
                      route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)
STATE = (errors.EvaluationNotFound, errors.EvaluationStateConflict)


async def detail(session: AsyncSession, ev: SocialEvaluation) -> EvaluationDetail:
    out = EvaluationDetail.model_validate(ev)
    out.opinions = [OpinionRead.model_validate(o) for o in await service.opinions(session, ev)]
    return out


@router.post("", response_model=EvaluationDetail, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.EvaluationExists,
                                            errors.CaseNotEvaluable, errors.PanelUnavailable,
                                            kit_errors.UnprocessableEntity,
                                            kit_errors.ValidationFailed),
             summary="提交社会评议：脱敏的拟作决定，按声明的种子从特邀监督员中抽取评议小组")
async def open_social_evaluation(body: EvaluationCreate,
                                 ctx: SupervisorCtx) -> EvaluationDetail:
    return await detail(ctx.session, await service.open_evaluation(ctx, body))


@router.post("/check", response_model=SocialCheck,
             responses=kit_errors.responses(*AUTH, kit_errors.ValidationFailed),
             summary="服务间：拟作决定是否须经社会评议，以及是否已答复评议意见")
async def check_social_evaluation(body: SocialCheckRequest,
                                  ctx: ServiceCallerCtx) -> SocialCheck:
    return await service.check(ctx, body)


@router.get("", response_model=Page[EvaluationRead], responses=kit_errors.responses(*AUTH),
            summary="社会评议列表")
async def list_social_evaluations(
        ctx: SocialReaderCtx, status: str | None = None,
        case_id: uuid.UUID | None = None, cursor: str | None = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[EvaluationRead]:
    rows, nxt = await service.list_evaluations(ctx, status=status, case_id=case_id,
                                               cursor=cursor, limit=limit)
    return Page[EvaluationRead](items=[EvaluationRead.model_validate(r) for r in rows],
                                next_cursor=nxt, limit=limit)


@router.get("/stats", response_model=list[EvaluationStats],
            responses=kit_errors.responses(*AUTH),
            summary="社会评议年度统计（按单位：评议件数、答复、采纳、采纳率）")
async def get_social_evaluation_stats(
        ctx: SocialReaderCtx,
        year: Annotated[int, Query(ge=2000, le=2100)]) -> list[EvaluationStats]:
    return await service.stats(ctx, year)


@router.get("/{evaluation_id}", response_model=EvaluationDetail,
            responses=kit_errors.responses(*AUTH, errors.EvaluationNotFound),
            summary="一件社会评议：摘要、抽取记录、意见与答复")
async def get_social_evaluation(evaluation_id: uuid.UUID,
                                ctx: SocialReaderCtx) -> EvaluationDetail:
    return await detail(ctx.session, await service.load(ctx, evaluation_id))


@router.post("/{evaluation_id}/opinions", response_model=EvaluationDetail, status_code=201,
             responses=kit_errors.responses(*AUTH, *STATE, errors.NotOnPanel,
                                            errors.OpinionWindowClosed, kit_errors.Conflict),
             summary="登记评议小组成员的意见（合法、合理、合情）")
async def add_social_evaluation_opinion(evaluation_id: uuid.UUID, body: OpinionCreate,
                                        ctx: SupervisorCtx) -> EvaluationDetail:
    return await detail(ctx.session, await service.add_opinion(ctx, evaluation_id, body))


@router.post("/{evaluation_id}/conclude", response_model=EvaluationDetail,
             responses=kit_errors.responses(*AUTH, *STATE),
             summary="结束评议并统计结果（全部成员已提出意见或评议期限届满）")
async def conclude_social_evaluation(evaluation_id: uuid.UUID,
                                     ctx: SupervisorCtx) -> EvaluationDetail:
    return await detail(ctx.session, await service.conclude(ctx, evaluation_id))


@router.post("/{evaluation_id}/answer", response_model=EvaluationDetail,
             responses=kit_errors.responses(*AUTH, *STATE),
             summary="承办机关答复评议意见（采纳，或不予采纳并说明理由）")
async def answer_social_evaluation(evaluation_id: uuid.UUID, body: AnswerCreate,
                                   ctx: SocialAnswererCtx) -> EvaluationDetail:
    return await detail(ctx.session, await service.answer(ctx, evaluation_id, body))


@my_router.get("", response_model=Page[PanelView],
               responses=kit_errors.responses(kit_errors.Unauthorized, kit_errors.NotFound),
               summary="特邀监督员：本人所在评议小组的社会评议（脱敏的拟作决定）")
async def list_my_social_evaluations(ctx: InvitedSupervisorCtx, cursor: str | None = None,
                                     limit: Annotated[int, Query(ge=1, le=200)] = 50
                                     ) -> Page[PanelView]:
    rows, nxt = await service.my_evaluations(ctx, cursor, limit)
    return Page[PanelView](items=[PanelView.model_validate(r) for r in rows], next_cursor=nxt,
                           limit=limit)


@my_router.get("/{evaluation_id}", response_model=PanelView,
               responses=kit_errors.responses(kit_errors.Unauthorized,
                                              errors.EvaluationNotFound),
               summary="特邀监督员：一件本人参加评议的拟作决定（脱敏）")
async def get_my_social_evaluation(evaluation_id: uuid.UUID,
                                   ctx: InvitedSupervisorCtx) -> PanelView:
    return PanelView.model_validate(await service.my_evaluation(ctx, evaluation_id))
