"""HTTP surface of 案件联合会商 (referral, written opinions, conclusion)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from common.calendar import today_legal
from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import Page
from services.review.consultations import errors, service
from services.review.consultations.models import CaseConsultation
from services.review.consultations.schemas import (
    ConclusionCreate,
    ConsultationCreate,
    ConsultationDetail,
    ConsultationOpinionCreate,
    ConsultationOpinionRead,
    ConsultationParticipantRead,
    ConsultationRead,
)
from services.review.dependencies import (
    AgencyRegions,
    ConsultationReaderCtx,
    ConsultationWriterCtx,
)

router = APIRouter(prefix="/api/v1/review", tags=["supervision"], route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)
URL = "/case-consultations"


async def _detail(session, row: CaseConsultation) -> ConsultationDetail:
    participants, opinions = await service.parts(session, row.id)
    out = ConsultationDetail.model_validate(row)
    out.participants = [ConsultationParticipantRead.model_validate(p) for p in participants]
    out.opinions = [ConsultationOpinionRead.model_validate(o) for o in opinions]
    given = {o.participant_id for o in out.opinions}
    if today_legal() > row.opinion_due_on:
        out.overdue_participant_ids = [p.id for p in out.participants if p.id not in given]
    return out


@router.post(URL, response_model=ConsultationDetail, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.ConsultationNotAllowed,
                                            errors.UnknownAgency,
                                            kit_errors.UnprocessableEntity,
                                            kit_errors.ServiceUnavailable),
             summary="提请疑难案件联合会商（案件、检查经案件服务核验）")
async def create_case_consultation(body: ConsultationCreate, ctx: ConsultationWriterCtx,
                                   regions: AgencyRegions) -> ConsultationDetail:
    row = await service.create(ctx, body, regions)
    return await _detail(ctx.session, row)


@router.get(URL, response_model=Page[ConsultationRead], responses=kit_errors.responses(*AUTH),
            summary="案件会商列表（可按案件或法制审核筛选）")
async def list_case_consultations(ctx: ConsultationReaderCtx, case_id: uuid.UUID | None = None,
                                  legal_review_id: uuid.UUID | None = None,
                                  cursor: str | None = None,
                                  limit: Annotated[int, Query(ge=1, le=200)] = 50
                                  ) -> Page[ConsultationRead]:
    rows, nxt = await service.page(ctx, case_id, legal_review_id, cursor, limit)
    return Page[ConsultationRead](items=[ConsultationRead.model_validate(r) for r in rows],
                                  next_cursor=nxt, limit=limit)


@router.get(URL + "/{consultation_id}", response_model=ConsultationDetail,
            responses=kit_errors.responses(*AUTH, errors.ConsultationNotFound),
            summary="一次案件会商（参加方、书面意见、结论）")
async def get_case_consultation(consultation_id: uuid.UUID,
                                ctx: ConsultationReaderCtx) -> ConsultationDetail:
    return await _detail(ctx.session, await service.load(ctx, consultation_id))


@router.post(URL + "/{consultation_id}/opinions", response_model=ConsultationOpinionRead,
             status_code=201,
             responses=kit_errors.responses(*AUTH, errors.ConsultationNotFound,
                                            errors.ParticipantNotFound,
                                            errors.ConsultationNotAllowed,
                                            errors.ConsultationConcluded,
                                            errors.OpinionExists),
             summary="参加方书面意见（逾期提交的予以标记）")
async def add_case_consultation_opinion(consultation_id: uuid.UUID, body: ConsultationOpinionCreate,
                                        ctx: ConsultationWriterCtx) -> ConsultationOpinionRead:
    return ConsultationOpinionRead.model_validate(
        await service.add_opinion(ctx, consultation_id, body))


@router.post(URL + "/{consultation_id}/conclude", response_model=ConsultationDetail,
             responses=kit_errors.responses(*AUTH, errors.ConsultationNotFound,
                                            errors.ConsultationNotAllowed,
                                            errors.ConsultationConcluded, errors.NoOpinions,
                                            kit_errors.UnprocessableEntity),
             summary="形成会商结论")
async def conclude_case_consultation(consultation_id: uuid.UUID, body: ConclusionCreate,
                                     ctx: ConsultationWriterCtx) -> ConsultationDetail:
    row = await service.load(ctx, consultation_id, for_update=True)
    await service.conclude(ctx, row, body)
    return await _detail(ctx.session, row)
