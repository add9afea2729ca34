"""Queries on the agency's own enforcement path, scoped in the WHERE clause."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import scope_clause
from kit.pagination import keyset_page
from services.cases.coercion.models import CoercedItem, CoerciveMeasure
from services.cases.enforcement.models import CourtEnforcement
from services.cases.self_enforcement.models import SelfEnforcement


class SelfEnforcementRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def for_case(self, case_id: uuid.UUID) -> SelfEnforcement | None:
        stmt = select(SelfEnforcement).where(SelfEnforcement.case_id == case_id)
        return (await self.session.scalars(stmt.with_for_update())).one_or_none()

    async def court_status(self, case_id: uuid.UUID) -> str | None:
        stmt = select(CourtEnforcement.status).where(CourtEnforcement.case_id == case_id)
        return (await self.session.scalars(stmt)).one_or_none()

    async def held_measures(self, case_id: uuid.UUID) -> list[CoerciveMeasure]:
        """The case's active 查封/扣押 that still hold at least one item."""
        held = select(CoercedItem.measure_id).where(CoercedItem.status == "held")
        stmt = (select(CoerciveMeasure)
                .where(CoerciveMeasure.case_id == case_id, CoerciveMeasure.status == "active",
                       CoerciveMeasure.id.in_(held))
                .order_by(CoerciveMeasure.started_on, CoerciveMeasure.id))
        return list((await self.session.scalars(stmt.with_for_update())).all())

    async def held_items(self, measure_ids: list[uuid.UUID]) -> list[CoercedItem]:
        stmt = select(CoercedItem).where(CoercedItem.measure_id.in_(measure_ids),
                                         CoercedItem.status == "held")
        return list((await self.session.scalars(stmt.with_for_update())).all())

    async def list(self, principal: Principal, *, limit: int, cursor: str | None,
                   status: str | None) -> tuple[list[SelfEnforcement], str | None]:
        e = SelfEnforcement
        stmt = select(e).where(scope_clause(principal, e.agency_id, e.region_code))
        if status is not None:
            stmt = stmt.where(e.status == status)
        return await keyset_page(self.session, stmt, cursor, limit, (e.perform_by, e.id))
