"""Queries on 当场处罚决定, scoped in the WHERE clause."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from kit.auth import Principal
from services.cases.dependencies import scope_clause
from services.cases.models import Case
from services.cases.summary.models import SummaryDecision, SummaryNumbering


def _scoped(stmt: Any, principal: Principal) -> Any:
    clause = scope_clause(principal, SummaryDecision.agency_id, SummaryDecision.region_code)
    return stmt if clause is None else stmt.where(clause)


class SummaryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def number_taken(self, agency_id: uuid.UUID, number: str) -> bool:
        stmt = select(SummaryDecision.id).where(SummaryDecision.agency_id == agency_id,
                                                SummaryDecision.document_number == number)
        return (await self.session.scalars(stmt)).first() is not None

    async def numbering(self, agency_id: uuid.UUID) -> SummaryNumbering | None:
        return await self.session.get(SummaryNumbering, agency_id)

    async def get(self, decision_id: uuid.UUID,
                  principal: Principal) -> tuple[SummaryDecision, Case] | None:
        stmt = _scoped(select(SummaryDecision, Case).join(
            Case, Case.id == SummaryDecision.case_id).where(SummaryDecision.id == decision_id),
            principal)
        row = (await self.session.execute(stmt)).first()
        return (row[0], row[1]) if row else None

    async def list(self, principal: Principal, *, limit: int,
                   after: tuple[datetime, uuid.UUID] | None
                   ) -> list[tuple[SummaryDecision, Case]]:
        d = SummaryDecision
        stmt = _scoped(select(d, Case).join(Case, Case.id == d.case_id), principal)
        if after is not None:
            stmt = stmt.where(or_(d.decided_at < after[0],
                                  and_(d.decided_at == after[0], d.id < after[1])))
        stmt = stmt.order_by(d.decided_at.desc(), d.id.desc()).limit(limit)
        return [(r[0], r[1]) for r in (await self.session.execute(stmt)).all()]
