"""Queries of 联席会议."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import ALL_SEEING, DEFAULT_AGENCY_ROLES, parse_uuid, region_prefix
from kit.pagination import keyset_page
from services.review.meetings.models import JointMeeting, MeetingAgency, MeetingDecision

M, MA, D = JointMeeting, MeetingAgency, MeetingDecision


def meeting_scope(principal: Principal):
    """Supervisors: their region subtree; agency roles: the meetings their agency convened or
    attended; the all-seeing: all; anyone else nothing."""
    if principal.has(*ALL_SEEING):
        return M.id.is_not(None)
    if principal.has("supervisor"):
        return region_prefix(M.region_code, principal.region_code or "")
    agency = parse_uuid(principal.agency_id)
    if agency is not None and principal.has(*DEFAULT_AGENCY_ROLES):
        return M.id.in_(select(MA.meeting_id).where(MA.agency_id == agency))
    return M.id.is_(None)


class MeetingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_scoped(self, principal: Principal, meeting_id: uuid.UUID) -> M | None:
        return await self.session.scalar(select(M).where(M.id == meeting_id,
                                                         meeting_scope(principal)))

    async def list(self, principal: Principal, cursor: str | None,
                   limit: int) -> tuple[list[M], str | None]:
        return await keyset_page(self.session, select(M).where(meeting_scope(principal)),
                                 cursor, limit, (M.held_on, M.id), descending=True)

    async def agencies(self, meeting_id: uuid.UUID) -> list[MA]:
        return list(await self.session.scalars(select(MA).where(
            MA.meeting_id == meeting_id).order_by(MA.role, MA.agency_id)))

    async def decisions(self, meeting_id: uuid.UUID) -> list[D]:
        return list(await self.session.scalars(select(D).where(
            D.meeting_id == meeting_id).order_by(D.seq, D.id)))

    async def decision(self, meeting_id: uuid.UUID, decision_id: uuid.UUID,
                       for_update: bool = False) -> D | None:
        stmt = select(D).where(D.id == decision_id, D.meeting_id == meeting_id)
        if for_update:
            stmt = stmt.with_for_update()
        return await self.session.scalar(stmt)

    async def next_seq(self, meeting_id: uuid.UUID) -> int:
        top = await self.session.scalar(select(func.max(D.seq)).where(
            D.meeting_id == meeting_id))
        return (top or 0) + 1

    async def held_between(self, region_code: str, start: date, end: date) -> list[M]:
        """Meetings of exactly this supervision body (region) held in [start, end]."""
        return list(await self.session.scalars(select(M).where(
            M.region_code == region_code, M.held_on >= start, M.held_on <= end
        ).order_by(M.held_on, M.id)))

    def add(self, row: object) -> None:
        self.session.add(row)
