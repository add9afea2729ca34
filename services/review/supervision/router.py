"""HTTP surface of 监督意见书 (kept; the same records are 监督文书 of kind `opinion` under
/supervision-instruments, with objection, review and escalation)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from common.scope import AgencyOutOfScope
from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import Page
from services.review.dependencies import (
    AgencyRegions,
    AgencyReplierCtx,
    SupervisionReaderCtx,
    SupervisorCtx,
)
from services.review.instruments import errors as instrument_errors
from services.review.supervision import errors, service
from services.review.supervision.schemas import OpinionCreate, OpinionRead, OpinionReply

router = APIRouter(prefix="/api/v1/review/supervision-opinions", tags=["supervision"],
                   route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)


_read = service.to_read


@router.post("", response_model=OpinionRead, status_code=201,
             responses=kit_errors.responses(*AUTH, instrument_errors.InstrumentOutOfRegion,
                                            AgencyOutOfScope,
                                            kit_errors.UnprocessableEntity,
                                            kit_errors.ValidationFailed),
             summary="发出行政执法监督意见书")
async def issue_supervision_opinion(body: OpinionCreate, ctx: SupervisorCtx,
                                    regions: AgencyRegions) -> OpinionRead:
    return _read(await service.issue(ctx, body, regions))


@router.get("", response_model=Page[OpinionRead], responses=kit_errors.responses(*AUTH),
            summary="监督意见书列表（overdue=true 仅逾期未回复）")
async def list_supervision_opinions(ctx: SupervisionReaderCtx, overdue: bool = False,
                                    cursor: str | None = None,
                                    limit: Annotated[int, Query(ge=1, le=200)] = 50
                                    ) -> Page[OpinionRead]:
    rows, nxt = await service.list_opinions(ctx, overdue=overdue, cursor=cursor, limit=limit)
    return Page[OpinionRead](items=[_read(o) for o in rows], next_cursor=nxt, limit=limit)


@router.get("/{opinion_id}", response_model=OpinionRead,
            responses=kit_errors.responses(*AUTH, errors.OpinionNotFound),
            summary="一份监督意见书")
async def get_supervision_opinion(opinion_id: uuid.UUID,
                                  ctx: SupervisionReaderCtx) -> OpinionRead:
    return _read(await service.load(ctx, opinion_id))


@router.post("/{opinion_id}/reply", response_model=OpinionRead,
             responses=kit_errors.responses(*AUTH, errors.OpinionNotFound,
                                            errors.OpinionAlreadyReplied),
             summary="被监督单位回复整改情况")
async def reply_supervision_opinion(opinion_id: uuid.UUID, body: OpinionReply,
                                    ctx: AgencyReplierCtx) -> OpinionRead:
    return _read(await service.reply(ctx, opinion_id, body.content))
