"""Queries of the public 统计年报 tables."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from common.scope import region_prefix
from kit.pagination import keyset_page
from services.publicity.annual.models import AnnualStatistics as A


class AnnualStatisticsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def page(self, region_code: str | None, year: int | None, current_only: bool,
                   cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
        stmt = select(A)
        if region_code:
            stmt = stmt.where(region_prefix(A.region_code, region_code))
        if year is not None:
            stmt = stmt.where(A.year == year)
        if current_only:
            stmt = stmt.where(A.status == "published")
        return await keyset_page(self.session, stmt, cursor, limit, (A.published_at, A.id),
                                 descending=True)

    async def get(self, report_id: uuid.UUID) -> A | None:
        return await self.session.get(A, report_id)
