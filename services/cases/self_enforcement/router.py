"""HTTP surface of the agency's own enforcement: 催告, 陈述申辩, 决定, 执行, the tracking list."""

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from common.calendar import today_legal
from kit import errors
from kit.db import CommittingRoute
from kit.schemas import InvalidCursor, Page
from services.cases.dependencies import ActorCtx, CaseForAction, ReaderCtx
from services.cases.errors import ApproverNotHead, CaseArchived, CaseNotFound
from services.cases.self_enforcement import schemas, service
from services.cases.self_enforcement.errors import SelfEnforcementNotFound, SelfEnforcementRefused

router = APIRouter(tags=["cases: self enforcement"], route_class=CommittingRoute)
ACT = (errors.Unauthorized, errors.Forbidden, CaseNotFound, CaseArchived,
       errors.PreconditionFailed, SelfEnforcementRefused)
BASE = "/cases/{case_id}/self-enforcement"
Read = schemas.SelfEnforcementRead


@router.post(f"{BASE}/demand", response_model=Read, status_code=201,
             responses=errors.responses(*ACT),
             summary="自行强制执行前送达催告书（行政强制法第三十五条、第四十六条）")
async def demand_self_enforcement(ctx: ActorCtx, body: schemas.DemandCreate, case: CaseForAction
                                  ) -> Read:
    row = await service.demand(ctx, case, body)
    return service.to_read(row, body.served_on)


@router.post(f"{BASE}/statement", response_model=Read,
             responses=errors.responses(*ACT, SelfEnforcementNotFound),
             summary="记录当事人陈述申辩及复核（行政强制法第三十六条）")
async def record_enforcement_statement(ctx: ActorCtx, body: schemas.StatementCreate,
                                       case: CaseForAction) -> Read:
    row = await service.statement(ctx, case, body)
    return service.to_read(row, body.received_on)


@router.post(f"{BASE}/decide", response_model=Read,
             responses=errors.responses(*ACT, SelfEnforcementNotFound, ApproverNotHead,
                                        errors.ServiceUnavailable),
             summary="作出强制执行决定（行政强制法第三十七条、第四十六条）")
async def decide_self_enforcement(ctx: ActorCtx, body: schemas.DecisionCreate, case: CaseForAction
                                  ) -> Read:
    row = await service.decide(ctx, case, body)
    return service.to_read(row, body.decided_on)


@router.post(f"{BASE}/execute", response_model=Read,
             responses=errors.responses(*ACT, SelfEnforcementNotFound),
             summary="实施拍卖或者划拨并抵缴罚款（行政强制法第四十三条、第四十七条至第四十九条）")
async def execute_self_enforcement(ctx: ActorCtx, body: schemas.ExecutionCreate,
                                   case: CaseForAction) -> Read:
    row = await service.execute(ctx, case, body)
    return service.to_read(row, today_legal(row.executed_at))


@router.get("/self-enforcements", response_model=Page[Read],
            responses=errors.responses(errors.Unauthorized, errors.Forbidden, InvalidCursor),
            summary="自行强制执行跟踪（催告、决定、执行）")
async def list_self_enforcements(
        ctx: ReaderCtx,
        status: Literal["demanded", "decided", "executed"] | None = None,
        on: date | None = None, cursor: str | None = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[Read]:
    day = on or today_legal()
    rows, nxt = await service.list_paths(ctx, limit=limit, cursor=cursor,
                                         status=status)
    return Page(items=[service.to_read(r, day) for r in rows], next_cursor=nxt, limit=limit)
