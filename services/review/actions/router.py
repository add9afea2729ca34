"""HTTP surface of 监督行动, and the invited supervisor's read-only view of their actions."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.ext.asyncio import AsyncSession

from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import Page
from services.review.actions import errors, service
from services.review.actions.models import SupervisionAction
from services.review.actions.schemas import (
    ActionCreate,
    ActionDetail,
    ActionRead,
    FindingCreate,
    FindingRead,
    ParticipantCreate,
    ParticipantRead,
)
from services.review.dependencies import SupervisorCtx
from services.review.plans import errors as plan_errors

router = APIRouter(prefix="/api/v1/review", tags=["supervision"], route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)
A = "/supervision-actions"


async def _detail(session: AsyncSession, action: SupervisionAction) -> ActionDetail:
    participants, findings = await service.participants_and_findings(session, action)
    out = ActionDetail.model_validate(action)
    out.participants = [ParticipantRead.model_validate(p) for p in participants]
    out.findings = [FindingRead.model_validate(f) for f in findings]
    return out


@router.post(A, response_model=ActionDetail, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.ActionOutOfRegion,
                                            plan_errors.PlanNotFound,
                                            plan_errors.PlanItemNotFound,
                                            plan_errors.PlanItemNotCarried,
                                            kit_errors.UnprocessableEntity),
             summary="组织监督行动（日常/重点/专项/评查/评议/现场观摩）")
async def create_supervision_action(body: ActionCreate, ctx: SupervisorCtx) -> ActionDetail:
    return await _detail(ctx.session, await service.create(ctx, body))


@router.get(A, response_model=Page[ActionRead], responses=kit_errors.responses(*AUTH),
            summary="监督行动列表（本辖区）")
async def list_supervision_actions(ctx: SupervisorCtx, cursor: str | None = None,
                                   limit: Annotated[int, Query(ge=1, le=200)] = 50
                                   ) -> Page[ActionRead]:
    rows, nxt = await service.list_actions(ctx, cursor, limit)
    return Page[ActionRead](items=[ActionRead.model_validate(a) for a in rows],
                            next_cursor=nxt, limit=limit)


@router.get(A + "/{action_id}", response_model=ActionDetail,
            responses=kit_errors.responses(*AUTH, errors.ActionNotFound), summary="一项监督行动")
async def get_supervision_action(action_id: uuid.UUID, ctx: SupervisorCtx) -> ActionDetail:
    return await _detail(ctx.session, await service.load(ctx, action_id))


@router.post(A + "/{action_id}/participants", response_model=ParticipantRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.ActionNotFound,
                                            errors.ParticipantNotActive,
                                            kit_errors.UnprocessableEntity),
             summary="参加人员（工作人员、专家、特邀监督员）")
async def add_supervision_action_participant(action_id: uuid.UUID, body: ParticipantCreate,
                                             ctx: SupervisorCtx) -> ParticipantRead:
    return ParticipantRead.model_validate(await service.add_participant(ctx, action_id, body))


@router.post(A + "/{action_id}/findings", response_model=FindingRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.ActionNotFound,
                                            kit_errors.UnprocessableEntity,
                                            kit_errors.ServiceUnavailable),
             summary="监督发现（按编号关联案件、检查、许可或投诉记录，经其所属服务核验）")
async def add_supervision_action_finding(action_id: uuid.UUID, body: FindingCreate,
                                         ctx: SupervisorCtx) -> FindingRead:
    return FindingRead.model_validate(await service.add_finding(ctx, action_id, body))
