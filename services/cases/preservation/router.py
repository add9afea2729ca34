"""HTTP surface of 先行登记保存: preserve, decide, the case's list and the overdue list."""

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from common.calendar import today_legal
from kit import errors
from kit.db import CommittingRoute
from kit.schemas import InvalidCursor, Page
from services.cases.dependencies import ActorCtx, CaseById, CaseForAction, ReaderCtx
from services.cases.errors import ApproverNotHead, CaseArchived, CaseNotFound, OfficersNotQualified
from services.cases.preservation import schemas, service
from services.cases.preservation.errors import PreservationNotAllowed, PreservationNotFound

router = APIRouter(tags=["cases: evidence preservation"], route_class=CommittingRoute)
ACT = (errors.Unauthorized, errors.Forbidden, CaseNotFound, CaseArchived,
       errors.PreconditionFailed, PreservationNotAllowed)


@router.post("/cases/{case_id}/preservations", response_model=schemas.PreservationRead,
             status_code=201, summary="先行登记保存证据（行政处罚法第五十六条，负责人批准）",
             responses=errors.responses(*ACT, OfficersNotQualified, ApproverNotHead,
                                        errors.ServiceUnavailable))
async def create_preservation(body: schemas.PreservationCreate, case: CaseForAction,
                              ctx: ActorCtx) -> schemas.PreservationRead:
    row = await service.preserve(ctx, case, body)
    return service.to_read(row, today_legal())


@router.post("/cases/{case_id}/preservations/{preservation_id}/decide",
             response_model=schemas.PreservationRead,
             responses=errors.responses(*ACT, PreservationNotFound),
             summary="对先行登记保存的证据作出处理决定（七个工作日内）")
async def decide_preservation(preservation_id: uuid.UUID, body: schemas.PreservationDecide,
                              case: CaseForAction, ctx: ActorCtx) -> schemas.PreservationRead:
    row = await service.load(ctx.session, case, preservation_id)
    await service.decide(ctx, case, row, body)
    return service.to_read(row, body.decided_on)


@router.get("/cases/{case_id}/preservations", response_model=list[schemas.PreservationRead],
            responses=errors.responses(errors.Unauthorized, errors.Forbidden, CaseNotFound),
            summary="案件的先行登记保存")
async def list_case_preservations(case: CaseById, ctx: ReaderCtx
                                  ) -> list[schemas.PreservationRead]:
    on = today_legal()
    return [service.to_read(r, on) for r in await service.for_case(ctx.session, case)]


@router.get("/preservations", response_model=Page[schemas.PreservationRead],
            responses=errors.responses(errors.Unauthorized, errors.Forbidden, InvalidCursor),
            summary="先行登记保存列表（overdue=true：逾七个工作日未作处理决定）")
async def list_preservations(ctx: ReaderCtx, overdue: bool = False,
                             on: date | None = None, cursor: str | None = None,
                             limit: Annotated[int, Query(ge=1, le=200)] = 50
                             ) -> Page[schemas.PreservationRead]:
    day = on or today_legal()
    rows, nxt = await service.list_preservations(ctx, limit=limit, cursor=cursor,
                                                 overdue_on=day if overdue else None)
    return Page(items=[service.to_read(r, day) for r in rows], next_cursor=nxt, limit=limit)
