"""Queries of 年度行政执法监督计划."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Date, Uuid, column, func, select, table
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import ALL_SEEING, region_prefix
from kit.pagination import keyset_page
from services.review.plans.models import PlanItem, SupervisionPlan

P, It = SupervisionPlan, PlanItem
# the columns of 监督行动 (services.review.actions, which imports this package) read here
ACTIONS = table("supervision_actions", column("id", Uuid), column("plan_id", Uuid),
                column("plan_item_id", Uuid), column("starts_on", Date), column("ends_on", Date))


def plan_scope(principal: Principal):
    """Supervisors: their region subtree; the all-seeing: all; anyone else nothing (the
    published plan is public through publicity)."""
    if principal.has(*ALL_SEEING):
        return P.id.is_not(None)
    if principal.has("supervisor"):
        return region_prefix(P.region_code, principal.region_code or "")
    return P.id.is_(None)


class PlanRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_scoped(self, principal: Principal, plan_id: uuid.UUID,
                         for_update: bool = False) -> P | None:
        stmt = select(P).where(P.id == plan_id, plan_scope(principal))
        if for_update:
            stmt = stmt.with_for_update()
        return await self.session.scalar(stmt)

    async def of_year(self, region_code: str, year: int) -> P | None:
        return await self.session.scalar(select(P).where(P.region_code == region_code,
                                                         P.year == year))

    async def list(self, principal: Principal, year: int | None, cursor: str | None,
                   limit: int) -> tuple[list[P], str | None]:
        stmt = select(P).where(plan_scope(principal))
        if year is not None:
            stmt = stmt.where(P.year == year)
        return await keyset_page(self.session, stmt, cursor, limit, (P.created_at, P.id),
                                 descending=True)

    async def items(self, plan_id: uuid.UUID) -> list[It]:
        return list(await self.session.scalars(
            select(It).where(It.plan_id == plan_id).order_by(It.seq, It.id)))

    async def item_scoped(self, principal: Principal, item_id: uuid.UUID
                          ) -> tuple[It, P] | None:
        row = (await self.session.execute(select(It, P).join(P, P.id == It.plan_id).where(
            It.id == item_id, plan_scope(principal)))).first()
        return (row[0], row[1]) if row else None

    async def next_seq(self, plan_id: uuid.UUID) -> int:
        top = await self.session.scalar(select(func.max(It.seq)).where(It.plan_id == plan_id))
        return (top or 0) + 1

    async def actions_by_item(self, plan_id: uuid.UUID) -> list[Any]:
        """(id, plan_item_id, ends_on) of the actions carrying the plan's items."""
        a = ACTIONS.c
        return list((await self.session.execute(select(a.id, a.plan_item_id, a.ends_on).where(
            a.plan_id == plan_id, a.plan_item_id.is_not(None)).order_by(
            a.starts_on, a.id))).all())

    def add(self, row: object) -> None:
        self.session.add(row)
