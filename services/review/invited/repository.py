"""Queries of 特邀行政执法监督员 (region-scoped: supervisors their subtree, sysadmin all)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import ALL_SEEING, region_prefix
from kit.pagination import keyset_page
from services.review.invited.models import (
    InvitedActivity,
    InvitedAppraisal,
    InvitedCohort,
    InvitedLead,
    InvitedMeeting,
    InvitedMember,
)


def _region(principal: Principal, col):
    if principal.has(*ALL_SEEING):
        return col.is_not(None)
    if principal.has("supervisor"):
        return region_prefix(col, principal.region_code or "")
    return col.is_(None)


class InvitedRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, row: object) -> None:
        self.session.add(row)

    async def cohort(self, principal: Principal, cohort_id: uuid.UUID) -> InvitedCohort | None:
        return await self.session.scalar(select(InvitedCohort).where(
            InvitedCohort.id == cohort_id, _region(principal, InvitedCohort.region_code)))

    async def cohorts(self, principal: Principal, cursor: str | None, limit: int):
        stmt = select(InvitedCohort).where(_region(principal, InvitedCohort.region_code))
        return await keyset_page(self.session, stmt, cursor, limit,
                                 (InvitedCohort.created_at, InvitedCohort.id), descending=True)

    async def member(self, principal: Principal, member_id: uuid.UUID) -> InvitedMember | None:
        return await self.session.scalar(select(InvitedMember).where(
            InvitedMember.id == member_id, _region(principal, InvitedMember.region_code)))

    async def members(self, cohort_id: uuid.UUID) -> list[InvitedMember]:
        return list(await self.session.scalars(select(InvitedMember).where(
            InvitedMember.cohort_id == cohort_id).order_by(InvitedMember.name, InvitedMember.id)))

    async def meetings(self, cohort_id: uuid.UUID) -> list[InvitedMeeting]:
        return list(await self.session.scalars(select(InvitedMeeting).where(
            InvitedMeeting.cohort_id == cohort_id).order_by(InvitedMeeting.held_on,
                                                            InvitedMeeting.id)))

    async def activities(self, member_id: uuid.UUID) -> list[InvitedActivity]:
        return list(await self.session.scalars(select(InvitedActivity).where(
            InvitedActivity.member_id == member_id).order_by(InvitedActivity.at,
                                                             InvitedActivity.id)))

    async def leads(self, member_id: uuid.UUID) -> list[InvitedLead]:
        return list(await self.session.scalars(select(InvitedLead).where(
            InvitedLead.member_id == member_id).order_by(InvitedLead.at, InvitedLead.id)))

    async def appraisals(self, member_id: uuid.UUID) -> list[InvitedAppraisal]:
        return list(await self.session.scalars(select(InvitedAppraisal).where(
            InvitedAppraisal.member_id == member_id).order_by(InvitedAppraisal.year)))

    async def appraisal(self, member_id: uuid.UUID, year: int) -> InvitedAppraisal | None:
        return await self.session.scalar(select(InvitedAppraisal).where(
            InvitedAppraisal.member_id == member_id, InvitedAppraisal.year == year))
