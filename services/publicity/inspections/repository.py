"""Queries of the 双随机、一公开 records."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kit.pagination import keyset_page
from services.publicity.inspections.models import InspectionDisclosure as D


class InspectionDisclosureRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, kind: str, source_id: uuid.UUID) -> D | None:
        return await self.session.scalar(select(D).where(D.kind == kind,
                                                         D.source_id == source_id))

    def add(self, row: D) -> None:
        self.session.add(row)

    async def public_page(self, kind: str | None, agency_id: uuid.UUID | None,
                          cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
        stmt = select(D)
        if kind:
            stmt = stmt.where(D.kind == kind)
        if agency_id:
            stmt = stmt.where(D.agency_id == agency_id)
        return await keyset_page(self.session, stmt, cursor, limit, (D.published_at, D.id),
                                 descending=True)
