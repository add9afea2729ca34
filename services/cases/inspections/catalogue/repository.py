"""Every query of the inspection catalogue."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import scope_clause
from kit.pagination import keyset_page
from services.cases.inspections.catalogue.models import InspectionItem, InspectionTarget


class ItemRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, item_id: uuid.UUID, principal: Principal | None) -> InspectionItem | None:
        """In scope, or published (the published list is public)."""
        stmt = select(InspectionItem).where(InspectionItem.id == item_id)
        public = InspectionItem.published_at.is_not(None)
        if principal is None:
            stmt = stmt.where(public)
        else:
            stmt = stmt.where(or_(public, scope_clause(principal, InspectionItem.agency_id,
                                                       InspectionItem.region_code)))
        return await self.session.scalar(stmt)

    async def many(self, ids: Sequence[uuid.UUID]) -> list[InspectionItem]:
        return list((await self.session.scalars(select(InspectionItem).where(
            InspectionItem.id.in_(ids)))).all())

    async def code_taken(self, agency_id: uuid.UUID, code: str) -> bool:
        return await self.session.scalar(select(InspectionItem.id).where(
            InspectionItem.agency_id == agency_id, InspectionItem.code == code).limit(1)
        ) is not None

    async def list(self, principal: Principal | None, *, published: bool | None,
                   agency_id: uuid.UUID | None, domain: str | None, cursor: str | None,
                   limit: int) -> tuple[list[InspectionItem], str | None]:
        stmt = select(InspectionItem)
        if published or principal is None:
            stmt = stmt.where(InspectionItem.published_at.is_not(None),
                              InspectionItem.superseded_at.is_(None))
        else:
            stmt = stmt.where(scope_clause(principal, InspectionItem.agency_id,
                                           InspectionItem.region_code))
            if published is False:
                stmt = stmt.where(InspectionItem.published_at.is_(None))
        if agency_id is not None:
            stmt = stmt.where(InspectionItem.agency_id == agency_id)
        if domain:
            stmt = stmt.where(InspectionItem.domain == domain)
        return await keyset_page(self.session, stmt, cursor, limit,
                                 (InspectionItem.created_at, InspectionItem.id))


class TargetRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, target_id: uuid.UUID, principal: Principal) -> InspectionTarget | None:
        return await self.session.scalar(select(InspectionTarget).where(
            InspectionTarget.id == target_id,
            scope_clause(principal, InspectionTarget.agency_id, InspectionTarget.region_code)))

    async def by_uscc(self, agency_id: uuid.UUID, codes: Sequence[str]
                      ) -> dict[str, InspectionTarget]:
        rows = (await self.session.scalars(select(InspectionTarget).where(
            InspectionTarget.agency_id == agency_id, InspectionTarget.uscc.in_(codes)))).all()
        return {t.uscc: t for t in rows if t.uscc}

    async def list(self, principal: Principal, *, agency_id: uuid.UUID | None,
                   risk: str | None, cursor: str | None, limit: int
                   ) -> tuple[list[InspectionTarget], str | None]:
        stmt = select(InspectionTarget).where(
            scope_clause(principal, InspectionTarget.agency_id, InspectionTarget.region_code))
        if agency_id is not None:
            stmt = stmt.where(InspectionTarget.agency_id == agency_id)
        if risk:
            stmt = stmt.where(InspectionTarget.credit_risk_class == risk)
        return await keyset_page(self.session, stmt, cursor, limit,
                                 (InspectionTarget.created_at, InspectionTarget.id))

    async def pool(self, agency_ids: Sequence[uuid.UUID], kinds: Sequence[str]
                   ) -> list[InspectionTarget]:
        """The candidate pool of a draw: every registered target of the plan's agencies and
        target kinds, in id order."""
        return list((await self.session.scalars(select(InspectionTarget).where(
            InspectionTarget.agency_id.in_(agency_ids), InspectionTarget.kind.in_(kinds)
        ).order_by(InspectionTarget.id))).all())
