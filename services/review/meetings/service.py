"""联席会议 (joint meetings of the supervision body with the district departments; seed 001:
"每半年召开一次联席会议"; 行政执法监督条例: coordination and information sharing with the
other oversight bodies [S]): a meeting with its date, convener, participating agencies,
agenda and minutes; decisions (议定事项) with a responsible agency and follow-ups; a rhythm of
one meeting per period (`joint_meeting_interval_months`, default 6 — a local practice, not
law) with an overdue flag for a past period without a meeting.

Decisions where the issue is silent:
- a supervisor of the region (or sysadmin) records meetings and decisions; every agency named
  is checked in personnel (it must exist; the convener's REAL region must lie in the
  supervisor's region, participants may come from elsewhere, e.g. a district department);
- follow-ups are recorded by the supervisor or by the responsible agency's admin; `done`
  closes the decision; a decision past its due date and not done is `overdue`;
- periods start on 1 January (months 1–6 and 7–12 by default); a meeting counts for the
  period in which it was held."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import AgencyOutOfScope, AgencyRegionLookup, in_region
from kit.db import utcnow
from services.review.context import Ctx
from services.review.meetings import errors
from services.review.meetings.models import JointMeeting, MeetingAgency, MeetingDecision
from services.review.meetings.repository import MeetingRepository
from services.review.meetings.schemas import (
    FollowUpCreate,
    JointMeetingCreate,
    MeetingDecisionCreate,
)


async def known_agency(regions: AgencyRegionLookup, agency_id: uuid.UUID) -> str:
    real = await regions(agency_id)
    if real is None:
        raise errors.UnknownAgency(f"执法机关 {agency_id} 不存在")
    return real


async def create(ctx: Ctx, body: JointMeetingCreate,
                 regions: AgencyRegionLookup) -> JointMeeting:
    session, principal = ctx.session, ctx.principal
    region = body.region_code or principal.region_code or ""
    if not principal.has("sysadmin") and not in_region(region, principal.region_code):
        raise errors.MeetingOutOfRegion(f"辖区 {region} 不在本人辖区内")
    convener = await known_agency(regions, body.convener_agency_id)
    if not principal.has("sysadmin") and not in_region(convener, principal.region_code):
        raise AgencyOutOfScope(f"召集单位 {body.convener_agency_id} 不在本人辖区内")
    participants = list(dict.fromkeys(body.participant_agency_ids))
    for agency in participants:
        await known_agency(regions, agency)
    meeting = JointMeeting(id=uuid.uuid4(), region_code=region, title=body.title,
                           held_on=body.held_on, convener_agency_id=body.convener_agency_id,
                           agenda=body.agenda, minutes=body.minutes,
                           created_by=principal.subject)
    repo = MeetingRepository(session)
    repo.add(meeting)
    await session.flush()
    repo.add(MeetingAgency(id=uuid.uuid4(), meeting_id=meeting.id,
                           agency_id=body.convener_agency_id, role="convener"))
    for agency in participants:
        if agency != body.convener_agency_id:
            repo.add(MeetingAgency(id=uuid.uuid4(), meeting_id=meeting.id, agency_id=agency,
                                   role="participant"))
    await session.flush()
    return meeting


async def load(ctx: Ctx, meeting_id: uuid.UUID) -> JointMeeting:
    meeting = await MeetingRepository(ctx.session).get_scoped(ctx.principal, meeting_id)
    if meeting is None:
        raise errors.MeetingNotFound(f"联席会议 {meeting_id} 不存在")
    return meeting


def _supervises(principal: Principal, meeting: JointMeeting) -> bool:
    return principal.has("sysadmin") or (principal.has("supervisor") and in_region(
        meeting.region_code, principal.region_code))


async def add_decision(ctx: Ctx, meeting_id: uuid.UUID, body: MeetingDecisionCreate,
                       regions: AgencyRegionLookup) -> MeetingDecision:
    session, principal = ctx.session, ctx.principal
    meeting = await load(ctx, meeting_id)
    if not _supervises(principal, meeting):
        raise errors.MeetingOutOfRegion("只有本辖区监督机构可以登记议定事项")
    await known_agency(regions, body.responsible_agency_id)
    repo = MeetingRepository(session)
    row = MeetingDecision(id=uuid.uuid4(), meeting_id=meeting.id,
                          seq=await repo.next_seq(meeting.id), text=body.text,
                          responsible_agency_id=body.responsible_agency_id,
                          due_on=body.due_on, status="open", follow_ups=[])
    repo.add(row)
    await session.flush()
    return row


async def follow_up(ctx: Ctx, meeting_id: uuid.UUID, decision_id: uuid.UUID,
                    body: FollowUpCreate) -> MeetingDecision:
    session, principal = ctx.session, ctx.principal
    meeting = await load(ctx, meeting_id)
    row = await MeetingRepository(session).decision(meeting.id, decision_id, for_update=True)
    if row is None:
        raise errors.DecisionNotFound(f"议定事项 {decision_id} 不存在")
    responsible = principal.has("agency_admin") and str(principal.agency_id) == str(
        row.responsible_agency_id)
    if not (_supervises(principal, meeting) or responsible):
        raise errors.FollowUpNotAllowed("无权登记该议定事项的跟进情况")
    if row.status == "done":
        raise errors.DecisionClosed("该议定事项已办结", rule=errors.DecisionClosed.article)
    now = utcnow()
    row.follow_ups = [*row.follow_ups, {"at": now.isoformat(), "by": principal.subject,
                                        "agency_id": principal.agency_id, "note": body.note,
                                        "done": body.done}]
    if body.done:
        row.status, row.done_at = "done", now
    await session.flush()
    return row


def is_overdue(row: MeetingDecision, today: date) -> bool:
    return row.status != "done" and row.due_on is not None and row.due_on < today


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


async def rhythm(session: AsyncSession, region_code: str, year: int, months: int,
                 today: date) -> dict[str, Any]:
    """The periods of the year (from 1 January, `months` long) with their meetings."""
    start = date(year, 1, 1)
    meetings = await MeetingRepository(session).held_between(region_code, start,
                                                             date(year, 12, 31))
    periods = []
    while start.year == year:
        end = min(_add_months(start, months) - timedelta(days=1), date(year, 12, 31))
        held = [m.id for m in meetings if start <= m.held_on <= end]
        periods.append({"starts_on": start, "ends_on": end, "meetings": len(held),
                        "meeting_ids": held, "overdue": not held and end < today})
        start = end + timedelta(days=1)
    return {"region_code": region_code, "year": year, "interval_months": months,
            "periods": periods}


async def parts(session: AsyncSession, meeting_id: uuid.UUID) -> tuple[list[Any], list[Any]]:
    """(the meeting's agencies with their role, its decisions)."""
    repo = MeetingRepository(session)
    return list(await repo.agencies(meeting_id)), list(await repo.decisions(meeting_id))


async def page(ctx: Ctx, cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
    """Meetings in the caller's scope, one keyset page."""
    rows, nxt = await MeetingRepository(ctx.session).list(ctx.principal, cursor, limit)
    return list(rows), nxt
