"""HTTP surface of 特邀行政执法监督员: cohorts, members, meetings, leads, appraisals."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import Page
from services.review.dependencies import SupervisorCtx
from services.review.invited import errors, service
from services.review.invited.schemas import (
    ActivityRead,
    AppraisalCreate,
    AppraisalRead,
    CohortCreate,
    CohortRead,
    LeadRead,
    MeetingCreate,
    MeetingRead,
    MemberCreate,
    MemberDetail,
    MemberRead,
)

router = APIRouter(prefix="/api/v1/review", tags=["invited-supervisors"],
                   route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)
C, M = "/invited-cohorts", "/invited-members"


@router.post(C, response_model=CohortRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.CohortOutOfRegion,
                                            kit_errors.UnprocessableEntity),
             summary="新建一届特邀行政执法监督员（聘期）")
async def create_invited_cohort(body: CohortCreate, ctx: SupervisorCtx) -> CohortRead:
    return CohortRead.model_validate(await service.create_cohort(ctx, body))


@router.get(C, response_model=Page[CohortRead], responses=kit_errors.responses(*AUTH),
            summary="特邀监督员届次列表（本辖区）")
async def list_invited_cohorts(ctx: SupervisorCtx, cursor: str | None = None,
                               limit: Annotated[int, Query(ge=1, le=200)] = 50
                               ) -> Page[CohortRead]:
    rows, nxt = await service.list_cohorts(ctx, cursor, limit)
    return Page[CohortRead](items=[CohortRead.model_validate(c) for c in rows],
                            next_cursor=nxt, limit=limit)


@router.get(C + "/{cohort_id}/members", response_model=list[MemberRead],
            responses=kit_errors.responses(*AUTH, errors.CohortNotFound),
            summary="本届特邀监督员")
async def list_invited_members(cohort_id: uuid.UUID, ctx: SupervisorCtx) -> list[MemberRead]:
    cohort = await service.load_cohort(ctx, cohort_id)
    return [MemberRead.model_validate(m)
            for m in await service.members(ctx.session, cohort)]


@router.post(C + "/{cohort_id}/members", response_model=MemberRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.CohortNotFound,
                                            errors.MemberNotEligible),
             summary="聘任特邀监督员（来源类别、选聘条件证明）")
async def appoint_invited_member(cohort_id: uuid.UUID, body: MemberCreate,
                                 ctx: SupervisorCtx) -> MemberRead:
    return MemberRead.model_validate(await service.appoint(ctx, cohort_id, body))


@router.get(C + "/{cohort_id}/meetings", response_model=list[MeetingRead],
            responses=kit_errors.responses(*AUTH, errors.CohortNotFound), summary="工作会议")
async def list_invited_meetings(cohort_id: uuid.UUID, ctx: SupervisorCtx) -> list[MeetingRead]:
    cohort = await service.load_cohort(ctx, cohort_id)
    return [MeetingRead.model_validate(m)
            for m in await service.meetings(ctx.session, cohort)]


@router.post(C + "/{cohort_id}/meetings", response_model=MeetingRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.CohortNotFound,
                                            kit_errors.UnprocessableEntity),
             summary="记录工作会议及纪要")
async def hold_invited_meeting(cohort_id: uuid.UUID, body: MeetingCreate,
                               ctx: SupervisorCtx) -> MeetingRead:
    return MeetingRead.model_validate(await service.hold_meeting(ctx, cohort_id, body))


@router.get(M + "/{member_id}", response_model=MemberDetail,
            responses=kit_errors.responses(*AUTH, errors.MemberNotFound),
            summary="一名特邀监督员（活动、线索、年度考评）")
async def get_invited_member(member_id: uuid.UUID, ctx: SupervisorCtx) -> MemberDetail:
    member = await service.load_member(ctx, member_id)
    activities, leads, appraisals = await service.member_records(ctx.session, member)
    out = MemberDetail.model_validate(member)
    out.activities = [ActivityRead.model_validate(a) for a in activities]
    out.leads = [LeadRead.model_validate(x) for x in leads]
    out.appraisals = [AppraisalRead.model_validate(x) for x in appraisals]
    return out


@router.post(M + "/{member_id}/appraisals", response_model=AppraisalRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.MemberNotFound,
                                            errors.AppraisalExists), summary="年度考评")
async def appraise_invited_member(member_id: uuid.UUID, body: AppraisalCreate,
                                  ctx: SupervisorCtx) -> AppraisalRead:
    return AppraisalRead.model_validate(await service.appraise(ctx, member_id, body))
