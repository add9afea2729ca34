"""Queries of 监督意见书."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kit.auth import Principal
from kit.pagination import keyset_page
from services.review.repository import scope_clause
from services.review.supervision.models import SupervisionOpinion as Op


class OpinionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_scoped(self, principal: Principal, opinion_id: uuid.UUID) -> Op | None:
        return await self.session.scalar(select(Op).where(
            Op.id == opinion_id, scope_clause(principal, Op.agency_id, Op.region_code))
            .with_for_update())

    async def list(self, principal: Principal, *, overdue_on: date | None,
                   cursor: str | None, limit: int) -> tuple[list[Op], str | None]:
        stmt = select(Op).where(scope_clause(principal, Op.agency_id, Op.region_code))
        if overdue_on:
            stmt = stmt.where(Op.status == "issued", Op.rectify_by < overdue_on)
        return await keyset_page(self.session, stmt, cursor, limit, (Op.issued_at, Op.id),
                                 descending=True)
