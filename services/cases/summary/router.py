"""HTTP surface of 当场处罚 (简易程序): decide in one call, read, list, numbering pattern."""

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from common.calendar import today_legal
from kit import errors
from kit.db import CommittingRoute
from kit.schemas import InvalidCursor, Page
from services.cases.dependencies import ActorCtx, AgencyAdminCtx, ReaderCtx
from services.cases.entrustment.errors import EntrustmentAgreementRequired
from services.cases.errors import (
    LimitationExpired,
    MatterNotFound,
    MatterNotHeld,
    OfficersNotQualified,
)
from services.cases.summary import collection, schemas, service
from services.cases.summary.errors import (
    CollectionNotFound,
    CollectionStepRefused,
    DocumentNumberTaken,
    NumberingPatternInvalid,
    OnSpotCollectionNotAllowed,
    SummaryDecisionNotFound,
    SummaryProcedureNotAllowed,
)

router = APIRouter(prefix="/summary-decisions", tags=["cases: summary procedure"],
                   route_class=CommittingRoute)
AUTH = (errors.Unauthorized, errors.Forbidden)


@router.post("", response_model=schemas.SummaryDecisionRead, status_code=201,
             responses=errors.responses(*AUTH, SummaryProcedureNotAllowed, MatterNotFound,
                                        MatterNotHeld, OfficersNotQualified, LimitationExpired,
                                        EntrustmentAgreementRequired, DocumentNumberTaken,
                                        OnSpotCollectionNotAllowed,
                                        errors.ServiceUnavailable),
             summary="当场作出行政处罚决定（简易程序，行政处罚法第五十一条、第五十二条）")
async def create_summary_decision(ctx: ActorCtx, body: schemas.SummaryDecisionCreate
                                  ) -> schemas.SummaryDecisionRead:
    decision, case = await service.create_summary_decision(ctx,
                                                           body)
    return service.to_read(decision, case)


@router.get("", response_model=Page[schemas.SummaryDecisionRead],
            responses=errors.responses(*AUTH, InvalidCursor), summary="当场处罚决定列表")
async def list_summary_decisions(ctx: ReaderCtx,
                                 cursor: str | None = None,
                                 limit: Annotated[int, Query(ge=1, le=200)] = 50,
                                 ) -> Page[schemas.SummaryDecisionRead]:
    rows, nxt = await service.list_decisions(ctx, cursor=cursor, limit=limit)
    return Page(items=[service.to_read(d, c) for d, c in rows], next_cursor=nxt, limit=limit)


@router.put("/numbering", response_model=schemas.NumberingRead,
            responses=errors.responses(*AUTH, NumberingPatternInvalid),
            summary="设置本机关当场处罚决定书编号格式")
async def set_summary_numbering(body: schemas.NumberingUpdate,
                                ctx: AgencyAdminCtx) -> schemas.NumberingRead:
    return await service.set_numbering(ctx, body)


@router.get("/{decision_id:uuid}", response_model=schemas.SummaryDecisionRead,
            responses=errors.responses(*AUTH, SummaryDecisionNotFound),
            summary="当场处罚决定详情")
async def get_summary_decision(decision_id: uuid.UUID,
                               ctx: ReaderCtx) -> schemas.SummaryDecisionRead:
    decision, case = await service.load(ctx, decision_id)
    return service.to_read(decision, case)


@router.post("/{decision_id:uuid}/hand-in", response_model=schemas.CollectionRead,
             responses=errors.responses(*AUTH, CollectionNotFound, CollectionStepRefused),
             summary="登记当场收缴的罚款交至行政机关（行政处罚法第七十一条，二个工作日内）")
async def hand_in_on_spot_fine(decision_id: uuid.UUID, body: schemas.HandInCreate,
                               ctx: ActorCtx) -> schemas.CollectionRead:
    row = await collection.hand_in(ctx, decision_id, body)
    return collection.to_read(row, body.handed_in_on)


@router.post("/{decision_id:uuid}/bank-deposit", response_model=schemas.CollectionRead,
             responses=errors.responses(*AUTH, CollectionNotFound, CollectionStepRefused),
             summary="登记行政机关将罚款缴付指定银行（行政处罚法第七十一条，二个工作日内）")
async def deposit_on_spot_fine(decision_id: uuid.UUID, body: schemas.BankDepositCreate,
                               ctx: ActorCtx) -> schemas.CollectionRead:
    row = await collection.deposit(ctx, decision_id, body)
    return collection.to_read(row, body.banked_on)


@router.get("/on-spot-collections", response_model=Page[schemas.CollectionRead],
            responses=errors.responses(*AUTH, InvalidCursor),
            summary="当场收缴罚款的交纳跟踪（overdue=true：逾期未交机关或未缴银行）")
async def list_on_spot_collections(ctx: ReaderCtx,
                                   overdue: bool = False, on: date | None = None,
                                   cursor: str | None = None,
                                   limit: Annotated[int, Query(ge=1, le=200)] = 50,
                                   ) -> Page[schemas.CollectionRead]:
    day = on or today_legal()
    rows, nxt = await collection.list_collections(ctx, limit=limit,
                                                  cursor=cursor, overdue_on=day if overdue
                                                  else None)
    return Page(items=[collection.to_read(r, day) for r in rows], next_cursor=nxt, limit=limit)
