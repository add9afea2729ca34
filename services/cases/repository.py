"""Queries shared by the whole cases service: a case loaded in scope (load-or-404 dependencies),
the open cases of an officer (event consumers) and the number counters (numbering)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.cases.models import Case, CaseOfficer, NumberCounter


class CaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, case_id: uuid.UUID) -> Case | None:
        return await self.session.get(Case, case_id)

    async def get_scoped(self, case_id: uuid.UUID, clause: Any,
                         for_update: bool = False) -> Case | None:
        """The case if `clause` (a scope condition, None = all) admits it."""
        stmt = select(Case).where(Case.id == case_id)
        if clause is not None:
            stmt = stmt.where(clause)
        if for_update:
            stmt = stmt.with_for_update()
        return await self.session.scalar(stmt)

    async def open_cases_of_officer(self, officer_id: str,
                                    open_states: tuple[str, ...]) -> list[Case]:
        stmt = select(Case).where(
            Case.id.in_(select(CaseOfficer.case_id).where(CaseOfficer.officer_id == officer_id)),
            Case.status.in_(open_states))
        return list((await self.session.scalars(stmt)).all())


class CounterRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def increment(self, agency_id: uuid.UUID, year: int, kind: str) -> int | None:
        """One UPDATE … RETURNING: the new value, or None when the year has no row yet."""
        stmt = (update(NumberCounter)
                .where(NumberCounter.agency_id == agency_id, NumberCounter.year == year,
                       NumberCounter.kind == kind)
                .values(last_value=NumberCounter.last_value + 1)
                .returning(NumberCounter.last_value)
                .execution_options(synchronize_session=False))
        value = (await self.session.execute(stmt)).scalar_one_or_none()
        return None if value is None else int(value)

    async def insert_first(self, agency_id: uuid.UUID, year: int, kind: str) -> bool:
        """Insert the year's row at 1 in a savepoint; False if another request won the race."""
        try:
            async with self.session.begin_nested():
                self.session.add(NumberCounter(agency_id=agency_id, year=year, kind=kind,
                                               last_value=1))
            return True
        except IntegrityError:
            return False
