"""Queries of 监督意见书."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from kit.auth import Principal
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
                   after: tuple[datetime, uuid.UUID] | None, limit: int) -> list[Op]:
        stmt = select(Op).where(scope_clause(principal, Op.agency_id, Op.region_code))
        if overdue_on:
            stmt = stmt.where(Op.status == "issued", Op.rectify_by < overdue_on)
        if after:
            stmt = stmt.where(or_(Op.issued_at < after[0],
                                  and_(Op.issued_at == after[0], Op.id < after[1])))
        stmt = stmt.order_by(Op.issued_at.desc(), Op.id.desc()).limit(limit + 1)
        return list((await self.session.scalars(stmt)).all())
