"""HTTP surface of 责任追究."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from common.scope import AgencyOutOfScope
from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import Page
from services.review.dependencies import AgencyRegions, SupervisionReaderCtx, SupervisorCtx
from services.review.responsibility import errors, service
from services.review.responsibility.schemas import (
    ProcedureStep,
    RecordCreate,
    RecordDecision,
    RecordRead,
)

router = APIRouter(prefix="/api/v1/review/responsibility-records", tags=["supervision"],
                   route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)


@router.post("", response_model=RecordRead, status_code=201,
             responses=kit_errors.responses(*AUTH, AgencyOutOfScope,
                                            kit_errors.UnprocessableEntity),
             summary="登记责任追究（对象、追责事由、程序、结果）")
async def open_responsibility_record(body: RecordCreate, ctx: SupervisorCtx,
                                     regions: AgencyRegions) -> RecordRead:
    return RecordRead.model_validate(await service.open_record(ctx, body, regions))


@router.get("", response_model=Page[RecordRead], responses=kit_errors.responses(*AUTH),
            summary="责任追究记录列表（本单位/本辖区）")
async def list_responsibility_records(ctx: SupervisionReaderCtx, cursor: str | None = None,
                                      limit: Annotated[int, Query(ge=1, le=200)] = 50
                                      ) -> Page[RecordRead]:
    rows, nxt = await service.list_records(ctx, cursor, limit)
    return Page[RecordRead](items=[RecordRead.model_validate(r) for r in rows],
                            next_cursor=nxt, limit=limit)


@router.get("/{record_id}", response_model=RecordRead,
            responses=kit_errors.responses(*AUTH, errors.RecordNotFound),
            summary="一条责任追究记录")
async def get_responsibility_record(record_id: uuid.UUID,
                                    ctx: SupervisionReaderCtx) -> RecordRead:
    return RecordRead.model_validate(await service.load(ctx, record_id))


@router.post("/{record_id}/procedure", response_model=RecordRead,
             responses=kit_errors.responses(*AUTH, errors.RecordNotFound,
                                            errors.RecordAlreadyDecided),
             summary="登记追责程序（立案、调查、听取陈述申辩、集体讨论）")
async def add_responsibility_step(record_id: uuid.UUID, body: ProcedureStep,
                                  ctx: SupervisorCtx) -> RecordRead:
    return RecordRead.model_validate(await service.add_step(ctx, record_id, body))


@router.post("/{record_id}/decision", response_model=RecordRead,
             responses=kit_errors.responses(*AUTH, errors.RecordNotFound,
                                            errors.RecordAlreadyDecided,
                                            errors.SanctionNotApplicable,
                                            kit_errors.ServiceUnavailable),
             summary="处理决定（处分经人事服务登记，影响执法证申领资格）")
async def decide_responsibility_record(record_id: uuid.UUID, body: RecordDecision,
                                       ctx: SupervisorCtx) -> RecordRead:
    return RecordRead.model_validate(await service.decide(ctx, record_id, body))
