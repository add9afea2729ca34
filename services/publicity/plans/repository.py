"""Queries of the public 年度行政执法监督计划."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from common.scope import region_prefix
from kit.pagination import keyset_page
from services.publicity.plans.models import PublicSupervisionPlan as P


class PublicPlanRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def page(self, region_code: str | None, year: int | None, cursor: str | None,
                   limit: int) -> tuple[list[Any], str | None]:
        stmt = select(P)
        if region_code:
            stmt = stmt.where(region_prefix(P.region_code, region_code))
        if year is not None:
            stmt = stmt.where(P.year == year)
        return await keyset_page(self.session, stmt, cursor, limit, (P.published_at, P.id),
                                 descending=True)

    async def get(self, plan_id: uuid.UUID) -> P | None:
        return await self.session.get(P, plan_id)

    def add(self, row: P) -> None:
        self.session.add(row)
