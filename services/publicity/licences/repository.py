"""Queries of licence disclosures."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from common.principal import Principal
from common.scope import scope_clause
from kit.pagination import keyset_page
from services.publicity.licences.models import LicenceDisclosure


class LicenceDisclosureRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_application(self, application_id: uuid.UUID) -> LicenceDisclosure | None:
        return await self.session.scalar(select(LicenceDisclosure).where(
            LicenceDisclosure.application_id == application_id).with_for_update())

    async def get(self, disclosure_id: uuid.UUID, principal: Principal
                  ) -> LicenceDisclosure | None:
        return await self.session.scalar(select(LicenceDisclosure).where(
            LicenceDisclosure.id == disclosure_id, scope_clause(
                principal, LicenceDisclosure.agency_id, LicenceDisclosure.region_code)))

    def add(self, row: LicenceDisclosure) -> None:
        self.session.add(row)

    async def public_page(self, agency_id: uuid.UUID | None, cursor: str | None, limit: int,
                          status: str = "published") -> tuple[list[Any], str | None]:
        stmt = select(LicenceDisclosure).where(LicenceDisclosure.status == status)
        if agency_id is not None:
            stmt = stmt.where(LicenceDisclosure.agency_id == agency_id)
        return await keyset_page(self.session, stmt, cursor, limit,
                                 (LicenceDisclosure.decided_on, LicenceDisclosure.id),
                                 descending=True)

    async def for_export(self, template: str) -> list[LicenceDisclosure]:
        kind = LicenceDisclosure.holder_kind == "person"
        stmt = select(LicenceDisclosure).where(LicenceDisclosure.status == "published",
                                               LicenceDisclosure.granted.is_(True),
                                               kind if template == "natural" else ~kind)
        return list(await self.session.scalars(stmt.order_by(
            LicenceDisclosure.decided_on.desc(), LicenceDisclosure.id).limit(50_000)))
