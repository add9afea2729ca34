"""Queries of 责任追究."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from kit.pagination import keyset_page
from services.review.repository import scope_clause
from services.review.responsibility.models import ResponsibilityRecord as R


class RecordRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_scoped(self, principal: Principal, record_id: uuid.UUID) -> R | None:
        return await self.session.scalar(select(R).where(
            R.id == record_id, scope_clause(principal, R.agency_id, R.region_code))
            .with_for_update())

    async def list(self, principal: Principal, cursor: str | None,
                   limit: int) -> tuple[list[R], str | None]:
        stmt = select(R).where(scope_clause(principal, R.agency_id, R.region_code))
        return await keyset_page(self.session, stmt, cursor, limit, (R.created_at, R.id),
                                 descending=True)
