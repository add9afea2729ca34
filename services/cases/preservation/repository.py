"""Queries on 先行登记保存, scoped in the WHERE clause."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import scope_clause
from kit.pagination import keyset_page
from services.cases.preservation.models import EvidencePreservation


class PreservationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, row: EvidencePreservation) -> None:
        self.session.add(row)
        await self.session.flush()

    async def get_for_case(self, case_id: uuid.UUID,
                           preservation_id: uuid.UUID) -> EvidencePreservation | None:
        p = EvidencePreservation
        stmt = select(p).where(p.id == preservation_id, p.case_id == case_id).with_for_update()
        return (await self.session.scalars(stmt)).one_or_none()

    async def for_case(self, case_id: uuid.UUID) -> list[EvidencePreservation]:
        p = EvidencePreservation
        stmt = select(p).where(p.case_id == case_id).order_by(p.preserved_on, p.id)
        return list((await self.session.scalars(stmt)).all())

    async def list(self, principal: Principal, *, limit: int, cursor: str | None,
                   overdue_on: date | None) -> tuple[list[EvidencePreservation], str | None]:
        """In scope, by due date; `overdue_on`: still undecided and past its due date."""
        p = EvidencePreservation
        clause = scope_clause(principal, p.agency_id, p.region_code)
        stmt = select(p) if clause is None else select(p).where(clause)
        if overdue_on is not None:
            stmt = stmt.where(p.status == "preserved", p.decision_due_on < overdue_on)
        return await keyset_page(self.session, stmt, cursor, limit, (p.decision_due_on, p.id))
