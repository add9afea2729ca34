"""Queries of the annual reports."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from services.review.reports.models import AnnualReport as R
from services.review.repository import scope_clause


class ReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_scoped(self, principal: Principal, report_id: uuid.UUID,
                         for_update: bool = False) -> R | None:
        stmt = select(R).where(R.id == report_id, scope_clause(principal, R.agency_id,
                                                               R.region_code))
        return await self.session.scalar(stmt.with_for_update() if for_update else stmt)

    async def latest(self, scope_key: str, kind: str, year: int) -> R | None:
        return await self.session.scalar(select(R).where(
            R.scope_key == scope_key, R.kind == kind, R.year == year)
            .order_by(R.number.desc()).limit(1).with_for_update())

    async def finalised_of_year(self, scope_key: str, year: int, kind: str) -> R | None:
        """The current finalised snapshot of a scope and year (same kind first)."""
        rows = (await self.session.scalars(select(R).where(
            R.scope_key == scope_key, R.year == year, R.status == "finalised")
            .order_by(R.number.desc()))).all()
        same = [r for r in rows if r.kind == kind]
        return (same or list(rows) or [None])[0]

    async def get(self, report_id: uuid.UUID) -> R | None:
        return await self.session.get(R, report_id)
