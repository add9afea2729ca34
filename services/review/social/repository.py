"""Queries of 社会评议 (scoped by `common.scope`: agencies their own, supervisors a region)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from kit.pagination import keyset_page
from services.review.invited.models import InvitedCohort, InvitedMember
from services.review.repository import scope_clause
from services.review.social.models import PanelSeat, SocialOpinion
from services.review.social.models import SocialEvaluation as Ev


def _count(cond) -> object:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


class SocialRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, row: object) -> None:
        self.session.add(row)

    async def get_scoped(self, principal: Principal, evaluation_id: uuid.UUID,
                         lock: bool = False) -> Ev | None:
        stmt = select(Ev).where(Ev.id == evaluation_id,
                                scope_clause(principal, Ev.agency_id, Ev.region_code))
        return await self.session.scalar(stmt.with_for_update() if lock else stmt)

    async def by_case(self, case_id: uuid.UUID) -> Ev | None:
        return await self.session.scalar(select(Ev).where(Ev.case_id == case_id))

    async def list(self, principal: Principal, *, status: str | None, case_id: uuid.UUID | None,
                   cursor: str | None, limit: int) -> tuple[list[Ev], str | None]:
        stmt = select(Ev).where(scope_clause(principal, Ev.agency_id, Ev.region_code))
        if status:
            stmt = stmt.where(Ev.status == status)
        if case_id:
            stmt = stmt.where(Ev.case_id == case_id)
        return await keyset_page(self.session, stmt, cursor, limit, (Ev.opened_at, Ev.id),
                                 descending=True)

    async def seated(self, user_id: str, cursor: str | None, limit: int,
                     evaluation_id: uuid.UUID | None = None) -> tuple[list[Ev], str | None]:
        """The evaluations on whose panel `user_id` sits (the invited supervisor's own)."""
        stmt = select(Ev).where(Ev.id.in_(select(PanelSeat.evaluation_id).where(
            PanelSeat.user_id == user_id)))
        if evaluation_id is not None:
            stmt = stmt.where(Ev.id == evaluation_id)
        return await keyset_page(self.session, stmt, cursor, limit, (Ev.opened_at, Ev.id),
                                 descending=True)

    async def opinions(self, evaluation_id: uuid.UUID) -> list[SocialOpinion]:
        return list(await self.session.scalars(select(SocialOpinion).where(
            SocialOpinion.evaluation_id == evaluation_id).order_by(SocialOpinion.at,
                                                                   SocialOpinion.id)))

    async def pool(self, region_code: str, today: date) -> list[InvitedMember]:
        """Active members of every cohort in office today whose region contains the case's
        (a district cohort serves its towns)."""
        prefixes = [region_code[:n] for n in range(2, len(region_code) + 1)]
        return list(await self.session.scalars(
            select(InvitedMember).join(InvitedCohort, InvitedCohort.id == InvitedMember.cohort_id)
            .where(InvitedCohort.region_code.in_(prefixes), InvitedCohort.term_start <= today,
                   InvitedCohort.term_end >= today)
            .order_by(InvitedMember.id)))

    async def stats(self, principal: Principal, start: date,
                    end: date) -> list[tuple[uuid.UUID, int, int, int, int]]:
        rows = await self.session.execute(
            select(Ev.agency_id, func.count(), _count(Ev.status == "concluded"),
                   func.count(Ev.answer), _count(Ev.answer == "adopted"))
            .where(scope_clause(principal, Ev.agency_id, Ev.region_code),
                   Ev.opened_on >= start, Ev.opened_on < end)
            .group_by(Ev.agency_id).order_by(Ev.agency_id))
        return [(r[0], int(r[1]), int(r[2]), int(r[3]), int(r[4])) for r in rows.all()]
