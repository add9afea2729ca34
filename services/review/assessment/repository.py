"""Queries of 评议考核."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import ALL_SEEING, region_prefix
from kit.pagination import keyset_page
from services.review.assessment.models import AssessmentScore, PerformanceAssessment

A, S = PerformanceAssessment, AssessmentScore


def assessment_scope(principal: Principal):
    """Supervisors: their region subtree; the all-seeing: all; an agency admin: the finalised
    assessments that rank their agency (内部通报); anyone else nothing."""
    if principal.has(*ALL_SEEING):
        return A.id.is_not(None)
    if principal.has("supervisor"):
        return region_prefix(A.region_code, principal.region_code or "")
    if principal.has("agency_admin") and principal.agency_id:
        mine = select(S.assessment_id).where(S.agency_id == uuid.UUID(str(principal.agency_id)))
        return (A.status == "finalised") & A.id.in_(mine)
    return A.id.is_(None)


class AssessmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_scoped(self, principal: Principal, assessment_id: uuid.UUID,
                         for_update: bool = False) -> A | None:
        stmt = select(A).where(A.id == assessment_id, assessment_scope(principal))
        if for_update:
            stmt = stmt.with_for_update()
        return await self.session.scalar(stmt)

    async def of_year(self, region_code: str, year: int) -> A | None:
        return await self.session.scalar(select(A).where(A.region_code == region_code,
                                                         A.year == year))

    async def list(self, principal: Principal, year: int | None, cursor: str | None,
                   limit: int) -> tuple[list[A], str | None]:
        stmt = select(A).where(assessment_scope(principal))
        if year is not None:
            stmt = stmt.where(A.year == year)
        return await keyset_page(self.session, stmt, cursor, limit, (A.created_at, A.id),
                                 descending=True)

    async def scores(self, assessment_id: uuid.UUID) -> list[S]:
        return list(await self.session.scalars(select(S).where(
            S.assessment_id == assessment_id).order_by(S.rank, S.agency_name, S.agency_id)))

    async def replace_scores(self, assessment_id: uuid.UUID, rows: list[S]) -> None:
        await self.session.execute(delete(S).where(S.assessment_id == assessment_id))
        self.session.add_all(rows)
        await self.session.flush()

    def add(self, row: object) -> None:
        self.session.add(row)
