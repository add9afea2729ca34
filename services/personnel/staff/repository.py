from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kit.pagination import keyset_page
from services.personnel.dependencies import Scope
from services.personnel.staff.models import Appraisal, Exam, Officer, Sanction, StatusChange


class OfficerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, officer_id: uuid.UUID, scope: Scope | None = None) -> Officer | None:
        stmt = select(Officer).where(Officer.id == officer_id)
        if scope is not None:
            stmt = stmt.where(scope.clause(Officer.agency_id, Officer.region_code))
        return await self.session.scalar(stmt)

    async def by_index(self, index: str) -> Officer | None:
        return await self.session.scalar(select(Officer).where(Officer.id_number_index == index))

    async def existing_indexes(self, indexes: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(indexes), 500):
            chunk = indexes[start:start + 500]
            found.update((await self.session.scalars(select(Officer.id_number_index).where(
                Officer.id_number_index.in_(chunk)))).all())
        return found

    async def list(self, scope: Scope, agency_id: uuid.UUID | None, status: str | None,
                   cursor: str | None, limit: int) -> tuple[list[Officer], str | None]:
        stmt = select(Officer).where(scope.clause(Officer.agency_id, Officer.region_code))
        if agency_id is not None:
            stmt = stmt.where(Officer.agency_id == agency_id)
        if status is not None:
            stmt = stmt.where(Officer.status == status)
        return await keyset_page(self.session, stmt, cursor, limit, (Officer.id,))

    async def add(self, officer: Officer) -> Officer:
        self.session.add(officer)
        await self.session.flush()
        return officer


class OfficerRecordRepository:
    """Exams, appraisals, sanctions and status changes of one officer."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, record: Exam | Appraisal | Sanction | StatusChange) -> None:
        self.session.add(record)
        await self.session.flush()

    async def exams(self, officer_id: uuid.UUID) -> Sequence[Exam]:
        return (await self.session.scalars(select(Exam).where(
            Exam.officer_id == officer_id).order_by(Exam.taken_on, Exam.id))).all()

    async def appraisals(self, officer_id: uuid.UUID) -> Sequence[Appraisal]:
        return (await self.session.scalars(select(Appraisal).where(
            Appraisal.officer_id == officer_id).order_by(Appraisal.year))).all()

    async def sanctions(self, officer_id: uuid.UUID) -> Sequence[Sanction]:
        return (await self.session.scalars(select(Sanction).where(
            Sanction.officer_id == officer_id).order_by(Sanction.starts_on))).all()

    async def due_status_changes(self, today: date, limit: int) -> Sequence[StatusChange]:
        stmt = (select(StatusChange)
                .where(StatusChange.applied_at.is_(None), StatusChange.effective_on <= today)
                .order_by(StatusChange.effective_on, StatusChange.id).limit(limit))
        return (await self.session.scalars(stmt)).all()
