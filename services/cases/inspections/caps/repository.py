"""Queries of the cap table."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import scope_clause
from kit.pagination import keyset_page
from services.cases.inspections.caps.models import InspectionCap


class CapRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, agency_id: uuid.UUID, target_class: str) -> InspectionCap | None:
        return await self.session.scalar(select(InspectionCap).where(
            InspectionCap.agency_id == agency_id, InspectionCap.target_class == target_class))

    async def for_agencies(self, agency_ids: set[uuid.UUID]
                           ) -> dict[tuple[uuid.UUID, str], int]:
        if not agency_ids:
            return {}
        rows = await self.session.scalars(select(InspectionCap).where(
            InspectionCap.agency_id.in_(agency_ids)))
        return {(r.agency_id, r.target_class): r.annual_limit for r in rows}

    async def list(self, principal: Principal, agency_id: uuid.UUID | None,
                   cursor: str | None, limit: int) -> tuple[list[InspectionCap], str | None]:
        stmt = select(InspectionCap).where(scope_clause(principal, InspectionCap.agency_id,
                                                        InspectionCap.region_code))
        if agency_id:
            stmt = stmt.where(InspectionCap.agency_id == agency_id)
        return await keyset_page(self.session, stmt, cursor, limit,
                                 (InspectionCap.created_at, InspectionCap.id))

    async def save(self, row: InspectionCap) -> None:
        """Flush and reload (server-side `updated_at`)."""
        await self.session.flush()
        await self.session.refresh(row)

    def add(self, row: InspectionCap) -> None:
        self.session.add(row)
