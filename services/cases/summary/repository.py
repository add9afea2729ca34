"""Queries on 当场处罚决定, scoped in the WHERE clause."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from kit.pagination import keyset_page
from services.cases.dependencies import scope_clause
from services.cases.models import Case
from services.cases.summary.models import OnSpotCollection, SummaryDecision, SummaryNumbering


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

    async def list(self, principal: Principal, *, limit: int, cursor: str | None
                   ) -> tuple[list[tuple[SummaryDecision, Case]], str | None]:
        d = SummaryDecision
        stmt = _scoped(select(d, Case).join(Case, Case.id == d.case_id), principal)
        rows, nxt = await keyset_page(self.session, stmt, cursor, limit, (d.decided_at, d.id),
                                      descending=True, scalars=False)
        return [(r[0], r[1]) for r in rows], nxt

    async def collection(self, decision_id: uuid.UUID, principal: Principal,
                         for_update: bool = False) -> OnSpotCollection | None:
        stmt = _scoped(select(OnSpotCollection).join(
            SummaryDecision, SummaryDecision.id == OnSpotCollection.summary_decision_id).where(
            OnSpotCollection.summary_decision_id == decision_id), principal)
        if for_update:
            stmt = stmt.with_for_update(of=OnSpotCollection)
        return (await self.session.scalars(stmt)).one_or_none()

    async def collections(self, principal: Principal, *, limit: int, cursor: str | None,
                          overdue_on: date | None) -> tuple[list[OnSpotCollection], str | None]:
        """On-spot fines in scope, by hand-in due date; `overdue_on`: either step past due."""
        c = OnSpotCollection
        clause = scope_clause(principal, c.agency_id, c.region_code)
        stmt = select(c) if clause is None else select(c).where(clause)
        if overdue_on is not None:
            stmt = stmt.where(or_(and_(c.handed_in_on.is_(None), c.hand_in_due_on < overdue_on),
                                  and_(c.banked_on.is_(None), c.bank_due_on < overdue_on)))
        return await keyset_page(self.session, stmt, cursor, limit, (c.hand_in_due_on, c.id))
