"""HTTP surface of 监督意见书 (kept; the same records are 监督文书 of kind `opinion` under
/supervision-instruments, with objection, review and escalation)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request

from common.app import CalendarDep
from common.scope import AgencyOutOfScope
from kit import errors as kit_errors
from kit.db import CommittingRoute, SessionDep
from kit.schemas import Page
from services.review.dependencies import (
    AgencyRegions,
    AgencyReplier,
    SupervisionReader,
    Supervisor,
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
async def issue_supervision_opinion(body: OpinionCreate, request: Request,
                                    principal: Supervisor, session: SessionDep,
                                    calendar: CalendarDep, regions: AgencyRegions) -> OpinionRead:
    return _read(await service.issue(session, calendar, request.app.state.settings, principal,
                                     body, regions))


@router.get("", response_model=Page[OpinionRead], responses=kit_errors.responses(*AUTH),
            summary="监督意见书列表（overdue=true 仅逾期未回复）")
async def list_supervision_opinions(principal: SupervisionReader, session: SessionDep,
                                    overdue: bool = False, cursor: str | None = None,
                                    limit: Annotated[int, Query(ge=1, le=200)] = 50
                                    ) -> Page[OpinionRead]:
    rows, nxt = await service.list_opinions(session, principal, overdue=overdue, cursor=cursor,
                                            limit=limit)
    return Page[OpinionRead](items=[_read(o) for o in rows], next_cursor=nxt, limit=limit)


@router.get("/{opinion_id}", response_model=OpinionRead,
            responses=kit_errors.responses(*AUTH, errors.OpinionNotFound),
            summary="一份监督意见书")
async def get_supervision_opinion(opinion_id: uuid.UUID, principal: SupervisionReader,
                                  session: SessionDep) -> OpinionRead:
    return _read(await service.load(session, principal, opinion_id))


@router.post("/{opinion_id}/reply", response_model=OpinionRead,
             responses=kit_errors.responses(*AUTH, errors.OpinionNotFound,
                                            errors.OpinionAlreadyReplied),
             summary="被监督单位回复整改情况")
async def reply_supervision_opinion(opinion_id: uuid.UUID, body: OpinionReply,
                                    principal: AgencyReplier, session: SessionDep) -> OpinionRead:
    return _read(await service.reply(session, principal, opinion_id, body.content))
