"""HTTP surface of 查封/扣押: start, approve, extend, appraisal periods, release, dispose,
reads, the overdue list and the yearly item counts."""

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from kit import errors
from kit.db import CommittingRoute
from kit.schemas import InvalidCursor, Page
from services.cases.coercion import schemas, service
from services.cases.coercion.errors import (
    CoercionApprovalLate,
    CoercionApprovalRequired,
    CoercionExtensionRefused,
    CoercionNotAllowed,
    CoercionPeriodInvalid,
    CoercionProcedureIncomplete,
    MeasureNotFound,
)
from services.cases.dependencies import ActorCtx, CaseById, CaseForAction, ReaderCtx
from services.cases.errors import ApproverNotHead, CaseArchived, CaseNotFound, OfficersNotQualified

router = APIRouter(tags=["cases: coercive measures"], route_class=CommittingRoute)

ACT = (errors.Unauthorized, errors.Forbidden, CaseNotFound, CaseArchived,
       errors.PreconditionFailed, MeasureNotFound, CoercionNotAllowed)
MEASURE = "/cases/{case_id}/coercive-measures/{measure_id}"


@router.post("/cases/{case_id}/coercive-measures", response_model=schemas.MeasureRead,
             status_code=201, summary="实施查封、扣押（行政强制法第十八条–第二十四条）",
             responses=errors.responses(*ACT, CoercionApprovalRequired, OfficersNotQualified,
                                        CoercionProcedureIncomplete,
                                        ApproverNotHead, errors.ServiceUnavailable))
async def create_coercive_measure(body: schemas.MeasureCreate, case: CaseForAction,
                                  ctx: ActorCtx) -> schemas.MeasureRead:
    measure = await service.start_measure(ctx, case, body)
    return (await service.read_many(ctx.session, [measure]))[0]


@router.get("/cases/{case_id}/coercive-measures", response_model=list[schemas.MeasureRead],
            responses=errors.responses(errors.Unauthorized, errors.Forbidden, CaseNotFound),
            summary="案件的查封、扣押措施")
async def list_case_coercive_measures(case: CaseById,
                                      ctx: ReaderCtx) -> list[schemas.MeasureRead]:
    return await service.read_many(ctx.session,
                                   await service.measures_of_case(ctx.session, case))


@router.post(f"{MEASURE}/approve", response_model=schemas.MeasureRead,
             responses=errors.responses(*ACT, CoercionApprovalLate, ApproverNotHead),
             summary="紧急实施后补办批准（行政强制法第十九条）")
async def approve_coercive_measure(measure_id: uuid.UUID, body: schemas.ApprovalCreate,
                                   case: CaseForAction, ctx: ActorCtx) -> schemas.MeasureRead:
    measure = await service.load_measure(ctx.session, case, measure_id)
    await service.approve_measure(ctx, case, measure, body)
    return (await service.read_many(ctx.session, [measure]))[0]


@router.post(f"{MEASURE}/extend", response_model=schemas.MeasureRead,
             responses=errors.responses(*ACT, CoercionExtensionRefused, ApproverNotHead),
             summary="延长查封、扣押期限（行政强制法第二十五条）")
async def extend_coercive_measure(measure_id: uuid.UUID, body: schemas.ExtensionCreate,
                                  case: CaseForAction, ctx: ActorCtx) -> schemas.MeasureRead:
    measure = await service.load_measure(ctx.session, case, measure_id)
    await service.extend_measure(ctx, case, measure, body)
    return (await service.read_many(ctx.session, [measure]))[0]


@router.post(f"{MEASURE}/appraisals", response_model=schemas.MeasureRead, status_code=201,
             responses=errors.responses(*ACT, CoercionPeriodInvalid),
             summary="登记检测、检验、检疫或技术鉴定期间（不计入查封、扣押期限）")
async def add_coercion_appraisal(measure_id: uuid.UUID, body: schemas.AppraisalCreate,
                                 case: CaseForAction, ctx: ActorCtx) -> schemas.MeasureRead:
    measure = await service.load_measure(ctx.session, case, measure_id)
    await service.add_appraisal(ctx, case, measure, body)
    return (await service.read_many(ctx.session, [measure]))[0]


@router.post(f"{MEASURE}/release", response_model=schemas.MeasureRead,
             responses=errors.responses(*ACT),
             summary="解除查封、扣押并退还财物（行政强制法第二十八条）")
async def release_coercive_measure(measure_id: uuid.UUID, body: schemas.ReleaseCreate,
                                   case: CaseForAction, ctx: ActorCtx) -> schemas.MeasureRead:
    measure = await service.load_measure(ctx.session, case, measure_id)
    await service.release_measure(ctx, case, measure, body)
    return (await service.read_many(ctx.session, [measure]))[0]


@router.post(f"{MEASURE}/dispose", response_model=schemas.MeasureRead,
             responses=errors.responses(*ACT),
             summary="期限内处理查封、扣押物品：没收或销毁（行政强制法第二十七条）")
async def dispose_coercive_measure(measure_id: uuid.UUID, body: schemas.DisposalCreate,
                                   case: CaseForAction, ctx: ActorCtx) -> schemas.MeasureRead:
    measure = await service.load_measure(ctx.session, case, measure_id)
    await service.dispose_measure(ctx, case, measure, body)
    return (await service.read_many(ctx.session, [measure]))[0]


@router.get("/coercive-measures", response_model=Page[schemas.MeasureRead],
            responses=errors.responses(errors.Unauthorized, errors.Forbidden, InvalidCursor),
            summary="查封、扣押措施列表（overdue=true：期限届满未解除）")
async def list_coercive_measures(
        ctx: ReaderCtx,
        status: Literal["active", "released", "disposed", "transferred"] | None = None,
        overdue: bool = False, cursor: str | None = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[schemas.MeasureRead]:
    rows, nxt = await service.list_measures(ctx, cursor=cursor, limit=limit,
                                            status=status, overdue=overdue)
    return Page(items=await service.read_many(ctx.session, rows), next_cursor=nxt, limit=limit)


@router.get("/coercive-measures/statistics", response_model=list[schemas.ItemStatistics],
            responses=errors.responses(errors.Unauthorized, errors.Forbidden),
            summary="按机构、年度统计查封、扣押物品件数")
async def coercion_statistics(ctx: ReaderCtx,
                              year: Annotated[int | None, Query(ge=1900, le=2999)] = None,
                              agency_id: uuid.UUID | None = None
                              ) -> list[schemas.ItemStatistics]:
    rows = await service.item_statistics(ctx, year, agency_id)
    return [schemas.ItemStatistics(agency_id=a, year=y, measures=m, items=i,
                                   seized_items=int(s or 0), sealed_items=int(c or 0))
            for a, y, m, i, s, c in rows]


@router.get("/coercive-measures/{measure_id}", response_model=schemas.MeasureRead,
            responses=errors.responses(errors.Unauthorized, errors.Forbidden, MeasureNotFound),
            summary="查封、扣押措施详情")
async def get_coercive_measure(measure_id: uuid.UUID,
                               ctx: ReaderCtx) -> schemas.MeasureRead:
    measure = await service.get_measure(ctx, measure_id)
    return (await service.read_many(ctx.session, [measure]))[0]
