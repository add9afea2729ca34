"""Every query of spot-check plans and draws."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from common.scope import scope_clause
from kit.auth import Principal
from kit.pagination import keyset_page
from services.cases.inspections.draws.models import SpotCheckDraw, SpotCheckPlan


class PlanRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, plan_id: uuid.UUID, principal: Principal) -> SpotCheckPlan | None:
        return await self.session.scalar(select(SpotCheckPlan).where(
            SpotCheckPlan.id == plan_id,
            scope_clause(principal, SpotCheckPlan.agency_id, SpotCheckPlan.region_code)))

    async def list(self, principal: Principal, year: int | None, cursor: str | None,
                   limit: int) -> tuple[list[SpotCheckPlan], str | None]:
        stmt = select(SpotCheckPlan).where(
            scope_clause(principal, SpotCheckPlan.agency_id, SpotCheckPlan.region_code))
        if year is not None:
            stmt = stmt.where(SpotCheckPlan.year == year)
        return await keyset_page(self.session, stmt, cursor, limit,
                                 (SpotCheckPlan.created_at, SpotCheckPlan.id), descending=True)

    async def draw(self, plan_id: uuid.UUID, draw_id: uuid.UUID) -> SpotCheckDraw | None:
        return await self.session.scalar(select(SpotCheckDraw).where(
            SpotCheckDraw.id == draw_id, SpotCheckDraw.plan_id == plan_id))
