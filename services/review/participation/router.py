"""HTTP surface of invited supervisors taking part: leads passed on, and the invited
supervisor's own read-only view of their actions."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import Page
from services.review.actions import errors as action_errors
from services.review.actions import service as actions
from services.review.actions.schemas import ActionRead, InvitedActionView
from services.review.dependencies import InvitedSupervisorCtx, SupervisorCtx
from services.review.invited import errors
from services.review.invited.schemas import LeadCreate, LeadRead
from services.review.participation import service

router = APIRouter(prefix="/api/v1/review", tags=["invited-supervisors"],
                   route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)
M = "/invited-members"


@router.post(M + "/{member_id}/leads", response_model=LeadRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.MemberNotFound,
                                            kit_errors.UnprocessableEntity),
             summary="特邀监督员反映的线索（转为投诉举报或监督发现）")
async def pass_on_invited_lead(member_id: uuid.UUID, body: LeadCreate,
                               ctx: SupervisorCtx) -> LeadRead:
    return LeadRead.model_validate(await service.pass_on_lead(ctx, member_id, body))


@router.get("/my-supervision-actions", response_model=Page[ActionRead],
            responses=kit_errors.responses(kit_errors.Unauthorized, kit_errors.NotFound),
            summary="特邀监督员：本人参加的监督行动")
async def list_my_supervision_actions(ctx: InvitedSupervisorCtx, cursor: str | None = None,
                                      limit: Annotated[int, Query(ge=1, le=200)] = 50
                                      ) -> Page[ActionRead]:
    rows, nxt = await actions.list_actions(ctx, cursor, limit)
    return Page[ActionRead](items=[ActionRead.model_validate(a) for a in rows],
                            next_cursor=nxt, limit=limit)


@router.get("/my-supervision-actions/{action_id}", response_model=InvitedActionView,
            responses=kit_errors.responses(kit_errors.Unauthorized, action_errors.ActionNotFound),
            summary="特邀监督员：本人参加的监督行动的脱敏记录（只读）")
async def get_my_supervision_action(action_id: uuid.UUID,
                                    ctx: InvitedSupervisorCtx) -> InvitedActionView:
    return await service.invited_view(ctx, action_id)
