"""Queries of 法制审核."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from kit.pagination import keyset_page
from services.review.legal.models import LegalReview, MajorDecisionCatalogue, Reviewer
from services.review.repository import scope_clause


class ReviewRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_by_case_round(self, case_id: uuid.UUID, round_: int) -> LegalReview | None:
        return await self.session.scalar(select(LegalReview).where(
            LegalReview.case_id == case_id, LegalReview.round == round_))

    async def get_scoped(self, principal: Principal, review_id: uuid.UUID,
                         for_update: bool = False) -> LegalReview | None:
        stmt = select(LegalReview).where(
            LegalReview.id == review_id,
            scope_clause(principal, LegalReview.agency_id, LegalReview.region_code))
        if for_update:
            stmt = stmt.with_for_update()
        return await self.session.scalar(stmt)

    async def list(self, principal: Principal, *, status: str | None,
                   reviewer_id: uuid.UUID | None, overdue_on: date | None,
                   cursor: str | None, limit: int) -> tuple[list[LegalReview], str | None]:
        """Keyset page ordered by (requested_at, id), oldest first (a queue)."""
        stmt = select(LegalReview).where(
            scope_clause(principal, LegalReview.agency_id, LegalReview.region_code))
        if status:
            stmt = stmt.where(LegalReview.status == status)
        if reviewer_id:
            stmt = stmt.where(LegalReview.reviewer_id == reviewer_id)
        if overdue_on:
            stmt = stmt.where(LegalReview.status == "pending", LegalReview.due_date < overdue_on)
        return await keyset_page(self.session, stmt, cursor, limit,
                                 (LegalReview.requested_at, LegalReview.id))


class ReviewerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, reviewer_id: uuid.UUID) -> Reviewer | None:
        return await self.session.get(Reviewer, reviewer_id)

    async def by_user(self, user_id: str) -> Reviewer | None:
        return await self.session.scalar(select(Reviewer).where(Reviewer.user_id == user_id))

    async def for_principal(self, principal: Principal) -> Reviewer | None:
        """The profile whose `user_id` is the token's subject (account id) or its username."""
        keys = [k for k in (principal.subject, principal.username) if k]
        rows = (await self.session.scalars(select(Reviewer).where(
            Reviewer.user_id.in_(keys)))).all()
        return next((r for k in keys for r in rows if r.user_id == k), None)

    async def list(self, principal: Principal) -> list[Reviewer]:
        stmt = select(Reviewer).where(scope_clause(principal, Reviewer.agency_id,
                                                   Reviewer.region_code))
        return list((await self.session.scalars(stmt.order_by(Reviewer.name, Reviewer.id)
                                                .limit(500))).all())


class CatalogueRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def latest_for_agency(self, agency_id: uuid.UUID) -> MajorDecisionCatalogue | None:
        return await self.session.scalar(
            select(MajorDecisionCatalogue).where(MajorDecisionCatalogue.agency_id == agency_id)
            .order_by(MajorDecisionCatalogue.version.desc()).limit(1))

    async def latest_for_regions(self, prefixes: list[str]) -> MajorDecisionCatalogue | None:
        """The newest version of the catalogue of the longest matching region prefix."""
        rows = (await self.session.scalars(
            select(MajorDecisionCatalogue).where(
                MajorDecisionCatalogue.region_code.in_(prefixes)))).all()
        if not rows:
            return None
        return max(rows, key=lambda c: (len(c.region_code or ""), c.version))

    async def next_version(self, agency_id: uuid.UUID | None, region_code: str | None) -> int:
        where: Any = (MajorDecisionCatalogue.agency_id == agency_id if agency_id
                      else MajorDecisionCatalogue.region_code == region_code)
        current = await self.session.scalar(
            select(MajorDecisionCatalogue.version).where(where)
            .order_by(MajorDecisionCatalogue.version.desc()).limit(1))
        return (current or 0) + 1
