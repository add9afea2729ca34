"""Queries of the public inspection views and the enterprise evaluations."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import scope_clause
from services.cases.inspections.public.models import InspectionEvaluation


class EvaluationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, row: Any) -> None:
        self.session.add(row)

    def _where(self, principal: Principal, year: int, agency_id: uuid.UUID | None) -> list[Any]:
        where = [scope_clause(principal, InspectionEvaluation.agency_id,
                              InspectionEvaluation.region_code),
                 InspectionEvaluation.year == year]
        if agency_id is not None:
            where.append(InspectionEvaluation.agency_id == agency_id)
        return where

    async def aggregate(self, principal: Principal, year: int,
                        agency_id: uuid.UUID | None) -> tuple[int, float | None, int]:
        row = (await self.session.execute(select(
            func.count(), func.avg(InspectionEvaluation.rating),
            func.count().filter(InspectionEvaluation.is_complaint.is_(True))).where(
            *self._where(principal, year, agency_id)))).one()
        return int(row[0]), None if row[1] is None else round(float(row[1]), 2), int(row[2])

    async def items(self, principal: Principal, year: int, agency_id: uuid.UUID | None,
                    limit: int = 500) -> list[InspectionEvaluation]:
        return list((await self.session.scalars(select(InspectionEvaluation).where(
            *self._where(principal, year, agency_id)).order_by(
            InspectionEvaluation.created_at.desc()).limit(limit))).all())

    async def breaches(self, principal: Principal, year: int,
                       agency_id: uuid.UUID | None) -> list[list[int]]:
        rows = await self.session.scalars(select(InspectionEvaluation.breaches).where(
            *self._where(principal, year, agency_id)))
        return list(rows.all())
