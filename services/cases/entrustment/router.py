"""HTTP surface of 委托协议: create, list, read, publish, file (备案), evaluate, terminate."""

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from kit import errors
from kit.db import CommittingRoute
from kit.schemas import InvalidCursor, Page
from services.cases.dependencies import AgencyAdminCtx, ReaderCtx
from services.cases.entrustment import schemas, service
from services.cases.entrustment.errors import (
    AgreementInvalid,
    AgreementNotActive,
    AgreementNotFound,
)

router = APIRouter(prefix="/entrustment-agreements", tags=["cases: entrustment"],
                   route_class=CommittingRoute)

AUTH = (errors.Unauthorized, errors.Forbidden)


@router.post("", response_model=schemas.AgreementRead, status_code=201,
             responses=errors.responses(*AUTH, AgreementInvalid, errors.Conflict),
             summary="登记委托协议（委托书）")
async def create_agreement(body: schemas.AgreementCreate,
                           ctx: AgencyAdminCtx) -> schemas.AgreementRead:
    agreement = await service.create_agreement(ctx, body)
    return (await service.read_many(ctx.session, [agreement]))[0]


@router.get("", response_model=Page[schemas.AgreementRead],
            responses=errors.responses(*AUTH, InvalidCursor), summary="委托协议列表")
async def list_agreements(ctx: ReaderCtx,
                          matter_id: uuid.UUID | None = None,
                          status: Literal["active", "terminated"] | None = None,
                          valid_on: date | None = None, cursor: str | None = None,
                          limit: Annotated[int, Query(ge=1, le=200)] = 50,
                          ) -> Page[schemas.AgreementRead]:
    rows, next_cursor = await service.list_agreements(
        ctx, cursor=cursor, limit=limit, matter_id=matter_id, status=status,
        valid_on=valid_on)
    return Page(items=await service.read_many(ctx.session, rows), next_cursor=next_cursor,
                limit=limit)


@router.get("/{agreement_id}", response_model=schemas.AgreementRead,
            responses=errors.responses(*AUTH, AgreementNotFound), summary="委托协议详情")
async def get_agreement(agreement_id: uuid.UUID,
                        ctx: ReaderCtx) -> schemas.AgreementRead:
    agreement = await service.load(ctx, agreement_id)
    return (await service.read_many(ctx.session, [agreement]))[0]


@router.post("/{agreement_id}/publication", response_model=schemas.AgreementRead,
             responses=errors.responses(*AUTH, AgreementNotFound, AgreementNotActive),
             summary="登记委托书向社会公布（行政处罚法第二十条第二款）")
async def publish_agreement(agreement_id: uuid.UUID, body: schemas.AgreementPublication,
                            ctx: AgencyAdminCtx) -> schemas.AgreementRead:
    agreement = await service.load(ctx, agreement_id, for_update=True)
    await service.publish_agreement(agreement, body)
    return (await service.read_many(ctx.session, [agreement]))[0]


@router.post("/{agreement_id}/filing", response_model=schemas.AgreementRead,
             responses=errors.responses(*AUTH, AgreementNotFound, AgreementNotActive,
                                        errors.Conflict),
             summary="登记委托协议备案")
async def file_agreement(agreement_id: uuid.UUID, body: schemas.AgreementFiling,
                         ctx: AgencyAdminCtx) -> schemas.AgreementRead:
    agreement = await service.load(ctx, agreement_id, for_update=True)
    await service.file_agreement(agreement, body)
    return (await service.read_many(ctx.session, [agreement]))[0]


@router.post("/{agreement_id}/evaluations", response_model=schemas.EvaluationRead,
             status_code=201, responses=errors.responses(*AUTH, AgreementNotFound,
                                                         errors.Conflict),
             summary="登记委托事项年度评估")
async def evaluate_agreement(agreement_id: uuid.UUID, body: schemas.EvaluationCreate,
                             ctx: AgencyAdminCtx) -> schemas.EvaluationRead:
    agreement = await service.load(ctx, agreement_id, for_update=True)
    evaluation = await service.evaluate_agreement(ctx, agreement, body)
    return schemas.EvaluationRead.model_validate(evaluation)


@router.post("/{agreement_id}/terminate", response_model=schemas.AgreementRead,
             responses=errors.responses(*AUTH, AgreementNotFound, AgreementNotActive,
                                        AgreementInvalid),
             summary="终止委托协议")
async def terminate_agreement(agreement_id: uuid.UUID, body: schemas.AgreementTermination,
                              ctx: AgencyAdminCtx) -> schemas.AgreementRead:
    agreement = await service.load(ctx, agreement_id, for_update=True)
    await service.terminate_agreement(agreement, body)
    return (await service.read_many(ctx.session, [agreement]))[0]
