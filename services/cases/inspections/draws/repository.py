"""Every query of spot-check plans and draws."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import scope_clause
from kit.pagination import keyset_page
from services.cases.inspections.catalogue.models import InspectionTarget
from services.cases.inspections.draws.models import (
    SpotCheckDraw,
    SpotCheckPlan,
    SpotCheckPlanTarget,
)


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

    async def add_drawn_targets(self, plan: SpotCheckPlan, d: SpotCheckDraw,
                                target_ids: list[str]) -> None:
        """The drawn enterprises (those with a 统一社会信用代码) as match rows; a target an
        earlier draw of the plan already holds keeps its row."""
        ids = [uuid.UUID(t) for t in target_ids]
        if not ids:
            return
        held = set((await self.session.scalars(select(SpotCheckPlanTarget.target_id).where(
            SpotCheckPlanTarget.plan_id == plan.id,
            SpotCheckPlanTarget.target_id.in_(ids)))).all())
        rows = await self.session.execute(select(
            InspectionTarget.id, InspectionTarget.uscc, InspectionTarget.name).where(
            InspectionTarget.id.in_(ids), InspectionTarget.uscc.is_not(None)))
        self.session.add_all([SpotCheckPlanTarget(
            plan_id=plan.id, draw_id=d.id, agency_id=plan.agency_id,
            region_code=plan.region_code, year=plan.year, target_id=tid, target_uscc=code,
            target_name=name) for tid, code, name in rows.all() if tid not in held])
        await self.session.flush()
