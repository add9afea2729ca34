"""Queries on 回避 and on who took a step on a case."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.cases.models import CaseOfficer
from services.cases.recusal.models import Recusal
from services.cases.timeline.models import TimelineEntry


class RecusalRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def for_case(self, case_id: uuid.UUID) -> list[Recusal]:
        stmt = select(Recusal).where(Recusal.case_id == case_id).order_by(
            Recusal.created_at, Recusal.id)
        return list((await self.session.scalars(stmt)).all())

    async def get_for_case(self, case_id: uuid.UUID, recusal_id: uuid.UUID) -> Recusal | None:
        stmt = select(Recusal).where(Recusal.id == recusal_id, Recusal.case_id == case_id)
        return (await self.session.scalars(stmt.with_for_update())).one_or_none()

    async def recused(self, case_id: uuid.UUID) -> set[str]:
        stmt = select(Recusal.officer_id).where(Recusal.case_id == case_id,
                                                Recusal.status == "granted")
        return set((await self.session.scalars(stmt)).all())

    async def step_officers(self, case_id: uuid.UUID) -> set[str]:
        """Every officer named on a step of the case's timeline (evidence, 笔录, inspection,
        measures …), the hearing itself excepted: the investigators of 第六十四条第四项."""
        stmt = select(TimelineEntry.officer_ids).where(TimelineEntry.case_id == case_id,
                                                       TimelineEntry.action != "hearing")
        return {str(o) for ids in (await self.session.scalars(stmt)).all() for o in ids or []}

    async def remove_officer(self, case_id: uuid.UUID, officer_id: str) -> None:
        await self.session.execute(delete(CaseOfficer).where(
            CaseOfficer.case_id == case_id, CaseOfficer.officer_id == officer_id))
