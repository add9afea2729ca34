"""HTTP surface of 联席会议 (meetings, decisions and follow-ups, the half-year rhythm)."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from common.calendar import today_legal
from common.scope import AgencyOutOfScope, in_region
from kit import errors as kit_errors
from kit.db import CommittingRoute
from kit.schemas import Page
from services.review.dependencies import (
    AgencyRegions,
    MeetingReaderCtx,
    MeetingWriterCtx,
    SupervisorCtx,
)
from services.review.meetings import errors, service
from services.review.meetings.models import JointMeeting
from services.review.meetings.schemas import (
    FollowUpCreate,
    JointMeetingCreate,
    JointMeetingDetail,
    JointMeetingRead,
    JointMeetingRhythm,
    MeetingDecisionCreate,
    MeetingDecisionRead,
)

router = APIRouter(prefix="/api/v1/review", tags=["supervision"], route_class=CommittingRoute)
AUTH = (kit_errors.Unauthorized, kit_errors.Forbidden)
URL = "/joint-meetings"


def _decision(row) -> MeetingDecisionRead:
    out = MeetingDecisionRead.model_validate(row)
    out.overdue = service.is_overdue(row, today_legal())
    return out


async def _detail(session, meeting: JointMeeting) -> JointMeetingDetail:
    agencies, decisions = await service.parts(session, meeting.id)
    out = JointMeetingDetail.model_validate(meeting)
    out.participant_agency_ids = [a.agency_id for a in agencies if a.role == "participant"]
    out.decisions = [_decision(d) for d in decisions]
    return out


@router.post(URL, response_model=JointMeetingDetail, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.MeetingOutOfRegion,
                                            AgencyOutOfScope, errors.UnknownAgency,
                                            kit_errors.UnprocessableEntity),
             summary="登记联席会议（召集单位、成员单位、议程、纪要）")
async def create_joint_meeting(body: JointMeetingCreate, ctx: SupervisorCtx,
                               regions: AgencyRegions) -> JointMeetingDetail:
    return await _detail(ctx.session, await service.create(ctx, body, regions))


@router.get(URL, response_model=Page[JointMeetingRead], responses=kit_errors.responses(*AUTH),
            summary="联席会议列表（本辖区；执法机关：本单位召集或参加的）")
async def list_joint_meetings(ctx: MeetingReaderCtx, cursor: str | None = None,
                              limit: Annotated[int, Query(ge=1, le=200)] = 50
                              ) -> Page[JointMeetingRead]:
    rows, nxt = await service.page(ctx, cursor, limit)
    return Page[JointMeetingRead](items=[JointMeetingRead.model_validate(m) for m in rows],
                             next_cursor=nxt, limit=limit)


@router.get("/joint-meeting-rhythm", response_model=JointMeetingRhythm,
            responses=kit_errors.responses(*AUTH, errors.MeetingOutOfRegion),
            summary="联席会议召开节奏（默认每半年一次；未按期召开的标记逾期）")
async def joint_meeting_rhythm(ctx: SupervisorCtx, year: Annotated[int, Query(ge=2000, le=2100)],
                               region_code: Annotated[str | None,
                                                      Query(pattern=r"^\d{6,12}$")] = None
                               ) -> JointMeetingRhythm:
    principal = ctx.principal
    region = region_code or principal.region_code or ""
    if not principal.has("sysadmin") and not in_region(region, principal.region_code):
        raise errors.MeetingOutOfRegion(f"辖区 {region} 不在本人辖区内")
    months = ctx.settings.joint_meeting_interval_months
    return JointMeetingRhythm.model_validate(await service.rhythm(ctx.session, region, year,
                                                                  months, today_legal()))


@router.get(URL + "/{meeting_id}", response_model=JointMeetingDetail,
            responses=kit_errors.responses(*AUTH, errors.MeetingNotFound),
            summary="一次联席会议（议定事项及跟进）")
async def get_joint_meeting(meeting_id: uuid.UUID, ctx: MeetingReaderCtx) -> JointMeetingDetail:
    return await _detail(ctx.session, await service.load(ctx, meeting_id))


@router.post(URL + "/{meeting_id}/decisions", response_model=MeetingDecisionRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.MeetingNotFound,
                                            errors.MeetingOutOfRegion, errors.UnknownAgency),
             summary="登记会议议定事项（责任单位、完成期限）")
async def add_joint_meeting_decision(meeting_id: uuid.UUID, body: MeetingDecisionCreate,
                                     ctx: SupervisorCtx,
                                     regions: AgencyRegions) -> MeetingDecisionRead:
    return _decision(await service.add_decision(ctx, meeting_id, body, regions))


@router.post(URL + "/{meeting_id}/decisions/{decision_id}/follow-ups",
             response_model=MeetingDecisionRead, status_code=201,
             responses=kit_errors.responses(*AUTH, errors.MeetingNotFound,
                                            errors.DecisionNotFound,
                                            errors.FollowUpNotAllowed, errors.DecisionClosed),
             summary="议定事项跟进（责任单位或监督机构登记；可标记办结）")
async def follow_up_joint_meeting_decision(meeting_id: uuid.UUID, decision_id: uuid.UUID,
                                           body: FollowUpCreate,
                                           ctx: MeetingWriterCtx) -> MeetingDecisionRead:
    return _decision(await service.follow_up(ctx, meeting_id, decision_id, body))
