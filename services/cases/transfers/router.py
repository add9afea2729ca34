"""HTTP surface of 移送: report, the head's decision, sending, the receiver's answer, reads."""

import uuid

from fastapi import APIRouter

from kit import errors
from kit.db import CommittingRoute
from services.cases.dependencies import (
    ActorCtx,
    CaseById,
    CaseForAction,
    ReaderCtx,
)
from services.cases.errors import ApproverNotHead, CaseArchived, CaseNotFound, OfficersNotQualified
from services.cases.transfers import schemas, service
from services.cases.transfers.errors import TransferNotAllowed, TransferNotFound

router = APIRouter(tags=["cases: transfers"], route_class=CommittingRoute)
ACT = (errors.Unauthorized, errors.Forbidden, CaseNotFound, CaseArchived,
       errors.PreconditionFailed, TransferNotFound, TransferNotAllowed)
ONE = "/cases/{case_id}/transfers/{transfer_id}"


@router.post("/cases/{case_id}/transfers", response_model=schemas.TransferRead,
             status_code=201, responses=errors.responses(*ACT, OfficersNotQualified,
                                                         errors.ServiceUnavailable),
             summary="提交移送报告（移送管辖或涉嫌犯罪移送司法机关）")
async def report_transfer(ctx: ActorCtx, body: schemas.TransferCreate, case: CaseForAction
                          ) -> schemas.TransferRead:
    transfer = await service.report_transfer(ctx, case, body)
    return schemas.TransferRead.model_validate(transfer)


@router.get("/cases/{case_id}/transfers", response_model=list[schemas.TransferRead],
            responses=errors.responses(errors.Unauthorized, errors.Forbidden, CaseNotFound),
            summary="案件的移送记录")
async def list_case_transfers(ctx: ReaderCtx, case: CaseById) -> list[schemas.TransferRead]:
    rows = await service.list_transfers(ctx, case)
    return [schemas.TransferRead.model_validate(t) for t in rows]


@router.post(f"{ONE}/decision", response_model=schemas.TransferRead,
             responses=errors.responses(*ACT, ApproverNotHead),
             summary="负责人批准或不批准移送（3日内）")
async def decide_transfer(ctx: ActorCtx, transfer_id: uuid.UUID, body: schemas.TransferDecision,
                          case: CaseForAction) -> schemas.TransferRead:
    transfer = await service.load(ctx, case, transfer_id)
    await service.decide_transfer(ctx, case, transfer, body)
    return schemas.TransferRead.model_validate(transfer)


@router.post(f"{ONE}/send", response_model=schemas.TransferRead,
             responses=errors.responses(*ACT), summary="移送案件及涉案财物（批准后24小时内）")
async def send_transfer(ctx: ActorCtx, transfer_id: uuid.UUID, body: schemas.TransferSend,
                        case: CaseForAction) -> schemas.TransferRead:
    transfer = await service.load(ctx, case, transfer_id)
    await service.send_transfer(ctx, case, transfer, body)
    return schemas.TransferRead.model_validate(transfer)


@router.post(f"{ONE}/answer", response_model=schemas.TransferRead,
             responses=errors.responses(*ACT), summary="登记接收机关的答复（立案、不予立案或移回）")
async def answer_transfer(ctx: ActorCtx, transfer_id: uuid.UUID, body: schemas.TransferAnswer,
                          case: CaseForAction) -> schemas.TransferRead:
    transfer = await service.load(ctx, case, transfer_id)
    await service.answer_transfer(ctx, case, transfer, body)
    return schemas.TransferRead.model_validate(transfer)
