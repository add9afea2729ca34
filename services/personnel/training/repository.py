from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Row, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.personnel.staff.models import Exam, Officer
from services.personnel.training.models import Training


class TrainingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, training: Training) -> Training:
        self.session.add(training)
        await self.session.flush()
        return training

    async def of_officer(self, officer_id: uuid.UUID, start: date,
                         end: date) -> Sequence[Training]:
        return (await self.session.scalars(select(Training).where(
            Training.officer_id == officer_id, Training.completed_on.between(start, end))
            .order_by(Training.completed_on, Training.id))).all()

    async def compliance_rows(self, agency_id: uuid.UUID, start: date,
                              end: date) -> Sequence[Row[Any]]:
        """Per active, non-auxiliary officer of the agency: tenths of hours in the year and
        whether an own-unit legal-update training took place. One grouped query."""
        legal_update = case((((Training.kind == "legal_update")
                              & (Training.organiser == "own_unit")), 1), else_=0)
        stmt = (select(Officer.id, Officer.name,
                       func.coalesce(func.sum(Training.hours_tenths), 0).label("tenths"),
                       func.coalesce(func.max(legal_update), 0).label("legal_update"))
                .outerjoin(Training, (Training.officer_id == Officer.id)
                           & Training.completed_on.between(start, end))
                .where(Officer.agency_id == agency_id, Officer.status == "active",
                       Officer.is_auxiliary.is_(False))
                .group_by(Officer.id, Officer.name).order_by(Officer.name, Officer.id))
        return (await self.session.execute(stmt)).all()

    async def exam_counts(self, agency_id: uuid.UUID, start: date, end: date) -> tuple[int, int]:
        stmt = (select(func.count(Exam.id),
                       func.coalesce(func.sum(case((Exam.passed.is_(True), 1), else_=0)), 0))
                .join(Officer, Officer.id == Exam.officer_id)
                .where(Officer.agency_id == agency_id, Exam.taken_on.between(start, end)))
        total, passed = (await self.session.execute(stmt)).one()
        return int(total), int(passed)
