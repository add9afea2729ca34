"""HTTP surface of the court enforcement path: 催告, application, the tracking list."""

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from common.calendar import today_legal
from kit import errors
from kit.db import CommittingRoute
from kit.schemas import InvalidCursor, Page
from services.cases.dependencies import ActorCtx, CaseForAction, ReaderCtx
from services.cases.enforcement import schemas, service
from services.cases.enforcement.errors import CourtEnforcementNotFound, CourtEnforcementRefused
from services.cases.errors import CaseArchived, CaseNotFound

router = APIRouter(tags=["cases: court enforcement"], route_class=CommittingRoute)
ACT = (errors.Unauthorized, errors.Forbidden, CaseNotFound, CaseArchived,
       errors.PreconditionFailed, CourtEnforcementRefused)


@router.post("/cases/{case_id}/court-enforcement/demand",
             response_model=schemas.CourtEnforcementRead, status_code=201,
             responses=errors.responses(*ACT),
             summary="送达催告书（行政强制法第三十五条、第五十四条）")
async def demand_performance(body: schemas.DemandCreate, case: CaseForAction,
                             ctx: ActorCtx) -> schemas.CourtEnforcementRead:
    row = await service.demand(ctx, case, body)
    return service.to_read(row, body.served_on)


@router.post("/cases/{case_id}/court-enforcement/apply",
             response_model=schemas.CourtEnforcementRead,
             responses=errors.responses(*ACT, CourtEnforcementNotFound),
             summary="申请人民法院强制执行（行政强制法第五十三条、第五十四条）")
async def apply_to_court(body: schemas.ApplicationCreate, case: CaseForAction,
                         ctx: ActorCtx) -> schemas.CourtEnforcementRead:
    row = await service.apply(ctx, case, body)
    return service.to_read(row, body.applied_on)


@router.get("/court-enforcements", response_model=Page[schemas.CourtEnforcementRead],
            responses=errors.responses(errors.Unauthorized, errors.Forbidden, InvalidCursor),
            summary="催告及申请强制执行跟踪（lapsed=true：三个月申请期限已过仍未申请）")
async def list_court_enforcements(
        ctx: ReaderCtx,
        status: Literal["demanded", "applied"] | None = None, lapsed: bool = False,
        on: date | None = None, cursor: str | None = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[schemas.CourtEnforcementRead]:
    day = on or today_legal()
    rows, nxt = await service.list_paths(ctx, limit=limit, cursor=cursor,
                                         status=status, lapsed_on=day if lapsed else None)
    return Page(items=[service.to_read(r, day) for r in rows], next_cursor=nxt, limit=limit)
