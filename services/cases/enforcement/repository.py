"""Queries on the court enforcement path, scoped in the WHERE clause."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import scope_clause
from kit.pagination import keyset_page
from services.cases.enforcement.models import CourtEnforcement


class EnforcementRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def for_case(self, case_id: uuid.UUID) -> CourtEnforcement | None:
        stmt = select(CourtEnforcement).where(CourtEnforcement.case_id == case_id)
        return (await self.session.scalars(stmt.with_for_update())).one_or_none()

    async def list(self, principal: Principal, *, limit: int, cursor: str | None,
                   status: str | None, lapsed_on: date | None
                   ) -> tuple[list[CourtEnforcement], str | None]:
        """In scope, by the last day to apply; `lapsed_on`: not applied and past that day."""
        e = CourtEnforcement
        stmt = select(e).where(scope_clause(principal, e.agency_id, e.region_code))
        if lapsed_on is not None:
            stmt = stmt.where(e.status == "demanded", e.apply_by < lapsed_on)
        elif status is not None:
            stmt = stmt.where(e.status == status)
        return await keyset_page(self.session, stmt, cursor, limit, (e.apply_by, e.id))
