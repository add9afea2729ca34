"""HTTP surface of 监督文书 (通知书/意见书/决定书/建议书)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response
from sqlalchemy.ext.asyncio import AsyncSession

from common.scope import AgencyOutOfScope
from kit import errors as kit_errors
from kit.db import WRITES_ON_READ, CommittingRoute
from kit.schemas import Page
from services.review.clients import PersonnelClient
from services.review.dependencies import (
    AgencyRegions,
    AgencyReplierCtx,
    SupervisionReaderCtx,
    SupervisorCtx,
)
from services.review.instruments import documents, errors, service
from services.review.instruments.models import SupervisionInstrument
from services.review.instruments.schemas import (
    EscalationCreate,
    InstrumentCreate,
    InstrumentDetail,
    InstrumentRead,
    InstrumentReply,
    InstrumentStats,
    Kind,
    ObjectionCreate,
    ObjectionDecision,
    ReplyReview,
    StepRead,
)

router = APIRouter(prefix="/api/v1/review/supervision-instruments", tags=["supervision"],
                   route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)
STATE = (errors.InstrumentNotFound, errors.InstrumentStateConflict)


def read(ins: SupervisionInstrument) -> InstrumentRead:
    out = InstrumentRead.model_validate(ins)
    out.is_overdue = service.is_overdue(ins)
    return out


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


async def detail(session: AsyncSession, ins: SupervisionInstrument) -> InstrumentDetail:
    out = InstrumentDetail.model_validate(ins)
    out.is_overdue = service.is_overdue(ins)
    doc = await service.document(session, ins)
    if doc is not None:
        out.document_number, out.document_sha256 = doc.number, doc.docx_sha256
    out.steps = [StepRead.model_validate(s) for s in await service.steps(session, ins)]
    return out


@router.post("", response_model=InstrumentDetail, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.InstrumentOutOfRegion,
                                            AgencyOutOfScope, kit_errors.UnprocessableEntity,
                                            kit_errors.ValidationFailed),
             summary="发出监督文书（通知书/意见书/决定书/建议书）")
async def issue_supervision_instrument(body: InstrumentCreate, ctx: SupervisorCtx,
                                       regions: AgencyRegions) -> InstrumentDetail:
    ins = await service.issue(ctx, body, regions)
    name = await PersonnelClient(ctx.up).agency_name(ins.agency_id)
    await documents.issue_document(ctx.session, ctx.settings, ins, name)
    return await detail(ctx.session, ins)


@router.get("", response_model=Page[InstrumentRead], responses=kit_errors.responses(*AUTH),
            summary="监督文书列表（overdue=true 仅逾期未回复）")
async def list_supervision_instruments(
        ctx: SupervisionReaderCtx, kind: Kind | None = None,
        status: str | None = None, overdue: bool = False, cursor: str | None = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[InstrumentRead]:
    rows, nxt = await service.list_instruments(ctx, kind=kind, status=status,
                                               overdue=overdue, cursor=cursor, limit=limit)
    return Page[InstrumentRead](items=[read(i) for i in rows], next_cursor=nxt, limit=limit)


@router.get("/stats", response_model=list[InstrumentStats], responses=kit_errors.responses(*AUTH),
            summary="监督文书年度统计（按文书种类：发出、回复、逾期、约谈/通报/督办、复查）")
async def get_supervision_instrument_stats(
        ctx: SupervisionReaderCtx,
        year: Annotated[int, Query(ge=2000, le=2100)]) -> list[InstrumentStats]:
    return await service.stats(ctx, year)


@router.get("/{instrument_id}", response_model=InstrumentDetail,
            responses=kit_errors.responses(*AUTH, errors.InstrumentNotFound),
            summary="一份监督文书及其办理经过")
async def get_supervision_instrument(instrument_id: uuid.UUID,
                                     ctx: SupervisionReaderCtx) -> InstrumentDetail:
    return await detail(ctx.session, await service.load(ctx, instrument_id))


@router.get("/{instrument_id}/document.docx", response_class=Response,
            dependencies=[WRITES_ON_READ],  # an instrument without one gets its document here
            responses={200: {"content": {DOCX: {}}},
                       **kit_errors.responses(*AUTH, errors.InstrumentNotFound)},
            summary="监督文书（.docx，含文号；内容与 SHA-256 自制作时冻结）")
async def get_supervision_instrument_docx(instrument_id: uuid.UUID,
                                          ctx: SupervisionReaderCtx) -> Response:
    ins = await service.load(ctx, instrument_id)
    doc = await service.document(ctx.session, ins) or await documents.issue_document(
        ctx.session, ctx.settings, ins,
        await PersonnelClient(ctx.up).agency_name(ins.agency_id))
    return Response(content=doc.docx, media_type=DOCX, headers={
        "Content-Disposition": f'attachment; filename="instrument-{ins.id}.docx"',
        "ETag": f'"{doc.docx_sha256}"', "X-Content-SHA256": doc.docx_sha256})


@router.post("/{instrument_id}/reply", response_model=InstrumentDetail,
             responses=kit_errors.responses(*AUTH, *STATE), summary="被监督单位回复并报送整改报告")
async def reply_supervision_instrument(instrument_id: uuid.UUID, body: InstrumentReply,
                                       ctx: AgencyReplierCtx) -> InstrumentDetail:
    ins = await service.reply(ctx, instrument_id, body.reply, body.rectification_report)
    return await detail(ctx.session, ins)


@router.post("/{instrument_id}/review", response_model=InstrumentDetail,
             responses=kit_errors.responses(*AUTH, *STATE, kit_errors.UnprocessableEntity),
             summary="监督机构审查回复（认可则办结，不认可则退回重新整改）")
async def review_supervision_instrument_reply(
        instrument_id: uuid.UUID, body: ReplyReview, ctx: SupervisorCtx) -> InstrumentDetail:
    ins = await service.review_reply(ctx, instrument_id, body)
    return await detail(ctx.session, ins)


@router.post("/{instrument_id}/objection", response_model=InstrumentDetail,
             responses=kit_errors.responses(*AUTH, *STATE, errors.ObjectionPeriodExpired,
                                            errors.ObjectionAlreadyLodged),
             summary="被监督单位申请复查（收到之日起10日内）")
async def object_supervision_instrument(
        instrument_id: uuid.UUID, body: ObjectionCreate,
        ctx: AgencyReplierCtx) -> InstrumentDetail:
    ins = await service.lodge_objection(ctx, instrument_id, body.reason)
    return await detail(ctx.session, ins)


@router.post("/{instrument_id}/objection/decision", response_model=InstrumentDetail,
             responses=kit_errors.responses(*AUTH, *STATE), summary="复查决定（撤销或维持）")
async def decide_supervision_instrument_objection(
        instrument_id: uuid.UUID, body: ObjectionDecision,
        ctx: SupervisorCtx) -> InstrumentDetail:
    ins = await service.decide_objection(ctx, instrument_id, body.upheld, body.decision)
    return await detail(ctx.session, ins)


@router.post("/{instrument_id}/escalations", response_model=InstrumentDetail,
             responses=kit_errors.responses(*AUTH, *STATE, errors.EscalationNotDue),
             summary="升级督办：约谈 → 通报 → 督办")
async def escalate_supervision_instrument(instrument_id: uuid.UUID, body: EscalationCreate,
                                          ctx: SupervisorCtx) -> InstrumentDetail:
    return await detail(ctx.session, await service.escalate(ctx, instrument_id, body))
